"""Reading a part's page as a browser would post it back (for the Parts 1 to 3 page tests)."""

import html
import re

FIELD = re.compile(
    r'<(?:input|textarea) class="govuk-(?:input|textarea)[^"]*" id="([^"]+)" name="[^"]+"'
    r'[^>]*?(?:value="([^"]*)"[^>]*>|>([^<]*)</textarea>)'
)
SELECT = re.compile(r'<select class="govuk-select[^"]*" id="[^"]+" name="([^"]+)"[^>]*>(.*?)</select>', re.DOTALL)
OPTION = re.compile(r'<option value="([^"]*)"( selected)?>')
CHECKED = re.compile(
    r'<input class="govuk-checkboxes__input" id="[^"]+" name="([^"]+)" type="checkbox" value="([^"]+)" checked'
)


def form_of(page: str) -> dict[str, str]:
    """The fields a browser would post back from the page's form, as it shows them (Save pressed)."""
    fields = {name: html.unescape(value or text) for name, value, text in FIELD.findall(page)}
    fields |= dict(CHECKED.findall(page))
    for name, options in SELECT.findall(page):
        found = OPTION.findall(options)
        fields[name] = html.unescape(next((value for value, selected in found if selected), found[0][0]))
    for name in ("csrf_token", "version"):
        field = re.search(rf'name="{name}" value="([^"]*)"', page)
        assert field is not None, f"the page has no {name} field"
        fields[name] = html.unescape(field.group(1))
    conflicts = re.search(r'name="conflicts" value="([^"]*)"', page)
    if conflicts is not None:  # a conflict page carries what both people changed back to itself
        fields["conflicts"] = html.unescape(conflicts.group(1))
    return fields
