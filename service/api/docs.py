"""The API's interactive documentation (Swagger UI), under a Content-Security-Policy of its own."""

import base64
import hashlib
import re

from fastapi import APIRouter, Depends, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from service.access import policy

router = APIRouter(include_in_schema=False)
SWAGGER_CDN = "https://cdn.jsdelivr.net"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _policy(page: str) -> str:
    # Swagger UI comes from its CDN and starts with one inline script: that script is allowed by its hash alone.
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(page)
    )
    return (
        f"default-src 'none'; script-src {SWAGGER_CDN} {hashes}; style-src {SWAGGER_CDN}; "
        "img-src 'self' data: https://fastapi.tiangolo.com; connect-src 'self'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


@router.get("/docs", dependencies=[Depends(policy.public)])
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI for the API's OpenAPI document."""
    page = get_swagger_ui_html(openapi_url=request.app.openapi_url, title=f"{request.app.title} - Swagger UI").body
    text = bytes(page).decode()
    return HTMLResponse(text, headers={"Content-Security-Policy": _policy(text)})
