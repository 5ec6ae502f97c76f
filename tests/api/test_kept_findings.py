"""Findings kept with a part's version: sent while still current, found afresh whenever what they read changed."""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from plan_schema.vocabulary import PartName
from service.planning import parts, plans, reference, validation
from service.tables.columns import id_of
from service.tables.plans import PlanPart
from tests.conftest import ClientFor, Demo
from tests.workflow.flow import PDF

MAINSTREAM = ("police", "pct_mainstream", "social_services", "section_31_pooled", "probation", "supporting_people")


def _url(plan_id: int, part: PartName) -> str:
    return f"/api/v1/plans/{plan_id}/parts/{part.value}"


def _put(client: TestClient, plan_id: int, part: PartName, change: Any) -> dict[str, Any]:
    read = client.get(_url(plan_id, part))
    document = read.json()["document"]
    change(document)
    answer = client.put(_url(plan_id, part), json=document, headers={"If-Match": read.headers["ETag"]})
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def _rules(client: TestClient, plan_id: int, part: PartName) -> set[tuple[str, str]]:
    return {(f["rule_id"], f["path"]) for f in client.get(_url(plan_id, part)).json()["findings"]}


def _row(session: Session, plan_id: int, part: PartName) -> PlanPart:
    return session.exec(select(PlanPart).where(PlanPart.plan_id == plan_id, PlanPart.part == part.value)).one()


def _keep_instead(row: PlanPart, finding: dict[str, str]) -> None:
    """Change what is kept with a row behind the service's back: the findings and the text a read sends."""
    row.findings = [finding]
    row.served = json.dumps({"document": row.document, "findings": [finding]})


def test_a_save_keeps_the_findings_with_the_new_version_and_a_read_sends_them(
    client: TestClient, session: Session, demo: Demo
) -> None:
    saved = _put(client, demo.filled_plan_id, PartName.FUNDING, lambda document: None)
    row = _row(session, demo.filled_plan_id, PartName.FUNDING)
    # What a read sends is what was kept: a kept message changed behind the service's back shows.
    assert row.findings is not None
    assert row.findings_key is not None
    _keep_instead(row, {"rule_id": "F-999", "severity": "warning", "path": "", "message": "As kept.", "citation": "x"})
    session.add(row)
    session.flush()

    read = client.get(_url(demo.filled_plan_id, PartName.FUNDING)).json()

    assert f"{saved['version']}" in row.findings_key
    assert {finding["message"] for finding in read["findings"]} == {"As kept."}
    assert read["document"] == saved["document"]


def test_a_part_1_save_reaches_part_3s_findings(client: TestClient, demo: Demo) -> None:
    plan = demo.filled_plan_id
    summary = client.get(_url(plan, PartName.STRATEGIC_SUMMARY)).json()["document"]
    number = summary["key_priorities"][0]["number"]

    def link_to_first_priority(document: dict[str, Any]) -> None:
        document["grids"][0]["objectives"][0]["key_priority"] = number

    _put(client, plan, PartName.PLANNING_GRIDS, link_to_first_priority)
    assert ("G-080", "/grids/0/objectives/0/key_priority") not in _rules(client, plan, PartName.PLANNING_GRIDS)

    def renumber_it(document: dict[str, Any]) -> None:
        document["key_priorities"][0]["number"] = 49

    _put(client, plan, PartName.STRATEGIC_SUMMARY, renumber_it)

    assert ("G-080", "/grids/0/objectives/0/key_priority") in _rules(client, plan, PartName.PLANNING_GRIDS)


def test_a_change_to_the_cycles_uplift_reaches_part_4s_findings(client_for: ClientFor, demo: Demo) -> None:
    planner, admin = client_for("planner_a"), client_for("admin")
    plan = demo.filled_plan_id
    cycle = admin.get(f"/api/v1/cycles/{demo.current_cycle_id}").json()

    def level(document: dict[str, Any]) -> None:
        # Last year's mainstream figures made equal to this year's: only an uplift can make them fall short.
        now = next(c for c in document["table_1"] if c["year"] == cycle["plan_year"])
        before = next(c for c in document["table_1"] if c["year"] == cycle["previous_year"])
        before.update({field: now[field] for field in MAINSTREAM})

    levelled = _put(planner, plan, PartName.FUNDING, level)
    assert any("uplifted by 2.50%" in finding["message"] for finding in levelled["findings"])
    answer = admin.patch(f"/api/v1/cycles/{demo.current_cycle_id}", json={"inflation_uplift_pct": "10.00"})
    assert answer.status_code == 200, answer.text

    read = planner.get(_url(plan, PartName.FUNDING)).json()
    assert any("uplifted by 10.00%" in finding["message"] for finding in read["findings"])
    assert not any("uplifted by 2.50%" in finding["message"] for finding in read["findings"])


def test_the_initial_submission_keeps_every_parts_findings_against_its_january_figures(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    planner = client_for("planner_a")
    plan = demo.filled_plan_id
    before = plans.get_plan(plan, session=session).plan.context_version
    files = {"file": ("audit.pdf", PDF, "application/pdf")}
    planner.post(f"/api/v1/plans/{plan}/attachments", files=files, data={"kind": "harm-reduction-self-audit"})

    answer = planner.post(f"/api/v1/plans/{plan}/submissions", json={"stage": "initial"})

    assert answer.status_code == 201, answer.text
    view = plans.get_plan(plan, session=session)
    assert view.plan.context_version == before + 1
    for part in PartName:
        row = _row(session, plan, part)
        assert validation.kept_findings(row, view.plan, session=session) is not None, part
        fresh = validation.keep_findings(parts.read_part(plan, part, session=session), view, session=session)
        assert _rules(planner, plan, part) == {(f.rule_id, f.path) for f in fresh}


def test_kept_findings_of_another_release_are_found_afresh(
    client: TestClient, session: Session, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = demo.filled_plan_id
    _put(client, plan, PartName.TARGETS, lambda document: None)
    row = _row(session, plan, PartName.TARGETS)
    assert row.findings is not None
    _keep_instead(row, {"rule_id": "T-999", "severity": "error", "path": "", "message": "Old rules.", "citation": "x"})
    session.add(row)
    session.flush()
    assert "Old rules." in client.get(_url(plan, PartName.TARGETS)).text

    monkeypatch.setattr(validation, "FINGERPRINT", "a-later-release")

    assert "Old rules." not in client.get(_url(plan, PartName.TARGETS)).text


def test_after_a_release_db_upgrade_keeps_every_stale_parts_findings_afresh_once(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_count = len(session.exec(select(PlanPart.plan_id).distinct()).all())
    monkeypatch.setattr(validation, "FINGERPRINT", "a-later-release")

    first = validation.keep_stale_findings(session=session)
    again = validation.keep_stale_findings(session=session)

    assert first == plan_count * len(PartName)
    assert again == 0
    view = plans.get_plan(session.exec(select(PlanPart.plan_id)).first() or 0, session=session)
    row = _row(session, id_of(view.plan), PartName.FUNDING)
    assert row.findings_key is not None
    assert row.findings_key.startswith("a-later-release:")


def test_a_plan_whose_findings_are_kept_is_checked_without_parsing_a_part(
    client: TestClient, session: Session, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The task list asks validate() which parts are started and what is wrong: with every part's findings
    # kept, that is read from the rows, and parsing (most of the page's time) is not needed at all.
    plan = demo.filled_plan_id
    for part in PartName:
        _put(client, plan, part, lambda document: None)
    empty = demo.empty_plan_id
    _put(client, empty, PartName.TARGETS, lambda document: None)  # saved as it is: still nothing entered

    def no_parsing(part: PartName, document: Any) -> Any:
        raise AssertionError(f"{part.value} was parsed")

    monkeypatch.setattr(parts, "parse_part", no_parsing)
    filled = validation.validate_stored_plan(plan, session=session)
    assert filled.not_started == frozenset()
    assert _row(session, empty, PartName.TARGETS).started is False


def test_whether_a_part_is_started_is_found_afresh_with_its_findings(
    client: TestClient, session: Session, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = demo.empty_plan_id
    _put(client, plan, PartName.STRATEGIC_SUMMARY, lambda document: None)
    row = _row(session, plan, PartName.STRATEGIC_SUMMARY)
    row.started = True  # kept wrongly behind the service's back
    session.add(row)
    session.flush()
    assert PartName.STRATEGIC_SUMMARY not in validation.validate_stored_plan(plan, session=session).not_started

    monkeypatch.setattr(validation, "FINGERPRINT", "a-later-release")  # kept under another release's key

    assert PartName.STRATEGIC_SUMMARY in validation.validate_stored_plan(plan, session=session).not_started


def test_a_save_finds_by_the_partnerships_pcts_as_they_are_stored(
    client: TestClient, session: Session, demo: Demo
) -> None:
    # A save reads the PCTs the partnership covers with the plan's lock, in the same statement: the findings it
    # keeps must name the same PCTs, in the same order, as the rules run afresh on a read would.
    view = plans.get_plan(demo.filled_plan_id, session=session)
    covered = reference.pct_codes_of(id_of(view.partnership), session=session)

    def cover_none_and_one_stray(document: dict[str, Any]) -> None:
        stray = dict(document["primary_care"][0], pct_code="ZZZ")
        document["primary_care"] = [stray]

    saved = _put(client, demo.filled_plan_id, PartName.TARGETS, cover_none_and_one_stray)

    missing = [f["message"] for f in saved["findings"] if f["rule_id"] == "T-040"]
    stray = [f["message"] for f in saved["findings"] if f["rule_id"] == "T-050"]
    assert covered
    assert [message.split("PCT ", 1)[1].split(".", 1)[0] for message in missing] == list(covered)
    assert len(stray) == 1
    assert f"PCT ZZZ, which the partnership does not cover (it covers: {', '.join(covered)})." in stray[0]
