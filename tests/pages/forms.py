"""Reading and posting the pages' forms as a browser would, CSRF token included."""

import re

import httpx
from fastapi.testclient import TestClient

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]*)"')
FormFile = tuple[str, bytes, str]  # file name, content, media type


def csrf_token(page: str) -> str:
    """The first form's CSRF token on a page."""
    found = CSRF_FIELD.search(page)
    assert found is not None, "the page has no form with a CSRF token"
    return found.group(1)


def post_form(
    browser: TestClient, page: str, action: str, fields: dict[str, str], file: FormFile | None = None
) -> httpx.Response:
    """Post one of the page's forms as a browser would, with the session's CSRF token (redirects not followed)."""
    token = csrf_token(browser.get(page).text)
    files = {"file": file} if file is not None else None
    response: httpx.Response = browser.post(
        action, data=fields | {"csrf_token": token}, files=files, follow_redirects=False
    )
    return response


def spend_fields(page: str) -> dict[str, str]:
    """The fields a browser would post back from the quarter's spend form, as it shows them."""
    fields = dict(
        re.findall(r'id="([a-z_0-9-]+)" name="[a-z_0-9-]+" type="text"\s+inputmode="decimal"[^>]*value="([^"]*)"', page)
    )
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version is not None
    return fields | {"version": version.group(1), "csrf_token": csrf_token(page)}
