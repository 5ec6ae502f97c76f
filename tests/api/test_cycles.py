"""Plan cycles for any plan year: created with the guidance's defaults, refused by field, fixed once submitted."""

import datetime
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from service.tables.plans import PlanCycle
from tests.conftest import ClientFor, Demo
from tests.workflow.flow import PDF


def test_an_admin_creates_the_next_cycle_with_the_guidance_defaults(client: TestClient, demo: Demo) -> None:
    current = client.get(f"/api/v1/cycles/{demo.current_cycle_id}").json()
    start = int(current["plan_year"][:4]) + 1
    plan_year = f"{start}/{(start + 1) % 100:02d}"

    answer = client.post("/api/v1/cycles", json={"plan_year": plan_year})

    assert answer.status_code == 201, answer.text
    cycle = answer.json()
    assert cycle["previous_year"] == f"{start - 1}/{start % 100:02d}"
    assert cycle["indicative_years"] == [f"{start + 1}/{(start + 2) % 100:02d}", f"{start + 2}/{(start + 3) % 100:02d}"]
    assert cycle["timetable"]["initial_submission_due"] == f"{start}-01-15"
    assert cycle["timetable"]["panel_response_due"] == f"{start}-02-15"
    assert cycle["timetable"]["final_submission_due"] == f"{start}-03-15"
    assert cycle["timetable"]["sign_off_due"] == f"{start}-03-31"
    assert cycle["timetable"]["publication_due"] == f"{start}-05-31"
    assert cycle["timetable"]["targets_agreed_due"] == f"{start}-05-31"
    assert cycle["timetable"]["baseline_due"] == f"{start}-08-31"
    assert [cycle["timetable"][f"q{quarter}_return_due"] for quarter in (1, 2, 3, 4)] == [
        f"{start}-07-31",
        f"{start}-10-31",
        f"{start + 1}-01-31",
        f"{start + 1}-04-30",
    ]
    assert cycle["inflation_uplift_pct"] == "2.50"
    assert cycle["harm_reduction_self_audit_required"] is True
    assert (cycle["amber_tolerance"], cycle["amber_tolerance_relative"]) == ("5.00", True)
    assert client.get(f"/api/v1/cycles/{cycle['id']}").json() == cycle


@pytest.mark.parametrize(
    ("plan_year", "previous", "indicative", "initial_due"),
    [
        ("2027/28", "2026/27", ["2028/29", "2029/30"], "2027-01-15"),
        ("2097/98", "2096/97", ["2098/99", "2099/00"], "2097-01-15"),
    ],
)
def test_a_cycle_for_any_year_takes_that_years_defaults(
    plan_year: str,
    previous: str,
    indicative: list[str],
    initial_due: str,
    client: TestClient,
    demo: Demo,
    session: Session,
) -> None:
    # The demo's current cycle is 2027/28 until mid-January 2027: moved aside, so the year is free.
    taken = session.exec(select(PlanCycle).where(PlanCycle.plan_year == plan_year)).first()
    if taken is not None:
        taken.plan_year = "2090/91"
        session.add(taken)
        session.flush()

    answer = client.post("/api/v1/cycles", json={"plan_year": plan_year})

    assert answer.status_code == 201, answer.text
    cycle = answer.json()

    assert (cycle["plan_year"], cycle["previous_year"], cycle["indicative_years"]) == (plan_year, previous, indicative)
    assert cycle["timetable"]["initial_submission_due"] == initial_due


def test_a_cycle_can_be_created_with_its_own_dates_and_settings(client: TestClient, demo: Demo) -> None:
    answer = client.post(
        "/api/v1/cycles",
        json={
            "plan_year": "2031/32",
            "initial_submission_due": "2031-01-20",
            "inflation_uplift_pct": "3.10",
            "harm_reduction_self_audit_required": False,
        },
    )

    assert answer.status_code == 201, answer.text
    cycle = answer.json()
    assert cycle["timetable"]["initial_submission_due"] == "2031-01-20"
    assert cycle["timetable"]["panel_response_due"] == "2031-02-15"
    assert cycle["inflation_uplift_pct"] == "3.10"
    assert cycle["harm_reduction_self_audit_required"] is False


def test_a_second_cycle_for_the_same_year_is_refused_naming_plan_year(client: TestClient, demo: Demo) -> None:
    current = client.get(f"/api/v1/cycles/{demo.current_cycle_id}").json()

    answer = client.post("/api/v1/cycles", json={"plan_year": current["plan_year"]})

    assert answer.status_code == 409
    assert answer.json()["errors"] == [
        {"pointer": "/plan_year", "detail": f"there is already a {current['plan_year']} plan cycle"}
    ]
    assert client.get("/api/v1/cycles").json()["total"] == 2


def test_dates_out_of_order_are_refused_naming_the_field(client: TestClient, demo: Demo) -> None:
    answer = client.post("/api/v1/cycles", json={"plan_year": "2032/33", "final_submission_due": "2032-02-01"})

    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["pointer"] == "/panel_response_due"
    assert (
        "the panel assessment (15 February 2032) cannot be after the final submission (1 February 2032)"
        in error["detail"]
    )
    assert "2032/33" not in {cycle["plan_year"] for cycle in client.get("/api/v1/cycles").json()["items"]}


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"plan_year": "2032-33"}, "/plan_year"),
        ({"plan_year": "2032/34"}, "/plan_year"),
        ({"plan_year": "2032/33", "previous_year": "2033/34"}, "/previous_year"),
        ({"plan_year": "2032/33", "indicative_years": ["2031/32"]}, "/indicative_years/0"),
        ({"plan_year": "2032/33", "inflation_uplift_pct": "101"}, "/inflation_uplift_pct"),
    ],
)
def test_bad_years_and_settings_are_refused_by_field(
    body: dict[str, object], pointer: str, client: TestClient, demo: Demo
) -> None:
    answer = client.post("/api/v1/cycles", json=body)

    assert answer.status_code == 422
    assert pointer in [error["pointer"] for error in answer.json()["errors"]]


@pytest.mark.parametrize("actor", ["planner_a", "finance_a", "reviewer_x"])
def test_only_an_admin_creates_a_cycle(actor: str, client_for: ClientFor, demo: Demo) -> None:
    answer = client_for(actor).post("/api/v1/cycles", json={"plan_year": "2033/34"})

    assert answer.status_code == 403
    assert client_for("admin").get("/api/v1/cycles").json()["total"] == 2


def _submit_initial(client_for: ClientFor, plan_id: int) -> None:
    planner = client_for("planner_a")
    files = {"file": ("audit.pdf", PDF, "application/pdf")}
    planner.post(f"/api/v1/plans/{plan_id}/attachments", files=files, data={"kind": "harm-reduction-self-audit"})
    answer = planner.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": "initial"})
    assert answer.status_code == 201, answer.text


def test_settings_are_refused_once_a_plan_of_the_cycle_is_submitted(client_for: ClientFor, demo: Demo) -> None:
    admin = client_for("admin")
    _submit_initial(client_for, demo.filled_plan_id)

    answer = admin.patch(f"/api/v1/cycles/{demo.current_cycle_id}", json={"inflation_uplift_pct": "4.00"})

    assert answer.status_code == 409
    assert "cannot change once a plan has been submitted" in answer.json()["detail"]
    assert [error["pointer"] for error in answer.json()["errors"]] == ["/inflation_uplift_pct"]
    assert admin.get(f"/api/v1/cycles/{demo.current_cycle_id}").json()["inflation_uplift_pct"] == "2.50"


def test_dates_still_move_once_a_plan_is_submitted(client_for: ClientFor, demo: Demo) -> None:
    admin = client_for("admin")
    _submit_initial(client_for, demo.filled_plan_id)
    cycle = admin.get(f"/api/v1/cycles/{demo.current_cycle_id}").json()
    later = datetime.date.fromisoformat(cycle["timetable"]["final_submission_due"]) + datetime.timedelta(days=3)

    answer = admin.patch(
        f"/api/v1/cycles/{demo.current_cycle_id}",
        json={"final_submission_due": later.isoformat(), "inflation_uplift_pct": "2.50"},
    )

    assert answer.status_code == 200, answer.text
    assert answer.json()["timetable"]["final_submission_due"] == later.isoformat()


def test_settings_of_a_cycle_nobody_has_submitted_in_still_change(client_for: ClientFor, demo: Demo) -> None:
    _submit_initial(client_for, demo.filled_plan_id)

    answer = client_for("admin").patch(
        f"/api/v1/cycles/{demo.last_year_cycle_id}", json={"harm_reduction_self_audit_required": False}
    )

    assert answer.status_code == 200
    assert answer.json()["harm_reduction_self_audit_required"] is False


@pytest.mark.parametrize("plan_year", ["0000/01", "1900/01", "2098/99"])
def test_a_year_whose_own_or_derived_years_fall_outside_1901_to_2099_is_refused_by_name(
    plan_year: str, client: TestClient, demo: Demo
) -> None:
    answer = client.post("/api/v1/cycles", json={"plan_year": plan_year})

    assert answer.status_code == 422
    assert [error["pointer"] for error in answer.json()["errors"]] == ["/plan_year"]


def test_the_amber_tolerance_changes_after_submissions_and_a_relative_one_stays_within_100(
    client: TestClient, demo: Demo
) -> None:
    path = f"/api/v1/cycles/{demo.current_cycle_id}"

    absolute = client.patch(path, json={"amber_tolerance": "150", "amber_tolerance_relative": False})
    relative = client.patch(path, json={"amber_tolerance_relative": True})
    created = client.post("/api/v1/cycles", json={"plan_year": "2044/45", "amber_tolerance": 101})

    assert (absolute.status_code, Decimal(absolute.json()["amber_tolerance"])) == (200, Decimal(150))
    assert relative.status_code == 422
    assert relative.json()["errors"][0]["pointer"] == "/amber_tolerance"
    assert created.status_code == 422
    assert client.get(path).json()["amber_tolerance_relative"] is False


def test_the_spend_variance_threshold_is_10_by_default_and_changes_within_0_to_100(
    client: TestClient, demo: Demo
) -> None:
    path = f"/api/v1/cycles/{demo.current_cycle_id}"
    before = client.get(path).json()["spend_variance_threshold_pct"]

    changed = client.patch(path, json={"spend_variance_threshold_pct": "12.5"})
    refused = client.patch(path, json={"spend_variance_threshold_pct": "101"})

    assert before == "10.00"
    assert (changed.status_code, Decimal(changed.json()["spend_variance_threshold_pct"])) == (200, Decimal("12.5"))
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["pointer"] == "/spend_variance_threshold_pct"


def test_an_admin_moves_a_quarterly_returns_due_date(client: TestClient, demo: Demo) -> None:
    answer = client.patch(f"/api/v1/cycles/{demo.current_cycle_id}", json={"q2_return_due": "2099-11-07"})

    assert answer.status_code == 200, answer.text
    assert answer.json()["timetable"]["q2_return_due"] == "2099-11-07"


def test_a_returns_due_date_that_is_no_date_is_refused_by_name(client: TestClient, demo: Demo) -> None:
    answer = client.patch(f"/api/v1/cycles/{demo.current_cycle_id}", json={"q3_return_due": "31 January"})

    assert answer.status_code == 422
    assert "q3_return_due" in answer.text


def test_a_return_due_before_its_quarter_ends_is_refused_by_name(client: TestClient, demo: Demo) -> None:
    plan_year = client.get(f"/api/v1/cycles/{demo.current_cycle_id}").json()["plan_year"]
    start = int(plan_year[:4])

    answer = client.patch(f"/api/v1/cycles/{demo.current_cycle_id}", json={"q1_return_due": f"{start}-06-30"})

    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {
            "pointer": "/q1_return_due",
            "detail": f"quarter 1's return must be due after the quarter ends (30 June {start})",
        }
    ]
