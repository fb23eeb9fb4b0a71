from __future__ import annotations

import pandas as pd

from analysis import add_outlet_info, read_corpus, read_outlets
from analysis.overview import origin_table, outlet_question_table, qa_table


def test_every_outlet_in_the_corpus_is_described(corpus_dir):
    corpus = read_corpus(corpus_dir)
    named = set(corpus.loc[corpus["kind"] == "question", "outlet"]) - {""}
    outlets = read_outlets()
    assert named <= set(outlets["outlet"]), named - set(outlets["outlet"])
    assert set(outlets["origin"]) == {"domestic", "foreign"}
    assert outlets["name_en"].ne("").all()
    # only the labels that name no single outlet lack a country or a kind (outlets.md)
    assert set(outlets.loc[outlets["country"] == "", "outlet"]) == {"外国"}
    assert set(outlets.loc[outlets["kind"] == "", "outlet"]) == {"外国", "英国独立电视台和英国广播公司", "ITN&BBC"}


def test_every_outlet_the_ministry_names_is_described(pages_dir):
    """The 2020 pages are the first to name the outlet that asks: every label in them,
    Chinese or English, has a row (so none is 'unknown')."""
    # the 2020 pages: page numbers from t1729222 (2020-01-02) on
    pages = [p for p in sorted(pages_dir.glob("*_t*.html")) if int(p.stem.split("_t")[1]) >= 1729222]
    seg = add_outlet_info(read_corpus(pages, errors="skip", progress=False))
    questions = seg[seg["kind"] == "question"]
    assert (questions["qa_outlet"] != "").sum() > 300
    assert set(questions.loc[questions["qa_origin"] == "unknown", "qa_outlet"]) == set()


def test_chinese_and_english_forms_agree():
    o = read_outlets().set_index("outlet")
    for zh, en in [("美国有线电视新闻网", "CNN"), ("日本广播协会", "NHK"), ("今日俄罗斯", "RIA Novosti"),
                   ("澎湃新闻", "The Paper"), ("总台央视", "CCTV"), ("人民日报", "People’s Daily")]:
        assert o.loc[zh, ["name_en", "country", "origin", "kind"]].equals(
            o.loc[en, ["name_en", "country", "origin", "kind"]]
        )


def test_seed_origins(seed):
    qa = qa_table(seed)
    # by hand: RIA (Q4), Reuters (Q6) and CNN (Q10) are foreign; the other nine Chinese
    assert list(qa.loc[qa["origin"] == "foreign", "qa_no"]) == [4, 6, 10]
    assert (qa["origin"] == "domestic").sum() == 9
    origins = origin_table(seed).set_index("origin")
    assert origins.loc["foreign", "questions"] == 3
    assert origins.loc["foreign", "answer_paragraphs"] == 4 + 4 + 5
    by_outlet = outlet_question_table(seed)
    assert by_outlet["questions"].sum() == 12 and len(by_outlet) == 12


def test_answers_carry_the_asking_outlet(seed):
    seg = add_outlet_info(seed)
    answers = seg[(seg["kind"] == "answer") & (seg["qa_no"] == 10)]
    assert set(answers["qa_outlet"]) == {"美国有线电视新闻网"}
    assert set(answers["qa_origin"]) == {"foreign"} and set(answers["qa_country"]) == {"US"}
    outside = seg[seg["qa_no"].isna()]
    assert set(outside["qa_origin"]) == {""}
    # existing columns unchanged
    pd.testing.assert_frame_equal(seg[list(seed.columns)], seed)


def test_unknown_and_unnamed_outlets():
    from analysis import parse_transcript

    seg = parse_transcript("某某电视台记者：问题？\n林剑：回答。\n问：问题二？\n林剑：回答二。\n", doc_id="t")
    qa = qa_table(seg)
    assert list(qa["origin"]) == ["unknown", "unnamed"]
    from analysis.labels import outlet_label

    # an outlet outlets.csv does not know is shown as printed; none named is "unnamed"
    assert [outlet_label(o, "en") for o in qa["outlet"]] == ["某某电视台", "Unnamed"]


def test_headlines_in_english_come_from_the_labels(seed):
    from analysis.labels import translate

    titles = qa_table(seed).set_index("qa_no")["section_title"]  # the table keeps the headline as printed
    assert titles[6] == "对香港未来应该更加充满信心"
    en = titles.map(lambda t: translate(t, "en"))
    assert en[6] == "There should be more confidence in Hong Kong's future"
    assert all(t and not any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in en)
