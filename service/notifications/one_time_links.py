"""The one-time links invitations and password resets carry, and keeping them from anyone but their recipient.

Only a link's SHA-256 is stored (service/access/account_links.py), but the message that carries it holds it in
full until it is sent. Once sent it is struck from the stored message, and an administrator reading the
outbox sees it only where no mail relay is configured (development, `make run`), since there the outbox is
how the link reaches anyone.
"""

import logging
import re

LINK_PAGE = "/account/set-password/"
# The messages' kinds that carry one (service/notifications/invitations.py).
INVITATION_KIND, RESET_KIND = "invitation", "password-reset"
KINDS = frozenset({INVITATION_KIND, RESET_KIND})
_LINK = re.compile(re.escape(LINK_PAGE) + r"[A-Za-z0-9_\-]+")
STRUCK = LINK_PAGE + "[one-time link, for its recipient alone]"


def path_for(secret: str) -> str:
    """The page a link opens (the secret is its last segment)."""
    return LINK_PAGE + secret


def struck(text: str) -> str:
    """The text with every one-time link in it replaced by words saying what was there."""
    return _LINK.sub(STRUCK, text)


class StruckFromAccessLog(logging.Filter):
    """Strikes one-time links from uvicorn's access log, which writes every request's path (the link's secret too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the line, with any one-time link in its arguments struck (uvicorn passes the path as one of them)."""
        if isinstance(record.args, tuple):
            record.args = tuple(struck(value) if isinstance(value, str) else value for value in record.args)
        return True


def keep_out_of_access_log(logger: logging.Logger) -> None:
    """Give the access logger the filter once, however often the application is built."""
    if not any(isinstance(existing, StruckFromAccessLog) for existing in logger.filters):
        logger.addFilter(StruckFromAccessLog())
