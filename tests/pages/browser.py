"""The browser suite's machinery: Debian's Chromium driven by Playwright, the service under uvicorn, axe-core.

Its fixtures (`base_url`, `fresh_url`, `chromium`, `page`, `axe`) are in tests/pages/conftest.py.
"""

import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlmodel import Session

from service.demo.seeding import coming_plan_year, seed_demo
from service.pages.planning.funding_form import table_1_name
from service.pages.rendering import GOVUK_ASSETS
from service.planning.timetable import local_date
from service.platform.db import create_db_engine
from service.platform.migrations import upgrade_to_head
from service.platform.settings import PROJECT_ROOT
from service.tables.columns import utc_now
from tests.conftest import DEMO_PASSWORD, IN_CI

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA as axe-core tags it (guidance: GOV.UK services must meet WCAG 2.2 AA).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
# The served demo's current plan year, worked out from today's date as seed_demo works it out.
DEMO_PLAN_YEAR = coming_plan_year(local_date(utc_now()))
# Part 4's form names the plan year's Table 1 column by its year: 2027/28 → table_1-2027-28-….
POLICE = f"#{table_1_name(DEMO_PLAN_YEAR, 'police')}"
# The start page's link to Birmingham's current plan ("Birmingham Drug Action Team, 2027/28 plan" to a
# screen reader; Chromium puts a space before the hidden text's comma). The year's slash is escaped
# because Playwright writes the pattern into a /…/ selector.
_SELECTOR_YEAR = DEMO_PLAN_YEAR.replace("/", "\\/")
CURRENT_PLAN_LINK = re.compile(rf"^Birmingham Drug Action Team ?, {_SELECTOR_YEAR} plan$")
PLANNER = "planner@demo.example"


def require_browser_tools() -> None:
    """Chromium, the built assets and axe-core; a skip on a developer's machine, a failure under CI."""
    if not CHROMIUM.exists():
        message = f"the browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
        if IN_CI:
            pytest.fail(f"{message}; CI=true: browser tests must run")
        pytest.skip(message)
    # `make test` builds these; a missing build is a mistake to fix, never a reason to skip.
    missing = [str(path) for path in (GOVUK_ASSETS, AXE) if not path.exists()]
    if missing:
        pytest.fail(f"the browser tests need `make assets` (npm); missing: {', '.join(missing)}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


# The application as `adtp serve` builds it, with the pages installed whether or not create_app does yet.
SERVE = """
import sys, uvicorn
from service import pages
from service.app import create_app
app = create_app()
pages.install(app)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


@functools.cache
def _seeded_database(password: str) -> Path:
    """A SQLite database migrated to head and seeded with the demo, made once per test process.

    Each served module starts from a copy of it: copying a file takes milliseconds where migrating and
    seeding takes over a second, and every module needs the demo exactly as seeded.
    """
    path = Path(tempfile.mkdtemp(prefix="adtp-browser-")) / "seeded.sqlite3"
    engine = create_db_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        upgrade_to_head(connection)
    with Session(engine) as session:
        seed_demo(session=session, password=password)
        session.commit()
    # Everything the write-ahead log holds goes into the file itself, so a copy of the file is whole.
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def serve(directory: Path, password: str) -> Iterator[str]:
    """A fresh copy of the seeded SQLite database, served by uvicorn on a free port; yields its base URL."""
    database = directory / "browser.sqlite3"
    shutil.copyfile(_seeded_database(password), database)
    url = f"sqlite:///{database}"
    port = _free_port()
    environment = os.environ | {"DATABASE_URL": url, "ADTP_ENVIRONMENT": "test"}
    server = subprocess.Popen([sys.executable, "-c", SERVE, str(port)], cwd=PROJECT_ROOT, env=environment)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/api/v1/health", server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_until_up(health: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(health, timeout=1):  # noqa: S310 - our own http://127.0.0.1
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the service did not answer {health} within 30 seconds")


SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)


def without_javascript(page: Any, browser: Any, base_url: str) -> Any:
    """The page a browser without JavaScript shows, copied (scripts removed) into a tab where axe-core can run.

    axe-core needs JavaScript to run, and in a tab with JavaScript disabled its timers never fire.
    """
    copy = browser.new_context(base_url=base_url).new_page()
    copy.goto("/sign-in")  # any page of ours, so the copy's relative asset URLs resolve to the service
    copy.set_content(SCRIPT.sub("", page.content()), wait_until="load")
    return copy


def axe_violations(page: Any) -> list[str]:
    """Every WCAG 2.2 AA violation axe-core finds on the page, one line each."""
    result = page.evaluate(
        """async ([source, tags]) => {
            (0, eval)(source)
            return await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
        }""",
        [AXE.read_text(encoding="utf-8"), WCAG_TAGS],
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


def sign_in(page: Any, email: str = PLANNER) -> None:
    """Sign in through the form, as a demo user (the planner unless told), and land on the start page."""
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))


def api_client(base_url: str, email: str) -> httpx.Client:
    """A demo user's client of the served API, with a bearer token from POST /api/v1/token."""
    answer = httpx.post(f"{base_url}/api/v1/token", data={"username": email, "password": DEMO_PASSWORD})
    assert answer.status_code == 200, answer.text
    token = answer.json()["access_token"]
    return httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=60)
