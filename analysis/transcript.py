"""Read a transcript into a tidy table of segments, one row per paragraph.

A transcript is a text file (``.txt``) or one of the Foreign Ministry's saved
web pages (``.html``, ``.shtml``, ``.htm``; see :mod:`analysis.pages`). The
parse runs in five steps, each a small function below:

1. **Lines.** A text file is decoded (:mod:`analysis.textio`), each line
   stripped of its indent; a page gives its body's paragraphs, each with the
   share of it set in bold. Lines of asterisks or dashes (spaced or not) are
   separators, not text.
2. **Paragraphs.** A text file whose lines mostly end mid-sentence is
   hard-wrapped (newspaper columns): its paragraphs are the runs of lines
   between blank lines (or indented first lines), joined without spaces
   between Chinese characters. Any other file has one paragraph a line.
3. **Labels.** A paragraph may open with a speaker label: ``<outlet>记者：``,
   ``问：``, ``追问：``, ``会后（，）有记者问及：``, ``答：``, the principal's name, or in
   English ``<Outlet>:``, ``Q:``/``A:``, ``Follow-up:``, the principal's English
   name and the notes that introduce a question asked after the briefing. The
   journalist's bare label (``记者：``, ``Journalist:``, ``Journalist clarifies:``)
   inside an exchange answers the spokesperson's question back: a
   clarification, part of the same Q&A. The principal is given, named by the
   page or metadata, or found among the labels (see :func:`_principal`).
4. **Page breaks.** In a hard-wrapped file, a paragraph that stops
   mid-sentence (no final punctuation) and runs on in the next, unlabelled
   paragraph was cut by a page break and is joined back. Short unpunctuated
   lines that stand before a question are headlines; others are titles (text
   files only: a page's title is its ``<title>``, and its body has no headlines).
5. **Turns.** Unlabelled paragraphs continue the current speaker's turn, with
   three exceptions: after a separator they are the principal's statements
   (announcements after the Q&A); one that reports the principal's words
   (``耿爽表示，…``) is the principal's; and on a page that sets its questions in
   bold, a plain paragraph after a question is its answer, and a bold one
   after an answer is the journalist's (a new question, or a clarification
   where the answer ended by asking back). Questions are numbered; headlines
   open numbered sections.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Iterable, Literal, Sequence

import pandas as pd

from .documents import (
    attach_documents,
    document_row,
    metadata_for,
    name_in,
    read_metadata,
    known_speakers,
    text_file_info,
)
from .errors import TranscriptError
from .pages import PAGE_SUFFIXES, Page, Paragraph, is_page, read_page
from .textio import read_text

KINDS = ("narration", "title", "headline", "statement", "question", "answer")
COLUMNS = (
    "doc_id",
    "para_no",
    "kind",
    "speaker",
    "outlet",
    "qa_no",
    "follow_up",
    "section_no",
    "section_title",
    "text",
    "n_chars",
)
#: Speaker recorded for questions (the journalist is never named).
QUESTIONER = {"zh": "记者", "en": "Journalist"}
#: Speaker recorded for answers in transcripts that name no answerer (``答：``/``A:``)
#: and whose page or metadata names no spokesperson.
ANONYMOUS_ANSWERER = {"zh": "答", "en": "A"}
#: File names read from a folder: text files and saved pages.
TRANSCRIPT_SUFFIXES = (".txt", *PAGE_SUFFIXES)
Errors = Literal["raise", "skip"]

_INDENT = " \t\u3000\u00a0\ufeff"
# Sentence-final marks; a paragraph ending in one (perhaps followed by closing
# quotes or brackets) is complete. The colon counts: a paragraph that ends
# with one introduces a list and is complete.
_TERMINAL = set("。！？；：…!?;:.")
_CLOSERS = set("”’」』）)》】〉\"'")
_QUESTION_MARKS = set("？?")
_SEPARATOR = re.compile(r"[\*＊\-－—=＝_·•~～#]{3,}")
_SPACE = re.compile(r"\s+")
# A stage direction closing a paragraph: （记者笑）, （众记者笑）, (Laughter).
_STAGE_DIRECTION = re.compile(r"[（(][^（）()]{1,20}[）)]\s*$")
# ... or standing alone as a paragraph: （记者点头）, （完）
_STAGE_PARAGRAPH = re.compile(r"^[（(][^（）()：:]{1,20}[）)]$")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_END = re.compile(r"[A-Za-z0-9,.;:!?)\]\"'%]")
_LATIN_START = re.compile(r"[A-Za-z0-9(\[\"'$]")

# Labels: a short run before a colon at the start of a paragraph.
_ZH_LABEL = re.compile(r"^(?P<label>[^：:，,。！？；、\s“”\"（）()]{1,24})[：:]\s*")
_EN_LABEL = re.compile(
    r"^(?P<label>[A-Z][A-Za-z0-9’'.&\-]*(?: (?:[A-Z0-9][A-Za-z0-9’'.&\-]*|of|the|and|for|de|du|la|al)){0,5})"
    r" ?:(?![\d/])\s*"
)
# The journalist again, in English: "Journalist clarifies:", "The journalist clarified:"
_EN_CLARIFY_LABEL = re.compile(
    r"^(?P<label>(?:The |A |Foreign )?(?:[Jj]ournalist|[Rr]eporter)(?: (?:clarifies|clarified|adds|added|explains|explained|answers|answered|says|said|replies|replied))?) ?:\s*"
)
# A question asked after the briefing: "The following question was raised after the
# press conference:", "After the press conference, the following question is raised:",
# "A journalist posed the following question after the press conference:".
_EN_AFTER_BRIEFING = re.compile(
    r"^(?P<label>[^:]{0,100}?(?:after the (?:press conference|briefing)|following questions? (?:was|were|is|are|has been) (?:raised|asked|posed)|questions? (?:was |were )?(?:raised|posed))[^:]{0,80}):\s*",
    re.IGNORECASE,
)
# ... or reported without a colon: "After the press conference, a journalist asked if ..."
_EN_AFTER_BRIEFING_REPORTED = re.compile(r"^After the (?:press conference|briefing),? [^:]{0,60}\basked\b", re.IGNORECASE)
_ZH_AFTER_BRIEFING = re.compile(r"^(?P<label>会后[，,]?\s*(?:有)?[\u4e00-\u9fff]{0,10}?记者(?:提)?问(?:及|到)?)[：:]\s*")
_ZH_ASKED = re.compile(r"^(?:有)?记者(?:提)?问(?:及|到)?$")
_ZH_JOURNALIST = re.compile(r"^(?P<outlet>.*?)记者(?P<follow>追问|提问|问)?$")
# The journalist speaking inside an exchange: clarifying, adding, answering back.
_ZH_CLARIFY = re.compile(r"^(?:该)?记者(?:笑|澄清|解释|补充|说明|回答|答)?$")
_EN_CLARIFY = re.compile(
    r"^(?:The |A |Foreign )?(?:Journalist|Reporter)(?: (?:clarifies|clarified|adds|added|explains|explained|answers|answered|says|said|replies|replied))?$",
    re.IGNORECASE,
)
# A paragraph that is the journalist's aside in brackets: （记者：是的。） (Journalist: Yes.)
_ASIDE = re.compile(
    r"^[（(]\s*(?P<label>(?:该)?记者[^：:（）()]{0,4}|(?:The )?(?:Journalist|Reporter)[A-Za-z ]{0,12})[：:]\s*"
    r"(?P<body>[^（）()]*?)\s*[）)]$"
)
_ZH_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
# A name followed by a verb of saying is reported speech, not a label: 耿爽表示：
_ZH_SAYING = re.compile(r"(?:表示|指出|强调|宣布|介绍|透露|回应|称|说|答|问)$")
_EN_NAME = re.compile(r"^[A-Z][a-z’'\-]+(?: [A-Z][a-z’'\-]+){1,2}$")
_OUTLET_QUOTES = str.maketrans("", "", "《》〈〉“”\"")
# Words that open a paragraph with a colon but never name a speaker.
_NOT_SPEAKERS = {
    "第一", "第二", "第三", "第四", "第五", "一是", "二是", "三是", "四是", "五是",
    "首先", "其次", "最后", "总之", "例如", "比如", "注", "附", "说明", "问题",
    "Note", "First", "Second", "Third", "Finally", "Notes", "Source",
}
_ZH_QUESTION_LABELS = {"问", "提问"}
_EN_QUESTION_LABELS = {"Q", "Question"}
_FOLLOW_UP_LABELS = {"追问", "Follow-up", "Follow-up question", "Follow up", "Follow-Up"}
_ANSWER_LABELS = {"答", "A", "Answer"}
# An editorial dateline: "据新华社北京5月24日电", "本报北京5月24日讯",
# "BEIJING, May 24 (Xinhua) --".
_DATELINE = re.compile(
    r"^(?:据)?\S{0,14}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:电|讯)"
    r"|^(?:本报|新华社|新华网|中新社|中新网)\S{0,16}(?:电|讯)"
    r"|^[A-Z][A-Za-z .,]{2,40}\d{1,2}\s*\((?:Xinhua|Reuters|AFP|AP)\)"
)
# A paragraph shorter than this (in characters) may be a headline or title.
_MAX_HEADLINE_CHARS = 60
_MAX_TITLE_LINES = 3
# A page sets its questions in bold when at least this share of its labelled
# question paragraphs are mostly bold, and at most the second share of its
# labelled answer paragraphs.
_BOLD_QUESTIONS = 0.75
_BOLD_ANSWERS = 0.25


@dataclass
class _Block:
    """A paragraph in the making: its lines, and what the file showed of it."""

    lines: list[str]
    after_separator: bool = False
    emphasis: float | None = None  # share set in bold (pages); None for text files
    furniture: bool = False  # a photo caption or page furniture (pages): not speech
    label: str | None = None  # the label as printed, without the colon
    printed: str = ""  # the paragraph as printed, label included
    role: Literal["question", "answer", "clarify", None] = None
    outlet: str = ""
    follow_up: bool = False
    speaker: str = ""

    @property
    def text(self) -> str:
        return _join_lines(self.lines)

    @property
    def last_line(self) -> str:
        return self.lines[-1]


@dataclass
class _Label:
    label: str
    rest_start: int
    role: Literal["question", "answer", "name", "clarify"]
    outlet: str = ""
    follow_up: bool = False
    strip_end: int = 0  # characters to cut off the end (the closing bracket of an aside)


@dataclass
class _Layout:
    wrapped: bool
    width: float
    blocks: list[_Block] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Public API


def read_transcript(
    path: str | PathLike[str],
    *,
    doc_id: str | None = None,
    principal: str | None = None,
    metadata: str | PathLike[str] | pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Parse one transcript file into a segments table, one row per paragraph.

    Parameters
    ----------
    path:
        A text file (UTF-8 with or without BOM, GB18030/GBK or any encoding
        charset-normalizer recognises; LF or CRLF line ends) or a saved page
        of the Ministry's site (``.html``, ``.shtml``, ``.htm``).
    doc_id:
        The document's id in the ``doc_id`` column; default the file stem
        (text) or ``mfa_<date>[_<genre>][_en]`` (a page).
    principal:
        The principal speaker's label as printed (``王毅``, ``Zhao Lijian``).
        Default: the spokesperson the page's title or the metadata names,
        else found from the labels (known spokespersons and ministers in
        ``data/speakers.csv`` first, then the name that answers questions).
    metadata:
        A metadata file (CSV with a ``file`` column, see
        :mod:`analysis.documents`) or table filling what the file does not
        say (date, genre, spokesperson, url); ``data/corpus_metadata.csv`` is
        always read.

    Returns
    -------
    DataFrame with the columns in :data:`COLUMNS` (see the README); its
    document variables are kept in ``attrs["documents"]`` and returned by
    :func:`analysis.documents_table`.

    Raises
    ------
    TranscriptError
        The file is missing, empty, binary, a page that holds no transcript
        (a listing page, say), or a text with no recognisable questions and
        answers. The message names the file and says what it is.
    """
    rows, doc = _read_one(Path(path), doc_id=doc_id, principal=principal, meta=read_metadata(metadata))
    return attach_documents(_frame(rows), [doc])


def _read_one(p: Path, *, doc_id: str | None, principal: str | None, meta: pd.DataFrame) -> tuple[list[dict], dict]:
    """One file's segment rows and its row of document variables."""
    info = metadata_for(p, meta)
    if is_page(p):
        return _read_page(read_page(p), doc_id=doc_id, principal=principal, meta=info)
    text = read_text(p)
    info = {**text_file_info(p), **info}
    lang = info.get("lang") or language(text)
    spokesperson = info.get("spokesperson", "")
    rows, chosen = _parse(
        _layout_from_text(text),
        doc_id=doc_id if doc_id is not None else p.stem,
        lang=lang,
        principal=principal,
        anonymous=name_in(spokesperson, lang) if spokesperson else None,
        source=p,
        editorial=True,
        require_qa=info.get("genre") != "statement",
    )
    titles = [r["text"] for r in rows if r["kind"] == "title"]
    doc = document_row(
        rows[0]["doc_id"], source=p, lang=lang, date=info.get("date"), genre=info.get("genre", ""),
        spokesperson=spokesperson or _named(chosen), title=info.get("title") or (titles[0] if titles else ""),
        url=info.get("url", ""),
    )
    return rows, doc


def _read_page(page: Page, *, doc_id: str | None, principal: str | None, meta: dict[str, str]) -> tuple[list[dict], dict]:
    spokesperson = page.spokesperson or meta.get("spokesperson", "")
    label = principal or (name_in(spokesperson, page.lang) if spokesperson else None)
    rows, chosen = _parse(
        _layout_from_paragraphs(page.paragraphs),
        doc_id=doc_id or "",
        lang=page.lang,
        principal=label,
        anonymous=label,
        source=page.source,
        editorial=False,
        require_qa=False,
    )
    has_qa = any(r["kind"] == "question" for r in rows)
    genre = page.genre or meta.get("genre") or ("written" if has_qa else "statement")
    if genre == "statement" and has_qa:
        genre = "written"  # a statement given as an answer to a question (…表明立场: 问：… 答：…)
    date = page.date or meta.get("date") or None
    doc_id = doc_id or page_doc_id(date, genre, page.lang, page.page_no or page.source.stem)
    for r in rows:
        r["doc_id"] = doc_id
    doc = document_row(
        doc_id, source=page.source, lang=page.lang, date=date, genre=genre,
        spokesperson=spokesperson or _named(chosen), title=page.title or meta.get("title", ""),
        url=meta.get("url", ""),
    )
    return rows, doc


def page_doc_id(date: object, genre: str, lang: str, fallback: str) -> str:
    """A Ministry page's doc id, after the text files' convention:
    ``mfa_2019-08-23`` (briefing), ``mfa_2019-08-23_written``, ``..._statement``,
    ``_en`` for the English version; without a date, the page number."""
    day = pd.Timestamp(date).strftime("%Y-%m-%d") if date not in (None, "") and pd.notna(date) else fallback
    suffix = "" if genre in ("briefing", "") else f"_{genre}"
    return f"mfa_{day}{suffix}{'_en' if lang == 'en' else ''}"


def _named(principal: str | None) -> str:
    """A principal label that names someone (not 答, A or a question label)."""
    if not principal or principal in _ANSWER_LABELS:
        return ""
    return principal


def parse_transcript(
    text: str,
    *,
    doc_id: str,
    principal: str | None = None,
    source: str | PathLike[str] | None = None,
) -> pd.DataFrame:
    """Parse transcript ``text`` (already decoded); see :func:`read_transcript`."""
    lang = language(text)
    rows, chosen = _parse(
        _layout_from_text(text), doc_id=doc_id, lang=lang, principal=principal, anonymous=None,
        source=source if source is not None else doc_id, editorial=True, require_qa=True,
    )
    info = text_file_info(doc_id)
    doc = document_row(doc_id, source=source or "", lang=lang, date=info.get("date"), genre=info["genre"],
                       spokesperson=_named(chosen))
    return attach_documents(_frame(rows), [doc])


def parse_paragraphs(
    paragraphs: Sequence[Paragraph | str],
    *,
    doc_id: str,
    principal: str | None = None,
    lang: Literal["zh", "en"] | None = None,
    source: str | PathLike[str] | None = None,
) -> pd.DataFrame:
    """Parse a transcript given as paragraphs (a page's body): one row each, no
    headlines or titles among them, statements-only documents allowed."""
    paras = [p if isinstance(p, Paragraph) else Paragraph(p) for p in paragraphs]
    lang = lang or language("".join(p.text for p in paras))
    rows, _ = _parse(
        _layout_from_paragraphs(paras), doc_id=doc_id, lang=lang, principal=principal, anonymous=principal,
        source=source if source is not None else doc_id, editorial=False, require_qa=False,
    )
    return _frame(rows)


def read_corpus(
    paths_or_folder: str | PathLike[str] | Iterable[str | PathLike[str]],
    *,
    pattern: str | None = None,
    principal: str | None = None,
    metadata: str | PathLike[str] | pd.DataFrame | None = None,
    errors: Errors = "raise",
    progress: bool | None = None,
) -> pd.DataFrame:
    """Parse many transcripts into one segments table, ``doc_id`` telling them apart.

    ``paths_or_folder`` is a folder (every ``.txt``, ``.html``, ``.shtml`` and
    ``.htm`` file in it, or those matching ``pattern``, in name order), one
    file, or an iterable of files and folders.

    ``errors="raise"`` stops at the first file that cannot be read (a
    :class:`TranscriptError` naming it); ``errors="skip"`` reads on, and the
    skipped files with their reasons are in ``attrs["skipped"]`` (a list of
    ``(file, reason)``). Two pages with the same doc id (two written answers
    of one day) are told apart by a suffix in the order of their page
    numbers (``_2``, ``_3``), so a page published later never renames an
    earlier one; two text files with the same stem are an error (or skipped).
    The document variables of all documents are in ``attrs["documents"]``;
    ``progress`` shows a progress bar (default: from 50 files on).
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    paths = _corpus_paths(paths_or_folder, pattern)
    meta = read_metadata(metadata)
    if progress is None:
        progress = len(paths) >= 50
    if progress:
        from tqdm.auto import tqdm

        paths_iter = tqdm(paths, desc="transcripts", unit="file")
    else:
        paths_iter = paths
    read: list[tuple[list[dict], dict]] = []
    skipped: list[tuple[str, str]] = []
    for p in paths_iter:
        try:
            read.append(_read_one(p, doc_id=None, principal=principal, meta=meta))
        except TranscriptError as exc:
            if errors == "raise":
                raise
            skipped.append((str(p), exc.problem))
    read = _unique_ids(read, skipped, errors)
    if not read:
        if len(skipped) == 1:
            error = TranscriptError(*skipped[0])
        else:
            error = TranscriptError("<corpus>", f"no file could be read ({len(skipped)} skipped)")
        error.skipped = skipped
        raise error
    segments = _frame([row for rows, _ in read for row in rows])
    attach_documents(segments, [doc for _, doc in read])
    segments.attrs["skipped"] = skipped
    return segments


def _unique_ids(
    read: list[tuple[list[dict], dict]], skipped: list[tuple[str, str]], errors: Errors
) -> list[tuple[list[dict], dict]]:
    """Give pages that share a doc id a suffix in page-number order; a repeated text
    file's doc id is an error (or the later file is skipped)."""
    by_id: dict[str, list[int]] = {}
    for i, (_, doc) in enumerate(read):
        by_id.setdefault(doc["doc_id"], []).append(i)
    drop: set[int] = set()
    for doc_id, members in by_id.items():
        if len(members) == 1:
            continue
        if all(is_page(read[i][1]["source"]) for i in members):
            ordered = sorted(members, key=lambda i: _page_order(read[i][1]["source"]))
            for n, i in enumerate(ordered[1:], 2):
                rows, doc = read[i]
                doc["doc_id"] = f"{doc_id}_{n}"
                for r in rows:
                    r["doc_id"] = doc["doc_id"]
            continue
        first = read[members[0]][1]["source"]
        for i in members[1:]:
            problem = f"has the same doc_id ({doc_id}) as {first}; rename one"
            if errors == "raise":
                raise TranscriptError(read[i][1]["source"], problem)
            skipped.append((read[i][1]["source"], problem))
            drop.add(i)
    return [x for i, x in enumerate(read) if i not in drop]


def _page_order(source: str) -> tuple[int, str]:
    m = re.search(r"t(\d{5,})", Path(source).name)
    return (int(m.group(1)) if m else 1 << 62, Path(source).name)


def _corpus_paths(
    paths_or_folder: str | PathLike[str] | Iterable[str | PathLike[str]], pattern: str | None
) -> list[Path]:
    items = [paths_or_folder] if isinstance(paths_or_folder, (str, PathLike)) else list(paths_or_folder)
    if not items:
        raise TranscriptError("<corpus>", "no transcript files were given")
    paths: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            if pattern:
                found = sorted(q for q in item.glob(pattern) if q.is_file())
            else:
                found = sorted(q for q in item.iterdir() if q.is_file() and q.suffix.lower() in TRANSCRIPT_SUFFIXES)
            if not found:
                wanted = repr(pattern) if pattern else ", ".join(TRANSCRIPT_SUFFIXES)
                raise TranscriptError(item, f"the folder holds no transcript files ({wanted})")
            paths.extend(found)
        else:
            paths.append(item)
    return paths


def language(text: str) -> Literal["zh", "en"]:
    """``zh`` when at least 30% of the letters are Chinese characters, else ``en``."""
    cjk = len(_CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh" if cjk >= 0.3 * max(1, cjk + latin) else "en"


# ---------------------------------------------------------------------------
# Step 1 and 2: lines and paragraphs


def _is_terminated(text: str) -> bool:
    stripped = text.rstrip()
    # a stage direction after the last sentence: 你说呢？（记者笑）
    m = _STAGE_DIRECTION.search(stripped)
    if m and m.start() > 0:
        stripped = stripped[: m.start()].rstrip()
    while stripped and stripped[-1] in _CLOSERS:
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_separator(line: str) -> bool:
    return _SEPARATOR.fullmatch(_SPACE.sub("", line)) is not None


def _join_lines(lines: Sequence[str]) -> str:
    """Join hard-wrapped lines: no space between Chinese characters, one
    space where two Latin words meet (but not inside a number or after a
    hyphen that broke a word)."""
    out = lines[0]
    for line in lines[1:]:
        if not out:
            out = line
            continue
        a, b = out[-1], line[0]
        latin_meet = (
            _LATIN_END.match(a) is not None
            and _LATIN_START.match(b) is not None
            and not (a.isdigit() and b.isdigit())
        )
        out += (" " if latin_meet else "") + line
    return out


def _layout_from_text(text: str) -> _Layout:
    raw = text.split("\n")
    # (stripped text, indented?) or None for a blank line, "SEP" for a separator
    lines: list[tuple[str, bool] | None | str] = []
    for line in raw:
        s = line.strip(_INDENT)
        if not s:
            lines.append(None)
        elif _is_separator(s):
            lines.append("SEP")
        else:
            lines.append((s, line[:1] in _INDENT))
    content = [x for x in lines if isinstance(x, tuple)]
    unterminated = sum(1 for s, _ in content if not _is_terminated(s))
    wrapped = len(content) >= 3 and unterminated / len(content) > 0.5

    blocks: list[_Block] = []
    current: list[str] = []
    after_sep = False

    def flush() -> None:
        nonlocal current, after_sep
        if current:
            blocks.append(_Block(lines=current, after_separator=after_sep))
            after_sep = False
        current = []

    for item in lines:
        if item is None:
            flush()
        elif item == "SEP":
            flush()
            after_sep = True
        else:
            s, indented = item
            if not wrapped or indented:
                flush()
            current.append(s)
            if not wrapped:
                flush()
    flush()

    inner = [len(line) for b in blocks for line in b.lines[:-1]]
    width = statistics.median(inner) if inner else 0.0
    return _Layout(wrapped=wrapped, width=width, blocks=blocks)


def _layout_from_paragraphs(paragraphs: Sequence[Paragraph]) -> _Layout:
    blocks: list[_Block] = []
    after_sep = False
    for para in paragraphs:
        text = para.text.strip(_INDENT)
        if not text:
            continue
        if _is_separator(text):
            after_sep = True
            continue
        blocks.append(_Block(lines=[text], after_separator=after_sep, emphasis=para.emphasis,
                             furniture=para.furniture))
        after_sep = False
    return _Layout(wrapped=False, width=0.0, blocks=blocks)


# ---------------------------------------------------------------------------
# Step 3: labels


def _find_label(text: str, lang: str) -> _Label | None:
    """The speaker label that opens ``text``, classified, or None."""
    m = _ASIDE.match(text)
    if m:  # a whole paragraph in brackets that the journalist speaks: （记者：我只是问一下）
        return _Label(m.group("label"), m.start("body"), "clarify", strip_end=len(text) - m.end("body"))
    m = _ZH_AFTER_BRIEFING.match(text) if lang == "zh" else None
    if m:
        return _Label(m.group("label"), m.end(), "question")
    m = _EN_AFTER_BRIEFING.match(text)
    if m:
        return _Label(m.group("label"), m.end(), "question")
    if _EN_AFTER_BRIEFING_REPORTED.match(text):
        return _Label("", 0, "question")
    m = _EN_CLARIFY_LABEL.match(text)
    if m:
        return _Label(m.group("label"), m.end(), "clarify")
    m = _ZH_LABEL.match(text) if lang == "zh" else _EN_LABEL.match(text)
    if m is None and lang == "zh":
        m = _EN_LABEL.match(text)
    if m is None:
        return None
    label = m.group("label").strip()
    end = m.end()
    if label in _NOT_SPEAKERS:
        return None
    if label in _ZH_QUESTION_LABELS or label in _EN_QUESTION_LABELS:
        return _Label(label, end, "question")
    if label in _FOLLOW_UP_LABELS:
        return _Label(label, end, "question", follow_up=True)
    if _ZH_ASKED.match(label):
        return _Label(label, end, "question")
    if label in _ANSWER_LABELS:
        return _Label(label, end, "answer")
    if _ZH_CLARIFY.match(label) or _EN_CLARIFY.match(label):
        return _Label(label, end, "clarify")
    j = _ZH_JOURNALIST.match(label)
    if j:
        outlet = j.group("outlet").translate(_OUTLET_QUOTES).strip()
        return _Label(label, end, "question", outlet=outlet, follow_up=j.group("follow") == "追问")
    if _CJK.search(label):
        if _ZH_NAME.match(label) and not _ZH_SAYING.search(label):
            return _Label(label, end, "name")
        return None
    # An English label: a name, or an outlet (told apart once the principal is known).
    return _Label(label, end, "name")


def _principal(labels: Sequence[_Label | None], lang: str) -> str | None:
    """The principal speaker: a known minister or spokesperson among the
    labels (the most frequent), else the name that most often answers a
    question (Chinese), else the most frequent English label used at least
    twice and more often than any other."""
    names = [lab.label for lab in labels if lab is not None and lab.role == "name"]
    if not names:
        return None
    counts = pd.Series(names).value_counts()
    known = known_speakers()
    for name in counts.index:
        if name in known:
            return name
    if lang == "zh":
        after_question = []
        prev_role = None
        for lab in labels:
            if lab is None:
                continue
            if lab.role == "name" and prev_role == "question":
                after_question.append(lab.label)
            prev_role = lab.role
        if after_question:
            return pd.Series(after_question).value_counts().index[0]
        return None
    if counts.iloc[0] >= 2 and (len(counts) == 1 or counts.iloc[0] > counts.iloc[1]):
        return counts.index[0]
    return None


def _known(label: str) -> bool:
    """A minister's or spokesperson's name (``data/speakers.csv``), in any case."""
    return label.lower() in _known_lower()


@lru_cache(maxsize=1)
def _known_lower() -> frozenset[str]:
    return frozenset(name.lower() for name in known_speakers())


def _apply_label(block: _Block, label: _Label | None, principal: str | None) -> None:
    if label is None:
        return
    if label.role == "name":
        if principal is not None and label.label.lower() == principal.lower() or _known(label.label):
            role = "answer"  # the principal, or another minister or spokesperson
        elif _EN_NAME.match(label.label) or not _CJK.search(label.label):
            # English: any label other than the principal names an outlet.
            if principal is None:
                return
            role = "question"
            label = _Label(label.label, label.rest_start, "question", outlet=label.label)
        else:
            return  # a Chinese phrase before a colon, not a speaker
    else:
        role = label.role
    if principal is not None and label.label.lower() == principal.lower():
        role = "answer"
        label = _Label(principal, label.rest_start, "name", strip_end=label.strip_end)  # as the title prints it
    block.printed = block.text
    block.label = label.label
    block.role = role
    block.outlet = label.outlet
    block.follow_up = label.follow_up
    block.speaker = label.label if role == "answer" else ""
    # Cut the label off the first line (labels never span a line break).
    lines = list(block.lines)
    if label.strip_end:
        lines[-1] = lines[-1][: len(lines[-1]) - label.strip_end]
    first = lines[0][label.rest_start :]
    block.lines = [first, *lines[1:]] if first else lines[1:] or [""]


# ---------------------------------------------------------------------------
# Step 4: page breaks, headlines and titles


def _looks_like_running_text(block: _Block, layout: _Layout, index: int) -> bool:
    if block.role is not None:
        return True
    if index == 0 and len(block.lines) == 1:
        return False  # a title above the text
    if len(block.lines) > _MAX_TITLE_LINES:
        return True
    full = 0.8 * layout.width if layout.width else float("inf")
    return len(block.lines) >= 2 and len(block.lines[0]) >= full or len(block.last_line) >= full


def _repair_page_breaks(layout: _Layout) -> list[_Block]:
    """Join paragraphs that a page break cut in mid-sentence."""
    blocks = list(layout.blocks)
    out: list[_Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        while (
            i + 1 < len(blocks)
            and not _is_terminated(block.text)
            and blocks[i + 1].role is None
            and not blocks[i + 1].after_separator
            and not _DATELINE.match(blocks[i + 1].text)
            and _looks_like_running_text(block, layout, len(out))
        ):
            nxt = blocks[i + 1]
            block.lines = block.lines + nxt.lines
            i += 1
        out.append(block)
        i += 1
    return out


def _is_editorial_line(block: _Block, wrapped: bool) -> bool:
    """An unlabelled, unpunctuated, short paragraph: a headline or a title."""
    text = block.text
    if block.role is not None or _is_terminated(text) or len(text) > _MAX_HEADLINE_CHARS:
        return False
    return len(block.lines) <= _MAX_TITLE_LINES if wrapped else True


# ---------------------------------------------------------------------------
# Step 5: turns


def _headlines(blocks: Sequence[_Block], wrapped: bool) -> set[int]:
    """Indexes of the headlines: editorial lines that stand right before a question.

    A lone such line at the very top is the document's title (as Ministry pages
    print "2020年5月25日外交部发言人赵立坚主持例行记者会" above the first question),
    not a headline: headlines come one per Q&A, so a transcript has more than one.
    """
    found = {
        i
        for i, b in enumerate(blocks[:-1])
        if _is_editorial_line(b, wrapped) and blocks[i + 1].role == "question"
    }
    return set() if found == {0} else found


def _bold_marks_questions(blocks: Sequence[_Block]) -> bool:
    """Does this page set its questions in bold and its answers not?"""
    questions = [b.emphasis >= 0.5 for b in blocks if b.role == "question" and b.emphasis is not None]
    answers = [b.emphasis >= 0.5 for b in blocks if b.role == "answer" and b.emphasis is not None]
    if not questions:
        return False
    return (sum(questions) / len(questions) >= _BOLD_QUESTIONS
            and (not answers or sum(answers) / len(answers) <= _BOLD_ANSWERS))


def _ends_with_question(text: str) -> bool:
    """Does ``text`` end by asking (你看到了吗？ — perhaps before a closing quote)?"""
    return text.rstrip(_INDENT + "”’\"'）)")[-1:] in _QUESTION_MARKS


def _reports_principal(text: str, principal: str | None) -> bool:
    """``耿爽表示，…`` / ``21日晚些时候，陆慷就…进一步表示：`` — the principal's words,
    reported in the third person."""
    if not principal or not _CJK.search(principal):
        return False
    first = re.split(r"[。？！]", text, maxsplit=1)[0]
    return re.search(re.escape(principal) + r"[^。？！]{0,60}?(?:表示|指出|强调|宣布|说|回答)[：:，,]", first) is not None


def _parse(
    layout: _Layout,
    *,
    doc_id: str,
    lang: str,
    principal: str | None,
    anonymous: str | None,
    source: str | PathLike[str],
    editorial: bool,
    require_qa: bool,
) -> tuple[list[dict], str | None]:
    """Steps 3-5 over a layout: the segments' rows and the principal chosen."""
    if not layout.blocks:
        raise TranscriptError(source, "the file holds no paragraphs of text")
    labels = [_find_label(b.text, lang) for b in layout.blocks]
    chosen = principal or _principal(labels, lang)
    for block, label in zip(layout.blocks, labels):
        _apply_label(block, label, chosen)
    if layout.wrapped:
        layout.blocks = _repair_page_breaks(layout)
    rows = _turns(layout, lang, chosen, anonymous, doc_id, editorial)
    kinds = {r["kind"] for r in rows}
    has_q, has_a = "question" in kinds, "answer" in kinds
    if require_qa and not (has_q and has_a):
        found = "no questions" if not has_q else "no answers"
        raise TranscriptError(
            source,
            f"no recognisable questions and answers ({found} found; labels such as "
            "'<outlet>记者：', '问：'/'答：' or '<Outlet>: ' start a turn; "
            "pass principal= if the answerer's label is unusual)",
        )
    if not require_qa and not kinds & {"statement", "question", "answer"}:
        raise TranscriptError(source, "holds no speech (no statements, questions or answers)")
    return rows, chosen


def _turns(
    layout: _Layout, lang: str, principal: str | None, anonymous: str | None, doc_id: str, editorial: bool
) -> list[dict]:
    blocks = layout.blocks
    rows: list[dict] = []
    qa_no = 0
    section_no: int | None = None
    section_title = ""
    seen_question = False
    turn: dict | None = None  # kind, speaker, outlet, qa_no, follow_up
    unnamed = anonymous or ANONYMOUS_ANSWERER[lang]  # who 答/A stands for
    answerer = principal or unnamed
    headlines = _headlines(blocks, layout.wrapped) if editorial else set()
    bold_questions = _bold_marks_questions(blocks)

    def new_turn(kind: str, speaker: str, *, outlet: str = "", qa: int | None = None, follow: bool = False) -> dict:
        # "bold": the emphasis of the paragraph that opens the turn
        return {"kind": kind, "speaker": speaker, "outlet": outlet, "qa_no": qa, "follow_up": follow,
                "bold": block.emphasis}

    for i, block in enumerate(blocks):
        text = block.text
        previous = blocks[i - 1].text if i else ""
        asked_back = turn is not None and turn["kind"] == "answer" and _ends_with_question(previous)
        if block.role is None and (block.furniture or _STAGE_PARAGRAPH.match(text)):
            # （记者点头）, (Laughter), a photo's caption: not speech; the turn goes on
            rows.append(_row(doc_id, rows, "narration", "", "", None, False, None, "", text))
            continue
        if block.role == "question" and not text.strip() and i + 1 < len(blocks) and blocks[i + 1].role == "question":
            # "A journalist asked the following question after the press conference:" standing
            # alone above a labelled question: an editorial note, not a question
            rows.append(_row(doc_id, rows, "narration", "", "", None, False, None, "", block.printed))
            turn = None
            continue
        if block.role == "question":
            qa_no += 1
            seen_question = True
            turn = new_turn("question", QUESTIONER[lang], outlet=block.outlet, qa=qa_no, follow=block.follow_up)
        elif block.role == "clarify":
            # the journalist speaks again (clarifies, answers the spokesperson back): a
            # follow-up turn, as the Ministry's English labels it, of one paragraph
            if turn is None or turn["kind"] != "question":
                qa_no += 1
                turn = new_turn("question", QUESTIONER[lang], qa=qa_no, follow=seen_question)
                seen_question = True
            turn["clarifies"] = True
        elif block.role == "answer":
            speaker = unnamed if block.speaker in _ANSWER_LABELS else block.speaker
            answerer = speaker
            # after a separator the principal speaks unprompted: closing announcements
            answering = seen_question and not block.after_separator
            turn = new_turn("answer" if answering else "statement", speaker, qa=qa_no if answering else None)
        elif editorial and _is_editorial_line(block, layout.wrapped):
            if i in headlines:
                section_no = (section_no or 0) + 1
                section_title = text
                kind, row_qa = "headline", qa_no + 1
            else:
                kind, row_qa = "title", None
                section_no, section_title = None, ""
            rows.append(_row(doc_id, rows, kind, "", "", row_qa, False, section_no, section_title, text))
            turn = None
            continue
        elif block.after_separator:
            # announcements after a separator, made after the Q&A
            turn = new_turn("statement", answerer)
        elif _reports_principal(text, principal or anonymous):
            if turn is not None and turn["kind"] == "question":
                turn = new_turn("answer", answerer, qa=turn["qa_no"])
            elif turn is None or turn["kind"] != "statement":
                turn = new_turn("statement", answerer)
        elif turn is not None and turn.get("clarifies"):
            turn = new_turn("answer", answerer if answerer not in _ANSWER_LABELS else unnamed, qa=turn["qa_no"])
        elif turn is None:
            if _DATELINE.match(text) or seen_question:
                turn = new_turn("narration", "")
            else:
                turn = new_turn("statement", answerer)
        elif bold_questions and block.emphasis is not None and turn.get("bold") is not None:
            # the page sets the journalist's words in bold and the spokesperson's not: a plain
            # paragraph after a question is the answer; a bold one after a plain answer is
            # the journalist's (not after an answer the page set in bold by mistake)
            if block.emphasis < 0.5 and turn["kind"] == "question":
                turn = new_turn("answer", answerer if answerer not in _ANSWER_LABELS else unnamed, qa=turn["qa_no"])
            elif block.emphasis >= 0.5 > turn["bold"] and turn["kind"] == "answer":
                # the journalist again: a follow-up when answering the spokesperson back
                qa_no += 1
                turn = new_turn("question", QUESTIONER[lang], qa=qa_no, follow=asked_back)
        in_section = turn["kind"] in ("question", "answer") or section_no is not None
        rows.append(
            _row(
                doc_id,
                rows,
                turn["kind"],
                turn["speaker"],
                turn["outlet"],
                turn["qa_no"],
                turn["follow_up"],
                section_no if in_section else None,
                section_title if in_section and section_no is not None else "",
                text,
            )
        )
    return rows


def _row(doc_id, rows, kind, speaker, outlet, qa_no, follow_up, section_no, section_title, text):
    text = text.strip(_INDENT)
    return {
        "doc_id": doc_id,
        "para_no": len(rows),
        "kind": kind,
        "speaker": speaker,
        "outlet": outlet,
        "qa_no": qa_no,
        "follow_up": bool(follow_up),
        "section_no": section_no,
        "section_title": section_title,
        "text": text,
        "n_chars": len(text),
    }


def _frame(rows: list[dict]) -> pd.DataFrame:
    """The segments table of ``rows``; a dataset's own columns (``cmfa_*``, see
    :mod:`analysis.cmfa`) follow the standard ones where rows carry them."""
    extra = list(dict.fromkeys(k for r in rows for k in r if k.startswith("cmfa_")))
    frame = _typed(pd.DataFrame(rows, columns=list(COLUMNS) + extra))
    for column in extra:
        if column != "cmfa_sentiment":
            frame[column] = frame[column].fillna("").astype(str)
    if "cmfa_sentiment" in extra:
        frame["cmfa_sentiment"] = pd.to_numeric(frame["cmfa_sentiment"], errors="coerce").astype("float64")
    return frame


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype(
        {
            "doc_id": str,
            "para_no": "int64",
            "kind": str,
            "speaker": str,
            "outlet": str,
            "qa_no": "Int64",
            "follow_up": bool,
            "section_no": "Int64",
            "section_title": str,
            "text": str,
            "n_chars": "int64",
        }
    )
    return frame.reset_index(drop=True)
