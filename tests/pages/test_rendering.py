"""The pages' own Jinja filters."""

import datetime
from types import SimpleNamespace

from plan_schema.wording import plural
from service.pages.rendering import part_short_title, templates


def test_a_part_is_named_by_its_short_title_and_any_other_name_is_left_alone() -> None:
    assert (part_short_title("funding"), part_short_title("attachments")) == ("Part 4", "attachments")


def test_lateness_is_a_filter() -> None:
    shown = templates.env.from_string("{{ 2 | lateness }}, {{ 0 | lateness | capitalize }}").render()
    assert shown == "2 days late, On time"


def test_the_revisions_banner_counts_open_comments_in_words() -> None:
    banner = templates.env.get_template("_open_comments.html")
    assessed = SimpleNamespace(assessment=SimpleNamespace(assessed_at=datetime.date(2008, 3, 3), comment=""))
    progress = SimpleNamespace(assessment=assessed, deadline=None)
    comment = SimpleNamespace(about="Part 4", comment=SimpleNamespace(body="Why?"), field_href=None, thread_href="#")

    def link(count: int) -> str:
        shown = banner.render(revisions_requested=True, progress=progress, open_comments=[comment] * count)
        return shown.split('href="#open-comments">')[1].split("</a>")[0]

    assert [link(1), link(2)] == ["1 comment still open", "2 comments still open"]


def test_a_counted_noun_agrees_with_its_count_however_it_is_formed() -> None:
    conflicts = templates.env.from_string('You both changed {{ n | word_for("this", "these") }}.')
    assert [conflicts.render(n=1), conflicts.render(n=3)] == ["You both changed this.", "You both changed these."]
    assert templates.env.from_string('{{ 1200 | plural("partnership") }}').render() == "1,200 partnerships"
    assert plural(2, "entry", "entries") == "2 entries"
