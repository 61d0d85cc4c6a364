"""E-mails the app sends through the team's SMTP server (the HYC_SMTP_* settings; the password from
HYC_SMTP_PASSWORD or Streamlit's secrets, never the store).

`send` sends a batch over one connection and says, for each message, whether it went: a refusal of one recipient
never stops the others. Nothing here knows what a message is about: the proposals, the invitations and the digests
write their own, and record what went.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from hyc import config
from hyc.audit import WriteError
from hyc.i18n import Message

TIMEOUT = 20  # seconds for the server to answer: a proposal sent during a call must not hang the page


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    security: str  # starttls, ssl or none
    user: str
    password: str | None
    sender: str


class NotConfigured(WriteError):
    def __init__(self) -> None:
        super().__init__(Message("mail.not_configured"))


def settings(password: str | None = None) -> Smtp:
    """The server from the settings (`password`: Streamlit's secret when the interface has one, else
    HYC_SMTP_PASSWORD); NotConfigured while HYC_SMTP_HOST names none."""
    cfg = config.load()
    if not cfg.smtp_host:
        raise NotConfigured()
    return Smtp(cfg.smtp_host, cfg.smtp_port, cfg.smtp_security, cfg.smtp_user,
                password or config.secret("HYC_SMTP_PASSWORD"), cfg.smtp_sender)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime: str  # "text/calendar; method=REQUEST", "application/vnd.openxmlformats-…"


def message(smtp: Smtp, to: str, subject: str, text: str, attachments: tuple[Attachment, ...] = (),
            lang: str = "fr") -> EmailMessage:
    """One plain-text e-mail from the team's sender, with its attachments."""
    mail = EmailMessage()
    mail["From"] = smtp.sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(domain=parseaddr(smtp.sender)[1].rpartition("@")[2] or None)
    mail.set_content(text)
    for attachment in attachments:
        maintype, _, rest = attachment.mime.partition("/")
        subtype, *params = (part.strip() for part in rest.split(";"))
        mail.add_attachment(attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename,
                            params=dict(p.split("=", 1) for p in params))
    mail["Content-Language"] = lang  # after the attachments: making the message mixed moves Content-* headers
    return mail


@dataclass(frozen=True)
class Sent:
    """What became of one message: sent, or why not (a sentence for the person)."""

    to: str
    problem: Message | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def send(smtp: Smtp, messages: list[EmailMessage]) -> list[Sent]:
    """Send each message over one connection; a recipient refused is said for that message, the others go. A
    server that cannot be reached or refuses the sign-in fails them all, with one reason."""
    if not messages:
        return []
    try:
        server = _connect(smtp)
    except (OSError, smtplib.SMTPException) as exc:
        reason = Message("mail.unreachable", host=smtp.host, port=smtp.port,
                         why=Message("mail.sign_in_refused") if isinstance(exc, smtplib.SMTPAuthenticationError)
                         else type(exc).__name__)
        return [Sent(m["To"], reason) for m in messages]
    results = []
    with server:
        for mail in messages:
            try:
                server.send_message(mail)
                results.append(Sent(mail["To"]))
            except smtplib.SMTPRecipientsRefused:
                results.append(Sent(mail["To"], Message("mail.recipient_refused", to=mail["To"])))
            except (OSError, smtplib.SMTPException) as exc:
                results.append(Sent(mail["To"], Message("mail.failed", to=mail["To"], why=type(exc).__name__)))
    return results


def _connect(smtp: Smtp) -> smtplib.SMTP:
    if smtp.security == "ssl":
        server = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=TIMEOUT, context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT)
        if smtp.security == "starttls":
            server.starttls(context=ssl.create_default_context())
    if smtp.user:
        server.login(smtp.user, smtp.password or "")
    return server
