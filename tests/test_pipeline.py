"""The pipeline: tables computed once, kept, read back equal; only what changed is rebuilt."""
from __future__ import annotations

import os
import shutil

import pandas as pd
import pytest

from analysis import countries, documents_table, pipeline, read_corpus, sentiment
from analysis.outlets import add_outlet_info
from analysis.tokens import tokenize
from analysis.units import add_units

from .conftest import SEED


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    a, b = a.reset_index(drop=True), b.reset_index(drop=True)
    assert list(a.columns) == list(b.columns)
    pd.testing.assert_frame_equal(a, b, check_dtype=False, check_exact=False, rtol=1e-12)


@pytest.fixture
def interim(tmp_path):
    return tmp_path / "interim"


def test_kept_tables_equal_the_tables_computed_directly(interim, tmp_path):
    second = tmp_path / "mfa_2020-06-01.txt"
    second.write_text("路透社记者：中美关系如何？\n赵立坚：中方愿同美方合作，但美方抹黑中国。\n", encoding="utf-8")
    manifest = pipeline.build([SEED, second], corpus_id="two", interim=interim, jobs=2)
    assert list(manifest["status"]) == ["ok", "ok"]
    kept = pipeline.load("two", interim=interim)
    seg = add_units(add_outlet_info(read_corpus([SEED, second])))
    tokens = tokenize(seg)
    terms = sentiment.term_table(seg, tokens)
    _same(kept.segments, seg)
    _same(kept.tokens, tokens.assign(sent_no=terms["sent_no"], clause_no=terms["clause_no"]))
    _same(kept.terms, terms.drop(columns=["general", "reported"]))  # calibration groups, not kept
    _same(kept.with_sentence_text()[list(sentiment.SENTENCE_COLUMNS)], sentiment.sentence_table(seg, terms))
    _same(kept.paragraphs, sentiment.paragraph_table(seg, terms))
    _same(kept.mentions, countries.add_sentences(countries.find_mentions(seg, tokens), terms))
    _same(kept.documents, documents_table(seg))


def test_an_unchanged_corpus_reads_no_file_and_a_changed_file_only_itself(interim, tmp_path, monkeypatch):
    folder = tmp_path / "c"
    folder.mkdir()
    for name, text in [("mfa_2020-06-01.txt", "问：有何评论？\n答：中方坚决反对。\n"),
                       ("mfa_2020-06-02.txt", "问：有何评论？\n答：中方欢迎合作。\n"),
                       ("empty.txt", "")]:
        (folder / name).write_text(text, encoding="utf-8")
    first = pipeline.build(folder, corpus_id="c", interim=interim)
    assert list(first["status"]) == ["skipped", "ok", "ok"] and "empty" in first.loc[0, "reason"]
    stamps = {t: pipeline.table_stamp("c", t, interim=interim).stat().st_mtime_ns for t in pipeline.TABLES}

    import analysis.transcript as transcript

    read = []
    original = transcript._read_one
    monkeypatch.setattr(transcript, "_read_one", lambda p, **kw: read.append(p.name) or original(p, **kw))
    again = pipeline.build(folder, corpus_id="c", interim=interim)
    assert read == [] and again.equals(first)
    assert {t: pipeline.table_stamp("c", t, interim=interim).stat().st_mtime_ns for t in pipeline.TABLES} == stamps

    (folder / "mfa_2020-06-02.txt").write_text("问：有何评论？\n答：中方欢迎合作，愿同各方共同努力。\n", encoding="utf-8")
    third = pipeline.build(folder, corpus_id="c", interim=interim)
    assert read == ["mfa_2020-06-02.txt"]
    assert third.loc[1, "part"] == first.loc[1, "part"]  # the other document kept where it was
    assert third.loc[2, "part"] != first.loc[2, "part"]
    assert len(list((interim / "c" / "parts").iterdir())) == 2  # the old part of the changed one is gone
    tables = pipeline.load("c", interim=interim)
    assert "愿同各方" in tables.segments["text"].str.cat()


def test_a_page_published_earlier_takes_the_plain_id(interim, tmp_path, pages_dir):
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(pages_dir / "zh_t1452273.html", folder)
    first = pipeline.build(folder, corpus_id="p", interim=interim)
    assert first["doc_id"].tolist() == ["mfa_2017-04-08_written"]
    shutil.copy(pages_dir / "zh_t1452272.html", folder)  # the same day's, published before it
    second = pipeline.build(folder, corpus_id="p", interim=interim)
    assert second.set_index("doc_id")["source"].map(os.path.basename).to_dict() == {
        "mfa_2017-04-08_written": "zh_t1452272.html", "mfa_2017-04-08_written_2": "zh_t1452273.html"}
    tables = pipeline.load("p", interim=interim)
    assert sorted(tables.segments["doc_id"].unique()) == ["mfa_2017-04-08_written", "mfa_2017-04-08_written_2"]
    moved = tables.documents.set_index("doc_id").loc["mfa_2017-04-08_written_2", "source"]
    assert moved.endswith("zh_t1452273.html")


def test_small_parts_are_merged_and_documents_stay_whole(interim, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "MAX_PARTS", 3)
    folder = tmp_path / "daily"
    folder.mkdir()
    for day in range(1, 7):  # one new briefing a day, one build a day
        (folder / f"mfa_2020-06-0{day}.txt").write_text(f"问：第{day}天？\n答：中方欢迎合作。\n", encoding="utf-8")
        manifest = pipeline.build(folder, corpus_id="d", interim=interim)
    assert manifest["part"].nunique() <= 3
    assert len(list((interim / "d" / "parts").iterdir())) == manifest["part"].nunique()
    tables = pipeline.load("d", interim=interim)
    assert tables.segments.groupby("doc_id").size().tolist() == [2] * 6
    assert list(tables.documents["doc_id"]) == [f"mfa_2020-06-0{d}" for d in range(1, 7)]


def test_one_transcript_loads_without_a_second_tokenization(interim):
    tables = pipeline.load_transcript(SEED, interim=interim)
    assert len(tables.segments) == 90 and (tables.segments["kind"] == "answer").sum() == 63
    assert set(tables.tokens["doc_id"]) == {"wangyi_2020-05-24_npc"}
    # a subset of a corpus by doc id
    assert pipeline.load(SEED.stem, doc_ids=["wangyi_2020-05-24_npc"], interim=interim).documents.shape[0] == 1
    with pytest.raises(KeyError):
        pipeline.load(SEED.stem, doc_ids=["nope"], interim=interim)


def test_tables_exported_as_csv_are_the_kept_ones(interim, tmp_path):
    from analysis.report import write_tables

    pipeline.build([SEED], corpus_id="seed", interim=interim)
    files = write_tables("seed", tmp_path / "csv", interim=interim)
    assert [p.name for p in files] == ["segments.csv", "tokens.csv", "sentences.csv", "paragraphs.csv",
                                       "mentions.csv", "documents.csv"]
    sentences = pd.read_csv(tmp_path / "csv" / "sentences.csv")
    assert sentences["text"].str.len().sum() > 0 and len(pd.read_csv(tmp_path / "csv" / "segments.csv")) == 90


def test_a_documents_digest_is_its_own_rows_whoever_shares_its_batch():
    rows = pd.DataFrame({"doc_id": ["b", "a", "b", "a"], "para_no": [0, 0, 1, 1], "text": ["x", "y", "z", "w"]})
    together = pipeline._digests({"segments": rows}, ["a", "b", "c"])
    alone_a = pipeline._digests({"segments": rows[rows["doc_id"] == "a"]}, ["a"])
    alone_b = pipeline._digests({"segments": rows[rows["doc_id"] == "b"]}, ["b"])
    assert together["a"] == alone_a["a"] and together["b"] == alone_b["b"]
    assert together["a"] != together["b"]
    assert together["c"] == pipeline._digests({"segments": rows.iloc[:0]}, ["c"])["c"]  # no rows: the empty digest
    swapped = rows.copy()
    swapped.loc[[1, 3], "text"] = ["w", "y"]  # a's paragraphs in the other order: a changed, b did not
    again = pipeline._digests({"segments": swapped}, ["a", "b"])
    assert again["a"] != together["a"] and again["b"] == together["b"]
