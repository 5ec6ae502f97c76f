"""What the deadline-day surge counts while it runs, and its report and checks afterwards."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

KINDS = ("page", "get_part", "save", "submit")
SAMPLES_KEPT = 5


class Stats:
    """Latencies and statuses by kind, successful saves by part, and what was refused or failed.

    Errors are counted where the answer is judged (the caller knows which statuses its step expects),
    except a connection that failed or timed out, which is always an error.
    """

    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, Counter[str]] = defaultdict(Counter)
        self.saves: Counter[str] = Counter()
        self.errors = 0
        self.expected_refusals: Counter[str] = Counter()
        self.samples: dict[str, list[str]] = defaultdict(list)

    def record(self, kind: str, status: int | str, seconds: float, detail: str = "") -> None:
        """One finished request (or a failed connection, whose status is the exception's name)."""
        self.latencies[kind].append(seconds)
        self.statuses[kind][str(status)] += 1
        if isinstance(status, str):
            self.errors += 1
            self._sample(f"error {kind} {status}", detail)

    def saved(self, plan_id: int, part: str) -> None:
        """A PUT answered 200: its part's version must have gone up by one."""
        self.saves[f"{plan_id}/{part}"] += 1

    def unexpected(self, kind: str, status: int, text: str, *, expected: bool = False) -> None:
        """An answer other than the step's success: an expected refusal (counted) or an error."""
        if expected:
            self.expected_refusals[f"{kind} {status}"] += 1
            self._sample(f"expected {kind} {status}", text)
        else:
            self.errors += 1
            self._sample(f"error {kind} {status}", text)

    def _sample(self, key: str, text: str) -> None:
        if len(self.samples[key]) < SAMPLES_KEPT:
            self.samples[key].append(text[:400])


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile, in milliseconds."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index] * 1000


def lost_updates(stats: Stats, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Every part whose version did not advance by exactly the successful PUTs the clients counted on it."""
    wrong = []
    for key, version in sorted(after["versions"].items()):
        advanced = version - before["versions"][key]
        if advanced != stats.saves[key]:
            wrong.append(f"{key}: version advanced by {advanced}, clients counted {stats.saves[key]} successful PUTs")
    return wrong


def print_report(
    stats: Stats,
    before: dict[str, Any],
    after: dict[str, Any],
    elapsed: float,
    load: float,
    machine: str,
    setting: str,
    users: int,
) -> bool:
    """Print the figures and the checks; True if any check failed."""
    total = sum(len(values) for values in stats.latencies.values())
    print(f"\nDeadline-day surge: {users} users, {setting}; {machine}")
    print(f"load average (1 min) before the run: {load:.2f}; ran {elapsed:.1f} s (in-flight requests awaited)")
    print(f"\n{'kind':<10}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  statuses")
    for kind in KINDS:
        values = stats.latencies.get(kind, [])
        if not values:
            print(f"{kind:<10}{0:>9}")
            continue
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(stats.statuses[kind].items()))
        print(
            f"{kind:<10}{len(values):>9}{len(values) / elapsed:>8.1f}{percentile(values, 0.50):>9.0f}"
            f"{percentile(values, 0.95):>9.0f}{percentile(values, 0.99):>9.0f}  {statuses}"
        )
    print(f"{'all':<10}{total:>9}{total / elapsed:>8.1f}")
    saves = stats.latencies.get("save", [])
    if saves:
        print(f"\nsave p95: {percentile(saves, 0.95):.0f} ms ({len(saves)} PUTs, {sum(stats.saves.values())} saved)")
    print(f"expected refusals: {dict(stats.expected_refusals) or 'none'}")
    print(f"errors: {stats.errors}")
    for key, texts in sorted(stats.samples.items()):
        for text in texts[:2]:
            print(f"  {key}: {text}")
    lost = lost_updates(stats, before, after)
    submissions = after["initial_submissions"]
    # A plan submitted twice would be a fault; one whose planners' turn to submit had not come when the
    # run ended (a short run, or a slow one) is not, and is counted apart.
    twice = {plan: count for plan, count in submissions.items() if count > 1}
    submitted = sum(1 for count in submissions.values() if count == 1)
    frozen_changed = after["changed_after_submission"]
    checks = [
        (stats.errors == 0, f"errors: {stats.errors}"),
        (not lost, f"lost or extra updates: {len(lost)} of {len(after['versions'])} parts"),
        (not twice, f"plans submitted more than once: {len(twice)} ({submitted} of {len(submissions)} submitted once)"),
        (not frozen_changed, f"frozen parts changed after their submission: {len(frozen_changed)}"),
    ]
    print("\nchecks:")
    for passed, text in checks:
        print(f"  {'ok    ' if passed else 'FAILED'} {text}")
    for line in lost[:10]:
        print(f"    {line}")
    if twice:
        print(f"    e.g. {dict(list(twice.items())[:10])}")
    if frozen_changed:
        print(f"    e.g. {frozen_changed[:10]} (part saved after the initial submission's snapshot)")
    return not all(passed for passed, _ in checks)
