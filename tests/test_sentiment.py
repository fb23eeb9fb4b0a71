"""The tone scorer's rules, each on a sentence whose reading is plain."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import parse_transcript
from analysis import sentiment as S
from analysis.tokens import tokenize


def answer(text: str) -> pd.DataFrame:
    seg = parse_transcript(f"问：请问？\n答：{text}\n", doc_id="t")
    return seg[seg["kind"] == "answer"]


def terms_of(seg: pd.DataFrame) -> pd.DataFrame:
    return S.term_table(seg, tokenize(seg))


def sentence(text: str) -> pd.Series:
    seg = answer(text)
    return S.sentence_table(seg, terms_of(seg)).iloc[0]


def test_scores_lie_in_the_open_interval():
    for text in ("强烈不满、坚决反对、严正交涉、强烈谴责。", "合作共赢、同舟共济、传统友好、高度赞赏。", "今天是星期一。"):
        assert -1 < sentence(text)["score"] < 1
    assert sentence("今天是星期一。")["score"] == 0


def test_accusation_and_cooperation_vocabulary():
    assert sentence("美方一再抹黑和污名化中国。")["score"] < -0.4
    assert set(sentence("美方一再抹黑和污名化中国。")["negative_terms"].split()) == {"抹黑", "污名化"}
    assert sentence("双方同舟共济，合作共赢。")["score"] > 0.4


def test_negation_flips_within_the_clause():
    assert sentence("这种做法不友好。")["score"] < 0
    assert sentence("中方不接受这种无端指责。")["score"] < 0  # 指责 negative; 不 belongs to 接受
    s = sentence("双方本着不冲突不对抗的精神相处。")
    assert s["score"] > 0 and "¬冲突" in s["positive_terms"] and "¬对抗" in s["positive_terms"]


def test_double_negative_and_clause_boundary():
    assert sentence("我们并非不支持。")["score"] > 0  # two negators: support stands
    # a negator in one clause does not reach a term in the next
    assert sentence("我们不说，支持合作。")["score"] > 0


def test_prohibition_keeps_a_warning_negative():
    assert sentence("不要做损害地区和平的事。")["score"] < 0.2
    assert "损害" in sentence("不要做损害地区和平的事。")["negative_terms"]
    assert sentence("不要放弃合作。")["score"] < 0


def test_degree_adverbs_strengthen():
    plain = terms_of(answer("我们支持。"))
    strong = terms_of(answer("我们十分支持。"))
    assert strong["weight"].max() == pytest.approx(1.5 * plain["weight"].max())
    assert terms_of(answer("我们极其支持。"))["weight"].max() == pytest.approx(2 * plain["weight"].max())


def test_contrast_weights_the_clause_after():
    t = terms_of(answer("双方有合作，但是美方一再抹黑中国。"))
    w = t.set_index("token")["weight"]
    assert w["合作"] == pytest.approx(0.5 * terms_of(answer("双方有合作。")).set_index("token")["weight"]["合作"])
    assert w["抹黑"] == pytest.approx(-2)
    assert sentence("双方有分歧，但是愿意合作共赢。")["score"] > 0


def test_rhetorical_question_affirms():
    s = sentence("这难道不是干涉别国内政吗？")
    assert s["score"] < 0 and "干涉内政" not in s["positive_terms"]


def test_sentences_and_paragraph_aggregate():
    seg = answer("我们欢迎。美方抹黑中国。")
    sents = S.sentence_table(seg, terms_of(seg))
    assert list(sents["sent_no"]) == [0, 1]
    assert sents.iloc[0]["text"] == "我们欢迎。" and sents.iloc[1]["text"] == "美方抹黑中国。"
    para = S.paragraph_table(seg, terms_of(seg)).iloc[0]
    # pooled: P = 1 (欢迎), N = 2 (抹黑): (1 - 2) / (1 + 2 + k)
    assert para["score"] == pytest.approx((1 - 2) / (1 + 2 + S.SMOOTHING))


def test_closing_quote_stays_with_its_sentence():
    seg = answer("他说：“我们欢迎。”随后离开。")
    sents = S.sentence_table(seg, terms_of(seg))
    assert list(sents["text"]) == ["他说：“我们欢迎。”", "随后离开。"]


def test_lexicons_are_data():
    lex = S.read_lexicon()
    assert lex["term"].is_unique
    assert lex.set_index("term").loc["抹黑", "source"] == "domain"
    assert (lex.loc[lex["source"] == "general", "polarity"].abs() == S.GENERAL_WEIGHT).all()
    mods = S.read_modifiers()
    assert {"negator", "prohibitive", "degree", "contrast", "rhetorical"} <= set(mods["kind"])


def test_seed_tone_reads_right(seed):
    para = S.paragraph_table(seed, terms_of(seed)).merge(seed[["para_no", "kind", "qa_no"]], on="para_no")
    answers = para[para["kind"] == "answer"]
    # by reading: Q8 (frivolous lawsuits) is the most combative answer, Q5 (aid) warm
    by_qa = answers.groupby("qa_no")["score"].mean()
    assert by_qa[8] < 0 and by_qa[5] > 0 and by_qa[8] < by_qa[5]


def test_tone_tables_and_arc(seed):
    terms = terms_of(seed)
    paragraphs = S.paragraph_table(seed, terms=terms)
    assert set(paragraphs["para_no"]) == set(seed["para_no"])
    by_qa = S.tone_table(seed, paragraphs, by="qa_no", kinds=("answer",))
    assert list(by_qa["qa_no"]) == list(range(1, 13))
    assert list(by_qa["paragraphs"]) == [3, 8, 6, 4, 6, 4, 6, 3, 8, 5, 6, 4]  # hand counts, test_corpus
    arc = S.arc_table(seed, terms, level="paragraph")
    assert set(arc["kind"]) == {"statement", "question", "answer"} and len(arc) == 1 + 12 + 63
    assert list(arc["order"]) == list(range(len(arc)))
    assert len(S.arc_table(seed, terms, level="answer")) == 12
    assert len(S.arc_table(seed, terms, level="section")) == 12
    sentences = S.arc_table(seed, terms, level="sentence")
    assert len(sentences) > len(arc)
    with pytest.raises(ValueError):
        S.arc_table(seed, terms, level="word")


def test_highlight_marks_terms():
    seg = answer("美方抹黑中国，我们坚决反对。")
    html = S.highlight_html(terms_of(seg), "t", int(seg["para_no"].iloc[0]))
    assert 'title="抹黑: -2.00"' in html and "坚决反对 -2.00" in html and "score -" in html


def test_driver_terms():
    t = terms_of(answer("美方抹黑中国，又抹黑香港。我们支持合作。"))
    d = S.driver_table(t).set_index("term")
    assert d.loc["抹黑", "weight"] == pytest.approx(-4) and d.loc["抹黑", "count"] == 2
    assert d.loc["合作", "direction"] == "positive"
