"""Representative contexts for the public, finance and administration templates (see test_templates.py)."""

import datetime
from collections.abc import Callable
from dataclasses import asdict
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from plan_schema.funding import Funding, FundingYear
from plan_schema.planning_grids import Action, Objective, PlanningGrids
from plan_schema.strategic_summary import KeyPriority, StrategicSummary
from plan_schema.targets import EffectiveTreatmentTarget, PlannedChange, PrimaryCare, Targets
from plan_schema.vocabulary import PART_TITLES, PUBLIC_PARTS, PartName
from service.access.identity import ANONYMOUS, Member
from service.documents.reconciliation_workbook import ReconciliationRow
from service.monitoring.areas import Coverage
from service.monitoring.catalogue import shipped_catalogue
from service.monitoring.observation_import import ImportProblem
from service.monitoring.periods import ACCEPTED_FORMS
from service.monitoring.wording import unit_text
from service.pages.admin.admin_pages import DATE_LABELS, stored_values
from service.pages.admin.metrics_page import FAMILY_TITLES, form_choices
from service.pages.admin.plan_admin_pages import field_name
from service.pages.planning.whole_plan_page import PlanYears, plan_parts_context
from service.planning.timetable import default_timetable
from service.tables.access import Role, User
from service.tables.journey import AgreedTargets
from service.tables.monitoring import Area
from service.tables.plans import Partnership, Pct, PlanCycle

ADMIN = Member("session", 9, "admin@demo.example", Role.ADMIN, csrf_token="token")
FUNDING = Funding(table_1=[FundingYear(year="2007/08"), FundingYear(year="2008/09", police="10.00", other="5.00")])
FUNDING.table_1[1].other_description = "Lottery grant"
CYCLE = PlanCycle(
    id=1,
    plan_year="2008/09",
    previous_year="2007/08",
    indicative_years=["2009/10", "2010/11"],
    template_version="nta-2008-09",
    inflation_uplift_pct=Decimal("2.50"),
    harm_reduction_self_audit_required=True,
    expenditure_categories=[],
    **asdict(default_timetable("2008/09")),
)
PUBLISHED = SimpleNamespace(
    plan_id=7,
    partnership="Birmingham Drug Action Team",
    plan_year="2008/09",
    published_at=datetime.datetime(2008, 5, 2, tzinfo=datetime.UTC),
    previous_year="2007/08",
    baseline_year="2006/07",
    indicative_years=("2009/10", "2010/11"),
)


def _plan_documents() -> dict[str, dict[str, Any]]:
    """A plan's stored documents with something in every part, as a submission carries them."""
    summary = StrategicSummary(
        direction_and_purpose="First paragraph.\nSecond paragraph.",
        key_priorities=[KeyPriority(number=1, title="Reduce waiting times", description="To three weeks.")],
    )
    targets = Targets(
        crack_opiate_users_in_effective_treatment=EffectiveTreatmentTarget(
            baseline_actual=1200, planned_change_pct=PlannedChange(plan_year=Decimal("3.5"))
        ),
        primary_care=[PrimaryCare(pct_code="5PG", practices_in_area=40)],
    )
    grids = PlanningGrids()
    grids.grids[0].objectives.append(
        Objective(text="Cut waiting times", target_date=datetime.date(2009, 3, 31), actions=[Action(text="Recruit")])
    )
    shown = {"strategic-summary": summary, "targets": targets, "planning-grids": grids, "funding": FUNDING}
    return {part: document.model_dump(mode="json") for part, document in shown.items()}


def _published_plan() -> dict[str, Any]:
    return {
        "caller": ANONYMOUS,
        "plan": PUBLISHED,
        "assessment": SimpleNamespace(
            label="Revisions accepted",
            submission=SimpleNamespace(number=3, stage="final"),
            assessment=SimpleNamespace(assessed_at=datetime.datetime(2008, 3, 20, tzinfo=datetime.UTC)),
        ),
    } | plan_parts_context(_plan_documents(), PUBLIC_PARTS, part_api="/api/v1/public/plans/1/parts/")


def _whole_plan(view: Any, *, submitted: Any) -> dict[str, Any]:
    years = PlanYears(1, "2008/09", "2007/08", ("2009/10", "2010/11"))
    return {"caller": ADMIN, "view": view, "plan": years, "submitted": submitted} | plan_parts_context(
        _plan_documents(), tuple(PartName)
    )


def _reconciliation(plan: dict[str, Any], *, submitted: bool) -> dict[str, Any]:
    row = ReconciliationRow(
        region="West Midlands",
        partnership="Birmingham Drug Action Team",
        plan_year="2008/09",
        status="accepted",
        submission="1 (initial)" if submitted else "none (draft figures)",
        submitted_on=datetime.date(2008, 1, 18) if submitted else None,
        days_late=3 if submitted else None,
        total_funding_1_14=Decimal("15.00"),
        expenditure_n15=Decimal("10.00") if submitted else None,
        errors=2,
        warnings=1,
    )
    return plan | {
        "title": "Part 4 reconciliation",
        "row": row,
        "funding": FUNDING if submitted else None,
        "funding_title": PART_TITLES[PUBLIC_PARTS[-1]],
        "workbook_url": "/api/v1/regions/5/reconciliation.xlsx?cycle_id=1" if submitted else None,
    }


def _users(*, errors: dict[str, str]) -> dict[str, Any]:
    users = [
        User(id=9, email="admin@demo.example", name="Ada Admin", role=Role.ADMIN, password_hash="x"),
        User(id=1, email="p@x.example", name="Pat", role=Role.PLANNER, partnership_id=3, password_hash="x"),
        User(id=2, email="r@x.example", name="Rob", role=Role.REVIEWER, region_id=5, active=False, password_hash="x"),
    ]
    values = {"name": "Sam", "email": "sam@x.example", "role": "planner", "partnership_id": "3", "region_id": ""}
    return {
        "caller": ADMIN,
        "users": users,
        "partnerships": {3: "Birmingham Drug Action Team"},
        "regions": {5: "West Midlands"},
        "role_names": {"planner": "Planner", "finance": "Finance officer", "reviewer": "Reviewer", "admin": "Admin"},
        "values": values,
        "errors": errors,
        "error_list": [(message, name) for name, message in errors.items()],
        "invitations": {
            9: SimpleNamespace(state="not-invited", expires=""),
            1: SimpleNamespace(state="pending", expires="11:03pm on 12 December 2026 (UK time)"),
            2: SimpleNamespace(state="expired", expires=""),
        },
        "lifetime": "7 days",
        "notice": "An account is created for sam@x.example." if not errors else "",
    }


def _metrics(*, added: str | None) -> dict[str, Any]:
    shipped = shipped_catalogue().metrics
    families = [(title, [m for m in shipped if m.family is family][:3]) for family, title in FAMILY_TITLES.items()]
    return {"caller": ADMIN, "families": families, "unit_text": unit_text, "added": added}


def _new_metric(*, errors: bool) -> dict[str, Any]:
    problems = {"code": "Enter the KPI's code, such as LK-HEPB", "polarity": "Select which way is better"}
    page = {
        "caller": ADMIN,
        "values": {"version": "1", "name": "Clients offered vaccination", "value_type": "proportion"},
        "errors": problems if errors else {},
        "error_list": [(text, field) for field, text in problems.items()] if errors else [],
    }
    return page | form_choices()


def _footprint(*, errors: bool = False, empty: bool = False) -> dict[str, Any]:
    council = Area(id=1, code="LA-BIRMINGHAM", name="Birmingham City Council", kind="local-authority")
    trust = Area(id=2, code="5PG", name="Birmingham East and North PCT", kind="primary-care-trust")
    stretches = [Coverage(1, council, "2008/09", None), Coverage(2, trust, "2008/09", "2009/10")]
    problems = {"valid_from": "Enter a plan year like 2027/28", "valid_to-1": "A footprint cannot end before it starts"}
    return {
        "caller": ADMIN,
        "partnership": Partnership(id=3, code="BDAT", name="Birmingham", region_id=5),
        "footprint": [] if empty else stretches,
        "choices": [council, trust],
        "values": {"area_code": "5PG", "valid_from": "2027", "valid_to-1": "2001/02"} if errors else {},
        "errors": problems if errors else {},
        "error_list": [(text, field) for field, text in problems.items()] if errors else [],
        "saved": None if errors else "added",
        "plan_year_hint": "The plan year as the year it starts and the next, like 2027/28",
    }


def _figures(*, problems: bool = False, imported: bool = False) -> dict[str, Any]:
    listed = [ImportProblem(2, "area", "there is no area XX1"), ImportProblem(3, "period", '"Q5" is not a period')]
    return {
        "caller": ADMIN,
        "release": "NDTMS 2027/28 Q1",
        "file_error": "The file has 2 problems, listed below. Nothing was imported." if problems else None,
        "release_error": None,
        "error_list": [("The file has 2 problems, listed below. Nothing was imported.", "figures")] if problems else [],
        "problems": listed if problems else [],
        "more_problems": 120 if problems else 0,
        "imported": {"added": 1200, "revised": 3, "unchanged": 40} if imported else None,
        "accepted_forms": ACCEPTED_FORMS,
        "max_mb": 16,
    }


def admin_contexts(plan: Callable[[], dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Contexts for this area's templates; `plan` gives a plan page's heading context."""
    cycle_errors = {"initial_submission_due": "Initial submission due: the date must include a day", "timetable": "x"}
    view = plan()["view"]
    return {
        "published_list.html": [{"caller": ANONYMOUS, "plans": [PUBLISHED]}, {"caller": ADMIN, "plans": []}],
        "published_plan.html": [
            _published_plan(),
            _published_plan()
            | {"parts": dict.fromkeys(("strategic-summary", "targets", "funding")), "assessment": None},
        ],
        "_funding_tables.html": [_published_plan() | {"funding": FUNDING}],
        "whole_plan.html": [
            _whole_plan(view, submitted=None),
            _whole_plan(
                view,
                submitted=SimpleNamespace(
                    number=2, stage="final", submitted_at=datetime.datetime(2008, 3, 1, tzinfo=datetime.UTC)
                ),
            )
            | {"parts": dict.fromkeys(("strategic-summary", "targets", "planning-grids", "funding"))},
        ],
        "_plan_parts.html": [_whole_plan(view, submitted=None)],
        "reconciliation.html": [_reconciliation(plan(), submitted=True), _reconciliation(plan(), submitted=False)],
        "admin/index.html": [
            {"caller": ADMIN, "plans": [(view, plan()["progress"])]},
            {"caller": ADMIN, "plans": []},
        ],
        "admin/cycles.html": [{"caller": ADMIN, "cycles": [CYCLE], "date_labels": DATE_LABELS}],
        "admin/cycle.html": [
            {
                "caller": ADMIN,
                "cycle": CYCLE,
                "values": stored_values(CYCLE),
                "errors": {},
                "error_list": [],
                "date_labels": DATE_LABELS,
                "saved": True,
                "created": True,
                "submitted": False,
            },
            {
                "caller": ADMIN,
                "cycle": CYCLE,
                "values": stored_values(CYCLE) | {"inflation_uplift_pct": "lots"},
                "errors": cycle_errors | {"inflation_uplift_pct": "Enter the uplift"},
                "error_list": [(message, name) for name, message in cycle_errors.items()],
                "date_labels": DATE_LABELS,
                "saved": False,
                "created": False,
                "submitted": True,
            },
        ],
        "admin/new_cycle.html": [
            {
                "caller": ADMIN,
                "values": {
                    "plan_year": "",
                    "inflation_uplift_pct": "2.50",
                    "harm_reduction_self_audit_required": "yes",
                },
                "errors": {},
                "error_list": [],
            },
            {
                "caller": ADMIN,
                "values": {
                    "plan_year": "2027-28",
                    "inflation_uplift_pct": "lots",
                    "harm_reduction_self_audit_required": "",
                },
                "errors": {"plan_year": "Enter the plan year", "harm_reduction_self_audit_required": "Select"},
                "error_list": [("Enter the plan year", "plan_year")],
            },
        ],
        "admin/partnerships.html": [
            {
                "caller": ADMIN,
                "partnerships": [
                    (
                        Partnership(id=3, code="BDAT", name="Birmingham", region_id=5),
                        "West Midlands",
                        [Pct(code="5PG", name="Birmingham East and North")],
                    ),
                    (Partnership(id=4, code="X", name="Nowhere", region_id=5), "West Midlands", []),
                ],
            }
        ],
        "admin/figures.html": [_figures(), _figures(problems=True), _figures(imported=True)],
        "admin/metrics.html": [_metrics(added=None), _metrics(added="LK-12")],
        "admin/new_metric.html": [_new_metric(errors=False), _new_metric(errors=True)],
        "admin/footprint.html": [_footprint(), _footprint(errors=True), _footprint(empty=True)],
        "admin/users.html": [_users(errors={}), _users(errors={"email": "There is already an account"})],
        "plan_publication.html": [
            plan()
            | {
                "caller": ADMIN,
                "can_publish": True,
                "refusal": "",
                "published_at": None,
                "public_titles": ["Part 1"],
                "error_list": [],
                "saved": False,
            },
            plan()
            | {
                "caller": ADMIN,
                "can_publish": False,
                "refusal": "The plan is drafting.",
                "published_at": None,
                "public_titles": [],
                "error_list": [("No", "publish")],
                "saved": False,
            },
            plan()
            | {
                "caller": ADMIN,
                "can_publish": False,
                "refusal": "The plan is published.",
                "published_at": PUBLISHED.published_at,
                "public_titles": [],
                "error_list": [],
                "saved": True,
            },
        ],
        "plan_baselines.html": [
            plan()
            | {
                "caller": ADMIN,
                "can_enter": True,
                "refusal": "",
                "indicators": [("1.1", "Crack and opiate users"), ("1.2", "All adults")],
                "targets": AgreedTargets(plan_id=7, planned_change_pct={"1.1": "3"}, baselines={"1.1": 3600}),
                "numbers": {"1.1": 3708},
                "values": {"1.1": "3600", "1.2": "lots"},
                "errors": {"1.2": "1.2: Enter the baseline as a whole number"},
                "error_list": [("1.2: Enter the baseline", "baseline-1-2")],
                "field_name": field_name,
                "saved": True,
            },
            plan()
            | {
                "caller": ADMIN,
                "can_enter": False,
                "refusal": "The plan is published, so it cannot have its annualised baselines entered now.",
                "indicators": [("1.1", "Crack and opiate users")],
                "targets": AgreedTargets(plan_id=7),
                "numbers": {},
                "values": {},
                "errors": {},
                "error_list": [("The plan is published", "baselines")],
                "field_name": field_name,
                "saved": False,
            },
        ],
    }
