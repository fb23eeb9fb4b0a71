"""Corpus-scale benchmark: the pipeline's stages against bare jieba, same text, same run.

    make bench                   # or: python benchmarks/bench_pipeline.py [--chars N]

The corpus in data/raw is repeated (each copy a document of its own) until it
holds at least --chars characters (default 2.5 million). Each side runs in a
child process of its own so that its peak memory (max RSS) is its own:

- jieba: ``jieba.lcut`` on every paragraph, with the project's user dictionary
  added as the pipeline adds it (dictionary loaded before timing);
- pipeline: every stage the project runs per paragraph: tokens (with their
  filters, as a DataFrame), sentiment (terms, sentence and paragraph scores),
  country mentions; engines and lexicons loaded before timing.

It prints the seconds of each, the speed ratio (jieba seconds / pipeline
seconds; the goal is at least 1.0), each side's peak memory (goal: pipeline at
most 1 GB), and whether the pipeline's tokens are identical to jieba's.
Not a test: timings vary with the machine. Stages join as they are built.
"""
from __future__ import annotations

import argparse
import json
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis import read_corpus
from analysis.config import RAW_DIR


def corpus_text(min_chars: int) -> pd.DataFrame:
    base = read_corpus(RAW_DIR)
    size = int(base["n_chars"].sum())
    copies = -(-min_chars // size)
    frames = [base.assign(doc_id=base["doc_id"] + f"#{i}") for i in range(copies)]
    return pd.concat(frames, ignore_index=True)


def run_jieba(segments: pd.DataFrame, out: Path) -> dict:
    import logging

    import jieba

    from analysis.tokens import _user_freqs

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    for term, freq in _user_freqs():
        jieba.add_word(term, freq)
    texts = segments["text"].tolist()
    t0 = time.perf_counter()
    tokens = [jieba.lcut(t) for t in texts]
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.write_bytes(pickle.dumps(tokens))
    return {"seconds": seconds, "tokens": sum(map(len, tokens)), "max_rss_mb": peak}


def run_pipeline(segments: pd.DataFrame, out: Path) -> dict:
    from analysis import countries, sentiment
    from analysis.tokens import segmenter, tokenize

    # load the engine, the user dictionary and the lexicons before timing
    segmenter("rjieba")("预热")
    sentiment.term_table(segments.head(3))
    countries.find_mentions(segments.head(3))
    stages = {}
    t0 = time.perf_counter()
    tokens = tokenize(segments, progress=True)
    stages["tokens"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    terms = sentiment.term_table(segments, tokens=tokens)
    sentiment.score_sentences(segments, terms=terms)
    sentiment.score_paragraphs(segments, terms=terms)
    stages["sentiment"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    countries.find_mentions(segments, tokens=tokens)
    stages["countries"] = time.perf_counter() - t0
    seconds = sum(stages.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the identity check's copies
    lists = tokens.groupby(["doc_id", "para_no"], sort=False)["token"].agg(list)
    keys = list(zip(segments["doc_id"], segments["para_no"]))
    out.write_bytes(pickle.dumps([lists.get(k, []) for k in keys]))
    return {"seconds": seconds, "stages": stages, "tokens": len(tokens), "max_rss_mb": peak}


def child(side: str, data: Path, out: Path) -> None:
    segments = pd.read_pickle(data)
    result = (run_jieba if side == "jieba" else run_pipeline)(segments, out)
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=2_500_000)
    parser.add_argument("--child", choices=["jieba", "pipeline"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data, args.out)
        return
    segments = corpus_text(args.chars)
    n_chars = int(segments["n_chars"].sum())
    print(f"corpus: {n_chars:,} characters, {len(segments):,} paragraphs, "
          f"{segments['doc_id'].nunique():,} documents")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "segments.pkl"
        segments.to_pickle(data)
        for side in ("pipeline", "jieba"):
            out = Path(tmp) / f"{side}.pkl"
            proc = subprocess.run(
                [sys.executable, __file__, "--child", side, "--data", str(data), "--out", str(out)],
                check=True, stdout=subprocess.PIPE, text=True,
            )
            results[side] = json.loads(proc.stdout.strip().splitlines()[-1])
            results[side]["tokens_list"] = pickle.loads(out.read_bytes())
    identical = results["pipeline"].pop("tokens_list") == results["jieba"].pop("tokens_list")
    j, p = results["jieba"], results["pipeline"]
    ratio = j["seconds"] / p["seconds"]
    print(f"bare jieba.lcut : {j['seconds']:8.2f} s  {n_chars / j['seconds']:>12,.0f} chars/s  "
          f"peak {j['max_rss_mb']:,.0f} MB")
    for stage, s in p["stages"].items():
        print(f"  stage {stage:<10}: {s:8.2f} s")
    print(f"pipeline        : {p['seconds']:8.2f} s  {n_chars / p['seconds']:>12,.0f} chars/s  "
          f"peak {p['max_rss_mb']:,.0f} MB")
    print(f"speed ratio (jieba / pipeline): {ratio:.2f}  (goal >= 1.0)")
    print(f"pipeline peak memory: {p['max_rss_mb']:,.0f} MB  (goal <= 1024 MB)")
    print(f"tokens identical to jieba: {identical}")
    if not identical:
        sys.exit(1)


if __name__ == "__main__":
    main()
