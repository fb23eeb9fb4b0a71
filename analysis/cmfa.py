"""The CMFA PressCon dataset (Mochtak and Turcsanyi) read as a corpus.

The Chinese Ministry of Foreign Affairs Press Conferences corpus is the field's
largest English dataset of the Ministry's regular briefings: one row per
question-answer dyad, 2002 onwards (version 3: 28,447 dyads to 2022). Its authors
describe it in Mochtak, M. and Turcsanyi, R. Q. (2021), "Studying Chinese Foreign
Policy Narratives: Introducing the Ministry of Foreign Affairs Press Conferences
Corpus", *Journal of Chinese Political Science* 26, 743-761,
doi:10.1007/s11366-021-09762-3, and distribute it themselves (see the README); it
is not ours to ship, and the project reads a copy the user brings.

:func:`read_cmfa` reads the dataset's ``.xlsx`` or ``.csv`` in the layout of its
codebook:

| column | read as |
|---|---|
| ``id`` (``id_orig``, ``id_split``) | the dyad's id, kept in ``cmfa_id`` (``cmfa_id_orig``, ``cmfa_id_split``: a dyad the authors split by topic keeps its original id and its part) |
| ``date`` (else ``year``, ``month``, ``day``) | the document: one per date |
| ``spokesperson`` | the answers' speaker and the document's spokesperson (``data/speakers.csv`` names) |
| ``question``, ``answer`` | a question row and an answer row per dyad (a line break starts a new paragraph) |
| ``who_asked`` | the question's outlet |
| ``link`` | the document's url (the first of its dyads) |
| ``q_loc`` ``q_per`` ``q_org`` ``q_misc`` / ``a_`` | the dataset's named entities, kept in ``cmfa_loc`` … on the question and the answer rows |
| ``q_sentiment``, ``a_sentiment`` (later versions) | kept in ``cmfa_sentiment`` on the question and the answer rows |

``question_lem`` and ``answer_lem`` (the dataset's lemmas) are not read: the
project lemmatises the text itself (:mod:`analysis.english`). Each date's dyads
keep the file's order; each dyad is one Q&A (``qa_no``). A row without a date or
without text is skipped with its reason (``attrs["skipped"]``: the file's row
number, counting the header as row 1); a file without the columns it needs is an
error naming the file and the columns.
"""
from __future__ import annotations

import re
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import TranscriptError

DATASET_SUFFIXES = (".xlsx", ".csv")
REQUIRED = ("id", "spokesperson", "question", "answer")
ENTITY_KINDS = ("loc", "per", "org", "misc")
#: the extra segment columns a CMFA corpus carries (empty strings and NaN elsewhere)
EXTRA_COLUMNS = ("cmfa_id", "cmfa_id_orig", "cmfa_id_split", *(f"cmfa_{k}" for k in ENTITY_KINDS), "cmfa_sentiment")
_MISSING = {"", "nan", "none", "na", "n/a", "unknown", "null"}
_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n)+\s*")


def is_dataset(path: str | PathLike[str]) -> bool:
    """Whether ``path`` is a dataset file (``.xlsx`` or ``.csv``) rather than one transcript."""
    return Path(path).suffix.lower() in DATASET_SUFFIXES


def _read_table(p: Path) -> pd.DataFrame:
    if not p.is_file():
        raise TranscriptError(p, "no such file")
    try:
        if p.suffix.lower() == ".xlsx":
            table = pd.read_excel(p, dtype=str, keep_default_na=False)
        else:
            table = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise TranscriptError(p, f"cannot be read as a CMFA {p.suffix.lstrip('.')} file: {exc}") from None
    except Exception as exc:  # openpyxl's own errors (a damaged or renamed file)
        raise TranscriptError(p, f"cannot be read as an Excel workbook: {type(exc).__name__}: {exc}") from None
    table.columns = [str(c).strip().lower() for c in table.columns]
    missing = [c for c in REQUIRED if c not in table.columns]
    if "date" not in table.columns and not {"year", "month", "day"} <= set(table.columns):
        missing.append("date (or year, month and day)")
    if missing:
        raise TranscriptError(p, f"is not in the CMFA PressCon layout: no column {', '.join(missing)} "
                                 f"(its columns: {', '.join(table.columns[:12])})")
    return table


def _dates(table: pd.DataFrame) -> pd.Series:
    """Each row's date: the ``date`` column (ISO or day-first), else year, month, day."""
    out = pd.Series(pd.NaT, index=table.index, dtype="datetime64[ns]")
    if "date" in table.columns:
        raw = table["date"].str.strip().str.slice(0, 10)
        out = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
        rest = out.isna() & (raw != "")
        if rest.any():
            out[rest] = pd.to_datetime(raw[rest], dayfirst=True, errors="coerce", format="mixed")
    if {"year", "month", "day"} <= set(table.columns):
        rest = out.isna()
        if rest.any():
            month = table.loc[rest, "month"].str.strip()
            as_name = pd.to_datetime(month, format="%B", errors="coerce").dt.month
            as_abbr = pd.to_datetime(month, format="%b", errors="coerce").dt.month
            number = pd.to_numeric(month, errors="coerce").fillna(as_name).fillna(as_abbr)
            parts = pd.DataFrame({"year": pd.to_numeric(table.loc[rest, "year"], errors="coerce"),
                                  "month": number, "day": pd.to_numeric(table.loc[rest, "day"], errors="coerce")})
            ok = parts.notna().all(axis=1)
            if ok.any():
                out[parts.index[ok]] = pd.to_datetime(parts[ok].astype(int), errors="coerce")
    return out


def _clean(value: str) -> str:
    value = str(value).strip()
    return "" if value.lower() in _MISSING else value


def _paragraphs(text: str) -> list[str]:
    return [p for p in _BREAKS.split(text.strip()) if p]


def cmfa_documents(path: str | PathLike[str]) -> tuple[list[tuple[list[dict], dict]], list[tuple[str, str]]]:
    """The dataset's documents, one per date: (segment rows, document row) each, in
    date order; and the rows skipped, as (``<file>:row <n>``, reason)."""
    from .documents import document_row, name_in
    from .transcript import QUESTIONER

    p = Path(path)
    table = _read_table(p)
    dates = _dates(table)
    skipped: list[tuple[str, str]] = []
    question = table["question"].map(_clean)
    answer = table["answer"].map(_clean)
    bad_date = dates.isna()
    empty = (question == "") & (answer == "")
    for i in np.flatnonzero(bad_date.to_numpy() | empty.to_numpy()):
        reason = "has no readable date" if bad_date.iloc[i] else "has neither a question nor an answer"
        skipped.append((f"{p}:row {i + 2}", reason))
    keep = table[~(bad_date | empty)].assign(when=dates[~(bad_date | empty)], question_text=question, answer_text=answer)
    docs: list[tuple[list[dict], dict]] = []
    for date, day in keep.groupby("when", sort=True):
        iso = date.strftime("%Y-%m-%d")
        doc_id = f"cmfa_{iso}"
        names = [s for s in day["spokesperson"].map(_clean) if s]
        spokesperson = max(set(names), key=names.count) if names else ""
        rows: list[dict] = []
        for qa_no, dyad in enumerate(day.itertuples(index=False), 1):
            extra = {"cmfa_id": _clean(dyad.id),
                     "cmfa_id_orig": _clean(getattr(dyad, "id_orig", "")),
                     "cmfa_id_split": _clean(getattr(dyad, "id_split", ""))}
            answerer = _clean(dyad.spokesperson)
            for kind, text, prefix, speaker, outlet in (
                    ("question", dyad.question_text, "q", QUESTIONER["en"], _clean(getattr(dyad, "who_asked", ""))),
                    ("answer", dyad.answer_text, "a", name_in(answerer, "en") if answerer else "A", "")):
                ents = {f"cmfa_{k}": _clean(getattr(dyad, f"{prefix}_{k}", "")) for k in ENTITY_KINDS}
                score = pd.to_numeric(_clean(getattr(dyad, f"{prefix}_sentiment", "")), errors="coerce")
                for para in _paragraphs(text):
                    rows.append({"doc_id": doc_id, "para_no": len(rows), "kind": kind, "speaker": speaker,
                                 "outlet": outlet, "qa_no": qa_no, "follow_up": False, "section_no": None,
                                 "section_title": "", "text": para, "n_chars": len(para),
                                 **extra, **ents, "cmfa_sentiment": float(score)})
        links = [u for u in day["link"].map(_clean) if u] if "link" in day.columns else []
        doc = document_row(doc_id, source=p, lang="en", date=iso, genre="briefing", spokesperson=spokesperson,
                           title=f"Regular press conference, {iso} (CMFA PressCon)", url=links[0] if links else "")
        docs.append((rows, doc))
    if not docs:
        raise TranscriptError(p, "holds no dyad with a date and a text" + (f" ({len(skipped)} rows skipped)"
                                                                            if skipped else ""))
    return docs, skipped


def read_cmfa(path: str | PathLike[str]) -> pd.DataFrame:
    """The CMFA PressCon dataset (``.xlsx`` or ``.csv``) as a segments table: one
    document per date, a question row and an answer row per dyad (more where a text
    has line breaks), with the dataset's ids, entities and sentiment in the
    ``cmfa_*`` columns; the documents in ``attrs`` (:func:`analysis.documents_table`)
    and the rows skipped, with their reasons, in ``attrs["skipped"]``."""
    from .documents import attach_documents
    from .transcript import _frame

    docs, skipped = cmfa_documents(path)
    rows = [r for seg_rows, _ in docs for r in seg_rows]
    segments = attach_documents(_frame(rows), [doc for _, doc in docs])
    segments.attrs["skipped"] = skipped
    return segments
