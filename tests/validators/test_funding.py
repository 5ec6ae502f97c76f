"""Part 4 rules, case by case, and properties of Table 1 and Table 2 figures."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_schema.funding import Funding
from plan_schema.funding_totals import SOURCE_FIELDS
from plan_schema.money import MONEY_MAX, PENNY, ZERO
from plan_schema.vocabulary import DEFAULT_EXPENDITURE_CATEGORIES, FUNDING_ROWS, PartName
from tests.validators.plan_builders import (
    PREVIOUS_FIGURES,
    REMOVE,
    funding,
    plan_context,
    rule_ids_fired,
    rule_ids_quiet,
    stored,
)
from validators import funding as funding_rules
from validators.catalogue import validate_part
from validators.findings import Finding, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
PLAN = "/table_1/1"  # the builders' 2008/09 column; /table_1/0 is 2007/08
PREVIOUS = "/table_1/0"


def findings_of(rule_id: str, document: Funding, **context_changes: object) -> list[Finding]:
    return [
        f for f in validate_part(PartName.FUNDING, document, plan_context(**context_changes)) if f.rule_id == rule_id
    ]


def located(findings: list[Finding]) -> set[tuple[str, Severity, str]]:
    return {(f.rule_id, f.severity, f.path) for f in findings}


FIRES = [
    pytest.param(
        funding({f"{PLAN}/young_peoples_allocation": "1250000.01"}),
        ("F-010", ERROR, f"{PLAN}/young_peoples_allocation"),
        id="young people's allocation above the SMPTB is an error",
    ),
    pytest.param(
        funding({f"{PLAN}/section_31_pooled": "1000.00"}),
        ("F-020", ERROR, f"{PLAN}/section_31_pooled"),
        id="section 31 with PCT funding is an error",
    ),
    pytest.param(
        funding({f"{PREVIOUS}/section_31_pooled": "1.00", f"{PREVIOUS}/pct_mainstream": "0"}),
        ("F-020", ERROR, f"{PREVIOUS}/section_31_pooled"),
        id="section 31 with only social services funding is an error",
    ),
    pytest.param(
        funding({f"{PLAN}/dip_carry_forward": "8000.01"}),
        ("F-030", ERROR, f"{PLAN}/dip_carry_forward"),
        id="DIP carry forward a penny over 2 percent is an error",
    ),
    pytest.param(
        funding({f"{PLAN}/other_description": "   "}),
        ("F-040", ERROR, f"{PLAN}/other_description"),
        id="other funding without a description is an error",
    ),
    pytest.param(
        funding({"/table_1/1": REMOVE}),
        ("F-050", ERROR, "/table_1"),
        id="no plan-year column is an error",
    ),
    pytest.param(
        funding({"/table_1/0": REMOVE}),
        ("F-050", ERROR, "/table_1"),
        id="no previous-year column is an error",
    ),
    pytest.param(
        funding({"/table_2/9/police": "0.01"}),
        ("F-060", ERROR, "/table_2_totals/total"),
        id="Table 2 a penny above 1.14 is an error",
    ),
    pytest.param(
        funding({f"{PLAN}/police": "50000.01"}),
        ("F-060", ERROR, "/table_2_totals/total"),
        id="1.14 a penny above Table 2 is an error",
    ),
    pytest.param(
        funding({"/table_2/0/smptb_adult": "0"}),
        ("F-070", WARNING, "/table_2_totals/smptb_adult"),
        id="Table 2 column for 1.3 short of Table 1 is a warning",
    ),
    pytest.param(
        funding({"/table_2/9/dh_tier_4_capital": "1.00"}),
        ("F-070", WARNING, "/table_2_totals/dh_tier_4_capital"),
        id="Table 2 column above its Table 1 source is a warning",
    ),
    pytest.param(
        funding({f"{PLAN}/police": "49199.99"}),
        ("F-080", WARNING, f"{PLAN}/police"),
        id="police funding a penny below last year plus inflation is a warning",
    ),
    pytest.param(
        funding({f"{PLAN}/pct_mainstream": "592374.99"}),
        ("F-080", WARNING, f"{PLAN}/pct_mainstream"),
        id="PCT, social services and section 31 below last year plus inflation is a warning",
    ),
    pytest.param(
        funding({f"{PLAN}/probation": "39000.00"}),
        ("F-080", WARNING, f"{PLAN}/probation"),
        id="probation funding held flat without inflation is a warning",
    ),
    pytest.param(
        funding({f"{PLAN}/supporting_people": "0"}),
        ("F-080", WARNING, f"{PLAN}/supporting_people"),
        id="supporting people funding withdrawn is a warning",
    ),
    pytest.param(
        stored(funding(), f"{PLAN}/other_description", "Bell\u0007"),
        ("F-900", ERROR, f"{PLAN}/other_description"),
        id="stored control character in other description is an error",
    ),
]

QUIET = [
    pytest.param(funding({}), "F-010", id="young people's allocation within the SMPTB is fine"),
    pytest.param(funding({f"{PLAN}/young_peoples_allocation": "1250000.00"}), "F-010", id="1.2 equal to 1.1 is fine"),
    pytest.param(
        funding(
            {f"{PLAN}/section_31_pooled": "720000.00", f"{PLAN}/pct_mainstream": "0", f"{PLAN}/social_services": "0"}
        ),
        "F-020",
        id="section 31 alone is fine",
    ),
    pytest.param(
        funding(
            {
                f"{PREVIOUS}/section_31_pooled": "695000.00",
                f"{PREVIOUS}/pct_mainstream": "0",
                f"{PREVIOUS}/social_services": "0",
            }
        ),
        "F-020",
        id="section 31 in one year and PCT funding in another is fine",
    ),
    pytest.param(
        funding({f"{PLAN}/dip_carry_forward": "8000.00"}), "F-030", id="DIP carry forward of exactly 2 percent is fine"
    ),
    pytest.param(
        funding({f"{PLAN}/other_description": "", f"{PLAN}/other": "0"}), "F-040", id="no other funding needs no words"
    ),
    pytest.param(funding({}), "F-050", id="plan and previous years present is fine"),
    pytest.param(funding({"/table_1/1": REMOVE}), "F-060", id="N15 is not compared when there is no plan-year column"),
    pytest.param(
        funding({"/table_2/0/smptb_adult": "0", "/table_2/1/smptb_adult": "1100000.00", "/table_2/3/smptb_adult": "0"}),
        "F-070",
        id="a source moved between categories is fine",
    ),
    pytest.param(funding({f"{PLAN}/police": "49200.00"}), "F-080", id="police funding exactly uplifted is fine"),
    pytest.param(
        funding(
            {f"{PLAN}/pct_mainstream": "0", f"{PLAN}/social_services": "0", f"{PLAN}/section_31_pooled": "720000.00"}
        ),
        "F-080",
        id="PCT and social services moved into a section 31 pool is fine",
    ),
    pytest.param(funding({"/table_1/0": REMOVE}), "F-080", id="mainstream is not compared without a previous year"),
    pytest.param(funding({f"{PLAN}/other_description": "Tab\tand\nnewline"}), "F-900", id="tabs and newlines are fine"),
]


@pytest.mark.parametrize(("document", "expected"), FIRES)
def test_rule_fires_with_its_severity_at_its_path(document: Funding, expected: tuple[str, Severity, str]) -> None:
    assert expected in located(findings_of(expected[0], document))


@pytest.mark.parametrize(("document", "rule_id"), QUIET)
def test_rule_stays_quiet(document: Funding, rule_id: str) -> None:
    assert findings_of(rule_id, document) == []


def test_every_funding_rule_has_cases_that_fire_and_stay_quiet() -> None:
    needs_initial_submission = {"F-090"}  # covered by the tests below, which set the context
    rule_ids = {rule.id for rule in funding_rules.RULES.rules}
    assert rule_ids_fired(FIRES) | needs_initial_submission == rule_ids
    assert rule_ids_quiet(QUIET) | needs_initial_submission == rule_ids


def test_section_31_with_pct_funding_is_an_error() -> None:
    found = findings_of("F-020", funding({f"{PLAN}/section_31_pooled": "1.00"}))
    assert [(f.severity, f.path, f.citation) for f in found] == [
        (ERROR, f"{PLAN}/section_31_pooled", "Guidance Part 4, 1.9")
    ]
    assert "2008/09" in found[0].message
    assert "1.7" in found[0].message


def test_underspend_unchanged_since_january_is_a_warning() -> None:
    found = findings_of("F-090", funding(), initial_submission_funding=funding())
    assert located(found) == {("F-090", WARNING, f"{PLAN}/smptb_underspend_carried_forward")}


def test_underspend_updated_since_january_is_fine() -> None:
    january = funding({f"{PLAN}/smptb_underspend_carried_forward": "40000.00"})
    assert findings_of("F-090", funding(), initial_submission_funding=january) == []


def test_underspend_is_not_compared_before_there_is_a_january_submission() -> None:
    assert findings_of("F-090", funding(), initial_submission_funding=None) == []


def test_mainstream_uplift_rounds_to_the_penny() -> None:
    # 48,000.01 × 1.025 = 49,200.01025, which rounds to 49,200.01: 49,200.01 is enough.
    document = funding({f"{PREVIOUS}/police": "48000.01", f"{PLAN}/police": "49200.01"})
    assert findings_of("F-080", document) == []
    assert findings_of("F-080", funding({f"{PREVIOUS}/police": "48000.01", f"{PLAN}/police": "49200.00"}))


def test_mainstream_uplift_rounds_half_a_penny_up() -> None:
    # 0.20 × 1.025 = 0.205, which rounds (half up) to 0.21.
    assert findings_of("F-080", funding({f"{PREVIOUS}/police": "0.20", f"{PLAN}/police": "0.20"}))
    assert findings_of("F-080", funding({f"{PREVIOUS}/police": "0.20", f"{PLAN}/police": "0.21"})) == []


def test_mainstream_groups_cover_every_mainstream_row_once() -> None:
    grouped = [field for group in funding_rules.MAINSTREAM_GROUPS for field in group]
    assert sorted(grouped) == sorted(row.field for row in FUNDING_ROWS if row.mainstream)


def test_n15_message_gives_both_totals() -> None:
    (finding,) = findings_of("F-060", funding({"/table_2/9/police": "0.01"}))
    assert "£2,461,000.56 in all (cell N15), £0.01 more than the £2,461,000.55 available" in finding.message


def test_valid_funding_has_no_findings() -> None:
    assert validate_part(PartName.FUNDING, funding(), plan_context()) == []


def test_a_negative_1_3_is_written_with_a_minus_sign() -> None:
    document = funding({f"{PLAN}/young_peoples_allocation": "1250000.01"})
    (finding,) = findings_of("F-070", document)
    assert "Table 1 shows -£0.01 from it" in finding.message


# Property-based: random valid Table 1 figures, and a Table 2 built to match them.

PENCE = st.integers(min_value=0, max_value=100_000_000_000)  # up to the £1bn input limit
INPUT_FIELDS = [row.field for row in FUNDING_ROWS if not row.computed]


def pounds_from(pence: int) -> Decimal:
    return Decimal(pence) / 100


@st.composite
def plan_year_figures(draw: st.DrawFn) -> dict[str, Decimal]:
    """Table 1 inputs that break no rule: 1.2 ≤ 1.1, carry forward ≤ 2%, 1.9 or 1.7/1.8, never both."""
    figures = {field: pounds_from(draw(PENCE)) for field in INPUT_FIELDS}
    figures["young_peoples_allocation"] = pounds_from(draw(st.integers(0, int(figures["smptb_allocation"] * 100))))
    figures["dip_carry_forward"] = pounds_from(draw(st.integers(0, int(figures["dip_main_grant"] * 2))))
    if draw(st.booleans()):
        figures["pct_mainstream"] = figures["social_services"] = Decimal(0)
    else:
        figures["section_31_pooled"] = Decimal(0)
    return figures


def split(amount: Decimal, weights: list[int]) -> list[Decimal]:
    """Share an amount in whole pence across categories by weight, exactly."""
    pence = int(amount * 100)
    total_weight = sum(weights) or 1
    shares = [pence * weight // total_weight for weight in weights]
    shares[-1] += pence - sum(shares)
    return [pounds_from(share) for share in shares]


@st.composite
def matching_funding(draw: st.DrawFn) -> Funding:
    figures = draw(plan_year_figures())
    table_1 = {field: str(value) for field, value in figures.items()}
    table_1["other_description"] = "Regeneration monies"
    rows: list[dict[str, str]] = [{"category": category} for category in DEFAULT_EXPENDITURE_CATEGORIES]
    weights = st.lists(st.integers(0, 5), min_size=len(rows), max_size=len(rows))
    adult = figures["smptb_allocation"] - figures["young_peoples_allocation"]
    for field in SOURCE_FIELDS:
        amount = adult if field == "smptb_adult" else figures[field]
        for row, share in zip(rows, split(amount, draw(weights)), strict=True):
            row[field] = str(share)
    previous = {
        "year": "2007/08",
        **{field: PREVIOUS_FIGURES[field] for field in ("smptb_allocation", "dip_main_grant")},
    }
    return Funding.model_validate({"table_1": [previous, {"year": "2008/09", **table_1}], "table_2": rows})


@settings(max_examples=50, deadline=None)
@given(document=matching_funding())
def test_total_is_the_sum_of_rows_and_matching_table_2_raises_nothing(document: Funding) -> None:
    column = document.table_1[1]
    expected = sum(
        (-getattr(column, row.field) if row.code == "1.2" else getattr(column, row.field))
        for row in FUNDING_ROWS
        if not row.computed
    )
    assert column.total == expected
    assert validate_part(PartName.FUNDING, document, plan_context()) == []


@settings(max_examples=50, deadline=None)
@given(document=matching_funding(), row=st.integers(0, len(DEFAULT_EXPENDITURE_CATEGORIES) - 1), data=st.data())
def test_a_penny_changed_in_table_2_fires_n15_and_exactly_that_column(
    document: Funding, row: int, data: st.DataObject
) -> None:
    field = data.draw(st.sampled_from(SOURCE_FIELDS))
    penny = data.draw(st.sampled_from((PENNY, -PENNY)))
    body = document.model_dump(mode="json")
    amount = Decimal(body["table_2"][row][field])
    if not ZERO <= amount + penny <= MONEY_MAX:
        penny = -penny  # stay within what a Table 2 cell may hold
    body["table_2"][row][field] = str(amount + penny)
    changed = Funding.model_validate(body)
    found = located(validate_part(PartName.FUNDING, changed, plan_context()))
    assert found == {("F-060", ERROR, "/table_2_totals/total"), ("F-070", WARNING, f"/table_2_totals/{field}")}
