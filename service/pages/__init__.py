"""Server-rendered pages (GOV.UK Design System, usable without JavaScript) from templates/.

`router` carries every page; `install(app)` serves the assets at /assets and renders errors
on pages as GOV.UK error pages (the API keeps problem+json).

May import: service.notifications, service.oversight, service.monitoring, service.returns, service.journey,
service.planning, service.access, service.documents, service.tables, service.platform, plan_schema, validators.
"""

from service.pages.access import passwords
from service.pages.admin import (
    admin_pages,
    admin_users,
    figures_page,
    footprint_page,
    messages_page,
    metrics_page,
    plan_admin_pages,
)
from service.pages.form_limits import MAX_FIELD_BYTES, MAX_FORM_FIELDS
from service.pages.journey import agreed_targets_page, attachment_pages, diff_page, review_pages, submit_pages
from service.pages.monitoring import scorecard_page, targets_page
from service.pages.notifications import preferences_page
from service.pages.oversight import metric_matrices, public_pages, reconciliation_page, region_dashboard
from service.pages.planning import (
    funding_import_page,
    funding_page,
    plan_pages,
    planning_grids_page,
    start,
    strategic_summary_page,
    treatment_targets_page,
    whole_plan_page,
)
from service.pages.rendering import install, templates
from service.pages.returns import (
    actions_form,
    exceptions_form,
    question_forms,
    region_page,
    returns_page,
    spend_page,
    submission_page,
    submit_page,
    year_page,
)
from service.platform.routing import FixedRouter

# FastAPI parses a page's form once, with these limits, before any dependency reads it.
router = FixedRouter(
    include_in_schema=False, form_limits={"max_fields": MAX_FORM_FIELDS, "max_part_size": MAX_FIELD_BYTES}
)
# Routes are matched in order, each miss costing some microseconds: a plan's own pages, the busiest, come first.
# No path of one module is a path of another, so the order changes nothing else.
for _pages in (
    start,
    plan_pages,
    strategic_summary_page,
    treatment_targets_page,
    planning_grids_page,
    funding_page,
    whole_plan_page,
    passwords,
    region_dashboard,
    metric_matrices,
    review_pages,
    agreed_targets_page,
    diff_page,
    submit_pages,
    attachment_pages,
    funding_import_page,
    public_pages,
    reconciliation_page,
    admin_pages,
    admin_users,
    figures_page,
    footprint_page,
    metrics_page,
    plan_admin_pages,
    messages_page,
    preferences_page,
    scorecard_page,
    targets_page,
    returns_page,
    actions_form,
    exceptions_form,
    submit_page,
    submission_page,
    question_forms,
    spend_page,
    region_page,
    year_page,
):
    router.include_router(_pages.router)

__all__ = ["install", "router", "templates"]
