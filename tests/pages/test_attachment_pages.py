"""Attaching the self-audit and supporting files from a page: type checked by content, errors on the form."""

from sqlmodel import Session

from service.journey import attachments
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import post_form
from tests.workflow.flow import PDF


def test_a_planner_attaches_the_self_audit_and_sees_it_listed_with_a_download_link(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    planner = browser_for("planner_a")
    url = f"/plans/{demo.filled_plan_id}/attachments"

    answer = post_form(
        planner, url, url, {"kind": "harm-reduction-self-audit"}, ("Self audit 2008.pdf", PDF, "application/pdf")
    )

    assert answer.status_code == 303
    page = planner.get(answer.headers["location"])
    stored = attachments.attachments_of(demo.filled_plan_id, session=session)
    assert [(item.kind, item.filename) for item in stored] == [("harm-reduction-self-audit", "Self audit 2008.pdf")]
    assert "The file is attached to the plan." in page.text
    assert f'href="/api/v1/plans/{demo.filled_plan_id}/attachments/{stored[0].id}">Self audit 2008.pdf</a>' in page.text
    assert planner.get(f"/api/v1/plans/{demo.filled_plan_id}/attachments/{stored[0].id}").content == PDF


def test_a_file_that_is_not_an_allowed_type_is_refused_on_the_form(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    url = f"/plans/{demo.filled_plan_id}/attachments"
    executable = ("evidence.pdf", b"MZ\x90\x00 an executable renamed", "application/pdf")

    answer = post_form(browser_for("planner_a"), url, url, {"kind": "supporting"}, executable)

    assert answer.status_code == 415
    assert '<a href="#file">The file is not one we accept.' in answer.text
    assert 'id="file-error"' in answer.text
    assert 'value="supporting" checked' in answer.text  # the choice made is kept
    assert attachments.attachments_of(demo.filled_plan_id, session=session) == []


def test_no_file_and_no_kind_are_each_named(browser_for: BrowserFor, demo: Demo) -> None:
    url = f"/plans/{demo.filled_plan_id}/attachments"

    answer = post_form(browser_for("planner_a"), url, url, {}, ("", b"", "application/octet-stream"))

    assert answer.status_code == 422
    assert '<a href="#kind">Select what the file is</a>' in answer.text
    assert '<a href="#file">Select a file to upload</a>' in answer.text


def test_a_reviewer_sees_the_attachments_but_no_upload_form(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("reviewer_x").get(f"/plans/{demo.filled_plan_id}/attachments")

    assert page.status_code == 200
    assert "No files are attached yet." in page.text
    assert 'type="file"' not in page.text
