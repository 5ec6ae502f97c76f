"""adtp metrics: the catalogue stored by every upgrade, and figures imported from a file all or nothing."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from service import cli
from service.platform.db import create_db_engine
from service.platform.settings import get_settings
from service.tables.monitoring import MetricVersion, Observation
from tests.monitoring.stored_figures import HEADER


@pytest.fixture
def database_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path}/cli.sqlite3"
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def count(url: str, table: type[MetricVersion] | type[Observation]) -> int:
    engine = create_db_engine(url)
    with Session(engine) as session:
        found = session.exec(select(func.count()).select_from(table)).one()
    engine.dispose()
    return found


def test_an_upgrade_stores_the_catalogue_and_loading_it_again_changes_nothing(
    database_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["db", "upgrade"]) == 0
    assert cli.main(["metrics", "load-catalogue"]) == 0

    assert count(database_file, MetricVersion) == 87
    assert capsys.readouterr().out.splitlines()[-1] == "Metric catalogue current."


def test_a_file_is_imported_under_the_release_named_and_a_file_with_problems_stores_nothing(
    database_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["db", "upgrade"]) == 0
    assert cli.main(["seed-demo"]) == 0
    seeded = count(database_file, Observation)  # the demo's own figures
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(f"{HEADER}\nOF-04,1,LA-LEEDS,2027/28 Q1,,4,,\n", encoding="utf-8")
    bad.write_text(f"{HEADER}\nOF-04,1,LA-LEEDS,2027/28 Q2,,4,,\nOF-04,1,LA-LEEDS,2027/28 Q9,,4,,\n", encoding="utf-8")
    capsys.readouterr()

    assert cli.main(["metrics", "import", str(good), "--release", "NDTMS 2027 Q1"]) == 0
    assert "1 added, 0 revised, 0 unchanged" in capsys.readouterr().out
    assert cli.main(["metrics", "import", str(bad), "--release", "NDTMS 2027 Q2"]) == 2
    assert "row 3, period" in capsys.readouterr().err
    assert count(database_file, Observation) == seeded + 1
