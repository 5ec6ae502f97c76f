"""The pages' own Jinja filters."""

from service.pages.rendering import part_short_title, templates


def test_a_part_is_named_by_its_short_title_and_any_other_name_is_left_alone() -> None:
    assert (part_short_title("funding"), part_short_title("attachments")) == ("Part 4", "attachments")


def test_lateness_is_a_filter() -> None:
    shown = templates.env.from_string("{{ 2 | lateness }}, {{ 0 | lateness | capitalize }}").render()
    assert shown == "2 days late, On time"
