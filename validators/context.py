"""What the rules need to know beyond the part they check."""

from dataclasses import dataclass
from decimal import Decimal

from plan_schema.funding import Funding
from plan_schema.plan_year import check_plan_year, year_before


@dataclass(frozen=True)
class PlanContext:
    """The plan's cycle (years and settings), its partnership's PCTs, and Part 4 as submitted in January.

    For a stored plan it is built in one place, service.planning.validation.plan_context.
    """

    plan_year: str
    previous_year: str
    indicative_years: tuple[str, ...]
    inflation_uplift_pct: Decimal
    harm_reduction_self_audit_required: bool
    pct_codes: tuple[str, ...]
    # Part 4 as the initial (January) submission carried it; None until that submission is made.
    initial_submission_funding: Funding | None = None

    def __post_init__(self) -> None:
        # A mistyped year here would silently make every year-based rule look at nothing.
        for label in (self.plan_year, self.previous_year, *self.indicative_years):
            check_plan_year(label)
        if not isinstance(self.inflation_uplift_pct, Decimal) or not self.inflation_uplift_pct.is_finite():
            raise ValueError("inflation_uplift_pct must be a finite Decimal")

    @property
    def baseline_year(self) -> str:
        """The year before the previous year, whose actual figures are Part 2's baseline (2006/07)."""
        return year_before(self.previous_year)
