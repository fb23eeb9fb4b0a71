"""Outlet metadata (``data/outlets.csv``) and its join onto segments."""
from __future__ import annotations

from functools import lru_cache
from os import PathLike

import numpy as np
import pandas as pd

from .config import OUTLETS_CSV

ORIGINS = ("domestic", "foreign", "unknown", "unnamed")


@lru_cache(maxsize=4)
def _read_outlets_cached(path: str) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    dupes = table["outlet"][table["outlet"].duplicated()]
    if len(dupes):
        raise ValueError(f"{path}: outlet listed twice: {', '.join(dupes)}")
    bad = set(table["origin"]) - {"domestic", "foreign"}
    if bad:
        raise ValueError(f"{path}: origin must be domestic or foreign, not {sorted(bad)}")
    return table


def read_outlets(path: str | PathLike[str] = OUTLETS_CSV) -> pd.DataFrame:
    """The outlet table: outlet, lang, name_en, name_zh, country, origin, kind."""
    return _read_outlets_cached(str(path)).copy()


def add_outlet_info(
    segments: pd.DataFrame, *, outlets: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Add who asked each Q&A to every row of it (question, answer and headline).

    New columns: ``qa_outlet`` (the outlet as named), ``qa_country``,
    ``qa_origin`` (domestic, foreign, ``unknown`` for an outlet missing from
    ``outlets.csv``, ``unnamed`` for a question that names none; empty outside
    Q&A) and ``qa_outlet_kind``. Existing columns are unchanged; the outlet's
    English name is a display name (:func:`analysis.labels.outlet_label`).

    A follow-up (``follow_up``: ``追问：``, ``Follow-up:``, the journalist
    speaking again) that names no outlet was asked by the journalist of the
    question before it, so its Q&A takes that question's outlet (and through it
    the country, origin and kind); a chain of follow-ups takes the outlet of the
    question that opened it. A follow-up after an anonymous question (``问：``,
    ``Q:``), or with no question before it in its document, stays unnamed. The
    segments' own ``outlet`` column keeps what the transcript prints, so the
    inherited ones are the question rows where ``follow_up`` is true, ``outlet``
    is empty and ``qa_outlet`` is not.
    """
    outlets = read_outlets() if outlets is None else outlets
    by_name = outlets.set_index("outlet")
    asked = segments[segments["kind"] == "question"].drop_duplicates(["doc_id", "qa_no"])
    key = asked.set_index(["doc_id", "qa_no"])["outlet"]
    key = _follow_ups_inherit(key, asked["follow_up"].to_numpy(dtype=bool))
    out = segments.copy()
    idx = pd.MultiIndex.from_arrays([out["doc_id"], out["qa_no"]])
    qa_outlet = key.reindex(idx)
    in_qa = out["qa_no"].notna().to_numpy() & qa_outlet.notna().to_numpy()
    names = qa_outlet.fillna("").astype(str).to_numpy()
    out["qa_outlet"] = names
    known = pd.Series(names).isin(by_name.index).to_numpy()
    named = names != ""

    def lookup(column: str, unknown: str, unnamed: str) -> np.ndarray:
        found = by_name[column].reindex(names).to_numpy(dtype=object)
        values = np.where(known, found, unknown)
        values = np.where(named, values, unnamed)
        return np.where(in_qa, values, "")

    out["qa_country"] = lookup("country", "", "")
    out["qa_origin"] = lookup("origin", "unknown", "unnamed")
    out["qa_outlet_kind"] = lookup("kind", "", "")
    return out


def _follow_ups_inherit(outlet: pd.Series, follow_up: np.ndarray) -> pd.Series:
    """Each question turn's outlet (indexed by doc_id, qa_no, one row a turn), where
    a follow-up that names none takes the outlet of the turn before it in its
    document (itself perhaps inherited): an anonymous question passes on ``""``."""
    if not follow_up.any():
        return outlet
    inherits = follow_up & (outlet.to_numpy(dtype=object) == "")
    frame = outlet.where(~inherits).rename("outlet").reset_index()
    order = frame.sort_values(["doc_id", "qa_no"], kind="stable").index
    filled = frame.loc[order].groupby("doc_id", sort=False)["outlet"].ffill().reindex(frame.index)
    return pd.Series(filled.fillna("").to_numpy(dtype=object), index=outlet.index, name=outlet.name)
