"""The fixed words of the NTA 2008/09 plan template: rows, sources, categories, grids, themes."""

from dataclasses import dataclass
from enum import StrEnum

TEMPLATE_VERSION = "nta-2008-09"


class PartName(StrEnum):
    """The four parts of a plan, as they appear in URLs."""

    STRATEGIC_SUMMARY = "strategic-summary"
    TARGETS = "targets"
    PLANNING_GRIDS = "planning-grids"
    FUNDING = "funding"


# How sentences, lists and links name a part: "Part 4 has 2 errors", "Download Part 4 (Excel)".
PART_SHORT_TITLES: dict[PartName, str] = {
    PartName.STRATEGIC_SUMMARY: "Part 1",
    PartName.TARGETS: "Part 2",
    PartName.PLANNING_GRIDS: "Part 3",
    PartName.FUNDING: "Part 4",
}

# What a part is about, as a sentence names it after its number: "Part 4 funding has not been started".
PART_SUBJECTS: dict[PartName, str] = {
    PartName.STRATEGIC_SUMMARY: "strategic summary",
    PartName.TARGETS: "treatment targets",
    PartName.PLANNING_GRIDS: "planning grids",
    PartName.FUNDING: "funding",
}

PART_TITLES: dict[PartName, str] = {
    PartName.STRATEGIC_SUMMARY: "Part 1: Strategic summary, needs assessment and key priorities",
    PartName.TARGETS: "Part 2: Effective treatment targets",
    PartName.PLANNING_GRIDS: "Part 3: Planning grids",
    PartName.FUNDING: "Part 4: Pooled treatment budget, mainstream funding and expenditure",
}


@dataclass(frozen=True)
class FundingRow:
    """One row of Table 1 (guidance Part 4, Table 1)."""

    code: str
    field: str
    label: str
    computed: bool = False
    mainstream: bool = False


# Table 1 in the template's order. 1.5(a) is the DIP carry forward the guidance asks to add
# as a supplementary row under 1.5; 1.3 and 1.14 are worked out, never typed.
FUNDING_ROWS: tuple[FundingRow, ...] = (
    FundingRow("1.1", "smptb_allocation", "Substance misuse pooled treatment budget (SMPTB)"),
    FundingRow("1.2", "young_peoples_allocation", "Minus young people's specialist treatment allocation"),
    FundingRow("1.3", "smptb_adult", "SMPTB available for adult drug treatment (1.1 − 1.2)", computed=True),
    FundingRow("1.4", "smptb_underspend_carried_forward", "SMPTB underspend carried forward from previous year"),
    FundingRow("1.5", "dip_main_grant", "DIP main grant"),
    FundingRow("1.5(a)", "dip_carry_forward", "DIP carry forward from previous year (at most 2%)"),
    FundingRow("1.6", "police", "Police", mainstream=True),
    FundingRow("1.7", "pct_mainstream", "PCT mainstream investment", mainstream=True),
    FundingRow("1.8", "social_services", "Social services", mainstream=True),
    FundingRow("1.9", "section_31_pooled", "Section 31/28a pooled funding", mainstream=True),
    FundingRow("1.10", "probation", "Probation – partnerships", mainstream=True),
    FundingRow("1.11", "supporting_people", "Supporting People", mainstream=True),
    FundingRow("1.12", "other", "Other (describe)"),
    FundingRow("1.13", "dh_tier_4_capital", "Department of Health tier 4 capital"),
    FundingRow("1.14", "total", "Total funding for adult drug treatment and DIP delivery (1.3 to 1.13)", computed=True),
)
FUNDING_ROW_BY_FIELD = {row.field: row for row in FUNDING_ROWS}
FUNDING_ROW_BY_CODE = {row.code: row for row in FUNDING_ROWS}

# Table 2's twelve funding sources, columns B to M: 1.3 to 1.13 with 1.5(a).
EXPENDITURE_SOURCES: tuple[FundingRow, ...] = tuple(
    row for row in FUNDING_ROWS if row.code not in ("1.1", "1.2", "1.14")
)

# The commissioning framework of Models of Care: Update 2006, Table 2 rows 5 to 14.
# A cycle may rename them; these are the template's defaults.
DEFAULT_EXPENDITURE_CATEGORIES: tuple[str, ...] = (
    "Open access and harm reduction (tiers 1 and 2)",
    "Criminal justice interventions (DIP/CJIT)",
    "Community specialist prescribing (tier 3)",
    "Shared care / GP prescribing",
    "Structured psychosocial interventions",
    "Structured day programmes",
    "Inpatient specialist treatment (tier 4)",
    "Residential rehabilitation (tier 4)",
    "Aftercare and reintegration (housing, education, training, employment)",
    "Commissioning and system management",
)


class IndicatorId(StrEnum):
    """Part 2 indicators (guidance Part 2, sections 1 to 4)."""

    CRACK_OPIATE_EFFECTIVE_TREATMENT = "1.1"
    ALL_ADULTS_EFFECTIVE_TREATMENT = "1.2"
    RETENTION = "2"
    CARE_PLANNED_EXITS = "3"
    PRIMARY_CARE = "4"


INDICATOR_TITLES: dict[IndicatorId, str] = {
    IndicatorId.CRACK_OPIATE_EFFECTIVE_TREATMENT: (
        "Crack and/or opiate users recorded as being in effective treatment (NI 40)"
    ),
    IndicatorId.ALL_ADULTS_EFFECTIVE_TREATMENT: "All adults recorded as being in effective treatment",
    IndicatorId.RETENTION: "Retention in treatment over 12 weeks or care-planned discharge before 12 weeks",
    IndicatorId.CARE_PLANNED_EXITS: "Care-planned exits from the treatment system",
    IndicatorId.PRIMARY_CARE: "Primary care, on a practice basis, per PCT",
}


class CrossCuttingTheme(StrEnum):
    """The eight cross-cutting themes of guidance Part 3."""

    DIVERSITY = "diversity"
    CRIMINAL_JUSTICE = "criminal-justice"
    WORKFORCE = "workforce"
    HARM_REDUCTION = "harm-reduction"
    CARERS_AND_FAMILY = "carers-and-family-members"
    SERVICE_USERS = "service-users"
    HOUSING = "housing"
    SKILLS_AND_EMPLOYMENT = "skills-and-employment"


THEME_TITLES: dict[CrossCuttingTheme, str] = {
    CrossCuttingTheme.DIVERSITY: "Diversity",
    CrossCuttingTheme.CRIMINAL_JUSTICE: "Criminal justice",
    CrossCuttingTheme.WORKFORCE: "Workforce",
    CrossCuttingTheme.HARM_REDUCTION: "Harm reduction",
    CrossCuttingTheme.CARERS_AND_FAMILY: "Carers and family members",
    CrossCuttingTheme.SERVICE_USERS: "Service users",
    CrossCuttingTheme.HOUSING: "Housing",
    CrossCuttingTheme.SKILLS_AND_EMPLOYMENT: "Skills and employment",
}

# Grids 1 to 4 are the ones every plan should have; a partnership may add local grids
# numbered from 5 with titles of its own.
STANDARD_GRID_TITLES: dict[int, str] = {
    1: "Commissioning a local drug treatment system",
    2: "Access and engagement with the drug treatment system",
    3: "Retention in and effectiveness of the drug treatment system",
    4: "Outcomes, discharge and exit from the drug treatment system",
}

# Part 1's five required elements (guidance Part 1), in order: field name and heading.
STRATEGIC_SUMMARY_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("direction_and_purpose", "Overall direction and purpose of the partnership strategy"),
    ("likely_demand", "Likely demand, including differential impact on diverse groups"),
    ("needs_assessment_findings", "Key findings of the needs assessment"),
    ("outcome_improvements", "Improvements to treatment outcomes"),
    ("priorities_for_next_year", "Key priorities for the following financial year"),
)


class SubmissionStage(StrEnum):
    """The two submissions of the timetable (guidance, Treatment planning timetable)."""

    INITIAL = "initial"
    FINAL = "final"


# Mid January: Parts 1 and 4 (with the harm reduction self-audit); mid March: Parts 2 and 3
# with any revisions to Parts 1 and 4, so the final submission carries all four.
STAGE_PARTS: dict[SubmissionStage, tuple[PartName, ...]] = {
    SubmissionStage.INITIAL: (PartName.STRATEGIC_SUMMARY, PartName.FUNDING),
    SubmissionStage.FINAL: tuple(PartName),
}

# Published on the NTA website in April/May: never Part 3 (guidance, Treatment planning timetable).
PUBLIC_PARTS: tuple[PartName, ...] = (PartName.STRATEGIC_SUMMARY, PartName.TARGETS, PartName.FUNDING)
