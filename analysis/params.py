"""Check notebook parameters before anything runs.

Papermill passes parameters through unchecked: an unknown name only prints
a warning and a wrong type goes in as it is. Each notebook's first cell after
``parameters`` calls :func:`check_params`, which fails with one clear message.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Literal

from .config import DATA_DIR, FIGURES_DIR, PROJ_ROOT, RAW_DIR
from .labels import LANGS, Lang

if TYPE_CHECKING:
    from .pipeline import Tables


class ParameterError(ValueError):
    """A notebook parameter with a wrong value; the message says which and why."""


@dataclass(frozen=True)
class Params:
    transcript: Path
    doc_id: str
    lang: Lang
    principal: str | None
    figures_dir: Path

    @property
    def report_id(self) -> str:
        """Folder name for this build: the doc id, plus ``-en`` for English labels."""
        return report_id(self.doc_id, self.lang)


def report_id(doc_id: str, lang: Lang) -> str:
    """``reports/`` and ``figures/`` folder of a build (the Makefile uses the same rule)."""
    return doc_id if lang == "zh" else f"{doc_id}-{lang}"


def check_params(
    *,
    transcript: object,
    lang: object = "zh",
    principal: object = "",
    figures_dir: object = "",
) -> Params:
    """Validate the common notebook parameters and resolve the transcript path.

    ``transcript`` is a path, absolute or relative to the project root;
    ``lang`` is ``zh`` or ``en`` (labels of tables and figures); ``principal``
    is the principal speaker's label, or empty to detect it; ``figures_dir``
    is where figures go, empty for ``figures/<report_id>/``.
    """
    if not isinstance(transcript, (str, Path)) or not str(transcript).strip():
        raise ParameterError(f"transcript must be a file path, not {transcript!r}")
    path = Path(transcript)
    if not path.is_absolute():
        path = PROJ_ROOT / path
    if not path.is_file():
        raise ParameterError(f"transcript {str(transcript)!r}: no such file")
    if lang not in LANGS:
        raise ParameterError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    if not isinstance(principal, str):
        raise ParameterError(f"principal must be a speaker label (text), not {principal!r}")
    if not isinstance(figures_dir, (str, Path)):
        raise ParameterError(f"figures_dir must be a folder path or empty, not {figures_dir!r}")
    default = FIGURES_DIR / report_id(path.stem, lang)
    figures = Path(figures_dir) if str(figures_dir).strip() else default
    if not figures.is_absolute():
        figures = PROJ_ROOT / figures
    if figures.resolve().is_relative_to(RAW_DIR.resolve()):
        raise ParameterError("figures_dir must not be inside data/raw/, which holds transcripts as received")
    return Params(
        transcript=path,
        doc_id=path.stem,
        lang=lang,
        principal=principal.strip() or None,
        figures_dir=figures,
    )


def positive_int(name: str, value: object) -> int:
    """``value`` as a positive whole number, or a ParameterError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ParameterError(f"{name} must be a whole number of at least 1, not {value!r}")
    return value


def nonempty_text(name: str, value: object) -> str:
    """``value`` as non-empty text, or a ParameterError naming ``name``."""
    if not isinstance(value, str) or not value.strip():
        raise ParameterError(f"{name} must be non-empty text, not {value!r}")
    return value.strip()


# ---------------------------------------------------------------------------
# The corpus report's parameters

DocLang = Literal["zh", "en", "both"]
DOC_LANGS: tuple[DocLang, ...] = ("zh", "en", "both")
EVENTS_CSV = DATA_DIR / "events.csv"
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def corpus_report_id(corpus_id: str, doc_lang: str, lang: str) -> str:
    """``reports/`` and ``figures/`` folder of a corpus report: the corpus id, ``_en``
    or ``_both`` for the documents' language, ``-en`` for English labels (the
    Makefile uses the same rule)."""
    return corpus_id + ("" if doc_lang == "zh" else f"_{doc_lang}") + ("" if lang == "zh" else f"-{lang}")


@dataclass(frozen=True)
class CorpusParams:
    """The corpus report's parameters, checked (:func:`check_corpus_params`)."""

    paths: tuple[Path, ...]
    corpus_id: str
    metadata: Path | None
    date_from: str  # YYYY-MM-DD, or "" for no bound
    date_to: str
    doc_lang: DocLang
    spokespersons: tuple[str, ...]  # canonical names; empty: all
    freq: str
    countries: tuple[str, ...]  # gazetteer codes; empty: the most named
    genres: tuple[str, ...]
    lang: Lang
    events: Path | None
    figures_dir: Path
    report_id: str = field(default="")

    @property
    def doc_langs(self) -> tuple[str, ...]:
        return ("zh", "en") if self.doc_lang == "both" else (self.doc_lang,)

    def load(self, *, build: bool = True) -> "Tables":
        """The selected documents' tables: the corpus brought up to date first
        (nothing is read again when it is), then the documents chosen by date,
        language, genre and spokesperson. A selection with no document is an error."""
        from . import pipeline
        from .documents import select_documents

        if build:
            pipeline.build(list(self.paths), corpus_id=self.corpus_id, metadata=self.metadata)
        documents = pipeline.load_documents(self.corpus_id)
        chosen = select_documents(documents, date_from=self.date_from or None, date_to=self.date_to or None,
                                  langs=self.doc_langs, genres=self.genres, spokespersons=self.spokespersons or None)
        if not chosen:
            hint = ""
            langs = sorted(set(documents["lang"]) - set(self.doc_langs))
            if langs and not documents["lang"].isin(list(self.doc_langs)).any():
                hint = (f": its documents are in {' and '.join(langs)} only (the documents' language is "
                        f"DOC_LANG={langs[0]} for make, doc_lang={langs[0]!r} for a notebook)")
            raise ParameterError(f"no document of corpus {self.corpus_id!r} matches the selection "
                                 f"({self.describe()}){hint}")
        return pipeline.load(self.corpus_id, doc_ids=chosen)

    def parts(self, tables: "Tables") -> Iterator[tuple[str, str, "Tables"]]:
        """(documents' language, figure-name suffix, that language's tables) for each
        language of the selection that has documents; the suffix is empty unless the
        selection holds both."""
        for doc_lang in self.doc_langs:
            ids = tables.documents.loc[tables.documents["lang"] == doc_lang, "doc_id"].tolist()
            if ids:
                yield doc_lang, (f"_{doc_lang}" if self.doc_lang == "both" else ""), tables.subset(ids)

    def describe(self, documents=None) -> str:
        """The selection in one line (with ``documents``, the documents table: their
        number and the dates of the first and the last)."""
        bits = [f"documents in {self.doc_lang}", f"genre {', '.join(self.genres)}"]
        if documents is not None:
            import pandas as pd

            dates = pd.to_datetime(documents["date"], errors="coerce").dropna()
            span = f", {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else ""
            bits.insert(0, f"{len(documents)} documents{span}")
        if self.date_from or self.date_to:
            bits.append(f"from {self.date_from or 'the start'} to {self.date_to or 'the end'}")
        if self.spokespersons:
            bits.append(f"spokespersons {', '.join(self.spokespersons)}")
        return "; ".join(bits)


def _items(name: str, value: object) -> list[str]:
    """A parameter that lists things: text separated by commas, or a list of texts."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise ParameterError(f"{name} must be text separated by commas, or a list of texts, not {value!r}")


def _date(name: str, value: object, *, end: bool) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a day: the first of the period, or
    with ``end`` its last."""
    import pandas as pd

    if value is None or value == "":
        return ""
    m = _DATE.fullmatch(str(value).strip()) if isinstance(value, (str, int)) else None
    if not m:
        raise ParameterError(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    year, month, day = m.groups()
    try:
        if day:
            when = pd.Timestamp(int(year), int(month), int(day))
        else:
            period = pd.Period(f"{year}-{month}" if month else year, freq="M" if month else "Y")
            when = (period.end_time if end else period.start_time).normalize()
    except ValueError:
        raise ParameterError(f"{name} {value!r} is not a calendar date") from None
    return when.strftime("%Y-%m-%d")


def _country_codes(value: object) -> tuple[str, ...]:
    """Countries given by code (US), or by name in either language (美国, United States)."""
    import pandas as pd

    from .config import LEXICON_DIR

    names = _items("countries", value)
    if not names:
        return ()
    gaz = pd.read_csv(LEXICON_DIR / "gazetteer.csv", dtype=str, keep_default_na=False)
    lookup: dict[str, str] = {}
    for row in gaz.itertuples():
        for form in (row.code, row.name_en, row.name_zh, row.label_zh, row.label_en):
            if form:
                lookup.setdefault(form.casefold(), row.code)
    codes, unknown = [], []
    for name in names:
        code = lookup.get(name.casefold())
        (codes.append(code) if code else unknown.append(name))
    if unknown:
        raise ParameterError(f"countries: {', '.join(map(repr, unknown))} not in the gazetteer "
                             "(give ISO codes such as US, or names such as 美国 or United States)")
    return tuple(dict.fromkeys(codes))


def _spokespersons(value: object) -> tuple[str, ...]:
    from .documents import read_speakers, speaker_names

    names = _items("spokespersons", value)
    known = set(read_speakers()["name_en"])
    out, unknown = [], []
    for name in names:
        canonical = speaker_names(name)[0]
        (out.append(canonical) if canonical in known else unknown.append(name))
    if unknown:
        raise ParameterError(f"spokespersons: {', '.join(map(repr, unknown))} not in data/speakers.csv "
                             f"(known: {', '.join(sorted(known))})")
    return tuple(dict.fromkeys(out))


def open_selection(namespace: dict[str, object]):
    """The corpus notebooks' setup: their parameters (the names of
    :func:`check_corpus_params` found in ``namespace``, a notebook's ``globals()``)
    checked, the selection's kept tables loaded (built first if missing or out of
    date) and described in one line; returns (params, tables). Each notebook keeps its
    own parameters cell, which papermill needs, and passes it here whole."""
    import inspect

    names = inspect.signature(check_corpus_params).parameters
    params = check_corpus_params(**{name: namespace[name] for name in names if name in namespace})
    tables = params.load()
    print(params.describe(tables.documents))
    return params, tables


def check_corpus_params(
    *,
    corpus: object,
    corpus_id: object = "",
    metadata: object = "",
    date_from: object = "",
    date_to: object = "",
    doc_lang: object = "zh",
    spokespersons: object = "",
    freq: object = "M",
    countries: object = "",
    genre: object = "briefing",
    lang: object = "zh",
    events: object = "",
    figures_dir: object = "",
) -> CorpusParams:
    """Validate the corpus notebooks' parameters.

    ``corpus`` is a folder or files (text separated by commas, or a list),
    relative to the project root or absolute; ``corpus_id`` names its kept tables
    (default: the folder's name, or the one file's stem); ``metadata`` is a CSV
    of what the files do not say (as ``python -m analysis build --metadata``), or
    empty. ``date_from`` and
    ``date_to`` bound the documents' dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``,
    both included); ``doc_lang`` is the documents' language (``zh``, ``en`` or
    ``both``), ``lang`` the labels' (``zh`` or ``en``); ``spokespersons`` and
    ``countries`` list names (empty: all spokespersons; the most named countries);
    ``freq`` is ``M``, ``Q`` or ``Y`` (month, quarter, year); ``genre`` lists
    genres (npc, briefing, written, statement); ``events`` is a CSV of dated events
    to mark (empty: ``data/events.csv``; ``none``: no markers); ``figures_dir``
    empty means ``figures/<report_id>/``.
    """
    from .pages import GENRES
    from .trends import check_freq

    items = _items("corpus", corpus)
    if not items:
        raise ParameterError(f"corpus must be a folder or files, not {corpus!r}")
    paths = []
    for item in items:
        p = Path(item)
        p = p if p.is_absolute() else PROJ_ROOT / p
        if not p.exists():
            raise ParameterError(f"corpus {item!r}: no such file or folder")
        paths.append(p)
    if not isinstance(corpus_id, str):
        raise ParameterError(f"corpus_id must be a name, not {corpus_id!r}")
    cid = corpus_id.strip()
    if not cid:
        if len(paths) > 1:
            raise ParameterError("corpus lists several paths: give corpus_id, the name of its kept tables")
        cid = paths[0].resolve().name if paths[0].is_dir() else paths[0].stem
    if not re.fullmatch(r"[\w.-]+", cid):
        raise ParameterError(f"corpus_id must be letters, digits, '.', '-' or '_', not {cid!r}")
    if not isinstance(metadata, (str, Path)):
        raise ParameterError(f"metadata must be a CSV file or empty, not {metadata!r}")
    meta = None
    if str(metadata).strip():
        meta = Path(metadata) if Path(metadata).is_absolute() else PROJ_ROOT / metadata
        if not meta.is_file():
            raise ParameterError(f"metadata {str(metadata)!r}: no such file")
    first, last = _date("date_from", date_from, end=False), _date("date_to", date_to, end=True)
    if first and last and first > last:
        raise ParameterError(f"date_from ({first}) is after date_to ({last})")
    if doc_lang not in DOC_LANGS:
        raise ParameterError(f"doc_lang must be one of {', '.join(DOC_LANGS)}, not {doc_lang!r}")
    if lang not in LANGS:
        raise ParameterError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    try:
        f = check_freq(freq)
    except ValueError as exc:
        raise ParameterError(str(exc)) from None
    genres = _items("genre", genre) or ["briefing"]
    bad = [g for g in genres if g not in GENRES]
    if bad:
        raise ParameterError(f"genre must be among {', '.join(GENRES)}, not {', '.join(map(repr, bad))}")
    if not isinstance(events, (str, Path)):
        raise ParameterError(f"events must be a CSV file, empty or 'none', not {events!r}")
    if str(events).strip().lower() == "none":
        events_path = None
    else:
        events_path = Path(events) if str(events).strip() else EVENTS_CSV
        events_path = events_path if events_path.is_absolute() else PROJ_ROOT / events_path
        if not events_path.is_file():
            raise ParameterError(f"events {str(events)!r}: no such file")
    if not isinstance(figures_dir, (str, Path)):
        raise ParameterError(f"figures_dir must be a folder path or empty, not {figures_dir!r}")
    rid = corpus_report_id(cid, str(doc_lang), str(lang))
    figures = Path(figures_dir) if str(figures_dir).strip() else FIGURES_DIR / rid
    figures = figures if figures.is_absolute() else PROJ_ROOT / figures
    if figures.resolve().is_relative_to(RAW_DIR.resolve()):
        raise ParameterError("figures_dir must not be inside data/raw/, which holds transcripts as received")
    return CorpusParams(
        paths=tuple(paths), corpus_id=cid, metadata=meta, date_from=first, date_to=last, doc_lang=doc_lang,  # type: ignore[arg-type]
        spokespersons=_spokespersons(spokespersons), freq=f, countries=_country_codes(countries),
        genres=tuple(dict.fromkeys(genres)), lang=lang, events=events_path, figures_dir=figures,  # type: ignore[arg-type]
        report_id=rid,
    )


def check_compare(value: object, segments) -> tuple[str, str, str]:
    """Two periods to compare, as (before, after, freq): ``2017,2019`` (years),
    ``2018Q1,2019Q1`` (quarters) or ``2018-06,2019-06`` (months); empty for the first
    and the last full year of the selection (a year with briefings in at least ten of its
    months), or, where fewer than two years are full, the first and last years with
    briefings in at least six months, or else the first and last months with briefings
    (:func:`describe_compare` says which and why)."""
    from .trends import period_table

    items = _items("compare", value)
    if not items:
        months = _months_per_year(segments)
        for least in (FULL_YEAR_MONTHS, PART_YEAR_MONTHS):
            years = months[months >= least].index.tolist()
            if len(years) >= 2:
                return years[0], years[-1], "Y"
        present = sorted(set(period_table(segments, freq="M")["period"]))
        if len(present) >= 2:  # a selection of a few months: its first and last month
            return present[0], present[-1], "M"
        raise ParameterError("compare: the selection's briefings fall in one month; there are no two periods "
                             "to compare")
    if len(items) != 2:
        raise ParameterError(f"compare must name two periods separated by a comma, not {value!r}")
    kinds = {"Y": re.compile(r"\d{4}"), "Q": re.compile(r"\d{4}Q[1-4]"), "M": re.compile(r"\d{4}-\d{2}")}
    freq = next((f for f, rx in kinds.items() if rx.fullmatch(items[0])), None)
    if freq is None or not kinds[freq].fullmatch(items[1]):
        raise ParameterError(f"compare: {value!r} must be two years (2017,2019), quarters (2018Q1,2019Q1) "
                             "or months (2018-06,2019-06) of one kind")
    present = set(period_table(segments, freq=freq)["period"])
    missing = [p for p in items if p not in present]
    if missing:
        raise ParameterError(f"compare: no document of the selection falls in {', '.join(missing)}")
    return items[0], items[1], freq


#: A year with briefings in this many of its months is full; the default comparison
#: falls back to years covered in PART_YEAR_MONTHS months when fewer than two are.
FULL_YEAR_MONTHS = 10
PART_YEAR_MONTHS = 6


def _months_per_year(segments):
    from .trends import period_table

    docs = period_table(segments, freq="M")
    return docs.groupby(docs["period"].str[:4])["period"].nunique()


def describe_compare(before: str, after: str, freq: str, segments) -> str:
    """One sentence for the notebook: which two periods are compared, with their
    briefings, and whether a year compared is covered only in part."""
    from .trends import period_table

    counts = period_table(segments, freq=freq).groupby("period").size()
    text = f"Compared: {before} ({counts.get(before, 0)} briefings) with {after} ({counts.get(after, 0)} briefings)."
    if freq == "Y":
        months = _months_per_year(segments)
        part = [y for y in (before, after) if months.get(y, 0) < FULL_YEAR_MONTHS]
        if part:
            text += (" " + " and ".join(f"{y} has briefings in {months.get(y, 0)} months only" for y in part)
                     + ": the selection holds fewer than two full years, and a part year may differ from the"
                     " whole by season alone.")
    return text


def check_pair(value: object, people: list[str]) -> tuple[str, str]:
    """Two spokespersons to compare, or empty for the two with the most briefings
    (``people``, most first)."""
    names = _spokespersons(value)
    if not names:
        if len(people) < 2:
            raise ParameterError("pair: the selection has fewer than two spokespersons")
        return people[0], people[1]
    if len(names) != 2:
        raise ParameterError(f"pair must name two spokespersons separated by a comma, not {value!r}")
    missing = [n for n in names if n not in people]
    if missing:
        raise ParameterError(f"pair: {', '.join(missing)} held no briefing in the selection")
    return names[0], names[1]


def check_terms(value: object) -> tuple[str, ...]:
    """Terms to follow over time (text separated by commas, or a list)."""
    return tuple(dict.fromkeys(_items("terms", value)))
