"""`python -m analysis` writes tables and fails with one line and exit code 2."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd

from .conftest import SEED


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        capture_output=True, text=True, cwd=cwd,
    )


def test_segments_to_csv_and_parquet(tmp_path, seed):
    r = run("segments", SEED, "-o", tmp_path / "s.csv")
    assert r.returncode == 0, r.stderr
    csv = pd.read_csv(tmp_path / "s.csv", keep_default_na=False)
    assert len(csv) == 90
    assert list(csv.columns) == list(seed.columns)
    assert (csv["kind"] == "answer").sum() == 63
    r = run("segments", SEED, "-o", tmp_path / "s.parquet")
    assert r.returncode == 0, r.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "s.parquet"), seed, check_dtype=False)


def test_segments_to_stdout_and_documents(corpus_dir):
    r = run("segments", corpus_dir / "mfa_2026-08-05_written.txt")
    assert r.returncode == 0
    assert r.stdout.splitlines()[0].startswith("doc_id,para_no,kind,speaker,outlet,qa_no")
    assert len(r.stdout.splitlines()) == 1 + 5
    r = run("documents", corpus_dir)
    assert r.returncode == 0
    assert len(r.stdout.splitlines()) == 1 + 8


def test_a_corpus_skips_bad_files_and_lists_them(corpus_dir, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "mfa_2019-03-04.txt").write_bytes((corpus_dir / "mfa_2019-03-04.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "listing.html").write_text(
        "<html><head><title>发言人表态</title></head><body>"
        + "".join(f'<a href="./t{1416912 + i}.shtml">x</a>' for i in range(12)) + "</body></html>",
        encoding="utf-8")
    r = run("documents", folder)
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 1 + 1  # the one briefing
    assert "skipped 2 of 3 files" in r.stderr
    lines = r.stderr.strip().splitlines()
    assert any(str(folder / "empty.txt") in line and "empty" in line for line in lines)
    assert any(str(folder / "listing.html") in line and "listing page" in line for line in lines)
    assert "Traceback" not in r.stderr


def test_bad_input_exits_2_with_one_line(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for path, problem in [(empty, "empty"), (tmp_path / "missing.txt", "no such file")]:
        r = run("segments", path)
        assert r.returncode == 2
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in r.stderr
        assert str(path) in lines[0] and problem in lines[0]
        assert r.stdout == ""


def test_bad_output_exits_2(tmp_path):
    r = run("segments", SEED, "-o", tmp_path / "s.xlsx")
    assert r.returncode == 2 and ".csv or .parquet" in r.stderr
    assert not (tmp_path / "s.xlsx").exists()


def test_usage_error_exits_2():
    r = run("segments")
    assert r.returncode == 2 and "usage" in r.stderr
