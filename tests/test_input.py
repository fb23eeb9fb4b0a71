"""Encodings give the same table; bad input gives a clear TranscriptError; data/raw is never written."""
from __future__ import annotations

import hashlib
import random

import pandas as pd
import pytest

from analysis import TranscriptError, read_corpus, read_transcript

from analysis.config import SHARED_CORPUS_DIR

from .conftest import SEED


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
        pytest.param(lambda t: t.encode("gbk"), id="gbk"),
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), id="utf-8-bom"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("gb18030"), id="gb18030-crlf"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16"),
    ],
)
def test_encodings_give_the_same_table(tmp_path, seed, seed_text, encode):
    path = tmp_path / f"{SEED.stem}.txt"
    path.write_bytes(encode(seed_text))
    assert path.read_bytes() != SEED.read_bytes()
    pd.testing.assert_frame_equal(read_transcript(path), seed)


def test_gb18030_briefing(tmp_path, corpus_dir):
    src = corpus_dir / "mfa_2020-05-25.txt"
    path = tmp_path / src.name
    path.write_bytes(src.read_text(encoding="utf-8").encode("gb18030"))
    pd.testing.assert_frame_equal(read_transcript(path), read_transcript(src))


def _check_error(path, *words):
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    message = str(info.value)
    assert str(path) in message
    for w in words:
        assert w in message
    assert "\n" not in message


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    _check_error(p, "empty")
    p.write_text("  \n\u3000\n\n", encoding="utf-8")
    _check_error(p, "empty")


def test_binary_file(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    _check_error(p, "binary")
    q = tmp_path / "noise.txt"
    q.write_bytes(random.Random(0).randbytes(4096))
    with pytest.raises(TranscriptError) as info:
        read_transcript(q)
    assert str(q) in str(info.value)


def test_text_without_questions_and_answers(tmp_path):
    p = tmp_path / "essay.txt"
    p.write_text("这是一篇普通的文章。\n它没有提问，也没有回答。\n", encoding="utf-8")
    _check_error(p, "no recognisable questions and answers")


def test_missing_file_and_folder(tmp_path):
    _check_error(tmp_path / "nope.txt", "no such file")
    _check_error(tmp_path, "folder")
    with pytest.raises(TranscriptError) as info:
        read_corpus(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_duplicate_doc_ids_in_a_corpus(tmp_path, corpus_dir):
    (tmp_path / "a").mkdir()
    copy = tmp_path / "a" / "mfa_2019-03-04.txt"
    copy.write_bytes((corpus_dir / "mfa_2019-03-04.txt").read_bytes())
    with pytest.raises(TranscriptError, match="same doc_id"):
        read_corpus([corpus_dir / "mfa_2019-03-04.txt", copy])
    # skipping: the first file is read, the second listed with its reason
    seg = read_corpus([corpus_dir / "mfa_2019-03-04.txt", copy], errors="skip")
    assert seg["doc_id"].unique().tolist() == ["mfa_2019-03-04"]
    assert [(p, "same doc_id" in why) for p, why in seg.attrs["skipped"]] == [(str(copy), True)]


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_raw_data_is_never_written(raw_dir, tmp_path, proj_root):
    before = _digest(raw_dir)
    read_corpus(raw_dir)
    from analysis.__main__ import main

    assert main(["segments", str(raw_dir), "-o", str(tmp_path / "s.csv")]) == 0
    assert main(["segments", str(SEED), "-o", str(raw_dir / "x.csv")]) == 2
    assert _digest(raw_dir) == before
    shared = SHARED_CORPUS_DIR
    if shared.is_dir():  # the seed as received, byte for byte
        for name, digest in before.items():
            assert hashlib.sha256((shared / name).read_bytes()).hexdigest() == digest
