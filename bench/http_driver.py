"""The HTTP benchmark's machinery: bounded commands, the servers it starts, and its own HTTP requests."""

from __future__ import annotations

import atexit
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
API = "/api/v1"

# Every step is bounded in time.
STEP_TIMEOUT_S = 120
SERVER_STOP_TIMEOUT_S = 10
HTTP_TIMEOUT_S = 10


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# --- processes -----------------------------------------------------------------------------

servers: list[subprocess.Popen[bytes]] = []


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server we started (its own process group, by id), politely then firmly."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, SERVER_STOP_TIMEOUT_S), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def stop_all() -> None:
    while servers:
        stop(servers.pop())


def _on_signal(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


atexit.register(stop_all)
signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGHUP, _on_signal)


def run(cmd: list[str], *, env: dict[str, str] | None = None, timeout: float = STEP_TIMEOUT_S) -> str:
    """Run a command to completion (bounded), failing loudly with its output."""
    try:
        done = subprocess.run(
            cmd, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        sys.exit(f"timed out after {timeout:.0f} s: {shlex.join(cmd)}")
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {shlex.join(cmd)}\n{done.stdout}{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- HTTP ----------------------------------------------------------------------------------


# Authorization for the driver's own requests (set up, checks), once signed in as an administrator.
driver_headers: dict[str, str] = {}


def http(
    method: str, url: str, body: Any = None, *, form: dict[str, str] | None = None
) -> tuple[int, dict[str, str], Any]:
    request = urllib.request.Request(url, method=method, headers=dict(driver_headers))
    if form is not None:
        request.data = urllib.parse.urlencode(form).encode()
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    elif body is not None:
        request.data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as response:
            raw = response.read()
            return response.status, dict(response.headers), json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, dict(error.headers), json.loads(raw) if raw else None


def sign_in(base_url: str, email: str, password: str) -> str | None:
    """A bearer token from the password flow; None when the service has no sign-in (no accounts)."""
    status, _headers, payload = http("POST", f"{base_url}{API}/token", form={"username": email, "password": password})
    if status == 404:
        return None
    if status != 200:
        sys.exit(f"signing in as {email} answered {status}: {payload}")
    token: str = payload["access_token"]
    return token


def sign_in_page(base_url: str, email: str, password: str) -> str:
    """The Cookie header of a browser signed in through the sign-in page (its CSRF token included)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base_url}/sign-in", timeout=HTTP_TIMEOUT_S) as page:
        form = page.read().decode()
    found = re.search(r'name="csrf_token" value="([^"]*)"', form)
    if found is None:
        sys.exit("the sign-in page has no CSRF token")
    fields = {"csrf_token": found.group(1), "email": email, "password": password}
    with opener.open(f"{base_url}/sign-in", urllib.parse.urlencode(fields).encode(), timeout=HTTP_TIMEOUT_S):
        pass
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar if c.name == "adtp_session")
    if not cookie:
        sys.exit(f"signing in as {email} on the page set no session cookie")
    return cookie


def get_json(url: str) -> Any:
    status, _headers, payload = http("GET", url)
    if status != 200:
        sys.exit(f"GET {url} answered {status}: {payload}")
    return payload
