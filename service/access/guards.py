"""Every route's guard, declared once: the parameter types that make FastAPI run a policy of `policy`.

A route takes `view: Viewer`, `by: Assessor` and so on. Each plan actor comes twice: for the API (a
bearer token, or a session with the X-CSRF-Token header) and, ending in `Form`, for a page's form (the
session's CSRF token as the `csrf_token` field). Both are built from the same role group, so the
API and the pages refuse alike.

May import: service.access, service.planning, service.tables.
"""

from typing import Annotated

from fastapi import Depends

from service.access import policy, question_policy, role_groups
from service.access.identity import Member, Principal
from service.planning import plans
from service.tables.plans import Partnership

OnPlan = policy.OnPlan

Anyone = Annotated[Principal, Depends(policy.anyone)]
SignedIn = Annotated[Member, Depends(policy.signed_in)]
SignedInForm = Annotated[Member, Depends(policy.signed_in_form)]
Admin = Annotated[Member, Depends(policy.admin)]
AdminForm = Annotated[Member, Depends(policy.admin_form)]
Overseer = Annotated[Member, Depends(policy.region_overseer)]
Viewer = Annotated[plans.PlanView, Depends(policy.visible_plan)]

_SUBMIT = "submit a plan"
_ATTACH = "attach files"
_ASSESS = "assess plans"
_DISCUSS = "comment on plans"
_SIGN = "sign off plans"
_PUBLISH = "publish plans"
_RECORD = "record agreed targets"
_CONFIRM = "confirm agreed targets"
_BASELINES = "enter annualised baselines"
_SPEND = "report quarterly spend"
_REVIEW_RETURNS = "review quarterly returns"

Submitter = Annotated[OnPlan, Depends(policy.plan_actor(*role_groups.SUBMITTERS, what=_SUBMIT))]
SubmitterForm = Annotated[OnPlan, Depends(policy.plan_form_actor(*role_groups.SUBMITTERS, what=_SUBMIT))]
Attacher = Annotated[OnPlan, Depends(policy.plan_actor(*role_groups.ATTACHERS, what=_ATTACH))]
AttacherForm = Annotated[OnPlan, Depends(policy.plan_form_actor(*role_groups.ATTACHERS, what=_ATTACH))]
Assessor = Annotated[OnPlan, Depends(policy.plan_actor(*role_groups.ASSESSORS, what=_ASSESS))]
AssessorForm = Annotated[OnPlan, Depends(policy.plan_form_actor(*role_groups.ASSESSORS, what=_ASSESS))]
Discussant = Annotated[OnPlan, Depends(policy.plan_actor(*role_groups.DISCUSSANTS, what=_DISCUSS))]
DiscussantForm = Annotated[OnPlan, Depends(policy.plan_form_actor(*role_groups.DISCUSSANTS, what=_DISCUSS))]
Signatory = Annotated[OnPlan, Depends(policy.plan_actor(*role_groups.SIGNATORIES, what=_SIGN))]
SignatoryForm = Annotated[OnPlan, Depends(policy.plan_form_actor(*role_groups.SIGNATORIES, what=_SIGN))]
Reopener = Annotated[OnPlan, Depends(policy.plan_actor(*role_groups.REOPENERS, what="reopen plans"))]
Publisher = Annotated[OnPlan, Depends(policy.plan_actor(*role_groups.PUBLISHERS, what=_PUBLISH))]
PublisherForm = Annotated[OnPlan, Depends(policy.plan_form_actor(*role_groups.PUBLISHERS, what=_PUBLISH))]
TargetRecorder = Annotated[OnPlan, Depends(policy.plan_actor(*role_groups.TARGET_RECORDERS, what=_RECORD))]
TargetRecorderForm = Annotated[OnPlan, Depends(policy.plan_form_actor(*role_groups.TARGET_RECORDERS, what=_RECORD))]
TargetConfirmer = Annotated[OnPlan, Depends(policy.plan_actor(*role_groups.TARGET_CONFIRMERS, what=_CONFIRM))]
TargetConfirmerForm = Annotated[OnPlan, Depends(policy.plan_form_actor(*role_groups.TARGET_CONFIRMERS, what=_CONFIRM))]
Returner = Annotated[OnPlan, Depends(policy.plan_actor(*role_groups.RETURNERS, what="make quarterly returns"))]
ReturnerForm = Annotated[OnPlan, Depends(policy.plan_form_actor(*role_groups.RETURNERS, what="make quarterly returns"))]
BaselineEnterer = Annotated[OnPlan, Depends(policy.plan_actor(*role_groups.BASELINE_ENTERERS, what=_BASELINES))]
BaselineEntererForm = Annotated[
    OnPlan, Depends(policy.plan_form_actor(*role_groups.BASELINE_ENTERERS, what=_BASELINES))
]

PartnershipViewer = Annotated[Partnership, Depends(policy.visible_partnership)]
# Set on the partnership of the route's path: {partnership_id}.
LocalTargetSetter = Annotated[Member, Depends(policy.partnership_target_setter)]
LocalTargetSetterForm = Annotated[Member, Depends(policy.partnership_target_setter_form)]
SpendReporter = Annotated[OnPlan, Depends(policy.plan_actor(*role_groups.SPEND_REPORTERS, what=_SPEND))]
SpendReporterForm = Annotated[OnPlan, Depends(policy.plan_form_actor(*role_groups.SPEND_REPORTERS, what=_SPEND))]
# The region's reviewers and admins ask questions on a submitted return, resolve them and accept it.
ReturnReviewer = Annotated[OnPlan, Depends(policy.plan_actor(*role_groups.RETURN_REVIEWERS, what=_REVIEW_RETURNS))]
ReturnReviewerForm = Annotated[
    OnPlan, Depends(policy.plan_form_actor(*role_groups.RETURN_REVIEWERS, what=_REVIEW_RETURNS))
]
# Set on the question of the route's path: {question_id} (a finance officer answers spend cells' only).
QuestionReplier = Annotated[OnPlan, Depends(question_policy.question_replier)]
QuestionReplierForm = Annotated[OnPlan, Depends(question_policy.question_replier_form)]
