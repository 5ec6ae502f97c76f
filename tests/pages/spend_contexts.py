"""Representative contexts for the quarterly spend page, worked out by the real computation."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from plan_schema.funding import Funding
from plan_schema.vocabulary import EXPENDITURE_SOURCES
from service.pages.returns import spend_form
from service.pages.returns.spend_page import FORM, NOT_YOURS, STALE
from service.returns import spend, spend_variance


def _context(plan: dict[str, Any], *, entered: bool) -> dict[str, Any]:
    table_2 = [row.model_copy(update={"police": Decimal("4000.00")}) for row in Funding().table_2]
    actual = [row.model_copy(update={"police": Decimal("1500.00")}) for row in Funding().table_2]
    entry = spend.SpendEntry(actual=actual, forecast_outturn=Decimal("50000") if entered else None)
    result = spend_variance.spend_variance(
        quarter=2,
        table_2=table_2,
        actual_to_date=actual,
        threshold_pct=Decimal("10.00"),
        entered_forecast=entry.forecast_outturn,
        adults_in_treatment=1200 if entered else None,
    )
    stored = spend.StoredSpend(7, 2, entry, 3, 1, None)
    return plan | {
        "plan_id": 7,
        "quarter": 2,
        "months": "July to September 2008",
        "result": result,
        "stored": stored,
        "sources": EXPENDITURE_SOURCES,
        "names": spend_form,
        "editable": entered,
        "not_yours": NOT_YOURS,
        "form_anchor": FORM,
        "values": spend_form.form_values(entry, spend_variance.profile_to_date(table_2, 2)),
        "profile_entered": entered,
        "profile_cleared": False,
        "errors": {},
        "error_list": [],
        "version": 3,
        "saved": entered,
    }


def spend_contexts(plan: Callable[[], dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The page as a finance officer sees it (with a refused cell and a stale save), and read-only."""
    refused = _context(plan(), entered=True)
    cell = spend_form.spend_name(0, "police")
    profile_cell = spend_form.profile_name(1, "police")
    refused["errors"] = {
        FORM: STALE,
        cell: "Open access: Police (1.6): Enter an amount in pounds",
        profile_cell: "Criminal justice: Police (1.6), profile to date: Enter an amount of £0 or more",
    }
    refused["error_list"] = [(text, name) for name, text in refused["errors"].items()]
    refused["values"] = refused["values"] | {cell: "abc", profile_cell: "-5"}
    return {"returns/spend.html": [_context(plan(), entered=True), refused, _context(plan(), entered=False)]}
