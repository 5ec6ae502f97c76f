"""The quarterly return's rules, each on the smallest return that trips it and one that does not."""

import datetime

from plan_schema.quarterly_return import ActionProgress, ActionsProgress, ActionStatus, MetricReport, MetricReports
from validators.findings import Severity
from validators.returns import ReturnContext, ReturnSections, validate_return

ENDED = ReturnContext(quarter_ends=datetime.date(2008, 6, 30), today=datetime.date(2008, 7, 5), red_metrics=())


def _ids(sections: ReturnSections, context: ReturnContext = ENDED) -> list[tuple[str, str]]:
    return [(finding.rule_id, finding.path) for finding in validate_return(sections, context)]


def _actions(*progress: ActionProgress) -> ReturnSections:
    return ReturnSections(actions=ActionsProgress(actions=list(progress)), metrics=MetricReports())


def test_a_complete_action_without_a_date_is_an_error() -> None:
    found = _ids(_actions(ActionProgress(grid=1, objective=2, action=3, status=ActionStatus.COMPLETE)))

    assert found == [("R-010", "/actions/0/completed")]


def test_a_complete_action_with_its_date_passes() -> None:
    done = ActionProgress(grid=1, objective=1, action=1, status="complete", completed=datetime.date(2008, 6, 1))

    assert _ids(_actions(done)) == []


def test_an_off_track_action_without_a_note_is_an_error_naming_the_action() -> None:
    findings = validate_return(_actions(ActionProgress(grid=2, objective=1, action=4, status="off-track")), ENDED)

    assert [(f.rule_id, f.severity, f.path) for f in findings] == [("R-020", Severity.ERROR, "/actions/0/note")]
    assert "2.1.4" in findings[0].message


def test_an_at_risk_action_without_a_note_is_only_a_warning() -> None:
    findings = validate_return(_actions(ActionProgress(grid=1, objective=1, action=1, status="at-risk")), ENDED)

    assert [(f.rule_id, f.severity) for f in findings] == [("R-030", Severity.WARNING)]


def test_a_red_metric_with_no_entry_needs_an_exception() -> None:
    red = ReturnContext(ENDED.quarter_ends, ENDED.today, red_metrics=("NDTMS-RET12",))

    assert _ids(_actions(), red) == [("R-040", "/metrics")]


def test_a_red_metric_names_each_missing_part_of_its_exception() -> None:
    red = ReturnContext(ENDED.quarter_ends, ENDED.today, red_metrics=("NDTMS-RET12",))
    sections = ReturnSections(
        ActionsProgress(), MetricReports(metrics=[MetricReport(metric="NDTMS-RET12", reason="Staff shortage")])
    )

    assert _ids(sections, red) == [
        ("R-040", "/metrics/0/recovery_action"),
        ("R-040", "/metrics/0/owner"),
        ("R-040", "/metrics/0/recovery_date"),
    ]


def test_a_full_exception_and_a_commentary_on_a_green_metric_pass() -> None:
    red = ReturnContext(ENDED.quarter_ends, ENDED.today, red_metrics=("NDTMS-RET12",))
    exception = MetricReport(
        metric="NDTMS-RET12",
        reason="Staff shortage",
        recovery_action="Recruit two keyworkers",
        owner="Commissioning manager",
        recovery_date=datetime.date(2008, 12, 31),
    )
    sections = ReturnSections(
        ActionsProgress(), MetricReports(metrics=[exception, MetricReport(metric="OTHER", commentary="Steady")])
    )

    assert _ids(sections, red) == []


def test_a_return_for_a_quarter_not_yet_ended_is_an_error() -> None:
    on_the_last_day = ReturnContext(ENDED.quarter_ends, ENDED.quarter_ends, red_metrics=())

    assert _ids(_actions(), on_the_last_day) == [("R-050", "")]
