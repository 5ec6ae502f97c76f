"""A submitted return built without a database: the snapshot's sections as submissions keep them, and its spend."""

import datetime
from decimal import Decimal
from typing import Any

from plan_schema.funding import ExpenditureRow
from plan_schema.funding_totals import SOURCE_FIELDS
from plan_schema.money import PENNY
from service.documents.return_document import SubmittedReturn
from service.returns import spend_variance
from tests.documents.document_builders import PARTNERSHIP, demo_funding

SHA = "89abcdef01234567" * 4
SUBMITTER = "Priya Planner"
LONG_NOTE_END = "Theveryend."
# A note taller than a landscape page: its row must split across pages rather than lose its end.
LONG_NOTE = " ".join(f"Step {number} of the recovery." for number in range(1, 90)) + f" {LONG_NOTE_END}"
HOSTILE = 'Fees & "charges" <script>alert(1)</script> {{ partnership_name }}'
# Quarter 2: every figure to date on its profile but police in the first category, £150,000 over it.
POLICE_OVER = Decimal("150000.00")


def _actions() -> list[dict[str, Any]]:
    return [
        {
            "reference": "1.1.1",
            "text": "Recruit two keyworkers",
            "postholder": "Service manager",
            "due": "2008-09-30",
            "grid": 1,
            "objective": 1,
            "action": 1,
            "status": "complete",
            "note": "",
            "evidence": "Contracts signed",
            "completed": "2008-08-20",
        },
        {
            "reference": "1.1.2",
            "text": HOSTILE,
            "postholder": "Lead nurse",
            "due": None,
            "grid": 1,
            "objective": 1,
            "action": 2,
            "status": "off-track",
            "note": LONG_NOTE,
            "evidence": "",
            "completed": None,
        },
    ]


def _exceptions() -> list[dict[str, Any]]:
    red = {
        "metric": "OF-16",
        "name": "Deaths in treatment",
        "value": "30.0%",
        "target": "18.0%",
        "rag": "red",
        "rag_text": "Red – off track",
        "commentary": "Two of the deaths were of people waiting for a place",
        "reason": "Two deaths among older users",
        "recovery_action": "Naloxone for everyone leaving treatment",
        "owner": "Clinical lead",
        "recovery_date": "2009-03-31",
    }
    green = {
        "metric": "OF-02",
        "name": "Waiting times",
        "value": "95.0%",
        "target": "90.0%",
        "rag": "green",
        "rag_text": "Green – on track",
        "commentary": "",
        "reason": "",
        "recovery_action": "",
        "owner": "",
        "recovery_date": None,
    }
    return [red, green]


def submitted_return(partnership_name: str = PARTNERSHIP) -> SubmittedReturn:
    """Quarter 2 of 2008/09, submission 3, three days late: every section filled, one spend figure flagged."""
    table_2 = list(demo_funding().table_2)
    to_date = spend_variance.profile_to_date(table_2, 2)
    to_date[0] = to_date[0].model_copy(update={"police": to_date[0].police + POLICE_OVER})
    # Half of it spent in this quarter: the other half was quarter 1's.
    actual = [
        ExpenditureRow(
            category=row.category, **{field: (getattr(row, field) / 2).quantize(PENNY) for field in SOURCE_FIELDS}
        )
        for row in to_date
    ]
    result = spend_variance.spend_variance(
        quarter=2, table_2=table_2, actual_to_date=to_date, threshold_pct=Decimal("10.00"), adults_in_treatment=4685
    )
    spend = {
        "quarter": 2,
        "actual": [row.model_dump(mode="json") for row in actual],
        "profile": None,
        "forecast_outturn": None,
        "worked_out_from": {"table_2": [row.model_dump(mode="json") for row in table_2]},
    }
    return SubmittedReturn(
        partnership_name=partnership_name,
        plan_year="2008/09",
        quarter=2,
        number=3,
        submitted_at=datetime.datetime(2008, 11, 3, 14, 5, tzinfo=datetime.UTC),
        submitted_by=SUBMITTER,
        due=datetime.date(2008, 10, 31),
        lateness="3 days late",
        content_sha256=SHA,
        sections={"actions": _actions(), "exceptions": _exceptions(), "spend": spend},
        spend=result,
    )
