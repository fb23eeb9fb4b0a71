"""Tokens: one row per word, with jieba's segmentation as the reference.

The engine is hidden behind :func:`tokenize`. The default, ``rjieba`` (jieba-rs,
a Rust port of jieba), gives the same tokens as ``jieba.lcut`` (HMM on, same
dictionary, same user terms) many times faster. The two differ only where the
symbols ``+ # & . _ % -`` stand inside runs of letters and digits or next to
each other (jieba-rs keeps ``COVID-19`` whole, jieba cuts it in three; jieba
keeps ``%-`` together): such paragraphs (about one in eight in the corpus) go
to jieba itself, so the output is jieba's by construction.
``tests/test_tokens.py`` checks the identity on the corpus and on random text.

Stop words are a filter, never a deletion: every token stays in the table and
the ``stop``, ``punct`` and ``numeric`` columns say what to leave out.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Callable, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .config import LEXICON_DIR

Engine = Literal["rjieba", "jieba"]
ENGINES: tuple[Engine, ...] = ("rjieba", "jieba")
USER_TERMS_CSV = LEXICON_DIR / "diplomatic_terms.csv"
PROJECT_STOPWORDS = LEXICON_DIR / "stopwords_project.txt"
TOKEN_COLUMNS = ("doc_id", "para_no", "position", "start", "end", "token", "stop", "punct", "numeric")

# Where jieba-rs and jieba may disagree: one of jieba's in-word symbols between two
# letters, digits or such symbols (COVID-19, 2.5, U.S), two such symbols in a row
# (%-, _.), or # after a letter (C#, a dictionary word in jieba). Found by comparing
# the two on random text; a sentence-final "states." is not such a place.
_IN = r"[A-Za-z0-9+#&._%\-]"
_SYM = r"[+#&._%\-]"
_SYMBOL_RUN = re.compile(rf"{_IN}{_SYM}{_IN}|{_SYM}{_SYM}|[A-Za-z]#")
# jieba's first split (jieba.re_han_default): it segments each such block on its own.
_JIEBA_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_STR = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default "str", backed by Arrow
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


@lru_cache(maxsize=65536)
def _jieba_block(block: str) -> tuple[str, ...]:
    """jieba's tokens for one short block (such blocks, U.S. or COVID-19, recur)."""
    return tuple(segmenter("jieba")(block))


@lru_cache(maxsize=1)
def _rjieba():
    """jieba-rs with jieba's dictionary and the user terms."""
    import rjieba

    seg = rjieba.Jieba()
    for term, freq in _user_freqs():
        seg.add_word(term, freq, None)
    return seg


@lru_cache(maxsize=65536)
def in_dictionary(word: str) -> bool:
    """Whether ``word`` is a word of the segmenter's dictionary (jieba's, with the
    user terms): a token that is not was joined by jieba's HMM from characters
    the dictionary leaves apart (如涉 in 如涉港)."""
    return bool(_rjieba().has_word(word))


@lru_cache(maxsize=None)
def segmenter(engine: Engine = "rjieba") -> Callable[[str], list[str]]:
    """A function from text to the list of its tokens (jieba's segmentation)."""
    if engine == "rjieba":
        seg = _rjieba()

        def cut(text: str) -> list[str]:
            if not _SYMBOL_RUN.search(text):
                return seg.cut(text)
            # jieba segments block by block: only the blocks with such a symbol run
            # (and the white space and punctuation between blocks) need jieba itself.
            out: list[str] = []
            for block in _JIEBA_BLOCK.split(text):
                if block:
                    fast = _JIEBA_BLOCK.fullmatch(block) and not _SYMBOL_RUN.search(block)
                    out.extend(seg.cut(block) if fast else _jieba_block(block))
            return out

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

    Columns: doc_id, para_no, position (0-based within the
    paragraph), start and end (character offsets in ``text``), token, and three
    filters: ``stop`` (a stop word), ``punct`` (punctuation or white space),
    ``numeric`` (a number). Join back to the segments on (doc_id, para_no).

    The table is built from the engine's output in Arrow: the tokens become one
    Arrow string array, dictionary-encoded once, and every per-token property
    is computed once per distinct token.
    """
    cut = segmenter(engine)
    texts = segments["text"].tolist()
    if progress:
        from tqdm.auto import tqdm

        texts = tqdm(texts, desc="tokens", unit="para")
    tokens: list[str] = []
    extend = tokens.extend
    counts = np.empty(len(segments), dtype=np.int64)
    for i, text in enumerate(texts):
        words = cut(text)
        counts[i] = len(words)
        extend(words)
    array = pa.array(tokens, type=pa.string())
    del tokens
    encoded = pc.dictionary_encode(array)
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    vocab = encoded.dictionary.to_pylist()
    lengths = pc.utf8_length(encoded.dictionary).to_numpy(zero_copy_only=False).astype(np.int32)[codes]
    # positions and character offsets, computed per paragraph without a Python loop
    para_index = np.repeat(np.arange(len(counts)), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    ends = np.cumsum(lengths, dtype=np.int64)
    para_start = np.repeat(np.concatenate([[0], ends])[np.cumsum(counts) - counts], counts)
    doc_codes, doc_ids = pd.factorize(segments["doc_id"])
    doc_column = pa.DictionaryArray.from_arrays(
        pa.array(doc_codes[para_index].astype(np.int32)), pa.array(doc_ids.astype(str).tolist(), type=pa.string())
    ).cast(pa.string())
    table = pd.DataFrame(
        {
            "doc_id": pd.array(doc_column, dtype=_STR),
            "para_no": segments["para_no"].to_numpy(dtype=np.int64)[para_index],
            "position": (np.arange(len(codes), dtype=np.int64) - first).astype(np.int32),
            "start": (ends - lengths - para_start).astype(np.int32),
            "end": (ends - para_start).astype(np.int32),
            "token": pd.array(array, dtype=_STR),
        }
    )
    # Flags are computed once per distinct token (and cached), then spread by the token codes.
    flags = np.array([_filters(w) for w in vocab], dtype=bool).reshape(-1, 3)[codes]
    table["stop"], table["punct"], table["numeric"] = flags[:, 0], flags[:, 1], flags[:, 2]
    return table[list(TOKEN_COLUMNS)]


@lru_cache(maxsize=None)
def _filters(token: str) -> tuple[bool, bool, bool]:
    """A token's filters: a stop word, punctuation or white space, a number."""
    return (token.lower() in stopwords(), _WORDLIKE.search(token) is None, _NUMERIC.fullmatch(token) is not None)


def token_codes(tokens: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """The token column as integer codes into its distinct tokens (vocabulary):
    per-token properties are then computed once per distinct token."""
    column = tokens["token"]
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(np.int64), [str(c) for c in column.cat.categories]
    data = getattr(column.array, "_pa_array", None)
    if data is None:
        data = pa.chunked_array([pa.array(column.astype(str).tolist(), type=pa.string())])
    encoded = pc.dictionary_encode(data).combine_chunks() if data.num_chunks != 1 else pc.dictionary_encode(data.chunk(0))
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.chunk(0)
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), encoded.dictionary.to_pylist()


def doc_codes(column: pd.Series, docs: pd.Index) -> np.ndarray:
    """Each row's position of its doc id in ``docs`` (-1 if absent), found for the few
    distinct ids rather than for every row."""
    codes, uniques = pd.factorize(column)
    found = docs.get_indexer(pd.Index(uniques).astype(str))
    return np.where(codes < 0, -1, found[codes])


def paragraph_rows(table: pd.DataFrame, segments: pd.DataFrame) -> np.ndarray:
    """For each row of ``table`` (tokens, terms ...), the row number of its paragraph
    in ``segments`` (-1 where the paragraph is not there), matched on (doc_id, para_no)
    by integer keys rather than strings."""
    seg_docs = pd.Index(pd.unique(segments["doc_id"].astype(str)))
    seg_doc = doc_codes(segments["doc_id"], seg_docs)
    doc_code = doc_codes(table["doc_id"], seg_docs)
    width = int(max(segments["para_no"].to_numpy().max(initial=0), table["para_no"].to_numpy().max(initial=0))) + 1
    seg_key = seg_doc.astype(np.int64) * width + segments["para_no"].to_numpy(np.int64)
    key = doc_code.astype(np.int64) * width + table["para_no"].to_numpy(np.int64)
    rows = pd.Index(seg_key).get_indexer(key)
    return np.where(doc_code < 0, -1, rows)


def content_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """The tokens a frequency count keeps: not stop words, punctuation or numbers."""
    return tokens[~(tokens["stop"] | tokens["punct"] | tokens["numeric"])]


def add_segment_info(tokens: pd.DataFrame, segments: pd.DataFrame, columns=None) -> pd.DataFrame:
    """Tokens with columns of their paragraph (kind, speaker, outlet, qa_no, section, ...)."""
    columns = [c for c in (columns or segments.columns) if c not in tokens.columns or c in ("doc_id", "para_no")]
    keys = ["doc_id", "para_no"]
    extra = segments[list(dict.fromkeys(keys + columns))]
    return tokens.merge(extra, on=keys, how="left", validate="many_to_one")
