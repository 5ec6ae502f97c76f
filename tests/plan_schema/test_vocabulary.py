"""The fixed words of the template agree with each other."""

from plan_schema.vocabulary import PART_SHORT_TITLES, PART_TITLES, PartName


def test_each_part_title_starts_with_its_short_title() -> None:
    assert all(PART_TITLES[part].startswith(f"{PART_SHORT_TITLES[part]}: ") for part in PartName)
