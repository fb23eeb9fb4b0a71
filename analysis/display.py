"""Tables as a notebook shows them: names beside codes, numbers rounded, text aligned
left, and no row numbers (a table's own index is kept where it means something)."""
from __future__ import annotations

import hashlib

import pandas as pd

from .labels import Lang, named


def show(table: pd.DataFrame, lang: Lang = "zh", *, digits: int = 3, names: bool = True):
    """``table`` as a styled HTML table for a notebook page: each code column followed
    by its name in ``lang`` (:func:`analysis.labels.named`), floats to ``digits``
    places, dates as dates, missing values blank, text left-aligned; a default RangeIndex is hidden."""
    out = named(table, lang) if names else table
    # the table's own id, from its content: the page is the same on every rebuild
    digest = hashlib.sha1(pd.util.hash_pandas_object(out.astype(str), index=True).to_numpy().tobytes()).hexdigest()
    def cell(value):
        if isinstance(value, pd.Timestamp):  # a date, not "2020-05-24 00:00:00"
            return value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, float):
            return f"{value:.{digits}f}"
        return str(value)

    styler = out.style.set_uuid(digest[:10]).format(cell, na_rep="")
    styler = styler.set_properties(**{"text-align": "left"}).set_table_styles(
        [{"selector": "th", "props": [("text-align", "left")]}])
    if isinstance(out.index, pd.RangeIndex):
        styler = styler.hide(axis="index")
    return styler
