"""Read a transcript into a tidy table of segments, one row per paragraph.

The parse runs in five steps, each a small function below:

1. **Lines.** The file is decoded (:mod:`analysis.textio`), each line stripped
   of its indent; lines of asterisks or dashes are separators, not text.
2. **Paragraphs.** A file whose lines mostly end mid-sentence is hard-wrapped
   (newspaper columns): its paragraphs are the runs of lines between blank
   lines (or indented first lines), joined without spaces between Chinese
   characters. Any other file has one paragraph a line.
3. **Labels.** A paragraph may open with a speaker label: ``<outlet>记者：``,
   ``问：``, ``追问：``, ``会后有记者问及：``, ``答：``, the principal's name, or in
   English ``<Outlet>:``, ``Follow-up:`` and the principal's English name.
   The principal is given, or found among the labels (see :func:`_principal`).
4. **Page breaks.** In a hard-wrapped file, a paragraph that stops
   mid-sentence (no final punctuation) and runs on in the next, unlabelled
   paragraph was cut by a page break and is joined back. Short unpunctuated
   lines that stand before a question are headlines; others are titles.
5. **Turns.** Unlabelled paragraphs continue the current speaker's turn;
   questions are numbered; headlines open numbered sections.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Iterable, Literal, Sequence

import pandas as pd

from .errors import TranscriptError
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
#: Speaker recorded for answers in transcripts that do not name the answerer.
ANONYMOUS_ANSWERER = "答"

_INDENT = " \t\u3000\u00a0\ufeff"
# Sentence-final marks; a paragraph ending in one (perhaps followed by closing
# quotes or brackets) is complete. The colon counts: a paragraph that ends
# with one introduces a list and is complete.
_TERMINAL = set("。！？；：…!?;:.")
_CLOSERS = set("”’」』）)》】〉\"'")
_SEPARATOR = re.compile(r"[\*＊\-－—=＝_·•~～#]{3,}")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_END = re.compile(r"[A-Za-z0-9,.;:!?)\]\"'%]")
_LATIN_START = re.compile(r"[A-Za-z0-9(\[\"'$]")

# Labels: a short run before a colon at the start of a paragraph.
_ZH_LABEL = re.compile(r"^(?P<label>[^：:，,。！？；、\s“”\"（）()]{1,24})[：:]\s*")
_EN_LABEL = re.compile(
    r"^(?P<label>[A-Z][A-Za-z0-9’'.&\-]*(?: (?:[A-Z0-9][A-Za-z0-9’'.&\-]*|of|the|and|for|de|du|la|al)){0,5}):\s+"
)
_EN_AFTER_BRIEFING = re.compile(
    r"^(?P<label>(?:The following questions? (?:was|were) raised|Questions? (?:was |were )?raised)"
    r"[^:]{0,60}):\s*",
    re.IGNORECASE,
)
_ZH_AFTER_BRIEFING = re.compile(r"^会后(?:有)?记者(?:提)?问(?:及)?$")
_ZH_JOURNALIST = re.compile(r"^(?P<outlet>.*?)记者(?P<follow>追问|提问|问)?$")
_ZH_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
_EN_NAME = re.compile(r"^[A-Z][a-z’'\-]+(?: [A-Z][a-z’'\-]+){1,2}$")
_OUTLET_QUOTES = str.maketrans("", "", "《》〈〉“”\"")
# Words that open a paragraph with a colon but never name a speaker.
_NOT_SPEAKERS = {
    "第一", "第二", "第三", "第四", "第五", "一是", "二是", "三是", "四是", "五是",
    "首先", "其次", "最后", "总之", "例如", "比如", "注", "附", "说明", "问题",
    "Note", "First", "Second", "Third", "Finally", "Notes", "Source",
}
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


@dataclass
class _Block:
    """A paragraph in the making: its lines, and what the file showed of it."""

    lines: list[str]
    after_separator: bool = False
    label: str | None = None  # the label as printed, without the colon
    body: str = ""  # the text after the label
    role: Literal["question", "answer", None] = None
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
    role: Literal["question", "answer", "name"]
    outlet: str = ""
    follow_up: bool = False


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
) -> pd.DataFrame:
    """Parse one transcript file into a segments table, one row per paragraph.

    Parameters
    ----------
    path:
        A transcript file: UTF-8 (with or without BOM), GB18030/GBK or any
        encoding charset-normalizer recognises; LF or CRLF line ends.
    doc_id:
        The document's id in the ``doc_id`` column; default the file stem.
    principal:
        The principal speaker's label as printed (``王毅``, ``Zhao Lijian``).
        Default: found from the labels (known spokespersons and ministers in
        ``data/speakers.csv`` first, then the name that answers questions).

    Returns
    -------
    DataFrame with the columns in :data:`COLUMNS`; see the README.

    Raises
    ------
    TranscriptError
        The file is missing, empty, binary, or holds no recognisable
        questions and answers. The message names the file.
    """
    p = Path(path)
    text = read_text(p)
    return parse_transcript(
        text, doc_id=doc_id if doc_id is not None else p.stem, principal=principal, source=p
    )


def parse_transcript(
    text: str,
    *,
    doc_id: str,
    principal: str | None = None,
    source: str | PathLike[str] | None = None,
) -> pd.DataFrame:
    """Parse transcript ``text`` (already decoded); see :func:`read_transcript`."""
    source = source if source is not None else doc_id
    layout = _paragraphs(text)
    if not layout.blocks:
        raise TranscriptError(source, "the file holds no paragraphs of text")
    lang = _language(text)
    labels = [_find_label(b.text, lang) for b in layout.blocks]
    chosen = principal or _principal(labels, lang)
    for block, label in zip(layout.blocks, labels):
        _apply_label(block, label, chosen)
    if layout.wrapped:
        layout.blocks = _repair_page_breaks(layout)
    rows = _turns(layout, lang, chosen, doc_id)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    if not (frame["kind"] == "question").any() or not (
        frame["kind"].isin(["answer"])
    ).any():
        found = "no questions" if not (frame["kind"] == "question").any() else "no answers"
        raise TranscriptError(
            source,
            f"no recognisable questions and answers ({found} found; labels such as "
            "'<outlet>记者：', '问：'/'答：' or '<Outlet>: ' start a turn; "
            "pass principal= if the answerer's label is unusual)",
        )
    return _typed(frame)


def read_corpus(
    paths_or_folder: str | PathLike[str] | Iterable[str | PathLike[str]],
    *,
    pattern: str = "*.txt",
    principal: str | None = None,
) -> pd.DataFrame:
    """Parse many transcripts into one segments table, ``doc_id`` telling them apart.

    ``paths_or_folder`` is a folder (every file matching ``pattern`` in it, in
    name order), one file, or an iterable of files and folders. Doc ids are
    the file stems and must be unique.
    """
    paths = _corpus_paths(paths_or_folder, pattern)
    frames, seen = [], {}
    for p in paths:
        if p.stem in seen:
            raise TranscriptError(p, f"has the same doc_id as {seen[p.stem]}; rename one")
        seen[p.stem] = p
        frames.append(read_transcript(p, principal=principal))
    return _typed(pd.concat(frames, ignore_index=True))


def _corpus_paths(
    paths_or_folder: str | PathLike[str] | Iterable[str | PathLike[str]], pattern: str
) -> list[Path]:
    items = [paths_or_folder] if isinstance(paths_or_folder, (str, PathLike)) else list(paths_or_folder)
    if not items:
        raise TranscriptError("<corpus>", "no transcript files were given")
    paths: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            found = sorted(q for q in item.glob(pattern) if q.is_file())
            if not found:
                raise TranscriptError(item, f"the folder holds no files matching {pattern!r}")
            paths.extend(found)
        else:
            paths.append(item)
    return paths


def documents_table(segments: pd.DataFrame) -> pd.DataFrame:
    """One row per document: date (from the doc id), language, principal, counts."""
    rows = []
    for doc_id, doc in segments.groupby("doc_id", sort=False):
        kinds = doc["kind"].value_counts()
        questions = doc[doc["kind"] == "question"]
        answers = doc[doc["kind"] == "answer"]
        speakers = answers["speaker"].value_counts()
        date = re.search(r"(\d{4})-?(\d{2})-?(\d{2})", str(doc_id))
        rows.append(
            {
                "doc_id": doc_id,
                "date": pd.Timestamp("-".join(date.groups())) if date else pd.NaT,
                "language": _language("".join(doc["text"])),
                "principal": speakers.index[0] if len(speakers) else "",
                "n_paragraphs": len(doc),
                "n_questions": questions["qa_no"].nunique(),
                "n_follow_ups": questions.loc[questions["follow_up"], "qa_no"].nunique(),
                "n_outlets": questions.loc[questions["outlet"] != "", "outlet"].nunique(),
                "n_headlines": int(kinds.get("headline", 0)),
                "n_statement_paragraphs": int(kinds.get("statement", 0)),
                "n_question_paragraphs": int(kinds.get("question", 0)),
                "n_answer_paragraphs": int(kinds.get("answer", 0)),
                "n_chars": int(doc["n_chars"].sum()),
                "n_answer_chars": int(answers["n_chars"].sum()),
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# Step 1 and 2: lines and paragraphs


def _is_terminated(text: str) -> bool:
    stripped = text.rstrip()
    while stripped and stripped[-1] in _CLOSERS:
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in _TERMINAL


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


def _paragraphs(text: str) -> _Layout:
    raw = text.split("\n")
    # (stripped text, indented?) or None for a blank line, "SEP" for a separator
    lines: list[tuple[str, bool] | None | str] = []
    for line in raw:
        s = line.strip(_INDENT)
        if not s:
            lines.append(None)
        elif _SEPARATOR.fullmatch(s.replace(" ", "")):
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


def _language(text: str) -> Literal["zh", "en"]:
    cjk = len(_CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh" if cjk >= 0.3 * max(1, cjk + latin) else "en"


# ---------------------------------------------------------------------------
# Step 3: labels


def _find_label(text: str, lang: str) -> _Label | None:
    """The speaker label that opens ``text``, classified, or None."""
    m = _EN_AFTER_BRIEFING.match(text)
    if m:
        return _Label(m.group("label"), m.end(), "question")
    m = _ZH_LABEL.match(text) if lang == "zh" else _EN_LABEL.match(text)
    if m is None and lang == "zh":
        m = _EN_LABEL.match(text)
    if m is None:
        return None
    label = m.group("label").strip()
    end = m.end()
    if label in _NOT_SPEAKERS:
        return None
    if label in {"问", "提问", "Q", "Question"}:
        return _Label(label, end, "question")
    if label in {"追问", "Follow-up", "Follow-up question", "Follow up"}:
        return _Label(label, end, "question", follow_up=True)
    if _ZH_AFTER_BRIEFING.match(label):
        return _Label(label, end, "question")
    if label in {"答", "A", "Answer"}:
        return _Label(label, end, "answer")
    j = _ZH_JOURNALIST.match(label)
    if j:
        outlet = j.group("outlet").translate(_OUTLET_QUOTES).strip()
        return _Label(label, end, "question", outlet=outlet, follow_up=j.group("follow") == "追问")
    if _CJK.search(label):
        return _Label(label, end, "name") if _ZH_NAME.match(label) else None
    # An English label: a name, or an outlet (told apart once the principal is known).
    return _Label(label, end, "name")


def _known_speakers() -> set[str]:
    from .config import SPEAKERS_CSV

    table = pd.read_csv(SPEAKERS_CSV, dtype=str, keep_default_na=False)
    return set(table["name_zh"]) | set(table["name_en"])


def _principal(labels: Sequence[_Label | None], lang: str) -> str | None:
    """The principal speaker: a known minister or spokesperson among the
    labels (the most frequent), else the name that most often answers a
    question (Chinese), else the most frequent English label used at least
    twice and more often than any other."""
    names = [lab.label for lab in labels if lab is not None and lab.role == "name"]
    if not names:
        return None
    counts = pd.Series(names).value_counts()
    known = _known_speakers()
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


def _apply_label(block: _Block, label: _Label | None, principal: str | None) -> None:
    if label is None:
        return
    if label.role == "name":
        if principal is not None and label.label == principal:
            role = "answer"
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
    if principal is not None and label.label == principal:
        role = "answer"
    block.label = label.label
    block.role = role
    block.outlet = label.outlet
    block.follow_up = label.follow_up
    block.speaker = label.label if role == "answer" else ""
    # Cut the label off the first line (labels never span a line break).
    first = block.lines[0][label.rest_start :]
    block.lines = [first, *block.lines[1:]] if first else block.lines[1:] or [""]


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


def _turns(layout: _Layout, lang: str, principal: str | None, doc_id: str) -> list[dict]:
    blocks = layout.blocks
    rows: list[dict] = []
    qa_no = 0
    section_no: int | None = None
    section_title = ""
    seen_question = False
    turn: dict | None = None  # kind, speaker, outlet, qa_no, follow_up
    answerer = principal or ANONYMOUS_ANSWERER
    headlines = _headlines(blocks, layout.wrapped)

    for i, block in enumerate(blocks):
        text = block.text
        if block.role == "question":
            qa_no += 1
            seen_question = True
            turn = {
                "kind": "question",
                "speaker": QUESTIONER[lang],
                "outlet": block.outlet,
                "qa_no": qa_no,
                "follow_up": block.follow_up,
            }
        elif block.role == "answer":
            answerer = block.speaker
            turn = {
                "kind": "answer" if seen_question else "statement",
                "speaker": block.speaker,
                "outlet": "",
                "qa_no": qa_no if seen_question else None,
                "follow_up": False,
            }
        elif _is_editorial_line(block, layout.wrapped):
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
        elif turn is None:
            if _DATELINE.match(text) or seen_question:
                turn = {"kind": "narration", "speaker": "", "outlet": "", "qa_no": None, "follow_up": False}
            else:
                turn = {
                    "kind": "statement",
                    "speaker": answerer,
                    "outlet": "",
                    "qa_no": None,
                    "follow_up": False,
                }
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
