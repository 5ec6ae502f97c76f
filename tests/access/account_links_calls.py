"""The access contract for invitations and one-time links: the link pages are public, inviting is for admins.

A made-up secret is no link, so every caller is told so alike (404). The reset form's POST needs the CSRF
cookie its GET sets, which these calls do not carry: everyone is refused alike (403), none for who they are.
"""

from tests.access.calls import ACTORS, ADMIN_ONLY, EVERYONE, MEMBERS, NOBODY, Call

NO_LINK = lambda world: {"secret": "not-a-link-anyone-was-sent"}  # noqa: E731
NO_USER = lambda world: {"user_id": 999_999}  # noqa: E731
ADMIN_FINDS_NO_USER = ADMIN_ONLY | {"admin": 404}

ACCOUNT_LINKS_CALLS: dict[tuple[str, str], Call] = {
    ("GET", "/account/set-password/{secret}"): Call(NOBODY, NO_LINK),
    ("POST", "/account/set-password/{secret}"): Call(NOBODY, NO_LINK, form={"password": "a long enough password"}),
    ("GET", "/forgot-password"): Call(EVERYONE),
    ("POST", "/forgot-password"): Call(dict.fromkeys(ACTORS, 403), form={"email": "nobody@example.org"}),
    ("POST", "/admin/users/{user_id}/invitation"): Call(ADMIN_FINDS_NO_USER, NO_USER, form={}),
    ("POST", "/api/v1/users"): Call(
        dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 201},
        body=lambda world: {"email": "invited@example.org", "name": "Ivy Invited", "role": "admin"},
    ),
    ("GET", "/api/v1/users/{user_id}"): Call(ADMIN_FINDS_NO_USER, NO_USER),
    ("POST", "/api/v1/users/{user_id}/invitation"): Call(ADMIN_FINDS_NO_USER, NO_USER),
}
