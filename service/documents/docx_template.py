"""Filling a Word template: docxtpl's way of reading the tags in a .docx, done once per process.

docxtpl (0.20) reads the template file, re-serialises its XML, cleans the Jinja tags out of Word's
runs with some twenty regular expressions, compiles the result and saves every part through
python-docx at every render. All of that but the rendering itself depends on the template alone, so
`PreparedTemplate` does it once: a render fills the compiled body and footers, writes them as lxml
would, and zips them with the template's other parts as python-docx wrote them. The bytes are those
docxtpl and python-docx wrote, part for part and entry for entry (checked on a hundred documents,
plain, blank, submitted and hostile, when this replaced docxtpl's own rendering).
"""

import copy
import datetime
import functools
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, Template
from lxml import etree  # type: ignore[import-untyped]
from markupsafe import Markup

from service.documents.reproducible import reproducible_zip

# The source tree's templates/documents/, as for the pages' templates (see service.platform.settings).
TEMPLATE_DIRECTORY = Path(__file__).resolve().parents[2] / "templates" / "documents"
# Core properties hold at most 255 characters (python-docx refuses more).
_CORE_PROPERTY_MAX = 255
_DICT_ATTRIBUTES = frozenset(dir(dict))
_HEADERS_AND_FOOTERS = (RELATIONSHIP_TYPE.HEADER, RELATIONSHIP_TYPE.FOOTER)
# The core properties docxtpl renders as templates, in its order (the order their elements are added in).
_TEMPLATED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


class _Environment(Environment):
    """Jinja reading the documents' variables, which are dicts, without an exception each time.

    Jinja tries an attribute before a key, so every `row.text` raised and caught AttributeError
    (some 36,000 times in the largest Part 3). A key is looked up first unless a dict attribute of
    that name exists, which is what Jinja would have found: the same value either way.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


_LINE_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'


def _text(value: Any) -> Any:
    """A value in a run's text, escaped as lxml writes text, its line breaks and tabs as Word's.

    docxtpl finds text with a line break or a tab in the whole filled part with a regular
    expression; every value sits in a run's text (<w:t>), so doing it to the values gives the same.
    Jinja would escape quotes as well, which lxml leaves as they are in text.
    """
    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\n" in text or "\t" in text:
        # Only these two control characters reach a plan; docxtpl would also turn \a and \f into paragraphs and pages.
        text = text.replace("\n", _LINE_BREAK).replace("\t", _TAB)
    return Markup(text)  # noqa: S704 -- escaped above, as lxml escapes text


def _attribute(value: Any) -> Markup:
    """A value in an attribute, escaped as lxml writes attributes."""
    return Markup(  # noqa: S704 -- escaped here, as lxml escapes attributes
        str(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


# Autoescape: every value is text, so "<", "&" and "{{" in a plan appear exactly as typed.
_ENVIRONMENT = _Environment(autoescape=True, undefined=StrictUndefined, finalize=_text)
_ENVIRONMENT.filters["xml_attribute"] = _attribute
_STRICT_XML = etree.XMLParser(resolve_entities=False, no_network=True)
# An attribute's value with a Jinja expression in it, and the expression.
_ATTRIBUTE_WITH_VALUE = re.compile(r'="[^"<>]*\{\{[^"<>]*"')
_EXPRESSION = re.compile(r"\{\{(.*?)\}\}")
# A start tag followed straight away by a Jinja tag: an element a value or a loop may leave empty.
_START_TAG_BEFORE_JINJA = re.compile(r"<[A-Za-z][\w:.-]*(?: [^<>]*)?(?<!/)>(?=\{[{%#])")


def _cleaned(xml: str) -> str:
    """docxtpl's clean-up of the tags in a part's XML (it uses no state of its own); values in attributes escaped so."""
    cleaned = str(DocxTemplate(io.BytesIO()).patch_xml(xml))
    return _ATTRIBUTE_WITH_VALUE.sub(
        lambda attribute: _EXPRESSION.sub(r"{{ (\1) | xml_attribute }}", attribute.group(0)), cleaned
    )


def _compiled(cleaned: str) -> Template:
    """Jinja's compilation of a cleaned part.

    docxtpl puts each paragraph on a line of its own, so that Jinja's errors name a line, and takes
    the line breaks out again after every render; these templates' errors are the code's, so neither is done.
    """
    return _ENVIRONMENT.from_string(cleaned)


def _emptied(cleaned: str) -> tuple[tuple[str, str], ...]:
    """Each element the filled part may hold empty, as Jinja leaves it (<a></a>) and as lxml writes it (<a/>).

    Only an element whose start tag is followed by a Jinja tag can be left empty: any other starts
    with the template's own content; and the text after a value's last line break or tab.
    """
    starts = {*_START_TAG_BEFORE_JINJA.findall(cleaned), _LINE_BREAK.rpartition("</w:t>")[2]}
    return tuple((f"{start}</{start[1:-1].split(' ')[0]}>", f"{start[:-1]}/>") for start in sorted(starts))


def _filled(template: Template, variables: Mapping[str, Any]) -> str:
    """A compiled part rendered, with docxtpl's finishing: the braces it escapes ({_{ for {{) put back."""
    xml = template.render(variables)
    return xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")


@dataclass(frozen=True)
class Properties:
    """A document's core properties: what Word shows under File > Info."""

    title: str
    subject: str
    author: str
    timestamp: datetime.datetime


@dataclass(frozen=True)
class _Footer:
    """A header or footer part with Jinja tags: its name in the zip and its compiled template."""

    member: str
    template: Template


class PreparedTemplate:
    """A .docx template read, cleaned and compiled once; `render` gives a filled document's bytes."""

    def __init__(self, data: bytes) -> None:
        document = Document(io.BytesIO(data))
        main = document.part
        root = main.element
        body = root.body
        self._document_member = main.partname.membername
        source = etree.tostring(body, encoding="unicode")
        if body.xpath(".//wp:docPr"):
            # docxtpl renumbers drawings at every render; these templates have none.
            raise ValueError("a template with drawings is not supported")
        cleaned = _cleaned(source)
        self._body, self._emptied = _compiled(cleaned), _emptied(cleaned)
        # The document part as python-docx writes it, around the body: the template's own body is
        # parsed and put in place as docxtpl puts a rendered one, to see how lxml writes its start tag.
        shell = copy.deepcopy(root)
        shell.replace(shell.body, etree.fromstring(source.encode("utf-8"), _STRICT_XML))
        written = bytes(serialize_part_xml(shell))
        start, end = written.index(b"<w:body"), written.rindex(b"</w:body>") + len(b"</w:body>")
        self._prefix, self._suffix = written[:start], written[end:]
        self._body_start = written[start : written.index(b">", start) + 1].decode("utf-8")
        self._footers = tuple(
            _Footer(
                relationship.target_part.partname.membername,
                _compiled(_cleaned(etree.tostring(parse_xml(relationship.target_part.blob), encoding="unicode"))),
            )
            for relationship in main.rels.values()
            if relationship.reltype in _HEADERS_AND_FOOTERS and relationship.target_part.blob
        )
        # docxtpl renders these core properties as templates too; the templates' hold no tags, so
        # their rendering is the same for every document.
        properties = document.core_properties
        for name in _TEMPLATED_PROPERTIES:
            setattr(properties, name, _ENVIRONMENT.from_string(getattr(properties, name)).render())
        self._core_member = document.part.package._core_properties_part.partname.membername
        self._core = copy.deepcopy(properties._element)
        # Every other entry as python-docx writes it, in its order.
        buffer = io.BytesIO()
        document.save(buffer)
        with zipfile.ZipFile(buffer) as archive:
            self._entries = tuple((name, archive.read(name)) for name in archive.namelist())
        variable = {self._document_member, self._core_member, *(footer.member for footer in self._footers)}
        if not variable <= {name for name, _ in self._entries}:
            raise ValueError("a template part is missing from the saved template")

    def _document_xml(self, variables: Mapping[str, Any]) -> bytes:
        """The document part: the filled body as lxml writes it, without parsing and writing it again.

        docxtpl parses the filled body and python-docx writes it out again, which took half of the
        largest Part 3's time. Values are already escaped as lxml escapes them (see `_text`), so the
        filled text differs from lxml's writing in two ways only, put right here: an element left
        empty by a value is written <a></a>, where lxml writes <a/>; and the body's start tag declares
        the namespaces its document already declares. Every value is escaped, so the text is
        well-formed; the tests parse every document.
        """
        xml = _filled(self._body, variables)
        for as_filled, as_written in self._emptied:
            xml = xml.replace(as_filled, as_written)
        xml = self._body_start + xml[xml.index(">") + 1 :]
        return self._prefix + xml.encode("utf-8") + self._suffix

    def _core_xml(self, properties: Properties) -> bytes:
        element = copy.deepcopy(self._core)
        core = CoreProperties(element)
        core.title = properties.title[:_CORE_PROPERTY_MAX]
        core.subject = properties.subject[:_CORE_PROPERTY_MAX]
        core.author = properties.author[:_CORE_PROPERTY_MAX]
        core.created = core.modified = properties.timestamp
        core.revision = 1
        return bytes(serialize_part_xml(element))

    def render(self, variables: Mapping[str, Any], properties: Properties, document_date: datetime.date) -> bytes:
        """The template filled with `variables`, its properties set: reproducible bytes dated `document_date`."""
        filled = {
            self._document_member: self._document_xml(variables),
            self._core_member: self._core_xml(properties),
        }
        for footer in self._footers:
            filled[footer.member] = bytes(serialize_part_xml(parse_xml(_filled(footer.template, variables).encode())))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in self._entries:
                archive.writestr(name, filled.get(name, data))
        return reproducible_zip(buffer.getvalue(), document_date)


@functools.cache
def prepared(name: str) -> PreparedTemplate:
    """A template of templates/documents/, prepared once per process."""
    return PreparedTemplate((TEMPLATE_DIRECTORY / name).read_bytes())
