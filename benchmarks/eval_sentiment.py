"""Tone scorer against the project's first hand labels (make eval; the second round,
in every genre and larger, is benchmarks/eval_tone.py).

Gold: the mean of two independent annotators' labels (-2 ... +2, data/eval/) on
every paragraph of the five Chinese Ministry briefings of the shared corpus
(../shared/corpus/; never the seed). data/eval/ keeps only each paragraph's
doc_id, para_no and a checksum of its text; the text is read from the shared
folder and checked against the checksum before anything is scored. The labels are split by document: a development half, on which the
scorer's two constants were chosen, and a held-out half, used for nothing but
this report. Prints Spearman's rho of the scorer and, in the same run, of
SnowNLP (a baseline trained on shopping reviews), on each half and on all.
"""
from __future__ import annotations

import hashlib
import sys

import pandas as pd
from scipy.stats import spearmanr

from analysis import read_corpus
from analysis.config import EVAL_DIR as EVAL
from analysis.config import SHARED_CORPUS_DIR, SHARED_ENV
from analysis.sentiment import paragraph_table, term_table
from analysis.tokens import tokenize

DEV_DOCS = ("mfa_2018-09-17", "mfa_2019-03-04", "mfa_2026-08-05_written")


def gold_labels() -> pd.DataFrame:
    paragraphs = pd.read_csv(EVAL / "tone_paragraphs.csv")
    a = pd.read_csv(EVAL / "tone_labels_a.csv")
    b = pd.read_csv(EVAL / "tone_labels_b.csv")
    keys = ["doc_id", "para_no"]
    if not (paragraphs[keys].equals(a[keys]) and paragraphs[keys].equals(b[keys])):
        raise SystemExit("the label files do not list the same paragraphs in the same order")
    return paragraphs.assign(label_a=a["label"], label_b=b["label"], gold=(a["label"] + b["label"]) / 2)


def main() -> None:
    from snownlp import SnowNLP

    gold = gold_labels()
    if not SHARED_CORPUS_DIR.is_dir():
        sys.exit(f"make eval: the labelled transcripts are read from {SHARED_CORPUS_DIR}, which is absent "
                 f"(set {SHARED_ENV} to the shared folder)")
    segments = read_corpus([SHARED_CORPUS_DIR / f"{d}.txt" for d in sorted(gold["doc_id"].unique())])
    texts = segments.set_index(["doc_id", "para_no"])["text"]
    changed = [(d, p) for d, p, h in zip(gold["doc_id"], gold["para_no"], gold["text_sha1"])
               if (d, p) not in texts.index or hashlib.sha1(texts[(d, p)].encode("utf-8")).hexdigest()[:12] != h]
    if changed:
        sys.exit(f"make eval: {len(changed)} labelled paragraphs no longer match their text "
                 f"(the transcripts or the parser changed), first {changed[0]}")
    table = gold.merge(paragraph_table(segments, term_table(segments, tokenize(segments))),
                       on=["doc_id", "para_no"], how="left")
    if table["score"].isna().any():
        raise SystemExit("some labelled paragraphs were not scored: the transcripts changed?")
    table["snownlp"] = [SnowNLP(texts[(d, p)]).sentiments for d, p in zip(table["doc_id"], table["para_no"])]
    dev = table["doc_id"].isin(DEV_DOCS)
    rows = []
    for name, mask in (("development", dev), ("held out", ~dev), ("all", dev | ~dev)):
        part = table[mask]
        rows.append({
            "labels": name,
            "paragraphs": len(part),
            "rho_scorer": spearmanr(part["gold"], part["score"]).statistic,
            "rho_snownlp": spearmanr(part["gold"], part["snownlp"]).statistic,
            "rho_annotators": spearmanr(part["label_a"], part["label_b"]).statistic,
        })
    print(pd.DataFrame(rows).round(3).to_string(index=False))
    print("\nThe first round's labels (94 paragraphs of five briefings), scored by the current scorer. The first "
          "round tuned two constants on the development half; the second round read the errors of neither half. "
          "The measurement is the second round's evaluation half (benchmarks/eval_tone.py, above).")


if __name__ == "__main__":
    main()
