"""Read the Foreign Ministry's saved web pages (``.html``, ``.shtml``, ``.htm``).

A page is parsed with selectolax (the Lexbor engine, which follows the HTML5
parsing algorithm as browsers do, so unclosed ``<P>`` and stray end tags such
as ``</SPAN>`` right after ``<P>`` build the same tree a reader sees). From the
page itself come:

- **the body**: the text of ``<div id="News_Body_Txt_A">`` (Chinese pages) or
  ``<div class="content">`` (English pages), one paragraph per block element
  (``<p>``, ``<div>`` ...) or ``<br>``-separated run, each with the share of
  its characters set in bold (the Ministry sets questions in bold);
- **the title**, from which the genre (regular briefing, written answers,
  statement), the spokesperson as printed and the date are read;
- **the date**: the title's date; on Chinese pages also the publication date
  (``News_Body_Time``), used where the title has none; English titles that
  omit the year take it from the page's own image stamps (the site names
  uploaded images ``W0YYYYMMDD...``);
- **the language**, from the script of the title and body.

No page in the Ministry's archive carries a canonical URL, so ``url`` stays
empty unless a metadata file gives it (see :func:`analysis.transcript.read_corpus`).

A page that is not a transcript (the site's listing pages ``default_N.shtml``,
an error page, a redirect notice) raises :class:`TranscriptError` naming the
file and saying what it is.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Literal

from .errors import TranscriptError
from .textio import read_bytes, decode_bytes

PAGE_SUFFIXES = (".html", ".htm", ".shtml")
Genre = Literal["npc", "briefing", "written", "statement"]
#: Genres of document: an NPC press conference (a minister before the press at the
#: National People's Congress), a regular briefing, written answers to journalists'
#: questions (答记者问, and the English "Remarks" of the August recess), a statement.
GENRES: tuple[Genre, ...] = ("npc", "briefing", "written", "statement")

_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "table", "tr", "td", "th", "section", "article", "center", "dd", "dt", "dl", "pre",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title"}
_BOLD_TAGS = {"b", "strong"}
_HTML_SPACE = re.compile(r"[ \t\n\r\f\xa0]+")
# Page furniture printed inside a body: print and close buttons, the editor's name, an end mark.
_FURNITURE = re.compile(r"【(?:打印|关闭窗口|关闭|字体[：:].*)】|责任编辑[：:].{0,12}|\[(?:Print|Close)\]|（完）|\(End\)")
_MAX_CAPTION = 80  # characters: longer centred text under a picture is speech
_NON_SPACE = re.compile(r"\S")
_CJK = re.compile(r"[\u3400-\u9fff]")
_SITE_SUFFIX = re.compile(r"\s*[—–-]+\s*中华人民共和国外交部\s*$")
_PAGE_NO = re.compile(r"(?<![A-Za-z0-9])(t\d{5,})(?![0-9])")
_IMAGE_STAMP = re.compile(r"W0(20\d{2})(\d{2})(\d{2})\d")
_MONTHS = {m: i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}

# Chinese titles
_ZH_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_ZH_SPOKESPERSON = re.compile(
    r"(?:外交部|中国代表团|中国政府代表团)发言人(?!答|就|主持|宣布|表示|发表)(?P<name>[\u4e00-\u9fff·]{2,4}?)"
    r"(?=主持|就|答|宣布|表示|发表|在|\d|$)"
)
_ZH_NAME_LEAD = re.compile(r"^(?P<name>[\u4e00-\u9fff·]{2,3})[：:]")
_ZH_BRIEFING = re.compile(r"例行记者会|记者招待会")
_ZH_WRITTEN = re.compile(r"答记者问")
_ZH_STATEMENT = re.compile(r"发表谈话|表明立场|声明|宣布")
# English titles
_EN_SPOKESPERSON = re.compile(r"Spokesperson (?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})['’]s\b")
_EN_DATE = re.compile(
    r"\bon (?P<month>" + "|".join(_MONTHS) + r")\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,\s*(?P<year>\d{4}))?\s*$"
)
_EN_BRIEFING = re.compile(r"Regular Press Conference|Daily Briefing Online|Press Conference on", re.IGNORECASE)
_EN_WRITTEN = re.compile(r"['’]s Remarks on|Answers? to (?:Journalists'? )?Questions", re.IGNORECASE)
_EN_STATEMENT = re.compile(r"Statement", re.IGNORECASE)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a page's body: its text, the share of it set in bold, and
    whether it is page furniture rather than speech (a photo's caption: a short
    centred paragraph right under an image; 【打印】, 【关闭窗口】, 责任编辑：…)."""

    text: str
    emphasis: float = 0.0
    furniture: bool = False


@dataclass(frozen=True)
class Page:
    """What a saved page says about itself, and its body's paragraphs."""

    source: Path
    lang: Literal["zh", "en"]
    genre: Genre | None  # None: the title names no genre (decided from the body)
    title: str
    date: dt.date | None
    date_from: str  # "title", "publication date", "title and image stamp", or ""
    spokesperson: str  # as printed in the title (耿爽, Geng Shuang); "" if none
    page_no: str  # the Ministry's page number (t1593756), from the file name; "" if none
    paragraphs: tuple[Paragraph, ...]


def is_page(path: str | PathLike[str]) -> bool:
    """A saved web page, by its name (``.html``, ``.shtml``, ``.htm``)."""
    return Path(path).suffix.lower() in PAGE_SUFFIXES


def read_page(path: str | PathLike[str]) -> Page:
    """Read one saved page of the Ministry's site; see the module's docstring."""
    p = Path(path)
    return parse_page(read_bytes(p), source=p)


def parse_page(data: bytes | str, *, source: str | PathLike[str] = "<page>") -> Page:
    """Parse a page's bytes (or decoded text); ``source`` names it in errors."""
    from selectolax.lexbor import LexborHTMLParser

    src = Path(source)
    html = decode_bytes(data, src) if isinstance(data, bytes) else data
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = _SITE_SUFFIX.sub("", _clean(title_node.text())) if title_node is not None else ""
    heading = tree.css_first("#News_Body_Title") or tree.css_first("h2.title")
    if heading is not None and _clean(heading.text()):
        title = _clean(heading.text())
    body = tree.css_first("#News_Body_Txt_A") or tree.css_first("div.content")
    paragraphs = _body_paragraphs(body) if body is not None else []
    if not paragraphs:
        raise TranscriptError(src, _what_it_is(tree, title, html))

    lang: Literal["zh", "en"] = "zh" if _CJK.search(title + "".join(x.text for x in paragraphs[:5])) else "en"
    if lang == "zh":
        genre = (
            "briefing" if _ZH_BRIEFING.search(title)
            else "written" if _ZH_WRITTEN.search(title)
            else "statement" if _ZH_STATEMENT.search(title)
            else None
        )
        m = _ZH_SPOKESPERSON.search(title) or _ZH_NAME_LEAD.match(title)
        if m is None:  # 外交部发言人耿爽宣布：... opening the body
            m = _ZH_SPOKESPERSON.search(paragraphs[0].text.strip())
        spokesperson = m.group("name") if m else ""
        date, date_from = _zh_date(title, tree)
    else:
        genre = (
            "briefing" if _EN_BRIEFING.search(title)
            else "written" if _EN_WRITTEN.search(title)
            else "statement" if _EN_STATEMENT.search(title)
            else None
        )
        m = _EN_SPOKESPERSON.search(title)
        spokesperson = m.group("name") if m else ""
        date, date_from = _en_date(title, body)
    page_no = _PAGE_NO.search(src.name)
    return Page(
        source=src,
        lang=lang,
        genre=genre,
        title=title,
        date=date,
        date_from=date_from,
        spokesperson=spokesperson,
        page_no=page_no.group(1) if page_no else "",
        paragraphs=tuple(paragraphs),
    )


# ---------------------------------------------------------------------------
# The body


def _clean(text: str) -> str:
    return _HTML_SPACE.sub(" ", text).strip()


def _body_paragraphs(body) -> list[Paragraph]:
    """The body's paragraphs in reading order: a new one at every block element
    and every ``<br>``; white space collapsed as a browser renders it."""
    out: list[Paragraph] = []
    pieces: list[tuple[str, bool]] = []
    state = {"image": False, "centred": False}  # an image just before; the block is centred

    def flush() -> None:
        text = _HTML_SPACE.sub(" ", "".join(t for t, _ in pieces)).strip(" ")
        if _NON_SPACE.search(text.replace("\u3000", " ")):
            total = sum(len(_NON_SPACE.findall(t)) for t, _ in pieces)
            bold = sum(len(_NON_SPACE.findall(t)) for t, b in pieces if b)
            caption = state["image"] and state["centred"] and len(text.strip()) <= _MAX_CAPTION
            furniture = caption or _FURNITURE.fullmatch(text.strip(" \u3000")) is not None
            out.append(Paragraph(text=text, emphasis=round(bold / total, 3) if total else 0.0, furniture=furniture))
            state["image"] = False
        pieces.clear()

    def walk(node, bold: bool, centred: bool) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                pieces.append((child.text_content or "", bold))
            elif tag in _SKIP_TAGS or tag.startswith("-"):
                continue
            elif tag == "br":
                flush()
            elif tag == "img":
                flush()
                state["image"] = True
            else:
                style = (child.attributes.get("style") or "").lower().replace(" ", "")
                inner = bold or tag in _BOLD_TAGS or "font-weight:bold" in style
                block = tag in _BLOCK_TAGS
                if block:
                    flush()
                    align = (child.attributes.get("align") or "").lower()
                    centred_here = align == "center" or "text-align:center" in style or tag == "center" or (
                        centred and not align and "text-align" not in style)
                    state["centred"] = centred_here
                    walk(child, inner, centred_here)
                    flush()
                    state["centred"] = centred
                else:
                    walk(child, inner, centred)

    walk(body, False, False)
    flush()
    return out


def _what_it_is(tree, title: str, html: str) -> str:
    """Why a page without body text is no transcript, in a few words."""
    links = {a.attributes.get("href") or "" for a in tree.css("a")}
    transcripts = [h for h in links if re.search(r"t\d{5,}\.s?html?$", h)]
    if re.search(r"^\s*\d{3} [A-Z][A-Za-z ]+$", title):
        return f"is an HTTP status page ({title!r}), not a transcript"
    if len(transcripts) >= 5:
        return (f"is a listing page of the Ministry's site (links to {len(transcripts)} pages), "
                "not a transcript: read the pages it links to")
    if not re.search(r"<html|<body|<div|<p", html[:20000], re.IGNORECASE):
        return "is not an HTML page"
    return ("holds no transcript text (no body in <div id=\"News_Body_Txt_A\"> or <div class=\"content\">): "
            f"not a Ministry transcript page{f' (title {title!r})' if title else ''}")


# ---------------------------------------------------------------------------
# Dates


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _zh_date(title: str, tree) -> tuple[dt.date | None, str]:
    m = _ZH_DATE.search(title)
    if m:
        date = _date(int(m[1]), int(m[2]), int(m[3]))
        if date:
            return date, "title"
    node = tree.css_first("#News_Body_Time")
    if node is not None:
        m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", node.text())
        if m:
            date = _date(int(m[1]), int(m[2]), int(m[3]))
            if date:
                return date, "publication date"
    return None, ""


def _en_date(title: str, body) -> tuple[dt.date | None, str]:
    m = _EN_DATE.search(title)
    if not m:
        return None, ""
    month, day = _MONTHS[m["month"]], int(m["day"])
    if m["year"]:
        date = _date(int(m["year"]), month, day)
        return (date, "title") if date else (None, "")
    # No year in the title: the page's images are stamped with their upload date.
    stamps = sorted(
        (int(y), int(mo), int(d))
        for img in (body.css("img") if body is not None else [])
        for attr in ("src", "oldsrc", "_fcksavedurl")
        for y, mo, d in _IMAGE_STAMP.findall(img.attributes.get(attr) or "")
    )
    if not stamps:
        return None, ""
    year, stamp_month, _ = stamps[0]
    # a late-December briefing whose images went up in January
    if month > stamp_month:
        year -= 1
    date = _date(year, month, day)
    return (date, "title and image stamp") if date else (None, "")
