"""E-mails: what a send that did not go says."""

CATALOG = {
    "mail.not_configured": ("Aucun serveur d'envoi n'est configuré (réglage HYC_SMTP_HOST) : rien n'a été envoyé.",
                            "No mail server is configured (setting HYC_SMTP_HOST): nothing was sent."),
    "mail.unreachable": ("Le serveur d'envoi {host}:{port} n'a pas pu être joint ({why}) : rien n'a été envoyé.",
                         "The mail server {host}:{port} could not be reached ({why}): nothing was sent."),
    "mail.sign_in_refused": ("identifiant ou mot de passe refusé", "user or password refused"),
    "mail.recipient_refused": ("Le serveur refuse l'adresse {to} : message non envoyé.",
                               "The server refuses the address {to}: message not sent."),
    "mail.failed": ("Message à {to} non envoyé ({why}).", "Message to {to} not sent ({why})."),
}
