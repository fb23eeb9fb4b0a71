"""Topics on small inputs worked out by hand, and on the seed where the answer is plain."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import parse_transcript, topics
from analysis.tokens import tokenize


def test_npmi_by_hand():
    docs = [{"a", "b"}, {"a", "b"}, {"a"}, {"c"}]
    # P(a)=3/4, P(b)=1/2, P(a,b)=1/2: log(0.5/0.375)/-log(0.5)
    assert topics.npmi(["a", "b"], docs) == pytest.approx(math.log(0.5 / 0.375) / -math.log(0.5))
    assert topics.npmi(["b", "c"], docs) == -1.0  # never together


def _qa(sections):
    """A transcript text with one headline and Q&A per section: (headline, answer)."""
    lines = []
    for head, answer in sections:
        lines += [head, "", "新华社记者：请问？", "", f"王毅：{answer}", ""]
    return parse_transcript("\n".join(lines), doc_id="t")


def test_section_keywords_by_hand():
    seg = _qa([("甲部分标题", "香港香港安全。"), ("乙部分标题", "台湾台湾安全。")])
    kw = topics.keyword_table(seg, tokenize(seg), n=3)
    # section 1: 香港 x2, 安全 x1 (3 tokens); A = 3; f(香港)=2, f(安全)=2
    # w(香港) = 2/3 * log(1 + 3/2); w(安全) = 1/3 * log(1 + 3/2)
    s1 = kw[kw["unit_no"] == 1].set_index("term")["score"]
    assert list(s1.index) == ["香港", "安全"]
    assert s1["香港"] == pytest.approx(2 / 3 * math.log(2.5))
    assert s1["安全"] == pytest.approx(1 / 3 * math.log(2.5))
    assert kw[kw["unit_no"] == 2].iloc[0]["term"] == "台湾"


def test_section_keywords_fall_back_to_qa_without_headlines():
    seg = parse_transcript("问：问题一？\n答：香港香港。\n问：问题二？\n答：台湾台湾。\n", doc_id="t")
    kw = topics.keyword_table(seg, tokenize(seg), n=1)
    assert list(kw["unit_no"]) == [1, 2]  # the Q&As
    assert list(kw["term"]) == ["香港", "台湾"]


def test_seed_sections_are_named_by_their_subject(seed):
    kw = topics.keyword_table(seed, tokenize(seed), n=10)
    top = kw[kw["rank"] == 1].set_index("unit_no")["term"]
    # read off the headlines: Q4 Russia, Q6 Hong Kong, Q7 origin tracing, Q11 WHO, Q12 Taiwan
    assert (top[4], top[6], top[7], top[11], top[12]) == ("俄罗斯", "香港", "溯源", "世卫组织", "台湾")
    assert "滥诉" in set(kw[kw["unit_no"] == 8]["term"])


def test_theme_model_is_reproducible_and_picks_the_most_coherent(seed):
    a = topics.theme_model(seed, tokenize(seed))
    b = topics.theme_model(seed, tokenize(seed))
    pd.testing.assert_frame_equal(a.terms, b.terms)
    best = a.coherence.sort_values(["npmi", "k"], ascending=[False, True]).iloc[0]["k"]
    assert a.k == best and list(a.coherence["k"]) == list(range(2, 9))
    assert len(a.weights) == (seed["kind"] == "answer").sum()
    fixed = topics.theme_model(seed, tokenize(seed), n_topics=4)
    assert fixed.k == 4 and fixed.weights.shape[1] == 2 + 4
    shares = topics.theme_share_table(fixed, seed)
    assert shares["share"].sum() == pytest.approx(1.0)


def test_coding_rules_and_shares():
    book = pd.DataFrame(
        {"theme": ["hk", "us"], "name_zh": ["香港", "美国"], "name_en": ["HK", "US"],
         "terms": ["香港|港独", "美国|美方"], "rationale": ["", ""]}
    )
    seg = parse_transcript(
        "路透社记者：问题？\n王毅：香港的事。\n美方和香港。\n新华社记者：问题二？\n王毅：别的事情很长很长。\n",
        doc_id="t",
    )
    coded = topics.code_table(seg, codebook=book).set_index("para_no")
    assert list(coded.loc[[1, 2, 4], "hk"]) == [True, True, False]
    assert list(coded.loc[[1, 2, 4], "us"]) == [False, True, False]
    shares = topics.theme_share_by(seg, codebook=book).set_index("theme")["share"]
    total = 5 + 6 + 9  # characters of the three answer paragraphs
    assert shares["hk"] == pytest.approx((5 + 6) / total)
    assert shares["us"] == pytest.approx(6 / total)
    by_origin = topics.theme_share_by(seg, by="qa_origin", codebook=book).set_index(["qa_origin", "theme"])
    assert by_origin.loc[("foreign", "hk"), "share"] == pytest.approx(1.0)
    assert by_origin.loc[("domestic", "hk"), "share"] == 0.0


def test_codebook_is_complete():
    book = topics.read_codebook()
    assert set(book["theme"]) == {"pandemic", "united_states", "multilateralism", "sovereignty", "aid", "who"}
    assert book[["name_zh", "name_en", "terms", "rationale"]].ne("").all().all()
