"""What goes in and out of the app as files and messages: e-mails, documents, calendar invitations."""
