"""English tokens: how fast each way of cutting the Ministry's English briefings runs.

    python benchmarks/bench_tokens_en.py prepare          # once: the paragraphs, to build/bench/
    python benchmarks/bench_tokens_en.py project          # what tokenize() runs for English
    farm-bench -n 5 -- .venv/bin/python benchmarks/bench_tokens_en.py project \\
        --vs '.venv/bin/python benchmarks/bench_tokens_en.py zh'

``prepare`` reads the regular briefings of ../shared/mfa/pages that have both a Chinese
and an English version (the twins) and keeps their paragraphs as JSON, so that each
mode times only its own work. The modes, each on the English paragraphs unless said:

- ``project``: :func:`analysis.english.tokenize_text` (spaCy's blank English tokenizer,
  names merged, simplemma's lemmas): what the pipeline runs;
- ``spacy``: spaCy's tokenizer alone (the floor of ``project``);
- ``nltk``: NLTK's Treebank word tokenizer (``NLTKWordTokenizer``, no data download)
  with simplemma's lemmas: the alternative already installed (it expects one sentence at
  a time, so a full stop inside a paragraph stays on its word: "China." is one token);
- ``zh``: the pipeline's Chinese engine (jieba-rs with the user terms) on the Chinese
  versions of the same briefings, for scale.

Each mode prints its paragraphs, characters, tokens and its own seconds (after loading);
for a claim, compare whole commands with farm-bench (start-up included).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "build" / "bench" / "twin_paragraphs.json"


def prepare() -> None:
    sys.path.insert(0, str(ROOT))
    from analysis import read_corpus
    from analysis.config import MFA_PAGES_DIR
    from analysis.documents import document_variables

    seg = read_corpus(MFA_PAGES_DIR, errors="skip", progress=False)
    docs = document_variables(seg)
    docs = docs[docs["genre"] == "briefing"]
    keyed = docs.groupby("date")["lang"].agg(lambda s: sorted(s) == ["en", "zh"])
    dates = set(keyed[keyed].index)
    twins = docs[docs["date"].isin(dates)]
    out = {lang: seg.loc[seg["doc_id"].isin(set(twins.loc[twins["lang"] == lang, "doc_id"])), "text"].tolist()
           for lang in ("en", "zh")}
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    print(f"{len(dates)} twin briefings: {len(out['en'])} English and {len(out['zh'])} Chinese paragraphs -> {CACHE}")


def run(mode: str) -> None:
    sys.path.insert(0, str(ROOT))
    paras = json.loads(CACHE.read_text(encoding="utf-8"))["zh" if mode == "zh" else "en"]
    if mode == "project":
        from analysis import english

        english.tokenize_text("Warm up the tokenizer, the names and the lemmatizer in Hong Kong.")

        def cut(text):
            return english.tokenize_text(text)
    elif mode == "spacy":
        import spacy

        tok = spacy.blank("en").tokenizer

        def cut(text):
            return [t.text for t in tok(text) if not t.is_space]
    elif mode == "nltk":
        import simplemma
        from nltk.tokenize import NLTKWordTokenizer

        tok = NLTKWordTokenizer()

        def cut(text):
            return [(text[a:b], simplemma.lemmatize(text[a:b], lang="en")) for a, b in tok.span_tokenize(text)]
    elif mode == "zh":
        from analysis.tokens import segmenter

        cut = segmenter("rjieba")
        cut("预热")
    else:
        raise SystemExit(f"unknown mode {mode!r}: prepare, project, spacy, nltk or zh")
    start = time.perf_counter()
    n = sum(len(cut(p)) for p in paras)
    seconds = time.perf_counter() - start
    chars = sum(map(len, paras))
    print(f"{mode}: {len(paras)} paragraphs, {chars:,} characters, {n:,} tokens in {seconds:.2f} s "
          f"({n / seconds:,.0f} tokens/s, {chars / seconds / 1e6:.2f} M characters/s)")


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "project"
    prepare() if mode == "prepare" else run(mode)
