"""The access contract for notifications: admins read the outbox; every signed-in user their own settings."""

from tests.access.calls import ADMIN_ONLY, MEMBERS, Call

# Signed-in users choose for themselves; a read-only token cannot change anything (403).
CHANGES_OWN = MEMBERS | {"read_only": 403}
FIRST_CHOICE = {"If-Match": '"notification-preferences-0"'}

NOTIFICATION_CALLS: dict[tuple[str, str], Call] = {
    ("GET", "/admin/messages"): Call(ADMIN_ONLY),
    # No message 999999: the admin is let through and told so; everyone else is refused first.
    ("GET", "/admin/messages/{message_id}"): Call(ADMIN_ONLY | {"admin": 404}, lambda world: {"message_id": 999999}),
    ("GET", "/account/notifications"): Call(MEMBERS),
    # An empty form names the missing choice (422) to those let through.
    ("POST", "/account/notifications"): Call(
        {actor: 422 if status == 200 else status for actor, status in CHANGES_OWN.items()}, form={}
    ),
    ("GET", "/api/v1/me/notification-preferences"): Call(MEMBERS),
    ("PUT", "/api/v1/me/notification-preferences"): Call(
        CHANGES_OWN, body=lambda world: {"cadence": "weekly"}, headers=lambda world: FIRST_CHOICE
    ),
}
