"""Chart labels in Chinese or English, from ``data/labels.csv``."""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

import pandas as pd

from .config import LABELS_CSV, TRANSLATIONS_CSV

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    table = pd.read_csv(LABELS_CSV, dtype=str, keep_default_na=False)
    return {lang: dict(zip(table["key"], table[lang])) for lang in LANGS}


def label(key: str, lang: Lang = "zh") -> str:
    """The label for ``key`` in ``lang``; a missing key is an error, not a blank."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
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
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return _translations().get(text, text) if lang == "en" else text
