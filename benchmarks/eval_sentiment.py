"""Tone scorer against the project's hand labels (make eval).

Gold: the mean of two independent annotators' labels (-2 ... +2, data/eval/) on
every paragraph of the five Chinese Ministry briefings in data/raw/ (never the
seed). The labels are split by document: a development half, on which the
scorer's two constants were chosen, and a held-out half, used for nothing but
this report. Prints Spearman's rho of the scorer and, in the same run, of
SnowNLP (a baseline trained on shopping reviews), on each half and on all.
"""
from __future__ import annotations

import pandas as pd
from scipy.stats import spearmanr

from analysis import read_corpus
from analysis.config import DATA_DIR, RAW_DIR
from analysis.sentiment import score_paragraphs

EVAL = DATA_DIR / "eval"
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
    segments = read_corpus([RAW_DIR / f"{d}.txt" for d in sorted(gold["doc_id"].unique())])
    texts = segments.set_index(["doc_id", "para_no"])["text"]
    table = gold.merge(score_paragraphs(segments), on=["doc_id", "para_no"], how="left")
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
    print("\nGoal: rho_scorer >= 0.80 at paragraph level. The development half was used to choose "
          "GENERAL_WEIGHT and SMOOTHING (analysis/sentiment.py); the held-out half was not.")


if __name__ == "__main__":
    main()
