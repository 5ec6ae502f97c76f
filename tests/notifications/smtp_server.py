"""A real SMTP server in the test process (aiosmtpd), keeping what arrives, or refusing as told."""

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass
class Inbox:
    """Every email the server accepted, and the answer it gives next (None: accept)."""

    received: list[EmailMessage] = field(default_factory=list)
    refuse_with: str | None = None

    def to(self, address: str) -> list[EmailMessage]:
        """What arrived for one address, in order."""
        return [message for message in self.received if message["To"] == address]

    def subjects(self, address: str) -> list[str]:
        """The subjects of what arrived for one address, in order."""
        return [str(message["Subject"]) for message in self.to(address)]


class _Handler:
    def __init__(self, inbox: Inbox) -> None:
        self._inbox = inbox

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 - aiosmtpd's name
        if self._inbox.refuse_with is not None:
            return self._inbox.refuse_with
        content: Any = envelope.content
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        self._inbox.received.append(parsed)
        return "250 OK"


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, str]]:
    """A server on an ephemeral port of 127.0.0.1; yields its inbox and the SMTP_URL that reaches it."""
    inbox = Inbox()
    controller = Controller(_Handler(inbox), hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield inbox, f"smtp://127.0.0.1:{controller.port}"
    finally:
        controller.stop()


def _free_port() -> int:
    # aiosmtpd 1.4 checks its server by connecting to the port it was given, so it cannot be given 0.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
