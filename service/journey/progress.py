"""Where a plan is: its status, what is due next and when, its latest submission and the panel's latest assessment."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import Session

from plan_schema.vocabulary import PartName, SubmissionStage
from service.journey import reviews
from service.planning import parts, plans, validation, workflow
from service.planning.timetable import STAGE_DUE, Deadline, local_date
from service.tables.columns import id_of, utc_now
from service.tables.journey import Submission

# What each status waits for next, and which of the cycle's dates it is due by.
NEXT_STEP: dict[workflow.PlanStatus, tuple[str, str]] = {
    workflow.PlanStatus.DRAFTING: ("initial submission (Parts 1 and 4)", STAGE_DUE[SubmissionStage.INITIAL]),
    workflow.PlanStatus.INITIAL_SUBMITTED: ("panel assessment", "panel_response_due"),
    workflow.PlanStatus.REVISIONS_REQUESTED: ("final submission (all four parts)", STAGE_DUE[SubmissionStage.FINAL]),
    workflow.PlanStatus.ACCEPTED: ("final submission (all four parts)", STAGE_DUE[SubmissionStage.FINAL]),
    workflow.PlanStatus.REVISIONS_SUBMITTED: ("panel assessment of the revisions", "sign_off_due"),
    workflow.PlanStatus.FINAL_SUBMITTED: ("sign-off by the partnership and the region", "sign_off_due"),
    workflow.PlanStatus.SIGNED_BY_PARTNERSHIP: ("sign-off by the region", "sign_off_due"),
    workflow.PlanStatus.SIGNED_BY_REGION: ("sign-off by the partnership", "sign_off_due"),
    workflow.PlanStatus.SIGNED_OFF: ("publication", "publication_due"),
    workflow.PlanStatus.PUBLISHED: ("agreement on the % planned change", "targets_agreed_due"),
}


@dataclass(frozen=True)
class Progress:
    """A plan's place on the timetable."""

    status: workflow.PlanStatus
    deadline: Deadline | None
    latest: Submission | None
    today: datetime.date
    assessment: reviews.PanelAssessment | None = None  # the panel's current view: its newest assessment

    @property
    def label(self) -> str:
        """The status in words."""
        return workflow.STATUS_LABELS[self.status]

    @property
    def days_left(self) -> int | None:
        """Days to the next deadline; negative when overdue."""
        return self.deadline.days_left(self.today) if self.deadline else None

    @property
    def deadline_text(self) -> str | None:
        """ "final submission due in 3 days"."""
        return f"{self.deadline.what} {self.deadline.describe(self.today)}" if self.deadline else None


_NOTHING_SUBMITTED: tuple[None, None] = (None, None)  # a plan still drafting: no submission, no assessment


def plan_progress(view: plans.PlanView, *, session: Session, today: datetime.date | None = None) -> Progress:
    """The plan's status, next deadline, latest submission and the panel's latest assessment."""
    status = workflow.status_of(view.plan)
    step = NEXT_STEP.get(status)
    deadline = Deadline(step[0], getattr(view.cycle, step[1])) if step else None
    submitted = workflow.has_submitted(view.plan)
    latest, assessment = reviews.newest(id_of(view.plan), session=session) if submitted else _NOTHING_SUBMITTED
    return Progress(status, deadline, latest, today or local_date(utc_now()), assessment)


@dataclass(frozen=True)
class PlanState:
    """What a request showing a plan reads once and passes down: the plan, its parts, their findings, its progress."""

    view: plans.PlanView
    stored: Mapping[PartName, parts.StoredPart]
    checked: validation.PlanValidation
    progress: Progress


def plan_state(view: plans.PlanView, *, session: Session) -> PlanState:
    """The plan's parts read, the rules run and its progress found, each once for the whole request."""
    stored = parts.parts_of(view, session=session)
    checked = validation.validate(view, stored, session=session)
    return PlanState(view, stored, checked, plan_progress(view, session=session))
