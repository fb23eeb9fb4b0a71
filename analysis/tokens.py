"""Tokens: one row per word, with jieba's segmentation as the reference.

The engine is hidden behind :func:`tokenize`. The default, ``rjieba`` (jieba-rs,
a Rust port of jieba), gives the same tokens as ``jieba.lcut`` (HMM on, same
dictionary, same user terms) many times faster. The two differ only where the
symbols ``+ # & . _ % -`` touch letters, digits or each other (jieba-rs keeps
``COVID-19`` whole, jieba cuts it in three; jieba keeps ``%-`` together): such
rare paragraphs go to jieba itself, so the output is jieba's by construction.
``tests/test_tokens.py`` checks the identity on the corpus and on random text.

Stop words are a filter, never a deletion: every token stays in the table and
the ``stop``, ``punct`` and ``numeric`` columns say what to leave out.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Callable, Literal

import pandas as pd

from .config import LEXICON_DIR

Engine = Literal["rjieba", "jieba"]
ENGINES: tuple[Engine, ...] = ("rjieba", "jieba")
USER_TERMS_CSV = LEXICON_DIR / "diplomatic_terms.csv"
PROJECT_STOPWORDS = LEXICON_DIR / "stopwords_project.txt"
TOKEN_COLUMNS = ("doc_id", "para_no", "position", "start", "end", "token", "stop", "punct", "numeric")

# Where jieba-rs and jieba may disagree: one of jieba's in-word symbols next to a
# letter, a digit or another such symbol.
_SYMBOL_RUN = re.compile(r"[+#&._%\-](?=[A-Za-z0-9+#&._%\-])|(?<=[A-Za-z0-9+#&._%\-])[+#&._%\-]")
_WORDLIKE = re.compile(r"[\w\u3400-\u9fff]")
_NUMERIC = re.compile(r"[0-9０-９.,%％]+|[零〇一二三四五六七八九十百千万亿]+")


@lru_cache(maxsize=1)
def read_user_terms() -> pd.DataFrame:
    """The diplomatic user dictionary: term, en, note, source."""
    table = pd.read_csv(USER_TERMS_CSV, dtype=str, keep_default_na=False)
    dupes = table["term"][table["term"].duplicated()]
    if len(dupes):
        raise ValueError(f"{USER_TERMS_CSV}: term listed twice: {', '.join(dupes)}")
    return table


@lru_cache(maxsize=1)
def _user_freqs() -> tuple[tuple[str, int], ...]:
    """Each user term with the frequency that keeps it whole, suggested by
    jieba-rs on the default dictionary and given to both engines alike."""
    import rjieba

    probe = rjieba.Jieba()
    out = []
    for term in read_user_terms()["term"]:
        freq = probe.suggest_freq(term)
        probe.add_word(term, freq, None)
        out.append((term, freq))
    return tuple(out)


@lru_cache(maxsize=2)
def segmenter(engine: Engine = "rjieba") -> Callable[[str], list[str]]:
    """A function from text to the list of its tokens (jieba's segmentation)."""
    if engine == "rjieba":
        import rjieba

        seg = rjieba.Jieba()
        for term, freq in _user_freqs():
            seg.add_word(term, freq, None)

        def cut(text: str) -> list[str]:
            if _SYMBOL_RUN.search(text):
                return segmenter("jieba")(text)
            return seg.cut(text)

        return cut
    if engine == "jieba":
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.initialize()
        for term, freq in _user_freqs():
            tok.add_word(term, freq)
        return tok.lcut
    raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Stop words: the Chinese and English lists of stopwords-iso (a maintained
    collection, MIT licence) plus the project's own list, each documented in
    ``data/lexicons/stopwords_project.txt``."""
    import stopwordsiso

    words = set(stopwordsiso.stopwords("zh")) | set(stopwordsiso.stopwords("en"))
    for line in PROJECT_STOPWORDS.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return frozenset(words)


def tokenize(
    segments: pd.DataFrame,
    *,
    engine: Engine = "rjieba",
    progress: bool = False,
) -> pd.DataFrame:
    """One row per token of each paragraph's ``text``, in reading order.

    Columns: doc_id, para_no, position (0-based within the paragraph), start
    and end (character offsets in ``text``), token, and three filters: ``stop``
    (a stop word), ``punct`` (punctuation or white space), ``numeric`` (a
    number). Join back to the segments on (doc_id, para_no).
    """
    cut = segmenter(engine)
    stops = stopwords()
    texts = segments["text"].tolist()
    if progress:
        from tqdm.auto import tqdm

        texts = tqdm(texts, desc="tokens", unit="para")
    doc_ids, para_nos, positions, starts, tokens = [], [], [], [], []
    for doc_id, para_no, text in zip(segments["doc_id"], segments["para_no"], texts):
        pos = 0
        words = cut(text)
        n = len(words)
        doc_ids.extend([doc_id] * n)
        para_nos.extend([para_no] * n)
        positions.extend(range(n))
        for w in words:
            starts.append(pos)
            pos += len(w)
        tokens.extend(words)
    table = pd.DataFrame(
        {
            "doc_id": doc_ids,
            "para_no": pd.array(para_nos, dtype="int64"),
            "position": pd.array(positions, dtype="int64"),
            "start": pd.array(starts, dtype="int64"),
            "token": tokens,
        }
    )
    table.insert(4, "end", table["start"] + table["token"].str.len())
    # Flags are computed once per distinct token, then mapped.
    vocab = pd.Series(pd.unique(table["token"]))
    flags = pd.DataFrame(
        {
            "stop": vocab.str.lower().isin(stops).to_numpy(),
            "punct": (~vocab.str.contains(_WORDLIKE)).to_numpy(),
            "numeric": vocab.str.fullmatch(_NUMERIC).fillna(False).to_numpy(),
        },
        index=vocab,
    )
    for col in ("stop", "punct", "numeric"):
        table[col] = table["token"].map(flags[col]).astype(bool)
    return table[list(TOKEN_COLUMNS)]


def content_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """The tokens a frequency count keeps: not stop words, punctuation or numbers."""
    return tokens[~(tokens["stop"] | tokens["punct"] | tokens["numeric"])]


def add_segment_info(tokens: pd.DataFrame, segments: pd.DataFrame, columns=None) -> pd.DataFrame:
    """Tokens with columns of their paragraph (kind, speaker, outlet, qa_no, section, ...)."""
    columns = [c for c in (columns or segments.columns) if c not in tokens.columns or c in ("doc_id", "para_no")]
    keys = ["doc_id", "para_no"]
    extra = segments[list(dict.fromkeys(keys + columns))]
    return tokens.merge(extra, on=keys, how="left", validate="many_to_one")
