"""No `assert` in production code: `python -O` removes them, so a check written as one silently stops checking."""

import ast
from pathlib import Path

from service.platform.settings import PROJECT_ROOT

PRODUCTION = ("service", "plan_schema", "validators")


def asserts_in(source: str, filename: str) -> list[int]:
    """The line of each assert statement in a module's source."""
    return [node.lineno for node in ast.walk(ast.parse(source, filename)) if isinstance(node, ast.Assert)]


def production_modules() -> list[Path]:
    return sorted(path for package in PRODUCTION for path in (PROJECT_ROOT / package).rglob("*.py"))


def test_production_code_raises_named_errors_instead_of_asserting() -> None:
    found = [
        f"{path.relative_to(PROJECT_ROOT)}:{line}"
        for path in production_modules()
        for line in asserts_in(path.read_text(encoding="utf-8"), str(path))
    ]

    assert found == []


def test_an_assert_is_found_wherever_it_is_nested_and_a_mention_is_not() -> None:
    source = 'def check(x: int) -> None:\n    if x:\n        assert x > 0, "positive"\n\nNOTE = "assert x"\n'

    assert asserts_in(source, "example.py") == [3]
    assert len(production_modules()) > 100  # the walk really reads the packages
