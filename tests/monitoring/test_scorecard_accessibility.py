"""The scorecard partial meets WCAG 2.2 AA as axe-core checks it in Chromium, before any page shows it.

No route shows the partial yet, so the test sets it as a tab's content with GOV.UK Frontend's and our
stylesheets added, which is enough for axe-core's contrast, name and table rules.
"""

from collections.abc import Iterator
from typing import Any

import pytest

from service.monitoring.chart import metric_chart
from service.pages.rendering import GOVUK_ASSETS, SERVICE_ASSETS, templates
from tests.monitoring.scorecard_builders import scorecard_example
from tests.monitoring.test_scorecard_template import PARTIAL
from tests.pages.browser import CHROMIUM, CHROMIUM_ARGS, axe_violations, require_browser_tools

PAGE = """<!DOCTYPE html>
<html lang="en" class="govuk-template"><head><title>Scorecard</title></head>
<body class="govuk-template__body"><div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l">Scorecard</h1><h2 class="govuk-heading-l">Recovery</h2>{partial}
</main></div></body></html>"""


@pytest.fixture(scope="module")
def tab() -> Iterator[Any]:
    require_browser_tools()
    from playwright.sync_api import sync_playwright  # only where Chromium exists

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser.new_page()
        browser.close()


@pytest.mark.parametrize("public", [False, True], ids=["full", "public"])
def test_the_scorecard_partial_has_no_accessibility_violations(tab: Any, public: bool) -> None:
    row = scorecard_example(public=public, q2=(4, 10) if public else (81, 263))
    partial = templates.env.get_template(PARTIAL).render(row=row, chart=metric_chart(row))
    tab.set_content(PAGE.format(partial=partial))
    tab.add_style_tag(path=str(GOVUK_ASSETS / "govuk-frontend.min.css"))
    tab.add_style_tag(path=str(SERVICE_ASSETS / "service.css"))

    assert axe_violations(tab) == []
    assert (
        tab.get_by_role("img", name="Treatment progress: value by period against the expected trajectory").count() == 1
    )
    assert tab.get_by_role("table", name="Treatment progress: figures by period").count() == 1
