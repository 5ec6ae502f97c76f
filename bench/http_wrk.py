"""wrk runs of the HTTP benchmark, and the figures read from wrk's report."""

from __future__ import annotations

import json
import re
import shlex
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from http_driver import PROJECT_ROOT, cpu_seconds, run

WRK_DIR = Path(__file__).resolve().parent / "wrk"


# --- wrk -----------------------------------------------------------------------------------

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


@dataclass
class WrkResult:
    case: str
    command: str
    output: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: str
    exact: dict[str, Any] = field(default_factory=dict)
    server_cpu_pct: float | None = None  # None: not measured (several workers)
    checks: list[str] = field(default_factory=list)
    # The bare endpoint's requests/s measured just before this case, which a ratio target compares it with.
    bare_beside: float | None = None


def parse_wrk(case: str, command: str, output: str) -> WrkResult:
    """Figures from wrk's text report (--latency), plus the exact line our Lua prints."""

    def find(pattern: str) -> str:
        match = re.search(pattern, output, re.MULTILINE)
        if not match:
            sys.exit(f"could not find {pattern!r} in wrk output:\n{output}")
        return match.group(1)

    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors:\s+(.*)$", output, re.MULTILINE)
    exact_line = re.search(r"^ADTP_WRK (\{.*\})$", output, re.MULTILINE)
    return WrkResult(
        case=case,
        command=command,
        output=output,
        requests_per_s=float(find(r"Requests/sec:\s+([\d.]+)")),
        p50_ms=_ms(find(r"^\s+50%\s+(\S+)")),
        p99_ms=_ms(find(r"^\s+99%\s+(\S+)")),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sockets.group(1).strip() if sockets else "none",
        exact=json.loads(exact_line.group(1)) if exact_line else {},
    )


def wrk(
    base_url: str,
    path: str,
    *,
    case: str,
    script: str,
    threads: int,
    connections: int,
    duration: int,
    script_args: list[str] | None = None,
    server_pid: int | None = None,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> WrkResult:
    auth = ["-H", f"Authorization: Bearer {token}"] if token else []
    for name, value in (headers or {}).items():
        auth += ["-H", f"{name}: {value}"]
    cmd = [
        "wrk",
        *auth,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(WRK_DIR / script),
        base_url + path,
    ]
    if script_args:
        cmd += ["--", *script_args]
    cpu_before = cpu_seconds(server_pid) if server_pid else 0.0
    started = time.monotonic()
    output = run(cmd, timeout=duration + 60)
    elapsed = time.monotonic() - started
    shown = shlex.join(cmd).replace(str(PROJECT_ROOT) + "/", "")
    for secret in [token, *(headers or {}).values()]:
        if secret and len(secret) > 16:  # a credential (a cookie, a token): not in the report
            shown = shown.replace(secret, "<credential>")
    result = parse_wrk(case, shown, output)
    if server_pid:
        result.server_cpu_pct = 100.0 * (cpu_seconds(server_pid) - cpu_before) / elapsed
    return result
