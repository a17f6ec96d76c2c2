"""The email sink: one message per alert through SMTP (plain, STARTTLS or TLS, optional login).

The message's ``Message-ID`` is derived from the alert id (``<alert_id@eventwire>``) and the
id is also in ``X-Eventwire-Alert-Id``, so a mail system or a filter can drop a redelivered
copy. Connection failures, timeouts and 4xx answers are retried by the outbox; 5xx answers
(refused sender or recipients, authentication failure) are permanent.
"""

from __future__ import annotations

import json
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any

from eventwire.alerts.payload import render_text
from eventwire.alerts.sinks import DeliveryError, EmailSettings


def message(alert: dict[str, Any], settings: EmailSettings) -> EmailMessage:
    """The email for one alert: text body, the JSON payload attached."""
    msg = EmailMessage()
    subject = f"{settings.subject_prefix} {alert['rule']}: {alert['headline']}".strip()
    msg["Subject"] = subject[:250]
    msg["From"] = settings.sender
    msg["To"] = ", ".join(settings.to)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = f"<{alert['alert_id']}@eventwire>"
    msg["X-Eventwire-Alert-Id"] = alert["alert_id"]
    msg.set_content(render_text(alert) + "\n")
    msg.add_attachment(
        json.dumps(alert, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8"),
        maintype="application", subtype="json", filename=f"{alert['alert_id']}.json",
    )
    return msg


class EmailSink:
    def __init__(self, name: str, settings: EmailSettings) -> None:
        self.name = name
        self.settings = settings
        self._password = settings.resolve_password()

    def send(self, alert: dict[str, Any]) -> None:
        s = self.settings
        try:
            if s.ssl:
                client: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=ssl.create_default_context())
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            with client:
                if s.starttls:
                    client.starttls(context=ssl.create_default_context())
                if s.username and self._password is not None:
                    client.login(s.username, self._password)
                client.send_message(message(alert, s))
        except smtplib.SMTPResponseException as exc:
            text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
            raise DeliveryError(f"SMTP {s.host}:{s.port} answered {exc.smtp_code} {text}"[:300], retryable=exc.smtp_code < 500) from None
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise DeliveryError(f"SMTP {s.host}:{s.port} refused the recipients {codes}", retryable=all(c < 500 for c in codes)) from None
        except (OSError, smtplib.SMTPException, ssl.SSLError) as exc:
            raise DeliveryError(f"SMTP {s.host}:{s.port}: {type(exc).__name__}: {exc}"[:300]) from None

    def close(self) -> None:
        pass
