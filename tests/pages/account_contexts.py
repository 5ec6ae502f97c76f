"""Representative contexts for the pages of one's own account before sign-in (see test_templates.py)."""

from types import SimpleNamespace
from typing import Any

LIFETIMES = {"invitation": "7 days", "reset": "1 hour"}


def account_contexts() -> dict[str, list[dict[str, Any]]]:
    """Each template of templates/access/, in each of the states it shows."""
    user = SimpleNamespace(name="Nia Newcomer", email="nia@example.org")
    form = {"user": user, "secret": "s3cret", "csrf_token": "t", "caller": None, "lifetimes": LIFETIMES}
    form |= {"hint": "At least 12 characters.", "error": ""}
    return {
        "access/set_password.html": [
            form | {"invited": True},
            form | {"invited": False, "error": "Password must be at least 12 characters"},
        ],
        "access/link_unusable.html": [
            {"state": state, "caller": None, "lifetimes": LIFETIMES}
            for state in ("expired", "used", "replaced", "unknown")
        ],
        "access/forgot_password.html": [
            {"email": "", "error": "", "csrf_token": "t", "caller": None, "lifetimes": LIFETIMES},
            {
                "email": "nia",
                "error": "Enter an email address",
                "csrf_token": "t",
                "caller": None,
                "lifetimes": LIFETIMES,
            },
        ],
        "access/reset_requested.html": [{"caller": None, "lifetimes": LIFETIMES}],
    }
