"""Units of analysis within documents, and grouping keys that keep documents apart.

Two rules every table function follows (as tidytext's ``bind_tf_idf(tbl, term,
document, n)`` and quanteda's ``dfm_group(x, groups = )`` do):

- **The document is always in the key.** A table that groups paragraphs by
  ``qa_no`` alone would pool Q&A 1 of every briefing; :func:`group_keys` puts
  ``doc_id`` first unless the caller pools on purpose (``pool=True``).
- **One rule for the unit.** A document's unit is its *section* (the
  paragraphs under one editorial headline) where the document has headlines,
  its *Q&A* otherwise, decided per document by :func:`add_units`.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

UNIT_COLUMNS = ("unit", "unit_no", "unit_title")


def add_units(segments: pd.DataFrame) -> pd.DataFrame:
    """``segments`` with each paragraph's unit within its document.

    New columns: ``unit`` (``section`` in documents with headlines, ``qa``
    otherwise), ``unit_no`` (the section number, or the Q&A number; null for
    paragraphs outside any unit) and ``unit_title`` (the headline, or empty).
    Existing columns are unchanged.
    """
    if set(UNIT_COLUMNS) <= set(segments.columns):
        return segments
    sections = segments.groupby("doc_id", sort=False)["section_no"].transform("count").to_numpy() > 0
    return segments.assign(
        unit=pd.Series(["section" if s else "qa" for s in sections], index=segments.index, dtype=str),
        unit_no=segments["section_no"].where(sections, segments["qa_no"]).astype("Int64"),
        unit_title=segments["section_title"].where(sections, "").astype(str),
    )


def group_keys(by: str | Iterable[str] | None = None, *, pool: bool = False) -> list[str]:
    """The grouping columns for ``by``: ``doc_id`` first, unless ``pool`` (then
    ``by`` as given: the caller pools documents on purpose)."""
    groups = [by] if isinstance(by, str) else list(by or [])
    if pool:
        return groups
    return ["doc_id"] + [g for g in groups if g != "doc_id"]


def is_sectioned(segments: pd.DataFrame) -> bool:
    """Does the (one-document) table's unit run by sections (headlines)?"""
    return bool((add_units(segments)["unit"] == "section").any())
