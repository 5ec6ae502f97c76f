"""Imports run downwards only: each module may import its own folder and what its docstring allows.

A package's docstring ends with a "May import:" line naming the floors beneath it; a module may
say its own (access/policy stands on planning, which the rest of access may not). The nearest
declaration above a module is the one that holds, and its own folder is always allowed.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("service", "plan_schema", "validators")
DECLARATION = re.compile(r"^May import:(?P<floors>.*?)(?:\n\n|\Z)", re.M | re.S)
NOTHING = "nothing"


@dataclass(frozen=True)
class Declaration:
    """Where a "May import" line was found, and the floors it names."""

    package: str
    floors: tuple[str, ...]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def declared_floors(path: Path) -> tuple[str, ...] | None:
    docstring = ast.get_docstring(ast.parse(path.read_text())) or ""
    found = DECLARATION.search(docstring)
    if found is None:
        return None
    floors = found.group("floors").strip().rstrip(".")
    if floors.startswith(NOTHING):
        return ()
    return tuple(floor.strip() for floor in floors.replace("\n", " ").split(","))


def declaration_for(path: Path) -> Declaration:
    """The module's own line, else its package's, else the nearest enclosing package's."""
    own = declared_floors(path)
    if own is not None and path.name != "__init__.py":
        return Declaration(module_name(path.parent / "__init__.py"), own)
    folder = path.parent
    while folder != ROOT:
        floors = declared_floors(folder / "__init__.py")
        if floors is not None:
            return Declaration(module_name(folder / "__init__.py"), floors)
        folder = folder.parent
    raise AssertionError(f"no package above {path} says what it may import")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module of ours the file imports, with its line (names imported from a package count as modules)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] in OURS]


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def allowed(module: str, declaration: Declaration) -> bool:
    return within(module, declaration.package) or any(within(module, floor) for floor in declaration.floors)


SOURCES = sorted(path for package in OURS for path in (ROOT / package).rglob("*.py"))


def test_every_floor_says_what_it_may_import() -> None:
    floors = [ROOT / package / "__init__.py" for package in OURS] + sorted(ROOT.glob("service/*/__init__.py"))
    assert [str(init.relative_to(ROOT)) for init in floors if declared_floors(init) is None] == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_imports_go_only_to_the_floors_a_module_may_import(path: Path) -> None:
    declaration = declaration_for(path)
    against = [f"line {line}: {name}" for line, name in imported_modules(path) if not allowed(name, declaration)]
    assert against == [], f"{declaration.package} may import only {', '.join(declaration.floors) or 'nothing of ours'}"


def test_the_api_and_the_pages_do_not_import_each_other() -> None:
    crossing = [
        f"{path.relative_to(ROOT)} line {line}: {name}"
        for side, other in (("service.api", "service.pages"), ("service.pages", "service.api"))
        for path in SOURCES
        if within(module_name(path), side)
        for line, name in imported_modules(path)
        if within(name, other)
    ]
    assert crossing == []


def test_the_layer_test_refuses_an_import_against_the_layers() -> None:
    """The check itself can fail: planning importing the journey is named with its line."""
    declaration = declaration_for(ROOT / "service" / "planning" / "parts.py")
    assert not allowed("service.journey.submissions", declaration)
    assert allowed("service.access.audit", declaration)
    assert allowed("service.planning.plans", declaration_for(ROOT / "service" / "access" / "policy.py"))
    assert not allowed("service.planning.plans", declaration_for(ROOT / "service" / "access" / "audit.py"))
