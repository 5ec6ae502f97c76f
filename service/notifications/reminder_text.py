"""What a reminder says, in GOV.UK's style for emails: the subject says what it is about and what to do.

Plain words, no "Dear", dates with their weekday ("Friday 15 January 2027"), one thing to do and the page to
do it on (the delivery adds the link in full as the last line).
"""

import datetime
from dataclasses import dataclass

from plan_schema.wording import plural
from service.notifications.obligations import CHASED_FOR, Obligation, Subject
from service.tables.access import Role, User

ROLE_NAMES = {
    Role.PLANNER: "a planner",
    Role.FINANCE: "a finance officer",
    Role.REVIEWER: "a reviewer",
    Role.ADMIN: "an administrator",
}
# Who does what, where an obligation is shared by roles that do different parts of it.
WHO_DOES_WHAT = {
    Subject.INITIAL_SUBMISSION: "Finance officers complete Part 4 (funding); planners then make the submission.",
    Subject.FINAL_SUBMISSION: "Finance officers complete Part 4 (funding); planners then make the submission.",
}
WHERE = {
    Subject.INITIAL_SUBMISSION: "Check the plan and make the submission",
    Subject.FINAL_SUBMISSION: "Check the plan and make the submission",
    Subject.ASSESSMENT: "Read the submission and record the panel's decision",
    Subject.PARTNERSHIP_SIGNATURE: "Read the final submission and sign it",
    Subject.REGION_SIGNATURE: "Read the final submission and sign it",
    Subject.QUARTERLY_RETURN: "Complete and submit the return",
    Subject.MILESTONE: "Say how the action stands in the quarter's return",
}


@dataclass(frozen=True)
class MessageText:
    """A message's subject line and body."""

    subject: str
    body: str


def day_and_date(day: datetime.date) -> str:
    """ "Friday 15 January 2027", as GOV.UK writes a date with its weekday."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _when(due: datetime.date, today: datetime.date) -> str:
    """ "is due on Friday 15 January 2027, in 7 days", "is due today, …", "was due on …, 3 days ago"."""
    left, on = (due - today).days, day_and_date(due)
    if left > 1:
        return f"is due on {on}, in {plural(left, 'day')}"
    if left == 1:
        return f"is due tomorrow, {on}"
    if left == 0:
        return f"is due today, {on}"
    return f"was due on {on}, {plural(-left, 'day')} ago"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def reminder_message(
    obligation: Obligation, *, days_left: int, today: datetime.date, user: User, as_copy: bool
) -> MessageText:
    """A reminder to someone held to the obligation, or (`as_copy`) a reviewer told that it is overdue."""
    due = day_and_date(obligation.due)
    when = _when(obligation.due, today)
    weekly = f"for up to {CHASED_FOR.days // 7} weeks or until it is done"
    if as_copy:
        subject = f"Overdue: {obligation.title} was due {due}"
        lines = [
            f"{_sentence(obligation.title)} {when}. It has not been done yet.",
            f"You get this because you are {ROLE_NAMES[Role(user.role)]} for the region. The people who must do it "
            f"have been sent a reminder too. You will be told again each week, {weekly}.",
            "See where the plan is:",
        ]
    elif days_left < 0:
        subject = f"Overdue: {_lower_first(obligation.to_do)} (due {due})"
        lines = [
            f"{_sentence(obligation.title)} {when}. It has not been done yet.",
            WHO_DOES_WHAT.get(obligation.subject, ""),
            f"Your region's reviewer has been told. You will get this reminder each week, {weekly}.",
            f"{WHERE[obligation.subject]}:",
        ]
    else:
        subject = f"{obligation.to_do} by {due}" if days_left else f"{obligation.to_do} today ({due})"
        lines = [
            f"{_sentence(obligation.title)} {when}.",
            WHO_DOES_WHAT.get(obligation.subject, ""),
            f"You get this because you are {ROLE_NAMES[Role(user.role)]} for {_scope(obligation, user)}. "
            "Reminders of deadlines cannot be turned off. You will get no more once it is done.",
            f"{WHERE[obligation.subject]}:",
        ]
    return MessageText(subject=subject[:200], body="\n\n".join(line for line in lines if line))


def _scope(obligation: Obligation, user: User) -> str:
    return "the region" if user.role == Role.REVIEWER.value else obligation.partnership_name
