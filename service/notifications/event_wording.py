"""What each event message says: its subject and body, as plain text, in one place.

Written to GOV.UK's email content guidance: the subject says what happened and to which plan; the body
says it again in a sentence, then what the reader is to do next (if anything), then leads into the link,
which the outbox gives in full on a line of its own after the body (service/notifications/delivery.py).
No greeting, no jargon, dates as "Friday 3 October 2008", times as "2:15pm", what people wrote quoted
as they wrote it. Pure functions from plain values, so the wording is read and tested without a database.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from service.planning.timetable import ENGLAND


@dataclass(frozen=True)
class Wording:
    """A message's subject and body (the link follows the body)."""

    subject: str
    body: str


@dataclass(frozen=True)
class PlanNamed:
    """The plan a message is about, as people name it: whose, and which year."""

    partnership: str
    plan_year: str

    @property
    def name(self) -> str:
        """ "Birmingham Drug Action Team's 2027/28 plan"."""
        return f"{possessive(self.partnership)} {self.plan_year} plan"

    def subject(self, what: str) -> str:
        """ "Birmingham Drug Action Team's 2027/28 plan: initial submission received"."""
        return f"{self.name}: {what}"


def possessive(name: str) -> str:
    """ "Birmingham's"; a name ending in s takes the apostrophe alone ("St Helens'")."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def day(date: datetime.date) -> str:
    """ "Friday 3 October 2008"."""
    return f"{date:%A} {date.day} {date:%B %Y}"


def moment(at: datetime.datetime) -> str:
    """ "2:15pm on Friday 3 October 2008", in England's time."""
    local = at.astimezone(ENGLAND)
    if (local.hour, local.minute) == (12, 0):
        clock = "midday"
    elif (local.hour, local.minute) == (0, 0):
        clock = "midnight"
    else:
        clock = f"{local.hour % 12 or 12}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"
    return f"{clock} on {day(local.date())}"


def _paragraphs(*paragraphs: str) -> str:
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def quoted(text: str) -> str:
    """What someone wrote, set apart by a blank line and an indent, so it reads as theirs and not ours."""
    return "\n".join(f"    {line}" if line.strip() else "" for line in text.strip().splitlines())


# What comes next, by who is reading: a sentence for those who wait, "You need to…" for whoever acts.
def next_after_submission(status: str, *, acts: bool, due: datetime.date) -> str:
    """What happens after a submission, by the plan's status now (and whether the reader is the one to act)."""
    if status == "initial-submitted":
        return (
            f"You need to assess it by {day(due)}."
            if acts
            else f"The regional panel will assess it by {day(due)}. We will email you when it has."
        )
    if status == "revisions-submitted":
        return (
            "You need to assess the revisions in it." if acts else "The regional panel will now assess the revisions."
        )
    return (
        f"You need to sign it for the region by {day(due)}."
        if acts
        else f"Next, the plan is signed for the partnership and for the region, by {day(due)}."
    )


@dataclass(frozen=True)
class SubmissionFacts:
    """What a submission receipt states."""

    stage: str
    number: int
    submitted_at: datetime.datetime
    submitted_by: str
    content_sha256: str
    files: Sequence[tuple[str, str]]  # (file name, SHA-256)
    due: datetime.date
    days_late: int


def submission_receipt(plan: PlanNamed, facts: SubmissionFacts, *, next_step: str) -> Wording:
    """The receipt the partnership keeps: the submission's number, when, by whom, and its hashes."""
    files = "\n".join(f"{name}\nSHA-256: {sha256}" for name, sha256 in facts.files)
    late = (
        f"It was due by {day(facts.due)}, so it was {facts.days_late} {'day' if facts.days_late == 1 else 'days'} late."
        if facts.days_late > 0
        else ""
    )
    body = _paragraphs(
        f"We received the {facts.stage} submission of {plan.name} at {moment(facts.submitted_at)}.",
        f"Submission number: {facts.number}\nSubmitted by: {facts.submitted_by}",
        late,
        "Keep this email as your receipt. The SHA-256 codes below identify exactly what was submitted: "
        "the same file always gives the same code.",
        f"SHA-256 of the submission: {facts.content_sha256}",
        f"Files submitted:\n\n{files}" if files else "",
        next_step,
        "See the submission and download its files:",
    )
    return Wording(plan.subject(f"{facts.stage} submission received"), body)


def submission_to_panel(plan: PlanNamed, facts: SubmissionFacts, *, next_step: str) -> Wording:
    """To the region: the partnership has submitted, and what the reviewer does next."""
    body = _paragraphs(
        f"{facts.submitted_by} made the {facts.stage} submission of {plan.name} "
        f"(submission {facts.number}) at {moment(facts.submitted_at)}.",
        next_step,
        "See the submission and review it:",
    )
    return Wording(plan.subject(f"{facts.stage} submission made"), body)


# The panel's decision by the stage it assessed: (what the subject says, what the panel did, in a clause).
DECISIONS: dict[tuple[str, str], tuple[str, str]] = {
    ("initial", "accepted"): ("initial submission accepted", "it accepted the submission"),
    ("initial", "revisions-requested"): ("revisions requested", "it asked for revisions"),
    ("final", "accepted"): ("revisions accepted", "it accepted the revisions"),
    ("final", "revisions-requested"): ("further revisions requested", "it asked for further revisions"),
}


def next_after_assessment(status: str, *, final_due: datetime.date, sign_off_due: datetime.date) -> str:
    """What the partnership does after the panel's decision, by the plan's status now."""
    if status == "revisions-requested":
        return (
            f"Revise the plan as the panel asks. The final submission, with all four parts, is due by {day(final_due)}."
        )
    if status == "accepted":
        return f"The final submission, with all four parts, is due by {day(final_due)}."
    return f"Next, the plan is signed for the partnership and for the region, by {day(sign_off_due)}."


def assessed(
    plan: PlanNamed, *, decision: str, stage: str, number: int, comment: str, field_comments: int, next_step: str
) -> Wording:
    """The panel's decision, what it said, and what the partnership does next."""
    subject, clause = DECISIONS[stage, decision]
    said = _paragraphs("The panel said:", quoted(comment)) if comment.strip() else ""
    comments = f"{field_comments} {'comment' if field_comments == 1 else 'comments'}"
    fields = f"The panel also left {comments} on fields of the plan." if field_comments else ""
    body = _paragraphs(
        f"The regional panel has assessed the {stage} submission of {plan.name} (submission {number}): {clause}.",
        said,
        fields,
        next_step,
        "See the panel's assessment and comments:",
    )
    return Wording(plan.subject(subject), body)


def _on(where: str | None, plan: PlanNamed) -> str:
    return f"{where} of {plan.name}" if where else plan.name


def commented(plan: PlanNamed, *, author: str, where: str | None, text: str, at: datetime.datetime) -> Wording:
    """A new comment on the plan (not a reply); `where` is the part it is on ("Part 2"), if any."""
    body = _paragraphs(
        f"{author} commented on {_on(where, plan)} at {moment(at)}:",
        quoted(text),
        "You can reply to the comment, or change the plan, from the plan's review page:",
    )
    return Wording(plan.subject(f"{author} commented on {where}" if where else f"{author} commented"), body)


def replied(plan: PlanNamed, *, author: str, where: str | None, text: str, at: datetime.datetime) -> Wording:
    """A reply in a conversation the reader took part in."""
    body = _paragraphs(
        f"{author} replied at {moment(at)} to a comment you took part in, on {_on(where, plan)}:",
        quoted(text),
        "See the whole conversation and reply:",
    )
    return Wording(plan.subject(f"{author} replied to a comment"), body)


def signed(plan: PlanNamed, *, signer: str, side: str, number: int, other_side: str, due: datetime.date) -> Wording:
    """One side has signed; the reader signs for the other."""
    body = _paragraphs(
        f"{signer} signed {plan.name} for the {side}, on its final submission (submission {number}).",
        f"You need to sign it for the {other_side} by {day(due)}. It is signed off once both sides have signed.",
        "Check the final submission and sign it:",
    )
    return Wording(plan.subject(f"signed for the {side}"), body)


def signed_off(
    plan: PlanNamed, *, signatories: Mapping[str, str], number: int, publishes: bool, due: datetime.date
) -> Wording:
    """Both sides have signed; an administrator publishes next."""
    names = " and ".join(f"{name} for the {side}" for side, name in sorted(signatories.items()))
    body = _paragraphs(
        f"{plan.name} is signed off: {names} signed its final submission (submission {number}). "
        "It can no longer be changed, unless a reviewer or an administrator reopens it before it is published.",
        f"You need to publish it by {day(due)}."
        if publishes
        else f"Next, an administrator publishes Parts 1, 2 and 4 of the plan by {day(due)}.",
        "Publish the plan:" if publishes else "See the plan:",
    )
    return Wording(plan.subject("signed off"), body)


def published(plan: PlanNamed, *, at: datetime.datetime, records: bool, due: datetime.date) -> Wording:
    """The plan is public; the region records the targets it agreed with the partnership next."""
    body = _paragraphs(
        f"{plan.name} was published at {moment(at)}. Anyone can now read Parts 1, 2 and 4 of it.",
        f"You need to record the targets agreed with the partnership by {day(due)}."
        if records
        else f"Next, the region records the targets agreed with you by {day(due)}, for you to confirm.",
        "Record the agreed targets:" if records else "See the published plan:",
    )
    return Wording(plan.subject("published"), body)


def _targets(agreed: Mapping[str, str]) -> str:
    return "\n".join(f"Indicator {indicator}: {pct}% planned change" for indicator, pct in sorted(agreed.items()))


def targets_recorded(plan: PlanNamed, *, reviewer: str, agreed: Mapping[str, str], due: datetime.date) -> Wording:
    """The region has recorded the agreed targets; the partnership confirms them."""
    body = _paragraphs(
        f"{reviewer} recorded the targets agreed for {plan.name}:",
        _targets(agreed),
        f"You need to check them and confirm them by {day(due)}. If they are not what was agreed, "
        f"tell {reviewer} before you confirm.",
        "Check and confirm the agreed targets:",
    )
    return Wording(plan.subject("agreed targets recorded"), body)


def targets_agreed(
    plan: PlanNamed, *, planner: str, agreed: Mapping[str, str], enters_baselines: bool, due: datetime.date
) -> Wording:
    """The partnership has confirmed the targets: they are agreed."""
    then = (
        f"You need to enter the annualised baselines by {day(due)}, which turn the targets into numbers of people."
        if enters_baselines
        else f"Next, an administrator enters the annualised baselines by {day(due)}, "
        "which turn the targets into numbers of people."
    )
    body = _paragraphs(
        f"{planner} confirmed the targets recorded for {plan.name}, so they are now agreed:",
        _targets(agreed),
        then,
        "Enter the baselines:" if enters_baselines else "See the agreed targets:",
    )
    return Wording(plan.subject("targets agreed"), body)


def return_question(plan: PlanNamed, *, quarter: int, number: int, asker: str, about: str, text: str) -> Wording:
    """A reviewer's question on a submitted quarterly return, for those who answer it."""
    body = _paragraphs(
        f"{asker} asked a question on the quarter {quarter} return of {plan.name} (submission {number}), about "
        f"{about[:1].lower()}{about[1:]}:",
        quoted(text),
        "The region accepts the return once it has what it needs. Answer the question:",
    )
    return Wording(plan.subject(f"a question on the quarter {quarter} return"), body)


def return_accepted(plan: PlanNamed, *, quarter: int, number: int, reviewer: str) -> Wording:
    """The region accepted a quarter's return: nothing more to do for that quarter."""
    body = _paragraphs(
        f"{reviewer} accepted the quarter {quarter} return of {plan.name} (submission {number}). Any questions "
        "still open on it are closed, and there is nothing more to do for this quarter.",
        "See the return as accepted:",
    )
    return Wording(plan.subject(f"quarter {quarter} return accepted"), body)
