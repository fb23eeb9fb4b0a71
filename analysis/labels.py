"""Every display name, in Chinese or English, in one place.

Tables hold codes and the text as printed (a country's ISO code, an outlet as the
transcript names it, a theme's id, a Chinese headline); figures and the CSV beside
them show names, all looked up here:

- :func:`label`: chart words (axis titles, legends) from ``data/labels.csv``;
- :func:`translate`: headlines and titles, from ``data/translations.csv``;
- :func:`term_label`: a Chinese term, with the user dictionary's English rendering;
- :func:`country_label`: a country, region or organisation (``data/lexicons/gazetteer.csv``);
- :func:`outlet_label`: an outlet (``data/outlets.csv``), or "unnamed";
- :func:`theme_label`: a codebook theme (``data/codebook.csv``);
- :func:`spokesperson_label`: a spokesperson (``data/speakers.csv``).

:func:`named` adds the names of a table's code columns, for the CSV beside a figure.
"""
from __future__ import annotations

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
def _glosses() -> dict[str, str]:
    terms = pd.read_csv(LEXICON_DIR / "diplomatic_terms.csv", dtype=str, keep_default_na=False)
    return dict(zip(terms["term"], terms["en"]))


def term_label(term: str, lang: Lang = "zh") -> str:
    """A term as printed on a chart: itself in Chinese; in English, with the
    English rendering from the user dictionary where it has one."""
    if lang == "en" and term in _glosses():
        return f"{term} ({_glosses()[term]})"
    return term


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
            continue  # NMF themes (theme_1 ...) are named by their terms, not by the codebook
        else:
            names = [namer(str(v), lang) if pd.notna(v) else "" for v in table[column]]
        out.insert(out.columns.get_loc(column) + 1, f"{column}_name", names)
    return out
