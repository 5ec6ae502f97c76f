"""The office tests skip on a developer's machine without LibreOffice, and fail under CI instead."""

import shutil

import pytest

from tests.documents.office import require_office


def _nothing_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)


def test_without_libreoffice_the_office_tests_are_skipped_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    _nothing_installed(monkeypatch)
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="missing: soffice, pdftotext, pdfinfo"):
        require_office()


def test_without_libreoffice_the_office_tests_fail_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    _nothing_installed(monkeypatch)
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match="CI=true: they must run"):
        require_office()
