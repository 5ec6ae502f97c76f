"""Server-rendered pages (GOV.UK Design System, usable without JavaScript) from templates/.

`router` carries every page; `install(app)` serves the assets at /assets and renders errors
on pages as GOV.UK error pages (the API keeps problem+json).
"""

from fastapi import APIRouter

from service.pages import funding_page, plan_pages, start
from service.pages.rendering import install, templates

router = APIRouter(include_in_schema=False)
for _pages in (start, plan_pages, funding_page):
    router.include_router(_pages.router)

__all__ = ["install", "router", "templates"]
