"""Keys that survive a corpus: every table function applied to two documents read
together equals the function applied to each document and the results concatenated
(so no table pools Q&A 1 of one briefing with Q&A 1 of another)."""
from __future__ import annotations

from typing import Callable

import pandas as pd
import pytest

from analysis import countries, overview, read_corpus, sentiment, topics, words
from analysis.tokens import tokenize
from analysis.units import add_units

from .conftest import SEED

# A second document with Q&As numbered 1, 2 like the seed's, outlets of both origins,
# countries and evaluative terms: pooling by qa_no or unit would mix it with the seed.
SECOND = """\
路透社记者：美方对中方提出新的指责，中方有何回应？
赵立坚：美方的指责毫无根据，我们坚决反对。中美合作符合两国利益。
我们敦促美方停止抹黑中国。
人民日报记者：中俄关系发展如何？
赵立坚：中俄关系保持高水平发展，双方合作不断深化。
追问：中日关系呢？
赵立坚：中方愿同日方加强合作，共同维护地区和平稳定。
"""


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two")
    second = folder / "mfa_2020-06-01.txt"
    second.write_text(SECOND, encoding="utf-8")
    together = read_corpus([SEED, second])
    apart = [together[together["doc_id"] == d].reset_index(drop=True) for d in together["doc_id"].unique()]
    return together, apart


def _same(f: Callable[[pd.DataFrame], pd.DataFrame], together, apart) -> None:
    joint = f(together)
    split = pd.concat([f(a) for a in apart], ignore_index=True)
    assert "doc_id" in joint.columns, "the document must be in the key"
    cols = list(joint.columns)
    assert cols == list(split.columns)

    def norm(t: pd.DataFrame) -> pd.DataFrame:
        t = t.copy()
        for c in t.columns:
            if t[c].dtype == object or str(t[c].dtype) in ("str", "string"):
                t[c] = t[c].astype(str)
        return t.sort_values(cols, kind="stable").reset_index(drop=True)

    pd.testing.assert_frame_equal(norm(joint), norm(split), check_dtype=False, check_exact=False, rtol=1e-9)


def _tokens(seg):
    return tokenize(seg)


def _terms(seg):
    return sentiment.term_table(seg, _tokens(seg))


def _mentions(seg):
    return countries.add_sentences(countries.find_mentions(seg, _tokens(seg)), _terms(seg))


TABLES = {
    "tokens": _tokens,
    "units": lambda s: add_units(s),
    "qa_table": lambda s: overview.qa_table(s),
    "outlet_question_table": lambda s: overview.outlet_question_table(s),
    "origin_table": lambda s: overview.origin_table(s),
    "frequency_by_kind": lambda s: words.frequency_table(_tokens(s), s, by="kind"),
    "frequency_by_unit": lambda s: words.frequency_table(_tokens(s), s, by="unit_no"),
    "keyness_answers_vs_questions": lambda s: words.keyness_table(_tokens(s), s, by="kind", target="answer",
                                                                  reference="question", min_count=1),
    "collocations": lambda s: words.collocation_table(_tokens(s), min_count=1),
    "keyword_table": lambda s: topics.keyword_table(s, _tokens(s), n=5),
    "theme_share_by_unit": lambda s: topics.theme_share_by(s, by="unit_no"),
    "theme_share_by_origin": lambda s: topics.theme_share_by(s, by="qa_origin"),
    "paragraph_scores": lambda s: sentiment.paragraph_table(s, _terms(s)),
    "sentence_scores": lambda s: sentiment.sentence_table(s, _terms(s)),
    "tone_by_unit": lambda s: sentiment.tone_table(s, sentiment.paragraph_table(s, _terms(s)), by="unit_no"),
    "tone_by_qa": lambda s: sentiment.tone_table(s, sentiment.paragraph_table(s, _terms(s)), by=["qa_no", "kind"]),
    "arc_paragraph": lambda s: sentiment.arc_table(s, _terms(s), level="paragraph"),
    "arc_section": lambda s: sentiment.arc_table(s, _terms(s), level="section"),
    "arc_answer": lambda s: sentiment.arc_table(s, _terms(s), level="answer"),
    "driver_table": lambda s: sentiment.driver_table(_terms(s), n=5),
    "mentions": lambda s: _mentions(s),
    "mentions_by_kind": lambda s: countries.mention_table(_mentions(s), s, by="kind"),
    "mentions_by_unit": lambda s: countries.mention_table(_mentions(s), s, by="unit_no"),
    "comentions": lambda s: countries.comention_table(_mentions(s)),
    "country_tone": lambda s: countries.country_tone_table(_mentions(s), sentiment.sentence_table(s, _terms(s))),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_table_of_two_documents_is_the_tables_of_each(docs, name):
    together, apart = docs
    _same(TABLES[name], together, apart)


def test_the_second_document_would_pool_with_the_seed(docs):
    """The check can fail: both documents have Q&As 1 and 2 and units 1 and 2, so a table
    keyed by qa_no or unit_no alone would merge them."""
    together, _ = docs
    units = add_units(together)
    per_doc = units.dropna(subset=["unit_no"]).groupby("doc_id")["unit_no"].agg(lambda u: {1, 2} <= set(u))
    assert per_doc.all() and len(per_doc) == 2
    pooled = sentiment.tone_table(together, sentiment.paragraph_table(together, _terms(together)), by="qa_no", pool=True)
    assert "doc_id" not in pooled.columns and len(pooled) == together.groupby("doc_id")["qa_no"].max().max()


def test_pooling_on_purpose(docs):
    together, apart = docs
    freq = words.frequency_table(tokenize(together), together, pool=True)
    by_doc = words.frequency_table(tokenize(together), together)
    assert "doc_id" not in freq.columns
    assert freq.set_index("term")["count"].sum() == by_doc["count"].sum()
    # a term used in both documents is counted once with both counts summed
    both = set(by_doc.loc[by_doc["doc_id"] == apart[0]["doc_id"][0], "term"]) & set(
        by_doc.loc[by_doc["doc_id"] == apart[1]["doc_id"][0], "term"])
    term = sorted(both)[0]
    assert freq.set_index("term").loc[term, "count"] == by_doc.loc[by_doc["term"] == term, "count"].sum()
