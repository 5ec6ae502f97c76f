"""The metric catalogue as administrators see it, and a local KPI added from a form.

What a local KPI must satisfy (the catalogue entry's own rules, then its fit with the versions of its
code already stored) is service/monitoring/metric_versions.py's, as for POST /api/v1/metrics; this
page asks each field in words first, so a person is told what to enter rather than a schema's complaint.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from plan_schema import wording
from plan_schema.plan_year import check_plan_year
from service.access.guards import Admin, AdminForm
from service.access.identity import Member
from service.monitoring import metric_versions
from service.monitoring.catalogue import Family, Frequency, Geography, Polarity, ValueType, Window
from service.monitoring.wording import unit_text
from service.pages.rendering import render
from service.platform.deps import SessionDep
from service.platform.errors import Conflict, InvalidInput

router = APIRouter(include_in_schema=False)

FAMILY_TITLES = {
    Family.PLAN_PART_2: "The plan's Part 2 indicators",
    Family.OUTCOMES_FRAMEWORK_2023: "The 2023 outcomes framework",
    Family.LOCAL_KPI: "Local and contract KPIs",
}
VALUE_TYPES = {
    ValueType.PROPORTION: "A percentage of a denominator",
    ValueType.RATE: "A rate per so many of a population",
    ValueType.COUNT: "A count",
    ValueType.MEAN: "A mean",
    ValueType.MEAN_CHANGE: "A mean change",
}
POLARITIES = {
    Polarity.HIGHER_IS_BETTER: "Higher is better",
    Polarity.LOWER_IS_BETTER: "Lower is better",
    Polarity.NONE: "Neither: it describes, it is not judged",
}
TEXT_FIELDS = ("code", "version", "name", "definition", "numerator", "denominator", "multiplier", "source", "citation")
CHOICE_FIELDS = ("value_type", "polarity", "frequency", "window", "lowest_geography", "valid_from")
# The fields in the order the form asks them, which is the order their problems are listed in.
FORM_ORDER = (
    "code", "version", "name", "definition", "numerator", "denominator", "value_type", "multiplier", "polarity",
    "frequency", "window", "lowest_geography", "source", "citation", "valid_from",
)  # fmt: skip
# What to say when a field a KPI needs is left empty.
REQUIRED = {
    "code": "Enter the KPI's code, such as LK-HEPB",
    "version": "Enter the version, 1 for a new KPI",
    "name": "Enter the KPI's name",
    "definition": "Enter what the KPI measures",
    "numerator": "Enter what is counted",
    "value_type": "Select how the value is worked out",
    "multiplier": "Enter the multiplier, 100 for a percentage or 1 for a count",
    "polarity": "Select which way is better",
    "frequency": "Select how often figures come",
    "window": "Select the period each figure covers",
    "source": "Enter where the figures come from",
    "lowest_geography": "Select the smallest area figures come for",
    "citation": "Enter the contract or document that sets the KPI",
}
NUMBERS = {
    "version": "Enter the version as a whole number, like 1",
    "multiplier": "Enter the multiplier as a whole number, like 100",
}


def _options(choices: Any) -> list[tuple[str, str]]:
    return [(choice.value, choice.value.replace("-", " ").capitalize()) for choice in choices]


def _form_page(
    request: Request,
    caller: Member,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    problems = errors or {}
    context = {
        "caller": caller,
        "values": values or {"version": "1"},
        "errors": problems,
        "error_list": [(text, field) for field, text in problems.items()],
    }
    return render(request, "admin/new_metric.html", context | form_choices(), status=status)


def form_choices() -> dict[str, list[tuple[str, str]]]:
    """The options of the form's radios and selects, as (value, words) pairs."""
    return {
        "value_types": [(kind.value, text) for kind, text in VALUE_TYPES.items()],
        "polarities": [(kind.value, text) for kind, text in POLARITIES.items()],
        "frequencies": [("", "Choose how often"), *_options(Frequency)],
        "windows": [("", "Choose a period"), *_options(Window)],
        "geographies": [("", "Choose an area"), *_options(Geography)],
    }


@router.get("/admin/metrics", response_class=HTMLResponse)
def metrics_page(request: Request, caller: Admin, session: SessionDep, added: str | None = None) -> HTMLResponse:
    """Every metric version figures can be imported against, by family, with a way to add a local KPI."""
    stored = metric_versions.stored_metrics(session=session)
    families = [(title, [m for m in stored if m.family is family]) for family, title in FAMILY_TITLES.items()]
    context = {"caller": caller, "families": families, "unit_text": unit_text, "added": added}
    return render(request, "admin/metrics.html", context)


@router.get("/admin/metrics/new", response_class=HTMLResponse)
def new_metric_page(request: Request, caller: Admin) -> HTMLResponse:
    """The form for a local KPI."""
    return _form_page(request, caller)


@router.post("/admin/metrics/new", response_class=HTMLResponse)
def add_metric(
    request: Request,
    caller: AdminForm,
    session: SessionDep,
    code: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    definition: Annotated[str, Form()] = "",
    numerator: Annotated[str, Form()] = "",
    denominator: Annotated[str, Form()] = "",
    multiplier: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "",
    citation: Annotated[str, Form()] = "",
    value_type: Annotated[str, Form()] = "",
    polarity: Annotated[str, Form()] = "",
    frequency: Annotated[str, Form()] = "",
    window: Annotated[str, Form()] = "",
    lowest_geography: Annotated[str, Form()] = "",
    valid_from: Annotated[str, Form()] = "",
) -> Response:
    """Add the local KPI if every field is right; else name each problem beside its field."""
    typed = (code, version, name, definition, numerator, denominator, multiplier, source, citation)
    chosen = (value_type, polarity, frequency, window, lowest_geography, valid_from)
    values = dict(zip((*TEXT_FIELDS, *CHOICE_FIELDS), (value.strip() for value in (*typed, *chosen)), strict=True))
    errors = _field_errors(values)
    if errors:
        return _form_page(request, caller, values=values, errors=errors, status=422)
    try:
        metric_versions.add_local_metric(_entry(values), session=session)
    except (InvalidInput, Conflict) as refused:
        return _form_page(request, caller, values=values, errors=_errors(refused), status=refused.status)
    return RedirectResponse(f"/admin/metrics?added={values['code']}", status_code=303)


def _field_errors(values: dict[str, str]) -> dict[str, str]:
    """Each empty or unreadable field named at once, in the form's order."""
    errors: dict[str, str] = {}
    for field in FORM_ORDER:
        if not values[field] and field in REQUIRED:
            errors[field] = REQUIRED[field]
        elif field in NUMBERS and values[field] and not values[field].replace(",", "").isdigit():
            errors[field] = NUMBERS[field]
    if values["valid_from"]:
        try:
            check_plan_year(values["valid_from"])
        except ValueError:
            errors["valid_from"] = "Enter the first plan year in force as the year it starts and the next, like 2027/28"
    return errors


def _entry(values: dict[str, str]) -> dict[str, Any]:
    """The catalogue entry the form describes, for the same checks an API client's entry meets."""
    entry: dict[str, Any] = {field: values[field] for field in (*TEXT_FIELDS, *CHOICE_FIELDS) if values[field]}
    for field in NUMBERS:
        entry[field] = int(values[field].replace(",", ""))
    entry.setdefault("denominator", None)
    return entry | {"family": Family.LOCAL_KPI.value}


def _errors(refused: InvalidInput | Conflict) -> dict[str, str]:
    """A refusal's messages by the field each names (the first part of its pointer); a clash is about the code."""
    named: dict[str, str] = {}
    for error in refused.extensions.get("errors", []):
        field = str(error["pointer"]).lstrip("/").split("/")[0]
        named.setdefault(
            field if field in (*TEXT_FIELDS, *CHOICE_FIELDS) else "code", wording.sentence(error["detail"])
        )
    return named or {"code": refused.detail}
