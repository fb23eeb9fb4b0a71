"""English tokens: spaCy's rule-based English tokenizer, simplemma's lemmas, names kept whole.

:func:`analysis.tokens.tokenize` sends the paragraphs of English documents here, and
returns the same token table for both languages. For English:

- **Tokens** come from spaCy's blank English tokenizer (``spacy.blank("en")``: its
  prefix, suffix and infix rules and its exceptions, so that ``U.S.`` and ``e.g.`` stay
  whole, ``China's`` is ``China`` + ``'s`` and ``China-US`` is three tokens). It needs no
  trained model. White space is no token: ``start`` and ``end`` give each token's place.
- **Names kept whole.** A run of tokens that spells a multi-word name (``Hong Kong``,
  ``South China Sea``, ``Belt and Road``, ``United States``) becomes one token, its lemma
  the name as listed. The names are the gazetteer's English names and aliases, the English
  forms of the diplomatic terms (``data/lexicons/diplomatic_terms.csv``), the
  principals' English names (``data/speakers.csv``) and ``data/lexicons/en_phrases.csv``
  (places, bodies, documents and people of the Ministry's English, each with its
  Chinese); matched regardless of case, longest first. A single word listed there is a
  name kept as written (``Xi``, which the lemmatizer would read as the Greek letter).
- **norm** is the token in lower case; **lemma** is simplemma's lemma (its English
  dictionary, from Wiktionary; case-aware: ``us`` is ``we``, ``relations`` is
  ``relation``, ``opposes`` is ``oppose``; words it does not know, most of them names,
  stay as written), except that names and acronyms (``US``, ``WHO``) stay as written and
  the few words of ``data/lexicons/en_lemmas.csv`` whose lemma misleads here (media is
  no plural of medium) keep their form; it also counts U.S. and the United States as US.
- **Stop words** are spaCy's English list, less the content words of diplomatic English
  in ``data/lexicons/stopwords_en_keep.txt`` (side, serious, call ...); a name and an
  all-capital acronym (``US``, ``UN``) are never stop words.

Why these: spaCy's tokenizer and simplemma install from PyPI with their data and run
offline (spaCy's trained models and NLTK's data downloads do not install here);
spaCy's own lookup lemmatizer (spacy-lookups-data) takes no part of speech and case
into account (``'s`` becomes ``have``, ``President`` stays capitalised); NLTK's
Treebank tokenizer expects one sentence at a time (its sentence splitter is a data
download). Speeds are measured by ``benchmarks/bench_tokens_en.py``.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .config import DATA_DIR, LEXICON_DIR

PHRASES_CSV = LEXICON_DIR / "en_phrases.csv"
LEMMAS_CSV = LEXICON_DIR / "en_lemmas.csv"
STOP_KEEP = LEXICON_DIR / "stopwords_en_keep.txt"
# an acronym: two or more capitals, with digits, dots, & or - between (US, WHO, U.S., G20, COVID-19)
_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Z0-9.&-]*[A-Z0-9.]")


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def _words(text: str) -> list[str]:
    return [t.text for t in _tokenizer()(text) if not t.is_space]


@lru_cache(maxsize=1)
def phrase_sources() -> pd.DataFrame:
    """Every multi-word name and kept name with where it comes from: phrase, source."""
    from .countries import read_gazetteer

    rows: list[tuple[str, str]] = []
    gaz = read_gazetteer()
    for column in ("name_en", "label_en", "aliases_en"):
        if column in gaz.columns:
            for cell in gaz[column].fillna(""):
                rows += [(p, "gazetteer") for p in str(cell).split("|")]
    terms = pd.read_csv(LEXICON_DIR / "diplomatic_terms.csv", dtype=str, keep_default_na=False)
    rows += [(p, "diplomatic_terms") for p in terms["en"]]
    speakers = pd.read_csv(DATA_DIR / "speakers.csv", dtype=str, keep_default_na=False)
    rows += [(p, "speakers") for p in speakers["name_en"]]
    listed = pd.read_csv(PHRASES_CSV, dtype=str, keep_default_na=False)
    rows += [(p, "en_phrases") for p in listed["phrase"]]
    table = pd.DataFrame(rows, columns=["phrase", "source"])
    table["phrase"] = table["phrase"].str.strip().str.strip('"')
    table = table[table["phrase"] != ""]
    # a multi-word name, or a single word listed on purpose as a name kept as written
    n_words = table["phrase"].map(lambda p: len(_words(p)))
    table = table[(n_words > 1) | (table["source"] == "en_phrases")]
    return table.drop_duplicates("phrase").reset_index(drop=True)


@lru_cache(maxsize=1)
def _phrase_index() -> tuple[dict[str, list[tuple[tuple[str, ...], str]]], frozenset[str]]:
    """Names by their first word (lower case), longest first; and every name as listed."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase in phrase_sources()["phrase"]:
        words = tuple(w.lower() for w in _words(phrase))
        if len(words) > 1:
            index.setdefault(words[0], []).append((words, phrase))
    for options in index.values():
        options.sort(key=lambda o: -len(o[0]))
    return index, frozenset(phrase_sources()["phrase"])


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """spaCy's English stop words less the kept content words (lower case)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    keep = {line.split("#", 1)[0].strip() for line in STOP_KEEP.read_text(encoding="utf-8").splitlines()}
    return frozenset(w for w in STOP_WORDS if w not in keep)


@lru_cache(maxsize=1)
def _lemma_overrides() -> dict[str, str]:
    table = pd.read_csv(LEMMAS_CSV, dtype=str, keep_default_na=False)
    return dict(zip(table["word"], table["lemma"]))


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """A word's lemma: a listed name or an acronym (``US``, ``WHO``) as written; the
    few words whose lemma misleads in diplomatic English as ``en_lemmas.csv`` says
    (media, affairs, arms, forces, talks); otherwise simplemma's (as written where it
    knows none)."""
    override = _lemma_overrides().get(word.lower())
    if override is not None:
        return override
    if word in _phrase_index()[1] or _ACRONYM.fullmatch(word):
        return word
    import simplemma

    return simplemma.lemmatize(word, lang="en")


def tokenize_text(text: str) -> list[tuple[str, int, int, str]]:
    """The tokens of one English text: (token, start, end, lemma), names merged."""
    index, _ = _phrase_index()
    toks = [t for t in _tokenizer()(text) if not t.is_space]
    lowers = [t.lower_ for t in toks]
    out: list[tuple[str, int, int, str]] = []
    i, n = 0, len(toks)
    while i < n:
        for words, phrase in index.get(lowers[i], ()):
            k = len(words)
            if tuple(lowers[i:i + k]) == words:
                start, end = toks[i].idx, toks[i + k - 1].idx + len(toks[i + k - 1].text)
                out.append((text[start:end], start, end, _lemma_overrides().get(phrase.lower(), phrase)))
                i += k
                break
        else:
            t = toks[i]
            out.append((t.text, t.idx, t.idx + len(t.text), lemma(t.text)))
            i += 1
    return out


def is_name(token: str, lemma_: str) -> bool:
    """A merged name, a listed name, or an acronym: never a stop word."""
    names = _phrase_index()[1]
    return lemma_ in names or token in names or bool(_ACRONYM.fullmatch(token) or _ACRONYM.fullmatch(lemma_))
