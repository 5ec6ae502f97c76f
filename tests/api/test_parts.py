"""Each part round-trips, and writes are guarded by If-Match so no update is lost silently."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, select

from plan_schema.vocabulary import PartName
from service.demo.filled_plan import filled_plan
from service.demo.reference_data import FILLED_PLAN_PARTNERSHIP
from service.tables.access import AuditEvent
from service.tables.plans import PlanPartVersion
from tests.conftest import Demo

FILLED = filled_plan("2008/09", [pct.code for pct in FILLED_PLAN_PARTNERSHIP.pcts])


def read(client: TestClient, plan_id: int, part: str) -> tuple[dict[str, Any], str]:
    response = client.get(f"/api/v1/plans/{plan_id}/parts/{part}")
    assert response.status_code == 200, response.text
    return response.json(), response.headers["ETag"]


@pytest.mark.parametrize("part", list(PartName))
def test_each_part_round_trips_with_its_computed_figures(client: TestClient, demo: Demo, part: PartName) -> None:
    _, etag = read(client, demo.empty_plan_id, part.value)
    document = FILLED[part].model_dump(mode="json")

    written = client.put(
        f"/api/v1/plans/{demo.empty_plan_id}/parts/{part.value}", json=document, headers={"If-Match": etag}
    )

    assert written.status_code == 200, written.text
    again, new_etag = read(client, demo.empty_plan_id, part.value)
    assert again["document"] == document
    assert written.json()["document"] == document
    assert new_etag != etag
    assert written.headers["ETag"] == new_etag


def test_computed_funding_figures_are_worked_out_not_taken_from_input(client: TestClient, demo: Demo) -> None:
    body, etag = read(client, demo.empty_plan_id, "funding")
    document = body["document"]
    document["table_1"][1].update(smptb_allocation="1000.00", young_peoples_allocation="100.00", police="50.25")
    document["table_1"][1].update(smptb_adult="999999.00", total="1.00")
    document["table_2"][0].update(smptb_adult="900.00", police="50.25", total="7.00")
    document["table_2_totals"] = {"total": "123.00"}

    response = client.put(
        f"/api/v1/plans/{demo.empty_plan_id}/parts/funding", json=document, headers={"If-Match": etag}
    )

    assert response.status_code == 200, response.text
    stored = read(client, demo.empty_plan_id, "funding")[0]["document"]
    assert stored["table_1"][1]["smptb_adult"] == "900.00"
    assert stored["table_1"][1]["total"] == "950.25"
    assert stored["table_2"][0]["total"] == "950.25"
    assert stored["table_2_totals"]["total"] == "950.25"
    assert stored["table_2_totals"]["police"] == "50.25"


def test_a_write_without_if_match_is_refused_with_428(client: TestClient, demo: Demo) -> None:
    before, _ = read(client, demo.filled_plan_id, "strategic-summary")

    response = client.put(
        f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary", json={"direction_and_purpose": "Overwrite"}
    )

    assert response.status_code == 428
    assert response.headers["content-type"] == "application/problem+json"
    assert "If-Match" in response.json()["detail"]
    assert read(client, demo.filled_plan_id, "strategic-summary")[0] == before


def test_a_stale_if_match_is_refused_with_412_and_keeps_the_other_save(client: TestClient, demo: Demo) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary"
    body, etag = read(client, demo.filled_plan_id, "strategic-summary")
    first = {**body["document"], "direction_and_purpose": "Saved first by a colleague."}
    assert client.put(url, json=first, headers={"If-Match": etag}).status_code == 200

    second = {**body["document"], "direction_and_purpose": "Saved second from a stale page."}
    response = client.put(url, json=second, headers={"If-Match": etag})

    assert response.status_code == 412
    problem = response.json()
    assert problem["current_version"] == body["version"] + 1
    assert "Someone saved this part" in problem["detail"]
    assert read(client, demo.filled_plan_id, "strategic-summary")[0]["document"]["direction_and_purpose"] == (
        "Saved first by a colleague."
    )


def test_a_412_names_the_current_etag_and_changes_nothing(client: TestClient, demo: Demo, session: Session) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/funding"
    body, stale = read(client, demo.filled_plan_id, "funding")
    assert client.put(url, json=body["document"], headers={"If-Match": stale}).status_code == 200
    before, current = read(client, demo.filled_plan_id, "funding")
    events = session.exec(select(func.count()).select_from(AuditEvent)).one()
    versions = session.exec(select(func.count()).select_from(PlanPartVersion)).one()
    plan_updated = client.get(f"/api/v1/plans/{demo.filled_plan_id}").json()["updated_at"]
    changed = {**body["document"], "table_2": [{**row, "police": "1.00"} for row in body["document"]["table_2"]]}

    response = client.put(url, json=changed, headers={"If-Match": stale})

    assert response.status_code == 412
    assert response.json()["current_version"] == before["version"]
    assert response.json()["current_etag"] == current
    assert response.headers["ETag"] == current
    assert read(client, demo.filled_plan_id, "funding") == (before, current)
    assert client.get(f"/api/v1/plans/{demo.filled_plan_id}").json()["updated_at"] == plan_updated
    assert session.exec(select(func.count()).select_from(AuditEvent)).one() == events
    assert session.exec(select(func.count()).select_from(PlanPartVersion)).one() == versions


def test_an_etag_of_another_part_is_answered_with_this_parts_current_etag(client: TestClient, demo: Demo) -> None:
    _, funding_etag = read(client, demo.filled_plan_id, "funding")
    _, targets_etag = read(client, demo.filled_plan_id, "targets")

    response = client.put(
        f"/api/v1/plans/{demo.filled_plan_id}/parts/targets", json={}, headers={"If-Match": funding_etag}
    )

    assert response.status_code == 412
    assert response.json()["current_etag"] == targets_etag


def test_a_kept_version_can_be_read_again_after_later_saves(client: TestClient, demo: Demo) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary"
    body, etag = read(client, demo.filled_plan_id, "strategic-summary")
    changed = {**body["document"], "direction_and_purpose": "Saved later."}
    assert client.put(url, json=changed, headers={"If-Match": etag}).status_code == 200

    old = client.get(f"{url}/versions/{body['version']}")
    new = client.get(f"{url}/versions/{body['version'] + 1}")
    missing = client.get(f"{url}/versions/{body['version'] + 2}")

    assert old.status_code == 200
    assert old.json()["document"] == body["document"]
    assert new.json()["document"]["direction_and_purpose"] == "Saved later."
    assert missing.status_code == 404
    assert "has no version" in missing.json()["detail"]


def test_each_version_is_kept_once_whether_or_not_the_one_replaced_was_kept(
    client: TestClient, demo: Demo, session: Session
) -> None:
    # A new plan's first version was never kept: its first save keeps it; a later save finds the one it
    # replaces kept already, and saves without keeping it twice.
    url = f"/api/v1/plans/{demo.empty_plan_id}/parts/strategic-summary"
    body, etag = read(client, demo.empty_plan_id, "strategic-summary")
    for text in ("First save.", "Second save."):
        saved = client.put(url, json={**body["document"], "direction_and_purpose": text}, headers={"If-Match": etag})
        assert saved.status_code == 200, saved.text
        etag = saved.headers["ETag"]

    kept = session.exec(
        select(PlanPartVersion.version).where(
            PlanPartVersion.plan_id == demo.empty_plan_id, PlanPartVersion.part == "strategic-summary"
        )
    ).all()
    assert sorted(kept) == [body["version"], body["version"] + 1, body["version"] + 2]
    assert client.get(f"{url}/versions/{body['version']}").json()["document"] == body["document"]


@pytest.mark.parametrize("if_match", ["*", ""])
def test_if_match_must_name_a_version(client: TestClient, demo: Demo, if_match: str) -> None:
    response = client.put(f"/api/v1/plans/{demo.filled_plan_id}/parts/targets", json={}, headers={"If-Match": if_match})

    assert response.status_code == 428


def test_an_etag_of_another_part_does_not_match(client: TestClient, demo: Demo) -> None:
    _, funding_etag = read(client, demo.filled_plan_id, "funding")

    response = client.put(
        f"/api/v1/plans/{demo.filled_plan_id}/parts/targets", json={}, headers={"If-Match": funding_etag}
    )

    assert response.status_code == 412


def test_a_weak_etag_never_matches_if_match(client: TestClient, demo: Demo) -> None:
    # If-Match compares strongly (RFC 9110 §13.1.1): a proxy that weakened the tag gets a 412, never a blind write.
    body, etag = read(client, demo.filled_plan_id, "targets")
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/targets"

    weak = client.put(url, json=body["document"], headers={"If-Match": f"W/{etag}"})
    strong = client.put(url, json=body["document"], headers={"If-Match": etag})

    assert weak.status_code == 412
    assert "weak ETag" in weak.json()["detail"]
    assert strong.status_code == 200


def test_an_unchanged_part_answers_304_to_if_none_match(client: TestClient, demo: Demo) -> None:
    _, etag = read(client, demo.filled_plan_id, "funding")

    response = client.get(f"/api/v1/plans/{demo.filled_plan_id}/parts/funding", headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.headers["ETag"] == etag


def test_a_part_of_a_plan_that_does_not_exist_is_404(client: TestClient, demo: Demo) -> None:
    response = client.get("/api/v1/plans/999999/parts/funding")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_a_new_plan_starts_with_the_cycle_years_categories_and_pcts(client: TestClient, demo: Demo) -> None:
    funding = read(client, demo.empty_plan_id, "funding")[0]["document"]
    targets = read(client, demo.empty_plan_id, "targets")[0]["document"]
    grids = read(client, demo.empty_plan_id, "planning-grids")[0]["document"]

    plan = client.get(f"/api/v1/plans/{demo.empty_plan_id}").json()
    cycle = client.get(f"/api/v1/cycles/{plan['cycle']['id']}").json()
    assert [column["year"] for column in funding["table_1"]] == [cycle["previous_year"], cycle["plan_year"]]
    assert len(funding["table_2"]) == 10
    partnership = client.get(f"/api/v1/partnerships/{plan['partnership']['id']}").json()
    assert [entry["pct_code"] for entry in targets["primary_care"]] == [pct["code"] for pct in partnership["pcts"]]
    assert [grid["number"] for grid in grids["grids"]] == [1, 2, 3, 4]
