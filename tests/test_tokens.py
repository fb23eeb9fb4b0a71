"""Tokens: identical to jieba, whole diplomatic terms, filters that never delete."""
from __future__ import annotations

import random

import pandas as pd
import pytest

from analysis import read_corpus
from analysis.tokens import content_tokens, read_user_terms, segmenter, tokenize


@pytest.fixture(scope="module")
def corpus(raw_dir):
    """The shared corpus where it is present (CI has it), else the seed alone."""
    from analysis.config import SHARED_CORPUS_DIR

    return read_corpus(SHARED_CORPUS_DIR if SHARED_CORPUS_DIR.is_dir() else raw_dir)


def test_fast_engine_is_identical_to_jieba_on_the_corpus(corpus):
    fast, ref = segmenter("rjieba"), segmenter("jieba")
    for text in corpus["text"]:
        assert fast(text) == ref(text), text[:30]


def test_fast_engine_is_identical_to_jieba_on_random_text(corpus):
    """Random strings of the corpus' characters mixed with Latin letters, digits and the
    symbols where the two engines' rules differ (COVID-19, 2.5%, c#, _.)."""
    fast, ref = segmenter("rjieba"), segmenter("jieba")
    alphabet = sorted(set("".join(corpus["text"]))) + list("abcXYZ0123456789-.+%'/:#&_ ，。、——……“”（）") * 3
    rng = random.Random(20200524)
    for _ in range(5000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        assert fast(s) == ref(s), s
    english = "the U.S. COVID-19 states. 2.5% c# C++ e-mail Mr. Wang's 9:30 a.m. 50-50 U.K.'s".split()
    for _ in range(2000):
        s = " ".join(rng.choice(english) for _ in range(rng.randint(1, 12)))
        assert fast(s) == ref(s), s
    assert fast("COVID-19疫情") == ["COVID", "-", "19", "疫情"]  # jieba's cut, not jieba-rs's


def test_tokens_rebuild_the_text_with_offsets(corpus, seed):
    tok = tokenize(seed)
    rebuilt = tok.groupby("para_no")["token"].agg("".join)
    assert (rebuilt == seed.set_index("para_no")["text"]).all()
    text = seed.set_index("para_no")["text"]
    sample = tok.sample(200, random_state=0)
    for row in sample.itertuples():
        assert text[row.para_no][row.start:row.end] == row.token
    assert (tok.groupby("para_no")["position"].apply(lambda p: list(p) == list(range(len(p))))).all()


def test_user_terms_stay_whole():
    cut = segmenter("rjieba")
    for term in read_user_terms()["term"]:
        assert term in cut(f"我们坚持{term}的立场。"), term
    assert "人类命运共同体" in cut("构建人类命运共同体")
    assert "九二共识" in cut("不承认两岸同属一个中国的“九二共识”")


def test_filters_flag_but_keep(seed):
    tok = tokenize(seed)
    flags = tok.drop_duplicates("token").set_index("token")
    assert flags.loc["的", "stop"] and flags.loc["我们", "stop"] and flags.loc["进行", "stop"]
    assert not flags.loc["合作", "stop"] and not flags.loc["中国", "stop"]
    assert flags.loc["，", "punct"] and flags.loc["。", "punct"] and not flags.loc["合作", "punct"]
    assert flags.loc["120", "numeric"] and flags.loc["2.5", "numeric"] and not flags.loc["中国", "numeric"]
    kept = content_tokens(tok)
    assert len(kept) < len(tok)
    assert "俄" in set(kept["token"])  # one-character words are words
    assert set(kept["token"]).isdisjoint({"的", "，", "120"})


def test_stopword_files_have_no_content_words():
    from analysis.tokens import stopwords

    for word in ("中国", "美国", "合作", "发展", "国家", "问题", "霸凌", "抹黑"):
        assert word not in stopwords()


# ---------------------------------------------------------------------------
# English documents: spaCy's tokenizer, simplemma's lemmas, names kept whole

ENGLISH = (
    "Zhao Lijian: The US side's so-called sanctions on Hong Kong's officials are interference. "
    "China firmly opposes it. We urge the United States to stop. Let us work together on the "
    "Belt and Road and in the South China Sea. The WHO and foreign media reported the talks Wang Yi held.\n"
)


def _english_segments():
    from analysis.transcript import parse_transcript

    return parse_transcript("Question: What is your comment?\n\n" + ENGLISH, doc_id="test_2020-05-25_en")


def test_english_tokens_point_at_their_text_and_skip_only_white_space():
    seg = _english_segments()
    tok = tokenize(seg)
    text = seg.set_index("para_no")["text"]
    for row in tok.itertuples():
        assert text[row.para_no][row.start:row.end] == row.token
    for para_no, para in tok.groupby("para_no"):
        # every character but white space is in exactly one token, in reading order
        assert "".join(para["token"]).replace(" ", "") == "".join(text[para_no].split())
        assert (para["start"].diff().dropna() > 0).all()


def test_english_names_are_whole_and_words_lemmatised():
    tok = tokenize(_english_segments())
    row = {t: r for t, r in zip(tok["token"], tok.itertuples())}
    for name in ("Hong Kong", "United States", "Belt and Road", "South China Sea", "Wang Yi"):
        assert name in row, name
        assert row[name].lemma == (name if name != "United States" else "US") and not row[name].stop
    assert row["Hong Kong"].norm == "hong kong"
    assert "Hong" not in row and "Kong" not in row
    assert row["sanctions"].lemma == "sanction" and row["opposes"].lemma == "oppose"
    assert row["reported"].lemma == "report"
    # case decides: the country is no stop word, the pronoun is
    assert row["US"].lemma == "US" and not row["US"].stop
    assert row["us"].stop and row["The"].stop and row["The"].norm == "the"
    assert row["WHO"].lemma == "WHO" and not row["WHO"].stop
    # listed lemmas (data/lexicons/en_lemmas.csv): media is no plural of medium
    assert row["media"].lemma == "media" and row["talks"].lemma == "talks"
    # kept content words of spaCy's stop list (stopwords_en_keep.txt)
    assert not row["side"].stop
    assert row["."].punct and not row["."].numeric


def test_each_document_is_read_in_its_language(seed):
    from analysis.documents import attach_documents, document_variables

    en = _english_segments()
    both = pd.concat([seed, en], ignore_index=True)
    both = attach_documents(both, pd.concat([document_variables(seed), document_variables(en)]))
    tok = tokenize(both)
    alone_zh, alone_en = tokenize(seed), tokenize(en)
    for alone in (alone_zh, alone_en):
        part = tok[tok["doc_id"] == alone["doc_id"].iloc[0]].reset_index(drop=True)
        pd.testing.assert_frame_equal(part, alone.reset_index(drop=True))
    # Chinese: the lemma and the norm are the token
    assert (alone_zh["lemma"] == alone_zh["token"]).all() and (alone_zh["norm"] == alone_zh["token"]).all()


def test_word_counts_count_lemmas():
    from analysis.words import frequency_table

    counts = frequency_table(tokenize(_english_segments())).set_index("term")["count"]
    assert counts["Hong Kong"] == 1 and "Hong" not in counts.index
    assert counts["sanction"] == 1 and "sanctions" not in counts.index
    assert "the" not in counts.index  # a stop word
