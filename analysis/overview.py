"""Tables that describe a transcript's questions and answers."""
from __future__ import annotations

import re

import pandas as pd

from .outlets import add_outlet_info
from .units import group_keys

#: a word of Latin script (U.S., side's, COVID-19): English answers are measured in words
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")


def qa_table(segments: pd.DataFrame) -> pd.DataFrame:
    """One row per question: who asked, under which headline, how long the answer ran.

    Columns: doc_id, qa_no, section_no, section_title (the headline as printed),
    outlet (as named), qa_outlet (the outlet that asked: a follow-up's is that of the
    question it follows), origin, follow_up, question, question_chars,
    answer_paragraphs, answer_chars, answer_words (words of Latin script: the
    length of an English answer; characters measure a Chinese one).
    """
    seg = add_outlet_info(segments)
    rows = []
    for (doc_id, qa_no), qa in seg[seg["qa_no"].notna()].groupby(["doc_id", "qa_no"], sort=False):
        q = qa[qa["kind"] == "question"]
        a = qa[qa["kind"] == "answer"]
        if q.empty:
            continue  # a headline whose question is missing
        first = q.iloc[0]
        rows.append(
            {
                "doc_id": doc_id,
                "qa_no": int(qa_no),
                "section_no": first["section_no"],
                "section_title": first["section_title"],
                "outlet": first["outlet"],
                "qa_outlet": first["qa_outlet"],  # a follow-up's: the outlet of the question it follows
                "origin": first["qa_origin"],
                "follow_up": bool(first["follow_up"]),
                "question": "\n".join(q["text"]),  # paragraphs kept apart
                "question_chars": int(q["n_chars"].sum()),
                "answer_paragraphs": len(a),
                "answer_chars": int(a["n_chars"].sum()),
                "answer_words": sum(len(_WORD.findall(t)) for t in a["text"]),
            }
        )
    table = pd.DataFrame(rows)
    return table.astype({"section_no": "Int64"}) if len(table) else table


def outlet_question_table(segments: pd.DataFrame, *, pool: bool = False) -> pd.DataFrame:
    """Questions per outlet (follow-ups included) in each document (``pool=True``:
    across documents), most first, with origin and kind."""
    keys = group_keys(None, pool=pool)
    seg = add_outlet_info(segments)
    q = seg[seg["kind"] == "question"].drop_duplicates(["doc_id", "qa_no"])
    table = (
        q.groupby(keys + ["qa_outlet", "qa_country", "qa_origin", "qa_outlet_kind"])
        .size()
        .rename("questions")
        .reset_index()
        .rename(
            columns={
                "qa_outlet": "outlet",
                "qa_country": "country",
                "qa_origin": "origin",
                "qa_outlet_kind": "kind",
            }
        )
    )
    return table.sort_values(keys + ["questions", "outlet"], ascending=[True] * len(keys) + [False, True],
                             ignore_index=True)


def origin_table(segments: pd.DataFrame, *, pool: bool = False) -> pd.DataFrame:
    """Domestic vs foreign questioners in each document (``pool=True``: across
    documents): questions, answer paragraphs and characters."""
    keys = group_keys("origin", pool=pool)
    qa = qa_table(segments)
    table = (
        qa.groupby(keys)
        .agg(
            questions=("qa_no", "size"),
            answer_paragraphs=("answer_paragraphs", "sum"),
            answer_chars=("answer_chars", "sum"),
        )
        .reset_index()
    )
    table["mean_answer_chars"] = (table["answer_chars"] / table["questions"]).round(1)
    return table
