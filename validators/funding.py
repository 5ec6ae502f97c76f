"""Part 4 rules: Table 1 funding by source and year, Table 2 expenditure profile."""

from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from plan_schema import funding_totals
from plan_schema.funding import Funding, FundingYear
from plan_schema.money import PENNY, ZERO
from plan_schema.vocabulary import PartName
from plan_schema.wording import funding_row, pounds
from validators.context import PlanContext
from validators.findings import Finding, RuleSet, Severity, pointer
from validators.text import register_control_character_rule

RULES: RuleSet[Funding] = RuleSet(PartName.FUNDING, "F-")

DIP_CARRY_FORWARD_MAX = Decimal("0.02")

# Mainstream rows compared year on year. 1.7, 1.8 and 1.9 are taken together because a
# partnership that moves to a section 31 pooled budget (1.9) stops entering 1.7 and 1.8.
MAINSTREAM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("police",),
    ("pct_mainstream", "social_services", "section_31_pooled"),
    ("probation",),
    ("supporting_people",),
)


def _columns(funding: Funding) -> Iterator[tuple[int, FundingYear]]:
    return enumerate(funding.table_1)


def _indexed_column(funding: Funding, year: str) -> tuple[int, FundingYear] | None:
    return next(((index, column) for index, column in _columns(funding) if column.year == year), None)


@RULES.rule("F-010", Severity.ERROR, "Guidance Part 4, 1.2", "1.2 (young people's allocation) is not more than 1.1.")
def young_peoples_allocation_within_smptb(funding: Funding, context: PlanContext) -> Iterator[Finding]:
    for index, column in _columns(funding):
        if column.young_peoples_allocation > column.smptb_allocation:
            yield RULES.finding(
                "F-010",
                pointer("table_1", index, "young_peoples_allocation"),
                f"In {column.year}, row 1.2 (young people's allocation, {pounds(column.young_peoples_allocation)}) "
                f"is more than row 1.1 (the pooled treatment budget, {pounds(column.smptb_allocation)}). "
                "1.2 is the part of 1.1 redirected to young people, so it cannot be larger: check both figures.",
            )


@RULES.rule(
    "F-020",
    Severity.ERROR,
    "Guidance Part 4, 1.9",
    "No section 31/28a pooled funding (1.9) in a year that has PCT (1.7) or social services (1.8) amounts.",
)
def section_31_exclusive(funding: Funding, context: PlanContext) -> Iterator[Finding]:
    for index, column in _columns(funding):
        if column.section_31_pooled and (column.pct_mainstream or column.social_services):
            yield RULES.finding(
                "F-020",
                pointer("table_1", index, "section_31_pooled"),
                f"In {column.year}, row 1.9 (section 31/28a pooled funding) has {pounds(column.section_31_pooled)} "
                "while rows 1.7 (PCT) and/or 1.8 (social services) also have amounts. Enter pooled money either "
                "in 1.9 alone or in 1.7 and 1.8, never both, so that it is not counted twice.",
            )


@RULES.rule(
    "F-030", Severity.ERROR, "Guidance Part 4, 1.5", "1.5(a) DIP carry forward is at most 2% of that year's 1.5."
)
def dip_carry_forward_at_most_two_percent(funding: Funding, context: PlanContext) -> Iterator[Finding]:
    for index, column in _columns(funding):
        limit = column.dip_main_grant * DIP_CARRY_FORWARD_MAX
        if column.dip_carry_forward > limit:
            # Rounded down so that the maximum we quote is itself allowed.
            allowed = limit.quantize(PENNY, rounding=ROUND_DOWN)
            yield RULES.finding(
                "F-030",
                pointer("table_1", index, "dip_carry_forward"),
                f"In {column.year}, row 1.5(a) (DIP carry forward, {pounds(column.dip_carry_forward)}) is more "
                f"than 2% of the DIP main grant in 1.5 ({pounds(column.dip_main_grant)}). At most "
                f"{pounds(allowed)} may be carried forward: reduce 1.5(a) or check 1.5.",
            )


@RULES.rule("F-040", Severity.ERROR, "Guidance Part 4, 1.12", "An amount in 1.12 (other) says what the funding is.")
def other_funding_described(funding: Funding, context: PlanContext) -> Iterator[Finding]:
    for index, column in _columns(funding):
        if column.other and not column.other_description.strip():
            yield RULES.finding(
                "F-040",
                pointer("table_1", index, "other_description"),
                f"In {column.year}, row 1.12 (other) has {pounds(column.other)} but no description. "
                "Say where the money comes from (for example regeneration monies or 'Single Pot' funding).",
            )


@RULES.rule("F-050", Severity.ERROR, "Guidance Part 4, Table 1", "Table 1 has the plan year and the previous year.")
def plan_and_previous_year_present(funding: Funding, context: PlanContext) -> Iterator[Finding]:
    years = {column.year for column in funding.table_1}
    for year, what in ((context.previous_year, "previous year"), (context.plan_year, "plan year")):
        if year not in years:
            yield RULES.finding(
                "F-050",
                pointer("table_1"),
                f"Table 1 has no column for {year} (the {what}). Add the {year} column and enter its funding.",
            )


@RULES.rule(
    "F-060", Severity.ERROR, "Guidance Part 4, Table 2", "Table 2's grand total (N15) equals 1.14 for the plan year."
)
def expenditure_matches_funding(funding: Funding, context: PlanContext) -> Iterator[Finding]:
    found = _indexed_column(funding, context.plan_year)
    if found is None:
        return  # F-050 already reports the missing column; there is nothing to compare with.
    column = found[1]
    available = funding_totals.table_1_total(column)
    spent = funding_totals.grand_total(funding.table_2)
    if spent != available:
        difference = "more" if spent > available else "less"
        yield RULES.finding(
            "F-060",
            pointer("table_2_totals", "total"),
            f"Table 2 spends {pounds(spent)} in all (cell N15), {pounds(abs(spent - available))} {difference} than "
            f"the {pounds(available)} available for {column.year} in Table 1 (row 1.14). They must be equal to the "
            "penny: adjust Table 2, or correct Table 1.",
        )


@RULES.rule(
    "F-070",
    Severity.WARNING,
    "Guidance Part 4, Table 2",
    "Each Table 2 source column adds up to that source's plan-year figure in Table 1.",
)
def expenditure_columns_match_sources(funding: Funding, context: PlanContext) -> Iterator[Finding]:
    found = _indexed_column(funding, context.plan_year)
    if found is None:
        return
    column = found[1]
    for field in funding_totals.SOURCE_FIELDS:
        spent = funding_totals.expenditure_source_total(funding.table_2, field)
        available = funding_totals.source_figure(column, field)
        if spent != available:
            yield RULES.finding(
                "F-070",
                pointer("table_2_totals", field),
                f"Table 2 spends {pounds(spent)} from row {funding_row(field)}, but Table 1 shows "
                f"{pounds(available)} from it for {column.year}. Spread exactly that source's funding across "
                "the categories of Table 2.",
            )


@RULES.rule(
    "F-080",
    Severity.WARNING,
    "Guidance Part 4, Mainstream investments",
    "Mainstream funding (1.6, 1.7–1.9 together, 1.10, 1.11) is at least last year's, uplifted for inflation.",
)
def mainstream_maintained(funding: Funding, context: PlanContext) -> Iterator[Finding]:
    current = _indexed_column(funding, context.plan_year)
    previous = _indexed_column(funding, context.previous_year)
    if current is None or previous is None:
        return
    index, column = current
    uplift = 1 + context.inflation_uplift_pct / 100
    for group in MAINSTREAM_GROUPS:
        before = sum((funding_totals.source_figure(previous[1], field) for field in group), ZERO)
        now = sum((funding_totals.source_figure(column, field) for field in group), ZERO)
        expected = (before * uplift).quantize(PENNY, rounding=ROUND_HALF_UP)
        if now < expected:
            rows = " + ".join(funding_row(field) for field in group)
            yield RULES.finding(
                "F-080",
                pointer("table_1", index, group[0]),
                f"Mainstream funding in {rows} is {pounds(now)} for {column.year}, less than {context.previous_year}'s "
                f"{pounds(before)} uplifted by {context.inflation_uplift_pct}% for inflation ({pounds(expected)}). "
                "Mainstream commitments should at least be maintained: check the figure, or explain the reduction "
                "to your NTA regional team.",
            )


@RULES.rule(
    "F-090",
    Severity.WARNING,
    "Guidance Part 4, 1.4",
    "1.4 (underspend carried forward) for the plan year has been updated since the January submission.",
)
def underspend_updated_since_january(funding: Funding, context: PlanContext) -> Iterator[Finding]:
    if context.initial_submission_funding is None:
        return
    current = _indexed_column(funding, context.plan_year)
    initial = funding_totals.year_column(context.initial_submission_funding, context.plan_year)
    if current is None or initial is None:
        return
    index, column = current
    if column.smptb_underspend_carried_forward == initial.smptb_underspend_carried_forward:
        yield RULES.finding(
            "F-090",
            pointer("table_1", index, "smptb_underspend_carried_forward"),
            f"Row 1.4 (pooled treatment budget underspend carried forward) for {column.year} is still "
            f"{pounds(column.smptb_underspend_carried_forward)}, as in the January submission. Update it to the "
            f"slippage you now expect to carry forward from {context.previous_year} for the final submission.",
        )


register_control_character_rule(RULES, "F-900")
