"""Outgoing e-mail over SMTP (Python's smtplib), configured by the SMTP_* settings."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from vibecraft.config import Settings


class MailNotConfigured(RuntimeError):
    pass


def mail_configured(settings: Settings) -> bool:
    return bool(settings.smtp_host and settings.smtp_from)


def build_message(settings: Settings, *, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message


def send_mail(settings: Settings, *, to: str, subject: str, body: str) -> None:
    """Send one plain-text message; raises MailNotConfigured without SMTP settings, smtplib's errors on failure."""
    if not mail_configured(settings):
        raise MailNotConfigured("SMTP_HOST and SMTP_FROM are not set")
    message = build_message(settings, to=to, subject=subject, body=body)
    timeout = settings.smtp_timeout_sec
    if settings.smtp_security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=timeout,
                                                context=ssl.create_default_context())
    else:
        client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout)
    with client:
        if settings.smtp_security == "starttls":
            client.starttls(context=ssl.create_default_context())
        if settings.smtp_username:
            client.login(settings.smtp_username, settings.smtp_password)
        client.send_message(message)
