"""An anchor is checked against what a submission holds, and refused naming the field that names it."""

import pytest

from service.platform.errors import InvalidInput
from service.returns import anchors
from service.returns.anchors import Anchor
from service.tables.return_reviews import AnchorKind

SECTIONS = {
    "actions": [{"reference": "1.1.2", "text": "Open a clinic", "status": "at-risk"}],
    "exceptions": [{"metric": "OF-16", "name": "Deaths in treatment", "rag": "red"}],
    "spend": {"actual": [{"category": "Shared care", "police": "12.50", "other": "0"}]},
}


@pytest.mark.parametrize(
    ("anchor", "pointer"),
    [
        (Anchor(AnchorKind.ACTION, "9.9.9"), "/anchor/action"),
        (Anchor(AnchorKind.METRIC, "OF-1"), "/anchor/metric"),
        (Anchor(AnchorKind.SPEND_CELL, "lottery", "Shared care"), "/anchor/source"),
        (Anchor(AnchorKind.SPEND_CELL, "police", "Bingo"), "/anchor/category"),
    ],
)
def test_an_anchor_the_submission_does_not_hold_is_refused_by_its_field(anchor: Anchor, pointer: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        anchors.check_anchor(SECTIONS, anchor, 2)

    assert refused.value.extensions["errors"][0]["pointer"] == pointer
    assert "submission 2" in refused.value.detail or "funding sources" in refused.value.detail


def test_what_an_anchor_names_is_read_and_named_from_the_submission() -> None:
    cell = Anchor(AnchorKind.SPEND_CELL, "police", "Shared care")

    anchors.check_anchor(SECTIONS, cell, 1)

    assert anchors.anchored(SECTIONS, cell) == "12.50"
    assert anchors.anchored(SECTIONS, Anchor(AnchorKind.ACTION, "1.1.2"))["status"] == "at-risk"
    assert anchors.anchored(SECTIONS, Anchor(AnchorKind.METRIC, "OF-9")) is None
    assert anchors.label(Anchor(AnchorKind.ACTION, "1.1.2"), SECTIONS) == "Action 1.1.2: Open a clinic"
    assert anchors.label(cell, SECTIONS) == "Spend on Shared care, from 1.6 Police"
    assert len([a for a in anchors.anchors_of(SECTIONS) if a.kind is AnchorKind.SPEND_CELL]) == 12  # every source
    assert cell.slug == "spend-cell-police-Shared-care"
