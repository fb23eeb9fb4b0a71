"""Document variables: what each transcript is, and the table that holds them.

Every document read by :func:`analysis.read_transcript` or
:func:`analysis.read_corpus` comes with one row of document variables (quanteda's
*docvars*), kept in ``segments.attrs["documents"]`` and returned, with counts and
twins, by :func:`documents_table`:

| column | from |
|---|---|
| ``doc_id`` | the file stem of a text file; for a Ministry page ``mfa_<date>[_<genre>][_en]`` |
| ``date`` | the page (title, publication date, image stamps); a text file's name (``..._2020-05-25``); or the metadata file |
| ``lang`` | ``zh`` or ``en``: the page, or the script of the text |
| ``genre`` | ``npc``, ``briefing``, ``written``, ``statement``: the page title; a text file's name (``_npc``, ``_written``, ``_statement``; otherwise a briefing); or the metadata file |
| ``spokesperson`` | one canonical name per person across languages (the English form in ``data/speakers.csv``), with ``spokesperson_zh`` and ``spokesperson_en``: the page title, the metadata file, or the principal's label |
| ``title``, ``url``, ``source`` | the page title; the metadata file (no Ministry page carries its own URL); the file read |

Nothing is guessed where the page says it: a page's own title and dates come
first; a metadata file only fills what the page leaves empty. The metadata
file is a CSV with a ``file`` column (the file's name) and any of ``date``,
``lang``, ``genre``, ``spokesperson``, ``title``, ``url``; the project's own,
``data/corpus_metadata.csv``, describes the shared corpus and is always read.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Iterable

import pandas as pd

from .config import CORPUS_METADATA_CSV, SPEAKERS_CSV
from .pages import GENRES

DOC_COLUMNS = (
    "doc_id", "date", "lang", "genre", "spokesperson", "spokesperson_zh", "spokesperson_en",
    "title", "url", "source",
)
METADATA_COLUMNS = ("date", "lang", "genre", "spokesperson", "title", "url")
_DATE_IN_NAME = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_GENRE_IN_NAME = {"npc": "npc", "written": "written", "statement": "statement"}
_CJK = re.compile(r"[\u3400-\u9fff]")


# ---------------------------------------------------------------------------
# Spokespersons: one person, two names


@lru_cache(maxsize=1)
def read_speakers() -> pd.DataFrame:
    """Principal speakers: name_zh, name_en, role, years (``data/speakers.csv``)."""
    table = pd.read_csv(SPEAKERS_CSV, dtype=str, keep_default_na=False)
    for column in ("name_zh", "name_en"):
        dupes = table[column][table[column].duplicated()]
        if len(dupes):
            raise ValueError(f"{SPEAKERS_CSV}: {column} listed twice: {', '.join(dupes)}")
    return table


def known_speakers() -> frozenset[str]:
    """Every name of every principal in ``data/speakers.csv``, both languages."""
    table = read_speakers()
    return frozenset(table["name_zh"]) | frozenset(table["name_en"])


@lru_cache(maxsize=1)
def _speaker_index() -> dict[str, tuple[str, str, str]]:
    index: dict[str, tuple[str, str, str]] = {}
    for zh, en in zip(read_speakers()["name_zh"], read_speakers()["name_en"]):
        index[zh] = index[en] = (en, zh, en)
    return index


def speaker_names(name: str) -> tuple[str, str, str]:
    """(canonical, Chinese, English) names of a speaker as printed in either language.

    The canonical name is the English one of ``data/speakers.csv`` (华春莹 and
    Hua Chunying are both ``Hua Chunying``). A name not listed there is its own
    canonical name, with the other language's form empty.
    """
    name = (name or "").strip()
    if not name:
        return "", "", ""
    known = _speaker_index().get(name)
    if known:
        return known
    return (name, name, "") if _CJK.search(name) else (name, "", name)


def name_in(name: str, lang: str) -> str:
    """A speaker's name as printed in a document of ``lang`` (its other form if unknown)."""
    _, zh, en = speaker_names(name)
    return (zh if lang == "zh" else en) or name


# ---------------------------------------------------------------------------
# Metadata files


def read_metadata(path: str | PathLike[str] | pd.DataFrame | None = None) -> pd.DataFrame:
    """A metadata table indexed by file name: the project's own
    (``data/corpus_metadata.csv``), with ``path``'s rows (a CSV or a DataFrame)
    taking precedence where both name a file."""
    own = _read_metadata_file(str(CORPUS_METADATA_CSV))
    if path is None:
        return own
    other = path.copy() if isinstance(path, pd.DataFrame) else _read_metadata_file(str(path))
    if "file" in other.columns:
        other = other.set_index("file")
    other = other.reindex(columns=list(METADATA_COLUMNS)).astype(object).fillna("").astype(str)
    return pd.concat([other, own[~own.index.isin(other.index)]])


@lru_cache(maxsize=8)
def _read_metadata_file(path: str) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "file" not in table.columns:
        raise ValueError(f"{path}: a metadata file needs a 'file' column (the transcript's file name)")
    table["file"] = table["file"].map(lambda f: Path(f).name)
    dupes = table["file"][table["file"].duplicated()]
    if len(dupes):
        raise ValueError(f"{path}: file listed twice: {', '.join(dupes)}")
    bad = set(table.get("genre", pd.Series(dtype=str))) - set(GENRES) - {""}
    if bad:
        raise ValueError(f"{path}: genre must be one of {', '.join(GENRES)}, not {sorted(bad)}")
    return table.set_index("file").reindex(columns=list(METADATA_COLUMNS)).astype(object).fillna("").astype(str)


def metadata_for(source: str | PathLike[str], metadata: pd.DataFrame) -> dict[str, str]:
    """The metadata file's non-empty values for one file (by its name)."""
    name = Path(source).name
    if name not in metadata.index:
        return {}
    row = metadata.loc[name]
    return {k: v for k, v in row.items() if isinstance(v, str) and v.strip()}


def text_file_info(source: str | PathLike[str]) -> dict[str, str]:
    """What a text file's name says: the date (``..._2020-05-25``) and the genre
    (``_npc``, ``_written``, ``_statement``; nothing: a briefing)."""
    stem = Path(source).stem
    info: dict[str, str] = {}
    m = _DATE_IN_NAME.search(stem)
    if m:
        info["date"] = "-".join(m.groups())
    suffixes = set(re.split(r"[_\-.]", stem.lower()))
    genre = next((g for key, g in _GENRE_IN_NAME.items() if key in suffixes), "briefing")
    info["genre"] = genre
    return info


def document_row(
    doc_id: str,
    *,
    source: str | PathLike[str],
    lang: str,
    date: object = None,
    genre: str = "",
    spokesperson: str = "",
    title: str = "",
    url: str = "",
) -> dict:
    """One row of document variables (the columns of :data:`DOC_COLUMNS`)."""
    canonical, zh, en = speaker_names(spokesperson)
    when = _iso_date(date)
    return {
        "doc_id": doc_id,
        "date": when,
        "lang": lang,
        "genre": genre,
        "spokesperson": canonical,
        "spokesperson_zh": zh,
        "spokesperson_en": en,
        "title": title,
        "url": url,
        "source": str(source),
    }


def _iso_date(date: object) -> str:
    """A date as ``YYYY-MM-DD`` text ("" for none or an unreadable one)."""
    if date is None or date == "" or (not isinstance(date, str) and pd.isna(date)):
        return ""
    if isinstance(date, str):
        m = _DATE_IN_NAME.fullmatch(date.strip()[:10])
        return "-".join(m.groups()) if m else ""
    return pd.Timestamp(date).strftime("%Y-%m-%d")


def documents_frame(rows: Iterable[dict] | pd.DataFrame) -> pd.DataFrame:
    """Rows of document variables as a typed table."""
    frame = rows.reindex(columns=list(DOC_COLUMNS)) if isinstance(rows, pd.DataFrame) else \
        pd.DataFrame(list(rows), columns=list(DOC_COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"].replace("", None), format="%Y-%m-%d")
    for column in DOC_COLUMNS:
        if column != "date":
            frame[column] = frame[column].fillna("").astype(str)
    return frame.reset_index(drop=True)


# The document variables travel with a segments table in ``attrs["documents"]`` as
# JSON text: pandas compares, copies and (in Parquet files) stores attrs, which a
# string survives cheaply and a DataFrame does not (comparing two raises).


def attach_documents(segments: pd.DataFrame, documents: pd.DataFrame | list[dict]) -> pd.DataFrame:
    """``segments`` carrying ``documents`` (its document variables: a table, or
    rows from :func:`document_row`) in ``attrs``."""
    if isinstance(documents, pd.DataFrame):
        frame = documents.reindex(columns=list(DOC_COLUMNS)).copy()
        frame["date"] = frame["date"].map(_iso_date)
        columns = {c: frame[c].fillna("").astype(str).tolist() for c in DOC_COLUMNS}
    else:
        columns = {c: [str(row.get(c, "") or "") for row in documents] for c in DOC_COLUMNS}
    segments.attrs["documents"] = json.dumps(columns, ensure_ascii=False)
    return segments


@lru_cache(maxsize=32)
def _documents_from_json(text: str) -> pd.DataFrame:
    return documents_frame(pd.DataFrame(json.loads(text)))


# ---------------------------------------------------------------------------
# The documents table


def document_variables(segments: pd.DataFrame) -> pd.DataFrame:
    """The document variables kept with ``segments`` (``attrs["documents"]``), for
    the documents it holds; for a table built without them, what the text tells:
    the language by script, the date in the doc id, the principal speaker."""
    stored = segments.attrs.get("documents")
    ids = list(pd.unique(segments["doc_id"]))
    if isinstance(stored, str):
        frame = _documents_from_json(stored)
        if set(ids) <= set(frame["doc_id"]):
            return frame.set_index("doc_id").loc[ids].reset_index()
    from .transcript import language

    rows = []
    for doc_id, doc in segments.groupby("doc_id", sort=False):
        answers = doc.loc[doc["kind"] == "answer", "speaker"]
        principal = answers.value_counts().index[0] if len(answers) else ""
        info = text_file_info(str(doc_id))
        rows.append(document_row(
            str(doc_id), source="", lang=language("".join(doc["text"])), date=info.get("date"),
            genre=info["genre"], spokesperson=principal if principal not in ("答", "A") else ""))
    return documents_frame(rows)


def twin_ids(documents: pd.DataFrame) -> pd.Series:
    """Each document's other-language version (its doc id), where the corpus holds
    exactly one document of each language for the same date and genre."""
    twin = pd.Series("", index=documents.index, dtype=str)
    dated = documents[documents["date"].notna() & (documents["genre"] != "") & documents["lang"].isin(["zh", "en"])]
    if dated.empty:
        return twin
    counts = dated.groupby(["date", "genre", "lang"]).size().unstack("lang").reindex(columns=["zh", "en"]).fillna(0)
    pairs = counts[(counts["zh"] == 1) & (counts["en"] == 1)].index
    keyed = dated.set_index(["date", "genre"])
    paired = keyed[keyed.index.isin(pairs)].reset_index()
    zh = paired[paired["lang"] == "zh"].set_index(["date", "genre"])["doc_id"]
    en = paired[paired["lang"] == "en"].set_index(["date", "genre"])["doc_id"]
    other = dict(zip(zh.to_numpy(), en.reindex(zh.index).to_numpy())) | dict(
        zip(en.to_numpy(), zh.reindex(en.index).to_numpy()))
    return pd.Series([other.get(d, "") for d in documents["doc_id"]], index=documents.index, dtype=str)


def documents_table(segments: pd.DataFrame, *, twins: bool = True) -> pd.DataFrame:
    """One row per document: its variables (see the module's docstring), ``twin``
    (the doc id of its other-language version in the same table, or empty; left
    empty with ``twins=False``) and counts of paragraphs, question turns,
    follow-ups, outlets and characters."""
    docs = document_variables(segments)
    docs["twin"] = twin_ids(docs) if twins else ""
    kinds = pd.crosstab(segments["doc_id"], segments["kind"])
    questions = segments[segments["kind"] == "question"]
    answers = segments[segments["kind"] == "answer"]
    by_doc = segments.groupby("doc_id", sort=False)
    counts = pd.DataFrame({
        "n_paragraphs": by_doc.size(),
        "n_questions": questions.groupby("doc_id")["qa_no"].nunique(),
        "n_follow_ups": questions[questions["follow_up"]].groupby("doc_id")["qa_no"].nunique(),
        "n_outlets": questions[questions["outlet"] != ""].groupby("doc_id")["outlet"].nunique(),
        "n_headlines": kinds.get("headline"),
        "n_statement_paragraphs": kinds.get("statement"),
        "n_question_paragraphs": kinds.get("question"),
        "n_answer_paragraphs": kinds.get("answer"),
        "n_chars": by_doc["n_chars"].sum(),
        "n_answer_chars": answers.groupby("doc_id")["n_chars"].sum(),
    })
    counts = counts.reindex(docs["doc_id"]).fillna(0).astype("int64")
    return docs.join(counts, on="doc_id")


def add_document_info(
    table: pd.DataFrame, documents: pd.DataFrame, *, columns: Iterable[str] = ("date", "lang", "genre", "spokesperson")
) -> pd.DataFrame:
    """``table`` (any table with ``doc_id``) with document variables joined on; the
    table's own columns are unchanged."""
    wanted = [c for c in columns if c not in table.columns]
    return table.join(documents.set_index("doc_id")[wanted], on="doc_id")


def select_documents(
    documents: pd.DataFrame,
    *,
    date_from: object = None,
    date_to: object = None,
    langs: Iterable[str] | None = None,
    genres: Iterable[str] | None = None,
    spokespersons: Iterable[str] | None = None,
) -> list[str]:
    """The doc ids of ``documents`` (a documents table) dated from ``date_from`` to
    ``date_to`` (both included; undated documents are left out when either is
    given), in ``langs`` and ``genres``, held by ``spokespersons`` (canonical or
    printed names); None means no condition."""
    keep = pd.Series(True, index=documents.index)
    dates = pd.to_datetime(documents["date"])
    if date_from is not None:
        keep &= dates >= pd.Timestamp(date_from)
    if date_to is not None:
        keep &= dates <= pd.Timestamp(date_to)
    if langs is not None:
        keep &= documents["lang"].isin(list(langs))
    if genres is not None:
        keep &= documents["genre"].isin(list(genres))
    if spokespersons is not None:
        keep &= documents["spokesperson"].isin([speaker_names(p)[0] for p in spokespersons])
    return documents.loc[keep, "doc_id"].tolist()
