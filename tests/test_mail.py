"""E-mails through the team's SMTP server: a local one started by the tests receives them."""

from __future__ import annotations

import pytest

from hyc.exchange import mail


def test_without_a_server_nothing_is_sent_and_it_is_said(monkeypatch):
    monkeypatch.delenv("HYC_SMTP_HOST", raising=False)
    with pytest.raises(mail.NotConfigured) as refused:
        mail.settings()
    assert "HYC_SMTP_HOST" in str(refused.value.message)


def test_a_batch_is_received_as_written_with_its_attachment(smtp_server):
    smtp = mail.settings()
    invitation = mail.Attachment("atelier.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                                 "text/calendar; method=REQUEST")
    sent = mail.send(smtp, [
        mail.message(smtp, "anne@exemple.fr", "Une mission pour vous", "Bonjour Anne,\n\nÀ bientôt."),
        mail.message(smtp, "bob@exemple.fr", "An assignment", "Hello Bob", (invitation,), lang="en")])
    assert [s.ok for s in sent] == [True, True]
    first, second = smtp_server
    assert (first["To"], first["Subject"], first["From"]) == ("anne@exemple.fr", "Une mission pour vous",
                                                              mail.settings().sender)
    assert first.get_content().replace("\r\n", "\n").strip() == "Bonjour Anne,\n\nÀ bientôt."
    assert second["Content-Language"] == "en"
    (ics,) = [part for part in second.iter_attachments()]
    assert ics.get_content_type() == "text/calendar" and ics.get_param("method") == "REQUEST"
    assert ics.get_content().replace("\r\n", "\n").startswith("BEGIN:VCALENDAR")


def test_a_server_that_cannot_be_reached_fails_each_message_with_one_reason(monkeypatch):
    monkeypatch.setenv("HYC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("HYC_SMTP_PORT", "9")  # discard: nobody listens
    monkeypatch.setenv("HYC_SMTP_SECURITY", "none")
    smtp = mail.settings()
    sent = mail.send(smtp, [mail.message(smtp, "a@exemple.fr", "x", "y"), mail.message(smtp, "b@exemple.fr", "x",
                                                                                          "y")])
    assert [s.ok for s in sent] == [False, False]
    assert "127.0.0.1:9" in str(sent[0].problem) and "rien n'a été envoyé" in str(sent[0].problem)
