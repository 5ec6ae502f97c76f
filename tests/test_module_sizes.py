"""No module over 400 lines: a module that long holds more than one thing, and should be split by what it holds."""

from pathlib import Path

from service.platform.settings import PROJECT_ROOT

PACKAGES = ("service", "plan_schema", "validators", "tests", "bench")
MAX_LINES = 400


def line_count(path: Path) -> int:
    with path.open(encoding="utf-8") as module:
        return sum(1 for _ in module)


def modules() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (PROJECT_ROOT / package).rglob("*.py"))


def test_no_module_is_over_400_lines() -> None:
    too_long = {
        str(path.relative_to(PROJECT_ROOT)): lines for path in modules() if (lines := line_count(path)) > MAX_LINES
    }

    assert too_long == {}


def test_every_package_is_looked_at_and_a_last_line_without_a_newline_counts(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text("a = 1\n" * MAX_LINES + "b = 2", encoding="utf-8")

    assert line_count(module) == MAX_LINES + 1
    assert {path.relative_to(PROJECT_ROOT).parts[0] for path in modules()} == set(PACKAGES)
