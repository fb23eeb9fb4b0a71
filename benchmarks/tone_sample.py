"""Draw the tone-labelling sample (issue 14) and write the readers' item files.

  python benchmarks/tone_sample.py

Chinese documents of the Ministry's 2016-2020 pages (../shared/mfa/pages, corpus id
``pages``), minus the three dates of the project's first labels (data/eval/tone_paragraphs.csv):
- briefings: 16 per year drawn at random (all of 2016's if fewer), 6 spoken paragraphs each
  (statement, question, answer), drawn at random within the document;
- written answers: 8 per year, every spoken paragraph, at most 4;
- statements: every statement document, every paragraph.
Documents are split in two halves, development and evaluation, at random within genre and
year; no document has paragraphs in both. And the seed transcript (data/raw), every spoken
paragraph, for evaluation only: it is the suite's default text and must never tune anything.

Each item lists the parties the paragraph names (the project's country mentions, China and
regions left out, at most three, most-named first) for the tone-toward-a-party label.
Written: data/eval/tone_items.csv (ids, checksums, no text) and build/eval/tone/batch_*.md
(the texts, for the readers; never committed).
"""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from analysis import pipeline
from analysis.config import EVAL_DIR, LEXICON_DIR, PROJ_ROOT, RAW_DIR

SEED = 20261214
ITEMS_CSV = EVAL_DIR / "tone_items.csv"
BATCH_DIR = PROJ_ROOT / "build" / "eval" / "tone"
FIRST_LABELS = ("mfa_2018-09-17", "mfa_2019-03-04", "mfa_2020-05-25")
SPOKEN = ("statement", "question", "answer")
PER_YEAR = {"briefing": 16, "written": 8}
PER_DOC = {"briefing": 6, "written": 4, "statement": 99}
BATCH_SIZE = 120


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def parties(mentions: pd.DataFrame) -> pd.Series:
    m = mentions[(mentions["country"] != "CN") & ~mentions["country"].str.startswith("REG:")]
    counts = m.groupby(["doc_id", "para_no", "country"]).size().reset_index(name="n")
    counts = counts.sort_values(["doc_id", "para_no", "n", "country"], ascending=[True, True, False, True])
    return counts.groupby(["doc_id", "para_no"])["country"].apply(lambda s: " ".join(s.head(3)))


def draw() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    t = pipeline.load("pages")
    docs = t.documents
    docs = docs[(docs["lang"] == "zh") & ~docs["date"].dt.strftime("mfa_%Y-%m-%d").isin(FIRST_LABELS)]
    docs = docs.assign(year=docs["date"].dt.year).sort_values("doc_id")
    seg = t.segments[t.segments["kind"].isin(SPOKEN)]
    chosen = []
    for (genre, year), group in docs.groupby(["genre", "year"]):
        ids = group["doc_id"].tolist()
        k = PER_YEAR.get(genre, len(ids))
        picked = sorted(rng.choice(ids, size=min(k, len(ids)), replace=False).tolist())
        half = rng.permutation(len(picked))
        for rank, doc in zip(half, picked):
            chosen.append((doc, genre, year, "development" if rank % 2 == 0 else "evaluation"))
    rows = []
    for doc, genre, year, split in chosen:
        paras = seg[seg["doc_id"] == doc].sort_values("para_no")
        n = min(PER_DOC[genre], len(paras))
        take = sorted(rng.choice(len(paras), size=n, replace=False).tolist())
        for r in paras.iloc[take].itertuples():
            rows.append({"doc_id": doc, "para_no": r.para_no, "genre": genre, "year": year, "kind": r.kind,
                         "split": split, "text_sha1": sha1(r.text)})
    items = pd.DataFrame(rows)
    items = items.merge(docs[["doc_id", "spokesperson_zh"]], on="doc_id", how="left")
    items["parties"] = parties(t.mentions).reindex(pd.MultiIndex.from_frame(items[["doc_id", "para_no"]])).fillna("").to_numpy()
    texts = t.segments.set_index(["doc_id", "para_no"])
    # the seed: every spoken paragraph, evaluation only
    seed = pipeline.load_transcript(RAW_DIR / "wangyi_2020-05-24_npc.txt")
    sseg = seed.segments[seed.segments["kind"].isin(SPOKEN)]
    seed_items = pd.DataFrame({"doc_id": sseg["doc_id"], "para_no": sseg["para_no"], "genre": "npc", "year": 2020,
                               "kind": sseg["kind"], "split": "evaluation", "text_sha1": sseg["text"].map(sha1),
                               "spokesperson_zh": "王毅"})
    seed_items["parties"] = parties(seed.mentions).reindex(
        pd.MultiIndex.from_frame(seed_items[["doc_id", "para_no"]])).fillna("").to_numpy()
    items = pd.concat([items, seed_items], ignore_index=True)
    # batches: documents in random order, a document's paragraphs together and in order
    order = {d: i for i, d in enumerate(rng.permutation(items["doc_id"].unique()))}
    items = items.assign(_o=items["doc_id"].map(order)).sort_values(["_o", "para_no"]).drop(columns="_o")
    items = items.reset_index(drop=True)
    items.insert(0, "item_id", range(1, len(items) + 1))
    n_batches = -(-len(items) // BATCH_SIZE)
    items["batch"] = items.index // -(-len(items) // n_batches) + 1
    all_texts = pd.concat([texts["text"], seed.segments.set_index(["doc_id", "para_no"])["text"]])
    all_seg = pd.concat([t.segments, seed.segments], ignore_index=True).set_index(["doc_id", "para_no"])
    gaz = pd.read_csv(LEXICON_DIR / "gazetteer.csv", keep_default_na=False)
    NAMES = dict(zip(gaz["code"], gaz["label_zh"] + " / " + gaz["label_en"]))
    BATCH_DIR.mkdir(parents=True, exist_ok=True)
    for b, group in items.groupby("batch"):
        lines = [f"# Tone items, batch {b} ({len(group)} paragraphs)\n"]
        for r in group.itertuples():
            text = all_texts[(r.doc_id, r.para_no)]
            lines.append(f"## item {r.item_id}\n")
            lines.append(f"document {r.doc_id} ({r.genre}), paragraph {r.para_no}, {r.kind}\n")
            if r.kind == "answer":
                qa = all_seg.loc[(r.doc_id, r.para_no), "qa_no"]
                doc = all_seg.loc[r.doc_id]
                q = doc[(doc["qa_no"] == qa) & (doc["kind"] == "question")]["text"]
                if len(q):
                    ctx = " ".join(q.tolist())
                    lines.append(f"context, the question: {ctx[:300]}{'…' if len(ctx) > 300 else ''}\n")
            lines.append(f"PARAGRAPH: {text}\n")
            named = " ; ".join(f"{c} {NAMES.get(c, c)}" for c in r.parties.split()) if r.parties else "(none)"
            lines.append(f"parties to rate: {named}\n")
        (BATCH_DIR / f"batch_{b}.md").write_text("\n".join(lines), encoding="utf-8")
    return items


def main() -> None:
    items = draw()
    items.to_csv(ITEMS_CSV, index=False)
    print(items.groupby(["split", "genre"]).agg(paragraphs=("item_id", "size"), documents=("doc_id", "nunique")))
    print(items["kind"].value_counts().to_string())
    print("pairs:", items["parties"].str.split().str.len().sum(), "batches:", items["batch"].max())


if __name__ == "__main__":
    main()
