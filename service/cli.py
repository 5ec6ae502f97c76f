"""The `adtp` command: migrate, seed demo data, load metrics and import observed figures, serve."""

import argparse
import getpass
import sys
from typing import TypeVar

import uvicorn
from sqlmodel import Session, select

from service.access import accounts
from service.demo.seeding import seed_demo
from service.monitoring import metric_versions
from service.monitoring.observation_import import ObservationsRejected, import_observations
from service.planning import validation
from service.platform.db import create_db_engine, writing
from service.platform.errors import InvalidInput, ServiceError
from service.platform.migrations import upgrade_to_head
from service.platform.settings import get_settings
from service.tables.access import Role
from service.tables.columns import id_of
from service.tables.plans import Partnership, Region


def _db_upgrade(_args: argparse.Namespace) -> int:
    upgrade_to_head()
    print("Database is at the newest migration.")
    # A release may bring other rules: find each part's findings afresh once, here, not at every read.
    engine = create_db_engine(get_settings().database_url)
    with Session(writing(engine)) as session:
        refreshed = validation.keep_stale_findings(session=session)
    engine.dispose()
    if refreshed:
        print(f"Findings found afresh and kept for {refreshed} parts.")
    return _load_catalogue(_args)


def _load_catalogue(_args: argparse.Namespace) -> int:
    # Observations name a stored metric version, so the shipped catalogue is stored with every upgrade.
    engine = create_db_engine(get_settings().database_url)
    try:
        with Session(writing(engine)) as session:
            changed = metric_versions.load_shipped_catalogue(session=session)
            session.commit()
    except ServiceError as refused:
        print(f"The catalogue was not loaded: {refused.detail}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"Metric catalogue loaded: {changed} versions added or changed." if changed else "Metric catalogue current.")
    return 0


def _import_observations(args: argparse.Namespace) -> int:
    engine = create_db_engine(get_settings().database_url)
    try:
        with open(args.file, encoding="utf-8-sig", newline="") as lines, Session(writing(engine)) as session:
            counts = import_observations(lines, release=args.release, by=None, session=session)
            session.commit()
    except ObservationsRejected as rejected:
        print(f"Nothing was imported: {len(rejected.problems)} problems.", file=sys.stderr)
        for problem in rejected.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"Observations imported: {counts.added} added, {counts.revised} revised, {counts.unchanged} unchanged.")
    return 0


def _seed_demo(_args: argparse.Namespace) -> int:
    settings = get_settings()
    if settings.is_production:
        print("seed-demo refuses to run with ADTP_ENVIRONMENT=production.", file=sys.stderr)
        return 2
    engine = create_db_engine(settings.database_url)
    with Session(writing(engine)) as session:
        added = seed_demo(session=session, password=settings.demo_password)
        session.commit()
    engine.dispose()
    print("Demo data added." if added else "The database already has data; demo data not added again.")
    return 0


Row = TypeVar("Row", Partnership, Region)


def _create_user(args: argparse.Namespace) -> int:
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Password: ")
    engine = create_db_engine(get_settings().database_url)
    try:
        with Session(writing(engine)) as session:
            partnership = _by_code(session, Partnership, args.partnership) if args.partnership else None
            region = _by_code(session, Region, args.region) if args.region else None
            user = accounts.create_user(
                session=session,
                email=args.email,
                name=args.name,
                role=Role(args.role),
                password=password,
                partnership_id=id_of(partnership) if partnership else None,
                region_id=id_of(region) if region else None,
            )
            session.commit()
            print(f"Created {user.role} {user.email}.")
    except ServiceError as refused:
        print(f"Not created: {refused.detail}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    return 0


def _by_code(session: Session, table: type[Row], code: str) -> Row:
    row = session.exec(select(table).where(table.code == code)).first()
    if row is None:
        raise InvalidInput(f"there is no {table.__name__.lower()} with the code {code!r}")
    return row


def _serve(args: argparse.Namespace) -> int:
    settings = get_settings()
    uvicorn.run(
        "service.main:app",
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers,
        loop="uvloop",
        http="httptools",
        proxy_headers=True,
        access_log=not args.no_access_log,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command line, one sub-command per job."""
    parser = argparse.ArgumentParser(prog="adtp", description="Adult drug treatment plan service.")
    commands = parser.add_subparsers(dest="command", required=True)
    db = commands.add_parser("db", help="database schema").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="apply every migration").set_defaults(run=_db_upgrade)
    commands.add_parser("seed-demo", help="add demo data to an empty database").set_defaults(run=_seed_demo)
    users = commands.add_parser("users", help="accounts").add_subparsers(dest="users_command", required=True)
    create = users.add_parser("create", help="create an account (asks for its password)")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    create.add_argument("--role", required=True, choices=[role.value for role in Role])
    create.add_argument("--partnership", help="partnership code, for planners and finance officers")
    create.add_argument("--region", help="region code, for reviewers")
    create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    create.set_defaults(run=_create_user)
    metrics = commands.add_parser("metrics", help="monitoring through the year").add_subparsers(
        dest="metrics_command", required=True
    )
    metrics.add_parser("load-catalogue", help="store the shipped metric catalogue").set_defaults(run=_load_catalogue)
    observations = metrics.add_parser("import", help="import observed figures from a CSV file, all or nothing")
    observations.add_argument("file", help="CSV with columns metric, version, area, period, numerator, ...")
    observations.add_argument("--release", help="the release the figures are from, for rows that do not say")
    observations.set_defaults(run=_import_observations)
    serve = commands.add_parser("serve", help="serve the web application")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--no-access-log", action="store_true")
    serve.set_defaults(run=_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of `adtp`."""
    args = build_parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
