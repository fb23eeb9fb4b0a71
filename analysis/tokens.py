"""Tokens: one row per word, with jieba's segmentation as the reference for Chinese.

:func:`tokenize` reads each document in its own language (the ``lang`` of its
document variables): Chinese with jieba's segmentation, English with spaCy's
English tokenizer and simplemma's lemmas (:mod:`analysis.english`). Both give the
same table; ``norm`` (lower case) and ``lemma`` (the word counted: for Chinese the
token itself) say what a frequency count counts.

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
TOKEN_COLUMNS = ("doc_id", "para_no", "position", "start", "end", "token", "norm", "lemma", "stop", "punct",
                 "numeric")

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
# a number: digits (with their . , % signs; a lone comma or full stop is none) or Chinese numerals
_NUMERIC = re.compile(r"(?=.*[0-9０-９])[0-9０-９.,%％]+|[零〇一二三四五六七八九十百千万亿]+")


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
    paragraph), start and end (character offsets in ``text``), token (as written),
    ``norm`` (lower case), ``lemma`` (the word a count counts: an English word's lemma
    or a name kept whole, a Chinese token itself), and three filters: ``stop`` (a stop
    word), ``punct`` (punctuation or white space), ``numeric`` (a number). Join back
    to the segments on (doc_id, para_no).

    Each document is read in its language (``lang`` of
    :func:`analysis.documents.document_variables`): Chinese by ``engine`` (jieba's
    segmentation; every character is in some token, white space too), English by
    :mod:`analysis.english` (white space is no token).
    """
    from .documents import document_variables

    if segments.empty:
        return _table(segments, [], np.zeros(0, np.int64), None, None)
    docs = document_variables(segments)
    english = set(docs.loc[docs["lang"] == "en", "doc_id"].astype(str))
    is_en = segments["doc_id"].astype(str).isin(english).to_numpy() if english else np.zeros(len(segments), bool)
    texts = segments["text"].tolist()
    if progress:
        from tqdm.auto import tqdm

        texts = tqdm(texts, desc="tokens", unit="para")
    cut = segmenter(engine) if not is_en.all() else None
    tokens: list[str] = []
    extend = tokens.extend
    counts = np.empty(len(segments), dtype=np.int64)
    starts: list[int] | None = [] if is_en.any() else None  # explicit offsets (English skips white space)
    lemmas: dict[int, str] = {}  # token index -> lemma, where it is not the token
    if is_en.any():
        from .english import tokenize_text
    for i, text in enumerate(texts):
        if is_en[i]:
            rows = tokenize_text(text)
            counts[i] = len(rows)
            for token, start, _, lem in rows:
                if lem != token:
                    lemmas[len(tokens)] = lem
                tokens.append(token)
                starts.append(start)
        else:
            words = cut(text)
            counts[i] = len(words)
            if starts is not None:
                offset = 0
                for w in words:
                    starts.append(offset)
                    offset += len(w)
            extend(words)
    return _table(segments, tokens, counts, starts, lemmas, is_en)


def _table(segments, tokens, counts, starts, lemmas, is_en=None) -> pd.DataFrame:
    """The token table from the tokens of each paragraph (``counts`` of them, in order)."""
    array = pa.array(tokens, type=pa.string())
    del tokens
    encoded = pc.dictionary_encode(array)
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    vocab = encoded.dictionary.to_pylist()
    lengths = pc.utf8_length(encoded.dictionary).to_numpy(zero_copy_only=False).astype(np.int32)[codes]
    para_index = np.repeat(np.arange(len(counts)), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    if starts is None:
        # a Chinese paragraph's tokens cover its text: offsets are running sums of the lengths
        ends = np.cumsum(lengths, dtype=np.int64)
        para_start = np.repeat(np.concatenate([[0], ends])[np.cumsum(counts) - counts], counts)
        start = ends - lengths - para_start
    else:
        start = np.asarray(starts, dtype=np.int64)
    doc_codes, doc_ids = pd.factorize(segments["doc_id"])
    doc_column = pa.DictionaryArray.from_arrays(
        pa.array(doc_codes[para_index].astype(np.int32)), pa.array(doc_ids.astype(str).tolist(), type=pa.string())
    ).cast(pa.string())
    token_col = pd.array(array, dtype=_STR)
    english = np.zeros(len(codes), bool) if is_en is None or not len(codes) else np.asarray(is_en)[para_index]
    if english.any():
        norm = pc.if_else(pa.array(english), pc.utf8_lower(array), array)
        lemma_values = array.to_pylist()
        for i, lem in (lemmas or {}).items():
            lemma_values[i] = lem
        lemma = pa.array(lemma_values, type=pa.string())
        norm_col, lemma_col = pd.array(norm, dtype=_STR), pd.array(lemma, dtype=_STR)
    else:
        norm_col = lemma_col = token_col
    table = pd.DataFrame(
        {
            "doc_id": pd.array(doc_column, dtype=_STR),
            "para_no": segments["para_no"].to_numpy(dtype=np.int64)[para_index],
            "position": (np.arange(len(codes), dtype=np.int64) - first).astype(np.int32),
            "start": start.astype(np.int32),
            "end": (start + lengths).astype(np.int32),
            "token": token_col,
            "norm": norm_col,
            "lemma": lemma_col,
        }
    )
    # Flags are computed once per distinct token (and cached), then spread by the token codes.
    flags = np.array([_filters(w) for w in vocab], dtype=bool).reshape(-1, 3)[codes]
    table["stop"], table["punct"], table["numeric"] = flags[:, 0], flags[:, 1], flags[:, 2]
    if english.any():
        from .english import is_name, stopwords as english_stop

        en_stop = english_stop()
        rows = np.flatnonzero(english)
        lem = table["lemma"].to_numpy()[rows]
        tok = table["token"].to_numpy()[rows]
        stop = np.fromiter((not is_name(t, m) and (m.lower() in en_stop or t.lower() in en_stop)
                            for t, m in zip(tok, lem)), bool, len(rows))
        table.loc[rows, "stop"] = stop
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


def word_column(tokens: pd.DataFrame) -> str:
    """The column a count counts: ``lemma`` (a Chinese token itself, an English word's
    lemma or a name kept whole), or ``token`` in a table made without it."""
    return "lemma" if "lemma" in tokens.columns else "token"


def content_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """The tokens a frequency count keeps: not stop words, punctuation or numbers."""
    return tokens[~(tokens["stop"] | tokens["punct"] | tokens["numeric"])]


def add_segment_info(tokens: pd.DataFrame, segments: pd.DataFrame, columns=None) -> pd.DataFrame:
    """Tokens with columns of their paragraph (kind, speaker, outlet, qa_no, section, ...)."""
    columns = [c for c in (columns or segments.columns) if c not in tokens.columns or c in ("doc_id", "para_no")]
    keys = ["doc_id", "para_no"]
    extra = segments[list(dict.fromkeys(keys + columns))]
    return tokens.merge(extra, on=keys, how="left", validate="many_to_one")
