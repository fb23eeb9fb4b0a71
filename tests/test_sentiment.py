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
    assert w["抹黑"] == pytest.approx(-2 * S.calibration()["domain_neg"])
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
    # pooled: P = 1 (欢迎), N = 2 × the domain's weight against (抹黑): (P - N) / (P + N + k)
    n = 2 * S.calibration()["domain_neg"]
    assert para["score"] == pytest.approx((1 - n) / (1 + n + S.calibration()["smoothing"]))


def test_closing_quote_stays_with_its_sentence():
    seg = answer("他说：“我们欢迎。”随后离开。")
    sents = S.sentence_table(seg, terms_of(seg))
    assert list(sents["text"]) == ["他说：“我们欢迎。”", "随后离开。"]


def test_lexicons_are_data():
    lex = S.read_lexicon()
    assert lex["term"].is_unique
    assert lex.set_index("term").loc["抹黑", "source"] == "domain"
    assert (lex.loc[lex["source"] == "general", "polarity"].abs() == 1).all()  # weighed by calibration()
    cal = pd.read_csv(S.CALIBRATION)
    assert set(cal["name"]) == {"general_pos", "general_neg", "domain_neg", "reported", "smoothing"}
    assert cal["note"].str.len().min() > 20  # each value says how it was chosen
    # the first round's lexicon is the domain lexicon without the second round's rows
    first = S.read_lexicon(S.RULES - {"lexicon2"})
    assert "内政" not in set(first.loc[first["source"] == "domain", "term"]) and "内政" in set(lex["term"])
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
    w = -2 * S.calibration()["domain_neg"]  # both are −2 terms of the domain lexicon
    assert f'title="抹黑: {w:+.2f}"' in html and f"坚决反对 {w:+.2f}" in html and "score -" in html


def test_driver_terms():
    t = terms_of(answer("美方抹黑中国，又抹黑香港。我们支持合作。"))
    d = S.driver_table(t).set_index("term")
    assert d.loc["抹黑", "weight"] == pytest.approx(-4 * S.calibration()["domain_neg"]) and d.loc["抹黑", "count"] == 2
    assert d.loc["合作", "direction"] == "positive"


def question(text: str) -> pd.DataFrame:
    seg = parse_transcript(f"问：{text}\n答：好的。\n", doc_id="t")
    return seg[seg["kind"] == "question"]


def test_second_round_rules():
    # topic words carry no stance: condolences over a disaster are sympathy, not negative
    assert sentence("中方对地震遇难者表示哀悼。")["score"] > 0
    # a principle invoked to push back is not warm: 和平 and 稳定 do not count beside 敦促
    s = sentence("我们敦促美方停止干涉，维护地区和平稳定。")
    assert s["score"] < 0 and "和平" not in s["positive_terms"]
    assert sentence("双方维护地区和平稳定。")["score"] > 0  # without the pushback they count
    # a sentence that opens with 但是 discounts the sentences before it
    t = terms_of(answer("双方有合作。但是美方一再抹黑中国。")).set_index("token")["weight"]
    assert t["合作"] == pytest.approx(0.5 * terms_of(answer("双方有合作。")).set_index("token")["weight"]["合作"])
    # a journalist reporting an accusation is not accusing; the same words in an answer count
    q = question("据报道，美方指责中方抹黑。中方有何评论？")
    reported = S.term_table(q, tokenize(q)).set_index("token")
    said = terms_of(answer("据报道，美方指责中方抹黑。")).set_index("token")
    assert said.loc["抹黑", "weight"] < 0
    assert reported.loc["抹黑", "weight"] == pytest.approx(S.calibration()["reported"] * said.loc["抹黑", "weight"])
    # telling another party what to do is a demand, not praise: 希望澳方妥善处理 … 合作
    demand = terms_of(answer("希望澳方妥善处理有关问题，为双方交流合作创造良好条件。"))
    assert (demand["weight"] <= 0).all()
    assert terms_of(answer("中澳双方加强交流合作。"))["weight"].max() > 0
    # 不能 forbids: 你不能曲解 is a rebuke, not praise
    assert sentence("你不能曲解我的意思。")["score"] < 0
    # the reassurance 不称霸 is positive
    assert sentence("中国永远不称霸。")["score"] > 0


def test_rules_can_be_switched_off():
    seg = answer("我们敦促美方停止干涉，维护地区和平稳定。")
    tok = tokenize(seg)
    on = S.term_table(seg, tok).set_index("token")["weight"]
    off = S.term_table(seg, tok, rules=S.RULES - {"principle", "exhortation"}).set_index("token")["weight"]
    assert on["和平"] == 0 and off["和平"] > 0
    # either rule alone mutes it: 敦促 pushes back, and 敦促美方 tells the US what to do
    for rule in ("principle", "exhortation"):
        assert S.term_table(seg, tok, rules=S.RULES - {rule}).set_index("token")["weight"]["和平"] == 0
    plain = S.term_table(seg, tok, rules=frozenset())  # the baseline: the general lexicon alone
    assert set(plain.loc[plain["weight"] != 0, "term"]) <= set(S.read_lexicon(frozenset())["term"])


def test_party_tone_is_aimed():
    from analysis import countries

    seg = answer("中方高度赞赏巴基斯坦的支持。美方一再抹黑中国，我们坚决反对。中方一贯致力于和平发展。")
    tok = tokenize(seg)
    terms = S.term_table(seg, tok)
    party = S.party_tone_table(terms, countries.find_mentions(seg, tok)).set_index("country")
    # Pakistan is praised, the United States accused; China (the speaker) is never a party
    assert party.loc["PK", "score"] > 0 and party.loc["US", "score"] < 0 and "CN" not in party.index
    # the US sentence's terms only: 抹黑 and 坚决反对, not 赞赏 or 和平
    assert party.loc["US", "pos"] == 0 and party.loc["US", "terms"] == 2
    assert party.loc["PK", "neg"] == 0


# ---------------------------------------------------------------------------
# English: the same rules, with the English lexicons (issue 13)


def en_answer(text: str) -> pd.DataFrame:
    seg = parse_transcript(f"Q: What is your comment?\nA: {text}\n", doc_id="t_en")
    return seg[seg["kind"] == "answer"]


def en_sentence(text: str) -> pd.Series:
    seg = en_answer(text)
    return S.sentence_table(seg, terms_of(seg)).iloc[0]


def en_terms(text: str) -> dict[str, float]:
    t = terms_of(en_answer(text))
    t = t[t["term"] != ""]
    return dict(zip(t["term"], t["weight"]))


def test_english_domain_terms_and_their_weights():
    # 坚决反对 as the Ministry's English renders it: a protest term against, doubled by calibration
    w = en_terms("China firmly opposes the sanctions.")
    assert w["firmly oppose"] == pytest.approx(-2 * S.calibration()["domain_neg"])
    assert w["sanction"] < 0
    assert en_sentence("The US keeps smearing and stigmatizing China.")["score"] < -0.4
    assert en_sentence("Both sides pursue win-win cooperation and mutual respect.")["score"] > 0.4
    # a diplomatic term the tokenizer keeps whole is scored as a whole
    assert "win-win cooperation" in en_terms("Both sides pursue win-win cooperation.")
    # topic words of the genre count 0: the exchange rate is no exchange (交流), security no praise
    assert en_sentence("The RMB exchange rate is stable.")["positive_terms"] == "stable"
    assert en_terms("National security matters.").get("security", 0) == 0


def test_english_negation_and_prohibition():
    assert en_sentence("We do not support this.")["score"] < 0
    assert en_sentence("This is not friendly.")["score"] < 0
    # cannot, should not: a prohibition keeps a negative term negative (as 不能, 不应)
    assert en_sentence("You cannot distort the facts.")["score"] < 0
    assert en_sentence("The US should not undermine peace.")["score"] < 0.1
    # a negator inside a term is the term's: allow no interference is one protest, not praise
    w = en_terms("Hong Kong affairs allow no interference.")
    assert w["allow no"] < 0 and w["interference"] < 0
    # non-interference is a principle kept, not an interference
    assert en_terms("China upholds non-interference.")["interference"] > 0


def test_english_demands_and_reports():
    # a demand on another party: its positive words are the demand's content, not praise
    s = en_sentence("We urge the US side to create good conditions for cooperation.")
    assert s["positive_terms"] == "" and s["score"] < 0
    # in a question, a sentence that reports counts 0; the question itself counts
    seg = parse_transcript("Q: The US said China is bullying its neighbours. Is this a threat?\nA: No.\n",
                           doc_id="t_en")
    t = terms_of(seg)
    q = t[(t["para_no"] == 0) & (t["term"] != "")]
    assert set(q.loc[q["weight"] != 0, "term"]) == {"threat"}
    assert (q.loc[q["term"] == "bully", "weight"] == 0).all()  # reported: counts 0


def test_a_mixed_table_scores_each_language_as_if_alone(seed):
    from analysis.documents import attach_documents, document_variables

    en = en_answer("China firmly opposes the sanctions. We welcome dialogue.")
    both = pd.concat([seed, en], ignore_index=True)
    both = attach_documents(both, pd.concat([document_variables(seed), document_variables(en)]))
    mixed = terms_of(both)
    for alone in (terms_of(seed), terms_of(en)):
        part = mixed[mixed["doc_id"] == alone["doc_id"].iloc[0]].reset_index(drop=True)
        pd.testing.assert_frame_equal(part, alone.reset_index(drop=True))


def test_english_lexicons_are_data():
    domain = pd.read_csv(S.DOMAIN_LEXICON_EN)
    assert {"term", "polarity", "category", "zh", "evidence", "note"} <= set(domain.columns)
    assert not domain["term"].duplicated().any()
    assert domain["polarity"].between(-2, 2).all() and (domain["note"].str.len() > 0).all()
    # every category is one of the Chinese lexicon's: the same rules read them
    assert set(domain["category"]) <= set(pd.read_csv(S.DOMAIN_LEXICON)["category"])
    general = S.read_general_en()
    assert set(general["polarity"]) == {-1.0, 1.0} and general["term"].is_unique
    assert general.set_index("term").loc["good", "polarity"] == 1 and \
        general.set_index("term").loc["terrible", "polarity"] == -1
