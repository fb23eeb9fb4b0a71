"""The pipeline at corpus scale: speed and memory against bare jieba, on the same text.

    make bench                         # or: python benchmarks/bench_pipeline.py [--sizes 2.5e6 25e6]

The text is the Ministry's Chinese regular briefings in ../shared/mfa/pages (775
pages, about 2 million characters), read once and repeated (each copy a document
of its own) up to each size. For each size, three sides run on the same paragraphs,
each in a child process of its own so that its peak memory (max RSS) is its own:

- **jieba**: ``jieba.lcut`` on every paragraph, with the project's user dictionary
  added as the pipeline adds it (dictionary loaded before timing);
- **engine**: the segmentation engine the pipeline uses (jieba-rs through rjieba)
  on every paragraph, as a list of tokens per paragraph;
- **pipeline**: everything the project keeps per document (:func:`analysis.pipeline.compute`:
  tokens, tone terms, sentence and paragraph scores, country mentions with their
  sentences, documents; each document's tables written as Parquet), on every core
  in batches of documents, engines and lexicons loaded before timing.

Then the build of a corpus from its files (reading the pages included), as
``python -m analysis build`` runs it: the 775 briefings and 25 written answers
(800 documents) from clean, again unchanged, and with one briefing more.

Prints seconds and peak memory of each, the ratio jieba / pipeline, whether the
pipeline's tokens are jieba's, and each figure against the goals. Not a test:
timings vary with the machine (quote ratios).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis import documents_table, read_corpus
from analysis.config import MFA_PAGES_DIR, SHARED_ENV

GOALS = {"ratio": 3.0, "peak_small_mb": 450, "peak_large_mb": 1536, "linear": 11.0,
         "build_s": 60.0, "add_s": 5.0, "unchanged_s": 1.0}


def briefing_pages() -> pd.DataFrame:
    """The Chinese pages of the archive with their genre (from each page)."""
    segments = read_corpus(MFA_PAGES_DIR, errors="skip", progress=False)
    docs = documents_table(segments)
    return docs[docs["lang"] == "zh"][["doc_id", "genre", "source", "n_chars"]], segments


def corpus_text(segments: pd.DataFrame, briefings: list[str], min_chars: int) -> pd.DataFrame:
    base = segments[segments["doc_id"].isin(briefings)][["doc_id", "para_no", "kind", "speaker", "outlet", "qa_no",
                                                          "follow_up", "section_no", "section_title", "text",
                                                          "n_chars"]]
    copies = -(-min_chars // int(base["n_chars"].sum()))
    frames = [base.assign(doc_id=base["doc_id"] + (f"#{i}" if i else "")) for i in range(copies)]
    out = pd.concat(frames, ignore_index=True)
    # whole documents, up to the size asked for
    sizes = out.groupby("doc_id", sort=False)["n_chars"].sum()
    keep = sizes.index[sizes.cumsum().shift(fill_value=0) < min_chars]
    out = out[out["doc_id"].isin(keep)].reset_index(drop=True)
    out.attrs = {}
    return out


def _digest(token_lists) -> str:
    h = hashlib.sha1()
    for tokens in token_lists:
        h.update("\x00".join(tokens).encode())
        h.update(b"\x01")
    return h.hexdigest()


def run_jieba(segments: pd.DataFrame) -> dict:
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
    return {"seconds": seconds, "tokens": sum(map(len, tokens)), "digest": _digest(tokens)}


def run_engine(segments: pd.DataFrame) -> dict:
    from analysis.tokens import segmenter

    cut = segmenter("rjieba")
    cut("预热")
    texts = segments["text"].tolist()
    t0 = time.perf_counter()
    tokens = [cut(t) for t in texts]
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "tokens": sum(map(len, tokens))}


def run_pipeline(segments: pd.DataFrame) -> dict:
    import pyarrow.parquet as pq

    from analysis import pipeline
    from analysis.documents import attach_documents, document_variables

    segments = attach_documents(segments, document_variables(segments))
    pipeline._warm()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        parts = pipeline.compute(segments, out=tmp, progress=False)
        seconds = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the identity check's copies
        # the tokens as written, paragraph by paragraph, for the identity check
        lists = []
        for part in dict.fromkeys(parts.values()):
            tok = pq.read_table(Path(tmp) / part / "tokens.parquet", columns=["doc_id", "para_no", "token"]).to_pandas()
            lists.extend(tok.groupby(["doc_id", "para_no"], sort=False)["token"].agg(list).tolist())
        n_tokens = sum(map(len, lists))
        digest = _digest(lists)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "tokens": n_tokens, "digest": digest, "workers_max_rss_mb": workers,
            "max_rss_mb": peak}


def child(side: str, data: Path) -> None:
    segments = pd.read_parquet(data)
    result = {"jieba": run_jieba, "engine": run_engine, "pipeline": run_pipeline}[side](segments)
    result.setdefault("max_rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result))


def _median(runs: list[dict]) -> dict:
    """The run of median time, with the largest peak memory of all runs and their count."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    out = dict(ordered[len(ordered) // 2])
    for key in ("max_rss_mb", "workers_max_rss_mb"):
        if key in out:
            out[key] = max(r[key] for r in runs)
    out["runs"] = len(runs)
    out["all_seconds"] = [round(r["seconds"], 2) for r in runs]
    return out


def run_side(side: str, data: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", side, "--data", str(data)],
                          check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def build_runs(docs: pd.DataFrame) -> dict:
    """Clean build of 800 documents from their files, unchanged, one briefing added:
    each as the command a user (or make) runs, in a fresh process."""
    briefings = docs[docs["genre"] == "briefing"].sort_values("doc_id")
    written = docs[docs["genre"] == "written"].sort_values("doc_id")
    files = list(briefings["source"]) + list(written["source"].head(800 - len(briefings)))
    extra = written["source"].iloc[800 - len(briefings)]
    out = {"documents": len(files)}
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "files"
        listing.mkdir()
        for f in files:  # the corpus as a folder of links to the pages
            os.symlink(f, listing / Path(f).name)
        env = os.environ | {"ANALYSIS_INTERIM_DIR": str(Path(tmp) / "interim")}
        command = [sys.executable, "-m", "analysis", "build", str(listing), "--corpus-id", "bench"]

        def timed() -> tuple[float, float]:
            # through a fresh process whose only children are the build and its workers
            probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
                     "subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL); "
                     "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
            result = subprocess.run([sys.executable, "-c", probe, *command], check=True, env=env,
                                    stdout=subprocess.PIPE, text=True)
            seconds, peak = map(float, result.stdout.split())
            return seconds, peak

        out["clean_s"], out["clean_max_rss_mb"] = timed()
        out["unchanged_s"], _ = timed()
        os.symlink(extra, listing / Path(extra).name)
        out["added_s"], _ = timed()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[2.5e6, 25e6], help="characters")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side at the first size (median)")
    parser.add_argument("--no-build", action="store_true", help="skip the build from files")
    parser.add_argument("--child", choices=["jieba", "engine", "pipeline"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data)
        return
    if not MFA_PAGES_DIR.is_dir():
        sys.exit(f"make bench: the briefings are read from {MFA_PAGES_DIR}, which is absent "
                 f"(set {SHARED_ENV} to the shared folder)")
    docs, segments = briefing_pages()
    briefings = docs.loc[docs["genre"] == "briefing", "doc_id"].tolist()
    print(f"text: the {len(briefings)} Chinese regular briefings of {MFA_PAGES_DIR} "
          f"({int(docs.loc[docs['genre'] == 'briefing', 'n_chars'].sum()):,} characters), repeated\n")
    results = {}
    for size in args.sizes:
        text = corpus_text(segments, briefings, int(size))
        n_chars = int(text["n_chars"].sum())
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "segments.parquet"
            text.to_parquet(data)
            runs = {side: [] for side in ("jieba", "engine", "pipeline")}
            for _ in range(args.repeat if size == args.sizes[0] else 1):  # taken in turn, for a fair median
                for side in runs:
                    runs[side].append(run_side(side, data))
            sides = {side: _median(r) for side, r in runs.items()}
        results[size] = sides
        j, e, p = sides["jieba"], sides["engine"], sides["pipeline"]
        peak = max(p["max_rss_mb"], p["workers_max_rss_mb"])
        print(f"{n_chars:,} characters, {len(text):,} paragraphs, {text['doc_id'].nunique():,} documents")
        for name, r, mem in (("bare jieba.lcut", j, j["max_rss_mb"]), ("engine (jieba-rs)", e, e["max_rss_mb"]),
                             (f"pipeline, {os.cpu_count()} processes", p, peak)):
            print(f"  {name:<22} {r['seconds']:8.2f} s  {n_chars / r['seconds']:>12,.0f} chars/s  peak {mem:,.0f} MB"
                  + (f"   (median of {r['runs']}: {r['all_seconds']})" if r["runs"] > 1 else ""))
        print(f"  ratio jieba / pipeline: {j['seconds'] / p['seconds']:.2f}  (goal >= {GOALS['ratio']})")
        print(f"  tokens identical to jieba: {j['digest'] == p['digest']}  ({p['tokens']:,} tokens)\n")
    if len(args.sizes) >= 2:
        small, large = results[args.sizes[0]]["pipeline"], results[args.sizes[-1]]["pipeline"]
        factor = args.sizes[-1] / args.sizes[0]
        print(f"scaling: {args.sizes[-1]:,.0f} characters took {large['seconds'] / small['seconds']:.1f} times "
              f"the time of {args.sizes[0]:,.0f} ({factor:.0f} times the text; goal within {GOALS['linear']})\n")
    if not args.no_build:
        b = build_runs(docs)
        print(f"build from the pages ({b['documents']} documents, python -m analysis build):")
        print(f"  clean          {b['clean_s']:6.1f} s   (goal <= {GOALS['build_s']:.0f} s; peak {b['clean_max_rss_mb']:,.0f} MB)")
        print(f"  one more page  {b['added_s']:6.1f} s   (goal <= {GOALS['add_s']:.0f} s)")
        print(f"  unchanged      {b['unchanged_s']:6.1f} s   (make does not start it when nothing changed: "
              f"goal < {GOALS['unchanged_s']:.0f} s)")


if __name__ == "__main__":
    main()
