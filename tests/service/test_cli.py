"""The adtp command: migrate, seed once, refuse demo data in production."""

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from service import cli
from service.access import accounts
from service.platform.db import create_db_engine
from service.platform.settings import Settings, get_settings
from service.tables.plans import Plan, PlanCycle, Region


@pytest.fixture
def database_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path}/cli.sqlite3"
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def test_upgrade_then_seed_demo_adds_the_demo_data_once(database_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["db", "upgrade"]) == 0
    assert cli.main(["seed-demo"]) == 0
    assert cli.main(["seed-demo"]) == 0

    engine = create_db_engine(database_file)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Region)).one() == 9
        assert session.exec(select(func.count()).select_from(PlanCycle)).one() == 2
        assert session.exec(select(func.count()).select_from(Plan)).one() == 3
    engine.dispose()
    assert "not added again" in capsys.readouterr().out


def test_seed_demo_refuses_production(database_file: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADTP_ENVIRONMENT", "production")
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1/not-used")
    get_settings.cache_clear()

    assert cli.main(["seed-demo"]) == 2


def test_production_without_a_database_url_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ADTP_ENVIRONMENT", "production")

    with pytest.raises(ValueError, match="needs DATABASE_URL"):
        Settings()


def test_users_create_makes_an_account_that_can_sign_in(
    database_file: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli.main(["db", "upgrade"])
    cli.main(["seed-demo"])
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))

    code = cli.main(
        [
            "users",
            "create",
            "--email",
            "New.Planner@Example.org",
            "--name",
            "New Planner",
            "--role",
            "planner",
            "--partnership",
            "birmingham-dat",
            "--password-stdin",
        ]
    )

    assert code == 0
    engine = create_db_engine(database_file)
    with Session(engine) as session:
        user = accounts.find_user("new.planner@example.org", session=session)
        assert user is not None
        assert accounts.check_password(user, "a long enough password")
    engine.dispose()
    assert "Created planner new.planner@example.org." in capsys.readouterr().out


def test_users_create_explains_a_refusal(
    database_file: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli.main(["db", "upgrade"])
    cli.main(["seed-demo"])
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))

    code = cli.main(
        ["users", "create", "--email", "r@example.org", "--name", "R", "--role", "reviewer", "--password-stdin"]
    )

    assert code == 2
    assert "region_id" in capsys.readouterr().err
