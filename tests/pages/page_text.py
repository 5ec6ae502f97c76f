"""A page's words as someone reading it sees them: the markup gone, entities read, spaces as one."""

import html
import re


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
