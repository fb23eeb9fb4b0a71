"""Tone: a transparent lexicon scorer for diplomatic Chinese.

How a paragraph is scored (every step shows in :func:`term_table`; each rule can be
switched off, :data:`RULES`, which is how the evaluation measures what it does):

1. **Tokens** are jieba's (:func:`analysis.tokens.tokenize`). Sentences end at
   。！？；… (closing quotes stay with their sentence); clauses also end at ，、：.
2. **Terms.** Each token, or run of 2–4 tokens, found in the lexicons gets a
   polarity: the domain lexicon (``data/lexicons/sentiment_domain.csv``, −2 … +2;
   topic words such as 病毒, 灾害 and the everyday words of official prose at 0)
   overrides the general one (Tsinghua praise/degrade, ±1). The longest match wins.
3. **Negation.** A negator (不, 没有, 无, 未 …) before a term in the same clause
   flips it; two flip it back (不冲突不对抗: each 不 flips its own term, so both are
   conciliatory; 并非不…: a double negative). A negator reaches the term right
   after it or one token further (没有任何合作), no further (不接受这种无端指责
   stays an accusation). A prohibition (不要, 不能, 别, 勿 …) flips a positive term
   but leaves a negative one negative: 不要损害和平 is a warning, not praise.
4. **Degree.** A degree adverb (更加, 十分, 极 …) right before a term (at most one
   token between, same clause) multiplies it by its weight (``sentiment_modifiers.csv``).
5. **Contrast.** In a sentence with 但/但是/然而/却 …, terms before the contrast word
   count half; a sentence that opens with one halves the sentences before it.
6. **Rhetorical questions.** In a sentence with 难道 or 岂, one negation is
   cancelled (难道不是干涉？ is an accusation of interference).
7. **Principle and warning.** In a sentence that pushes back (a protest, warning,
   accusation or principle term counts against someone: 坚决反对, 无权干涉), the
   values it invokes (和平, 稳定, 繁荣) and the general lexicon's praise words count 0.
8. **Demands.** A clause that tells another party what to do (希望/应/敦促 … and 美方,
   有关方面 …) is a demand: its positive words, and those of the rest of the
   sentence, count 0 (希望澳方妥善处理…为交流合作创造良好条件 is no praise).
9. **Reports.** In a journalist's question, a sentence that reports (据报道, X称 …, or
   any sentence without ？) is not the journalist's tone: it counts at the
   calibrated ``reported`` weight (0).
10. **Calibration.** The general lexicon's terms count a quarter; the domain's terms
   against count twice its terms for (:func:`calibration`, chosen by cross-validation
   across documents on the development labels).

A unit's score is (P − N) / (P + N + k), k = :func:`smoothing`, where P and N
are the summed positive and negative weights of its terms: 0 without evaluative
terms, towards ±1 as one side dominates, always in (−1, 1). Tone toward a party
(:func:`party_tone_table`) pools the terms of the sentences that name it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa

from .config import DATA_DIR, LEXICON_DIR
from .tokens import segmenter, token_codes
from .units import UNIT_COLUMNS, add_units, group_keys

GENERAL_LEXICON = LEXICON_DIR / "tsinghua_praise_degrade.csv"
DOMAIN_LEXICON = LEXICON_DIR / "sentiment_domain.csv"
MODIFIERS = LEXICON_DIR / "sentiment_modifiers.csv"
#: English: the domain lexicon (the English versions' renderings of the Chinese domain terms),
#: its modifiers, and VADER's lexicon (vaderSentiment, MIT) as the general one
DOMAIN_LEXICON_EN = LEXICON_DIR / "sentiment_domain_en.csv"
MODIFIERS_EN = LEXICON_DIR / "sentiment_modifiers_en.csv"
_SENTENCE_END = set("。！？!?；;…")
_CLAUSE_END = _SENTENCE_END | set("，,、：:")
_CLOSERS = set("”’」』）)》】")
_SENTENCE_END_EN = {".", "!", "?", ";", "...", "…"}
_CLAUSE_END_EN = _SENTENCE_END_EN | {",", ":", "--", "—", "–"}
_CLOSERS_EN = {'"', "'", "”", "’", ")", "]"}
_MAX_PHRASE = 4
_CONTRAST_BEFORE = 0.5
_NEGATION_WINDOW = 2  # a negator reaches the term right after it, or one token further
_NEGATION_WINDOW_EN = 3  # English puts an auxiliary or adverb between: not fully support, never in any way
#: The first round's constants (no calibration): the general lexicon's terms at a quarter
#: weight (its praise words 明确, 重要, 达成 are the everyday vocabulary of neutral official
#: prose), k = 2. Chosen on the first round's 45 development paragraphs; the scorer now
#: uses :func:`calibration`, and these only when ``calibration`` is switched off.
GENERAL_WEIGHT = 0.25
SMOOTHING = 2.0
NEGATION_MARK = "¬"
CALIBRATION = LEXICON_DIR / "sentiment_calibration.csv"
#: words that mark a question's sentence as a report of what others said or did
#: (据报道 …, X称, X表示): a journalist quoting an accusation is not accusing
REPORTING = frozenset({"据报道", "报道", "据悉", "称", "声称", "表示", "指出", "宣布", "声明", "发表", "呼吁",
                       "认为", "批评", "指责", "报告"})


@lru_cache(maxsize=1)
def calibration() -> dict[str, float]:
    """The scorer's constants (``sentiment_calibration.csv``): each term's weight is
    multiplied by its group's (``general_pos``, ``general_neg``: the general lexicon's
    terms counting for and against; ``domain_neg``: the domain's against; the domain's
    for are the unit, 1), by ``reported`` in the reported sentences of a question, and
    ``smoothing`` is k in (P − N) / (P + N + k). Chosen by cross-validation across the
    development documents (data/eval/README.md)."""
    table = pd.read_csv(CALIBRATION)
    return dict(zip(table["name"], table["value"].astype(float)))


#: The scorer's rules, each of which can be switched off to measure what it does
#: (benchmarks/eval_tone.py). Without ``domain`` the scorer is a plain general lexicon
#: (Tsinghua praise/degrade at full weight), the evaluation's baseline. The first round's: negation, degree, contrast (within a
#: sentence), rhetorical questions. The second round's (issue 14), each from a pattern of
#: the development labels: ``lexicon2`` (the lexicon entries of round 2: topic words set to
#: 0, principle and cooperation vocabulary), ``contrast_across`` (a sentence that opens with
#: 但是 discounts the sentences before it), ``principle`` (in a sentence that pushes back,
#: the positive words of the principle invoked do not count), ``reported`` (in a question,
#: a sentence that reports what others said or did counts at :func:`calibration`'s
#: ``reported`` weight), ``exhortation`` (a clause that tells another party what it should
#: do, 希望美方…, 有关方面应…, is a demand: its positive words, and those of the clauses
#: after it in the sentence, do not count), ``calibration`` (the weights of :func:`calibration`; without it,
#: :data:`GENERAL_WEIGHT` and :data:`SMOOTHING`).
RULES = frozenset({"domain", "negation", "degree", "contrast", "rhetorical", "lexicon2", "contrast_across", "principle",
                   "reported", "exhortation", "calibration"})
#: the domain categories whose negative terms push back (a sentence of principle and warning)
PUSHBACK = frozenset({"principle", "admonition", "protest", "warning", "interference", "rejection",
                      "accusation", "hostility"})
#: positive terms a pushback sentence does not count: the general lexicon's, and the values
#: a principle invokes (和平, 稳定, 繁荣)
PRINCIPLE_MUTED = frozenset({"general", "values"})
#: what tells a party what to do, and the parties told (besides the other side forms of the
#: gazetteer, 美方, 日方 …; 中方, 我方, 双方 and 各方 include the speaker)
EXHORTING = frozenset({"希望", "应", "应当", "应该", "理应", "要", "敦促", "奉劝", "呼吁", "要求", "必须", "不要", "促请"})
ADDRESSEES = frozenset({"有关方面", "有关国家", "域外国家", "个别国家", "某些国家", "一些国家", "当事方", "有关当事方",
                        "对方", "其"})
ADDRESSEE_PAIRS = (("有关", "方面"), ("有关", "国家"), ("有关", "各方"), ("有关", "方"), ("域外", "国家"),
                   ("个别", "国家"), ("某些", "国家"), ("一些", "国家"), ("有关", "当事方"))


@lru_cache(maxsize=16)
def read_lexicon(rules: frozenset[str] = RULES, doc_lang: str = "zh") -> pd.DataFrame:
    """The combined lexicon: term, polarity, source (``domain`` overrides ``general``),
    category (the domain's; ``general`` for the general lexicon). Without ``lexicon2``
    in ``rules``, the domain lexicon of the first round only. ``doc_lang="en"`` (the
    documents' language, not the labels'): the English
    lexicons (:func:`read_general_en`, ``sentiment_domain_en.csv``), terms as lower-case lemmas."""
    if doc_lang == "en":
        general = read_general_en()
        domain = pd.read_csv(DOMAIN_LEXICON_EN, dtype={"term": str}, keep_default_na=False)
        domain["term"] = domain["term"].map(lambda t: _lemmas_en(t, " "))
        domain = domain.drop_duplicates("term", keep="first")
    else:
        general = pd.read_csv(GENERAL_LEXICON, dtype={"term": str}, keep_default_na=False)
        domain = pd.read_csv(DOMAIN_LEXICON, dtype={"term": str}, keep_default_na=False)
        if "lexicon2" not in rules:
            domain = domain[domain["round"] == 1]
    if "domain" not in rules:  # the baseline: the general lexicon alone
        return general.assign(source="general", category="general")[["term", "polarity", "source", "category"]] \
            .astype({"polarity": float})
    general = general.assign(source="general", category="general")[["term", "polarity", "source", "category"]]
    domain = domain.assign(source="domain")[["term", "polarity", "source", "category"]]
    combined = pd.concat([general[~general["term"].isin(domain["term"])], domain], ignore_index=True)
    return combined.astype({"polarity": float})


@lru_cache(maxsize=None)
def _lemmas_en(text: str, sep: str = "\x1f") -> str:
    """An English lexicon entry as the token table's lower-case lemmas, joined by ``sep``
    (a space for the entry shown; by default a separator no token holds, for matching)."""
    from .english import tokenize_text

    return sep.join(t[3].lower() for t in tokenize_text(str(text)))


@lru_cache(maxsize=1)
def read_general_en() -> pd.DataFrame:
    """VADER's lexicon (Hutto and Gilbert 2014; the vaderSentiment package, MIT) as the
    general English lexicon: its words (not its emoticons), as lower-case lemmas, with the
    sign of their mean valence (±1, as the Chinese general lexicon's praise and degrade):
    term, polarity. Where inflections of one lemma disagree in sign, the lemma is left out."""
    from importlib.resources import files

    rows = []
    for line in files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].replace("-", "").replace("'", "").isalpha():
            valence = float(parts[1])
            if valence:
                rows.append((_lemmas_en(parts[0], " "), 1.0 if valence > 0 else -1.0))
    table = pd.DataFrame(rows, columns=["term", "polarity"])
    table = table[table["term"] != ""]
    signs = table.groupby("term")["polarity"].agg(["min", "max"])
    keep = signs[signs["min"] == signs["max"]].index
    return table[table["term"].isin(keep)].drop_duplicates("term").reset_index(drop=True)


@lru_cache(maxsize=16)
def read_modifiers(rules: frozenset[str] = RULES, doc_lang: str = "zh") -> pd.DataFrame:
    """Negators, degree adverbs, contrast and rhetorical markers: term, kind, weight
    (``rounds``: the rounds a row belongs to; without ``lexicon2``, the first round's).
    English documents (``doc_lang="en"``): ``sentiment_modifiers_en.csv``, with ``modal`` (should, must:
    before a negator, a prohibition)."""
    if doc_lang == "en":
        mods = pd.read_csv(MODIFIERS_EN, dtype={"term": str}, keep_default_na=False).astype({"weight": float})
        return mods.assign(term=mods["term"].str.lower())
    mods = pd.read_csv(MODIFIERS, dtype={"term": str, "rounds": str}, keep_default_na=False).astype({"weight": float})
    wanted = "2" if "lexicon2" in rules else "1"
    return mods[mods["rounds"].str.split().map(lambda r: wanted in r)].reset_index(drop=True)


@lru_cache(maxsize=16)
def _tables(rules: frozenset[str] = RULES, doc_lang: str = "zh"):
    lex = read_lexicon(rules, doc_lang)
    mods = read_modifiers(rules, doc_lang)
    if doc_lang == "en":
        def cut(term: str) -> list[str]:  # the entry's tokens (a kept name, win-win cooperation, is one)
            return _lemmas_en(term).split("\x1f")
    else:
        cut = segmenter()
    single: dict[str, float] = {}
    # a phrase of 2-4 tokens, keyed by its first token: (the other tokens, polarity, text)
    phrases: dict[str, list[tuple[tuple[str, ...], float, str]]] = {}
    for term, pol in zip(lex["term"], lex["polarity"]):
        parts = cut(term)
        if len(parts) == 1:
            single[term] = pol
        elif len(parts) <= _MAX_PHRASE:
            phrases.setdefault(parts[0], []).append((tuple(parts[1:]), pol, term))
    for options in phrases.values():
        options.sort(key=lambda o: -len(o[0]))  # the longest match wins
    degree = dict(zip(mods.loc[mods["kind"] == "degree", "term"], mods.loc[mods["kind"] == "degree", "weight"]))
    kinds = {k: set(mods.loc[mods["kind"] == k, "term"])
             for k in ("negator", "prohibitive", "contrast", "rhetorical", "modal")}
    # modifiers modify: their own polarity (严重, 强烈 ...) is not counted
    for word in list(degree) + [w for ws in kinds.values() for w in ws]:
        single.pop(word, None)
    category = dict(zip(lex["term"], lex["category"]))
    return single, phrases, degree, kinds, category


@lru_cache(maxsize=1)
def _addressees() -> frozenset[str]:
    """The parties a demand can address: the other sides of the country rules' index
    (美方, 日方 …; :func:`analysis.countries._index`) and :data:`ADDRESSEES`."""
    from .countries import _index

    return frozenset(side for side, code in _index()[2].items() if code != "CN") | ADDRESSEES


@lru_cache(maxsize=200_000)
def _lookup(word: str, rules: frozenset[str] = RULES, doc_lang: str = "zh") -> tuple[float, str]:
    """A token's polarity and the term to show, or (nan, "").

    jieba keeps some compounds whole (非常感谢, 不友好, 无端指责): such a token is
    read by its longest final part that is a term, since Chinese compounds put the
    head last; a degree adverb or negator in front scales or flips it.
    """
    single, _, degree, kinds, _ = _tables(rules, doc_lang)
    if word in single:
        return single[word], word
    if doc_lang == "en":  # an English word is a term or not: no compounds to read
        return float("nan"), ""
    for cut in range(1, len(word) - 1):
        head, rest = word[:cut], word[cut:]
        if rest in single:
            if head in degree:
                return single[rest] * degree[head], word
            if head in kinds["negator"] or (head in kinds["prohibitive"] and single[rest] > 0):
                return -single[rest], NEGATION_MARK + rest
            return single[rest], rest
    return float("nan"), ""


_END, _CLAUSE, _CLOSER, _NEGATOR, _PROHIBITIVE, _RHETORICAL, _CONTRAST, _MODAL = (1 << i for i in range(8))


@lru_cache(maxsize=None)
def _word_bits(w: str, rules: frozenset[str] = RULES, doc_lang: str = "zh") -> int:
    """A token's punctuation and modifier kinds, as bits (computed once per distinct word)."""
    _, _, _, kinds, _ = _tables(rules, doc_lang)
    end, clause, closers = (_SENTENCE_END_EN, _CLAUSE_END_EN, _CLOSERS_EN) if doc_lang == "en" else \
        (_SENTENCE_END, _CLAUSE_END, _CLOSERS)
    flags = (w in end, w in clause, w in closers, w in kinds["negator"], w in kinds["prohibitive"],
             w in kinds["rhetorical"], w in kinds["contrast"], w in kinds["modal"])
    return sum(1 << i for i, f in enumerate(flags) if f)


def _within(clause_start: np.ndarray, k: int) -> np.ndarray:
    """True where the token k places back is in the same clause."""
    ok = np.ones(len(clause_start), dtype=bool)
    for j in range(k):
        ok &= ~np.roll(clause_start, j)  # no clause starts at i, i-1, ..., i-k+1
    ok[:k] = False
    return ok


def _before(flag: np.ndarray, clause_start: np.ndarray, k: int) -> np.ndarray:
    """How many of the k tokens before each token carry ``flag``, within its clause."""
    count = np.zeros(len(flag), dtype=int)
    for j in range(1, k + 1):
        count += np.where(_within(clause_start, j), np.roll(flag, j), False)
    return count


def _group_starts(keys: np.ndarray) -> np.ndarray:
    """True where a new group begins (keys sorted by group)."""
    start = np.ones(len(keys), dtype=bool)
    start[1:] = keys[1:] != keys[:-1]
    return start


def _cumcount_since(flag: np.ndarray, reset: np.ndarray) -> np.ndarray:
    """Running count of ``flag`` that restarts at 0 wherever ``reset`` is True."""
    c = np.cumsum(flag)
    base = np.maximum.accumulate(np.where(reset, c - flag, 0))
    return c - base


def term_table(segments: pd.DataFrame, tokens: pd.DataFrame, *, rules: frozenset[str] = RULES) -> pd.DataFrame:
    """Every token of ``tokens`` with what the scorer made of it (see :func:`_term_table`),
    each document scored in its language (the documents table's ``lang``, never the labels'):
    Chinese with the Chinese lexicons, English (``en``) with the English ones, matched on the tokens' lower-case lemmas."""
    from .documents import document_variables

    if tokens.empty:
        return _term_table(segments, tokens, rules, "zh")
    docs = document_variables(segments) if len(segments) else pd.DataFrame(columns=["doc_id", "lang"])
    english = set(docs.loc[docs["lang"] == "en", "doc_id"].astype(str))
    is_en = tokens["doc_id"].astype(str).isin(english).to_numpy() if english else np.zeros(len(tokens), bool)
    if not is_en.any():
        return _term_table(segments, tokens, rules, "zh")

    def english_part(tok: pd.DataFrame) -> pd.DataFrame:
        key = (tok["lemma"] if "lemma" in tok.columns else tok["token"]).astype(str).str.lower()
        out = _term_table(segments, tok.assign(token=key), rules, "en")
        return out.assign(token=tok["token"].to_numpy())

    if is_en.all():
        return english_part(tokens)
    tok = tokens.reset_index(drop=True)
    zh_part = _term_table(segments, tok[~is_en], rules, "zh").set_axis(np.flatnonzero(~is_en))
    en_part = english_part(tok[is_en]).set_axis(np.flatnonzero(is_en))
    return pd.concat([zh_part, en_part]).sort_index().reset_index(drop=True)


EXHORTING_EN = frozenset({"hope", "should", "urge", "call", "must", "ask", "demand", "advise", "stop", "need",
                          "request", "ought"})
#: parties told besides the other countries' English names: 有关方面 the relevant party, 某些国家
#: certain countries, 一些人 some people/politicians
ADDRESSEES_EN = frozenset({"politician", "individual", "relevant", "certain"})
REPORTING_EN = frozenset({"report", "reportedly", "say", "claim", "allege", "accuse", "according", "state",
                          "announce", "criticize", "criticise", "believe", "note", "point", "call", "comment",
                          "describe", "tweet", "warn"})


@lru_cache(maxsize=1)
def _addressees_en() -> frozenset[str]:
    """The other parties' names as English tokens' lower-case lemmas: every gazetteer
    English name, alias and label but China's (us, united states, japan, the eu …)."""
    from .countries import read_gazetteer

    gaz = read_gazetteer()
    names: set[str] = set()
    for code, *cells in zip(gaz["code"], gaz["name_en"], gaz["aliases_en"], gaz["label_en"]):
        if code in ("CN",):
            continue
        for cell in cells:
            for name in str(cell or "").split("|"):
                if name.strip():
                    names.add(name.strip().lower())
    return frozenset(names) | ADDRESSEES_EN


def _term_table(segments: pd.DataFrame, tokens: pd.DataFrame, rules: frozenset[str], doc_lang: str) -> pd.DataFrame:
    """Every token of ``tokens`` (the table :func:`analysis.tokens.tokenize` made of
    ``segments``: the text is never tokenized twice) with what the scorer made of it.

    Columns: the token table's (doc_id, para_no, position, token ...), then
    sent_no and clause_no (within the paragraph), term (the lexicon entry
    matched at this token; a phrase is credited to its first token), polarity
    (the entry's), negated, degree, weight (the signed contribution after
    negation, degree, contrast and calibration; 0 for tokens that are no term, and
    for the positive words of the principle a pushback sentence invokes), general
    (a term of the general lexicon) and reported (in a question's reporting
    sentence): the groups :func:`calibration` weighs. ``rules``: the
    rules applied (:data:`RULES`, all by default; the evaluation switches them off
    one by one to measure each).
    """
    single, phrases, degree, kinds, category = _tables(rules, doc_lang)
    english = doc_lang == "en"
    tok = tokens.reset_index(drop=True)
    codes, vocab = token_codes(tok)
    n = len(codes)
    doc_code = pd.factorize(tok["doc_id"])[0].astype(np.int64)
    para_no = tok["para_no"].to_numpy(dtype=np.int64)
    para_key = doc_code * (int(para_no.max(initial=0)) + 1) + para_no
    para_start = _group_starts(para_key)

    # every per-word property is computed once per distinct word (and cached), then spread by code
    bits = np.fromiter((_word_bits(w, rules, doc_lang) for w in vocab), np.int64, len(vocab))[codes] if n \
        else np.zeros(0, np.int64)

    def flag(bit: int) -> np.ndarray:
        return (bits & bit) != 0

    # sentences and clauses: a boundary after a terminal (and after closers that follow it)
    is_end = flag(_END)
    is_clause_end = flag(_CLAUSE)
    is_closer = flag(_CLOSER)
    # a sentence ends at a terminal mark, or at the closing quotes right after one
    end_like = is_end | (is_closer & np.roll(is_end, 1)) | (is_closer & np.roll(is_closer, 1) & np.roll(is_end, 2))
    next_is_closer = np.append(is_closer[1:], False)
    next_is_new_para = np.append(para_start[1:], True)
    end_here = end_like & (~next_is_closer | next_is_new_para)
    sent_start = para_start | np.roll(end_here, 1) & ~para_start
    if n:
        sent_start[0] = True
    clause_start = sent_start | (np.roll(is_clause_end, 1) & ~para_start)
    if n:
        clause_start[0] = True
    sent_no = _cumcount_since(sent_start, para_start) - 1
    sent_key = np.cumsum(sent_start)

    # terms: phrases first (longest wins), looked for only where the first two tokens
    # begin some phrase (found by integer pair keys, not by comparing strings)
    code_of = {w: c for c, w in enumerate(vocab)}
    term_id = np.full(n, -1, dtype=np.int64)  # index into `shown_terms`
    shown_terms: list[str] = []
    term_index: dict[str, int] = {}

    def term_code(text: str) -> int:
        if text not in term_index:
            term_index[text] = len(shown_terms)
            shown_terms.append(text)
        return term_index[text]

    polarity = np.zeros(n)
    covered = np.zeros(n, dtype=bool)
    width = len(vocab) + 1
    heads = {}
    for first, options in phrases.items():
        if first in code_of:
            for rest, pol, text in options:
                if all(r in code_of for r in rest):
                    heads.setdefault(code_of[first] * width + code_of[rest[0]], []).append(
                        (np.array([code_of[r] for r in rest]), pol, text))
    if heads and n > 1:
        pair = codes[:-1] * width + codes[1:]
        candidates = np.flatnonzero(np.isin(pair, np.fromiter(heads, np.int64, len(heads)))
                                    & (para_key[:-1] == para_key[1:]))
        for i in candidates.tolist():
            if covered[i]:
                continue
            # the longest phrase first, as the lexicon lists them
            for rest, pol, text in heads[codes[i] * width + codes[i + 1]]:
                j = i + 1 + len(rest)
                if j <= n and (codes[i + 1:j] == rest).all() and para_key[j - 1] == para_key[i] \
                        and not covered[i:j].any():
                    term_id[i], polarity[i] = term_code(text), pol
                    covered[i:j] = True
                    break
    found = [_lookup(w, rules, doc_lang) for w in vocab]
    lookup = np.array([f[0] for f in found], dtype=float)[codes] if n else np.zeros(0)
    shown_code = np.array([term_code(f[1]) if f[1] else -1 for f in found], dtype=np.int64)[codes] \
        if n else np.zeros(0, np.int64)
    single_hit = ~covered & ~np.isnan(lookup)
    term_id[single_hit] = shown_code[single_hit]
    polarity[single_hit] = lookup[single_hit]
    is_term = (term_id >= 0) & (polarity != 0)

    # negation: negators among the two tokens before the term, in its clause (each
    # flips once); a prohibition (不要, 别 ...) flips positive terms only: 不要损害 warns
    negator = flag(_NEGATOR) if "negation" in rules else np.zeros(n, dtype=bool)
    prohibitive = flag(_PROHIBITIVE) if "negation" in rules else np.zeros(n, dtype=bool)
    window = _NEGATION_WINDOW
    if english and n:
        # should not, must never: a prohibition (as 不应, 不得), not a plain negation; and a
        # negator inside a term (allow no, no right) is the term's, not a negation of the next
        after_modal = np.roll(flag(_MODAL), 1) & ~para_start
        prohibitive = (prohibitive | (negator & after_modal)) & ~covered
        negator = negator & ~after_modal & ~covered
        window = _NEGATION_WINDOW_EN
    neg_count = _before(negator, clause_start, window) + np.where(
        polarity > 0, _before(prohibitive, clause_start, window), 0)
    # rhetorical questions cancel one negation after 难道/岂 in the sentence
    if "rhetorical" in rules:
        rhet = flag(_RHETORICAL)
        rhet_before = _cumcount_since(rhet, sent_start) > 0
        neg_count = np.where(rhet_before & (neg_count > 0), neg_count - 1, neg_count)
    negated = is_term & (neg_count % 2 == 1)

    # degree: the nearest adverb among the two tokens before the term, same clause
    deg = np.array([degree.get(w, 1.0) for w in vocab], dtype=float)[codes] if n else np.ones(0)
    deg_prev1 = np.where(_within(clause_start, 1), np.roll(deg, 1), 1.0)
    deg_prev2 = np.where(_within(clause_start, 2), np.roll(deg, 2), 1.0)
    degree_w = np.where(deg_prev1 != 1.0, deg_prev1, deg_prev2) if "degree" in rules else np.ones(n)

    # contrast: terms before a contrast word in its sentence count half
    contrast = flag(_CONTRAST)
    contrast_w = np.ones(n)
    if "contrast" in rules:
        seen = _cumcount_since(contrast, sent_start)
        total = pd.Series(contrast).groupby(sent_key).transform("sum").to_numpy()
        contrast_w = np.where((total > 0) & (seen == 0), _CONTRAST_BEFORE, 1.0)
    if "contrast_across" in rules and n:
        # a sentence that opens with 但是 (its first or second token): the paragraph's
        # sentences before it count half, as the clause before 但是 does within one
        opens = contrast & (sent_start | np.roll(sent_start, 1))
        last_open = pd.Series(np.where(opens, sent_key, -1)).groupby(para_key).transform("max").to_numpy()
        contrast_w = np.where(sent_key < last_open, _CONTRAST_BEFORE, contrast_w)

    weight = np.where(is_term, polarity * np.where(negated, -1, 1) * degree_w * contrast_w, 0.0)
    if "principle" in rules and n:
        # a sentence that pushes back (a protest, warning, accusation ... term counts
        # against someone): the positive words of the principle it invokes (和平, 稳定,
        # and the general lexicon's) do not make it warm
        cats = np.array([category.get(t.lstrip(NEGATION_MARK), "") for t in shown_terms] + [""], dtype=object)
        term_cat = cats[np.where(is_term, term_id, len(shown_terms))]
        pushback = (weight < 0) & np.isin(term_cat, list(PUSHBACK))
        in_pushback = pd.Series(pushback).groupby(sent_key).transform("any").to_numpy()
        weight = np.where(in_pushback & (weight > 0) & np.isin(term_cat, list(PRINCIPLE_MUTED)), 0.0, weight)
    def marks(words) -> np.ndarray:
        """True at the tokens that are one of ``words``."""
        return np.isin(codes, [code_of[w] for w in words if w in code_of])

    if "exhortation" in rules and n:
        # a clause with a word that exhorts and a party told (the other side, 有关方面 …):
        # its positive words and those of the rest of its sentence are the demand's content
        exhort = marks(EXHORTING_EN if english else EXHORTING)
        told = marks(_addressees_en() if english else _addressees())
        # jieba often cuts 有关/方面, 域外/国家: the pair names the party told
        for first, second in () if english else ADDRESSEE_PAIRS:
            if first in code_of and second in code_of:
                told[1:] |= (codes[:-1] == code_of[first]) & (codes[1:] == code_of[second])
        clause_key = np.cumsum(clause_start)
        demand = (pd.Series(exhort).groupby(clause_key).transform("any").to_numpy()
                  & pd.Series(told).groupby(clause_key).transform("any").to_numpy())
        # from the first demanding clause of a sentence to its end
        started = pd.Series(demand).groupby(sent_key).cummax().to_numpy()
        weight = np.where(started & (weight > 0), 0.0, weight)
    in_report = np.zeros(n, dtype=bool)
    if "reported" in rules and "domain" in rules and n:
        # a question's sentence that reports (据报道, X称 …) or does not ask (no ？) sets the
        # question up: not the journalist's own tone
        kind = segments.drop_duplicates(["doc_id", "para_no"]).set_index(["doc_id", "para_no"])["kind"]
        is_question = (kind.reindex(pd.MultiIndex.from_arrays([tok["doc_id"], tok["para_no"]])) == "question").to_numpy()
        by_sentence = pd.DataFrame({"r": marks(REPORTING_EN if english else REPORTING),
                                    "a": marks(("？", "?"))}).groupby(sent_key)
        in_report = (by_sentence["r"].transform("any").to_numpy() | ~by_sentence["a"].transform("any").to_numpy()) \
            & is_question
    general = np.array([category.get(t.lstrip(NEGATION_MARK)) == "general" for t in shown_terms] + [False])
    is_general = general[np.where(term_id >= 0, term_id, len(shown_terms))] & ("domain" in rules)
    weight = _calibrate(weight, is_general, in_report, rules)
    # the groups calibration weighs, for the terms that count
    is_general &= weight != 0
    in_report &= weight != 0
    terms = pa.array(shown_terms + [""], type=pa.string()).take(pa.array(np.where(is_term, term_id, len(shown_terms))))
    return tok.assign(  # copy-on-write: the token columns are shared, not copied
        sent_no=sent_no,
        clause_no=_cumcount_since(clause_start, para_start) - 1,
        term=pd.array(terms, dtype=pd.StringDtype("pyarrow", na_value=np.nan)),
        polarity=np.where(is_term, polarity, 0.0),
        negated=negated,
        degree=np.where(is_term, degree_w, 1.0),
        weight=weight,
        general=is_general,
        reported=in_report,
    )


def _calibrate(weight: np.ndarray, is_general: np.ndarray, in_report: np.ndarray, rules: frozenset[str]) -> np.ndarray:
    """Each term's weight times its group's calibrated weight (:func:`calibration`; without
    ``calibration``, the general lexicon's at :data:`GENERAL_WEIGHT`), and times the
    ``reported`` weight in a question's reporting sentences."""
    if "domain" not in rules:  # the baseline: the general lexicon as it is
        return weight
    if "calibration" in rules:
        c = calibration()
        mult = np.where(is_general, np.where(weight > 0, c["general_pos"], c["general_neg"]),
                        np.where(weight < 0, c["domain_neg"], 1.0))
    else:
        mult = np.where(is_general, GENERAL_WEIGHT, 1.0)
    return np.where(in_report, calibration()["reported"], 1.0) * weight * mult


def smoothing(rules: frozenset[str] = RULES) -> float:
    """k in (P − N) / (P + N + k)."""
    return calibration()["smoothing"] if "calibration" in rules and "domain" in rules else SMOOTHING


def _score(pos: pd.Series, neg: pd.Series, k: float | None = None) -> pd.Series:
    return (pos - neg) / (pos + neg + (smoothing() if k is None else k))


def _shown(terms: pd.DataFrame) -> pd.Series:
    return np.where(terms["negated"], NEGATION_MARK + terms["term"], terms["term"])


SENTENCE_COLUMNS = ["doc_id", "para_no", "sent_no", "start", "end", "text", "score",
                    "positive_terms", "negative_terms", "pos", "neg"]


def sentence_table(segments: pd.DataFrame, terms: pd.DataFrame, *, with_text: bool = True) -> pd.DataFrame:
    """One row per sentence: doc_id, para_no, sent_no, start and end (character
    offsets in the paragraph's text), text (unless ``with_text=False``), score
    (−1 … 1), positive_terms and negative_terms (space-separated; ¬ marks a
    negated term), pos and neg (the summed weights). ``terms`` is :func:`term_table`'s."""
    t = terms
    columns = SENTENCE_COLUMNS if with_text else [c for c in SENTENCE_COLUMNS if c != "text"]
    if t.empty:
        return pd.DataFrame(columns=columns)
    sent_no = t["sent_no"].to_numpy()
    para_no = t["para_no"].to_numpy()
    doc = pd.factorize(t["doc_id"])[0]
    new = np.ones(len(t), dtype=bool)
    new[1:] = (sent_no[1:] != sent_no[:-1]) | (para_no[1:] != para_no[:-1]) | (doc[1:] != doc[:-1])
    sid = np.cumsum(new) - 1
    first = np.flatnonzero(new)
    last = np.append(first[1:], len(t)) - 1
    weight = t["weight"].to_numpy()
    pos = np.bincount(sid, weights=np.clip(weight, 0, None), minlength=len(first))
    neg = np.bincount(sid, weights=np.clip(-weight, 0, None), minlength=len(first))
    out = t.iloc[first][["doc_id", "para_no", "sent_no"]].reset_index(drop=True)
    starts, ends = t["start"].to_numpy()[first], t["end"].to_numpy()[last]
    out["start"], out["end"] = starts.astype(np.int32), ends.astype(np.int32)
    if with_text:
        texts = segments.set_index(["doc_id", "para_no"])["text"]
        para_text = texts.reindex(pd.MultiIndex.from_frame(out[["doc_id", "para_no"]])).to_numpy()
        out["text"] = [p[a:b] for p, a, b in zip(para_text, starts, ends)]
    out["pos"], out["neg"] = pos, neg
    out["score"] = _score(out["pos"], out["neg"])
    # the terms of each sentence, joined in a plain loop over the few scored tokens
    hit = weight != 0
    positive: list[list[str]] = [[] for _ in range(len(out))]
    negative: list[list[str]] = [[] for _ in range(len(out))]
    shown = _shown(t[hit])
    for i, term, w in zip(sid[hit].tolist(), list(shown), weight[hit].tolist()):
        (positive if w > 0 else negative)[i].append(term)
    out["positive_terms"] = [" ".join(terms) for terms in positive]
    out["negative_terms"] = [" ".join(terms) for terms in negative]
    return out[columns]


def paragraph_table(segments: pd.DataFrame, terms: pd.DataFrame, *, k: float | None = None) -> pd.DataFrame:
    """One row per paragraph: doc_id, para_no, score (−1 … 1), pos and neg (summed weights).

    Paragraphs without tokens (none in practice) are missing; every
    paragraph of ``segments`` with text appears.
    """
    t = terms.assign(pos=terms["weight"].clip(lower=0), neg=(-terms["weight"]).clip(lower=0))
    out = t.groupby(["doc_id", "para_no"], sort=False).agg(pos=("pos", "sum"), neg=("neg", "sum")).reset_index()
    out["score"] = _score(out["pos"], out["neg"], k)
    return out[["doc_id", "para_no", "score", "pos", "neg"]]


def tone_table(
    segments: pd.DataFrame,
    paragraphs: pd.DataFrame,
    *,
    by: str | list[str],
    kinds: tuple[str, ...] = ("question", "answer", "statement"),
    pool: bool = False,
) -> pd.DataFrame:
    """Tone aggregated over groups of paragraphs within each document (an answer:
    ``qa_no``; a unit: ``unit_no``; a questioner's origin ...); ``pool=True``
    groups across documents by ``by`` alone. The score of a group pools its terms:
    (P − N) / (P + N + k) over the summed weights, so long paragraphs weigh more.
    Columns: the groups (``doc_id`` first unless pooled), score,
    mean_paragraph_score, paragraphs, chars."""
    groups = group_keys(by, pool=pool)
    seg = segments[segments["kind"].isin(kinds)]
    if any(g in UNIT_COLUMNS for g in groups):
        seg = add_units(seg)
    cols = [c for c in groups if c not in ("doc_id",)] + ["doc_id", "para_no", "n_chars"]
    merged = paragraphs.merge(seg[list(dict.fromkeys(cols))], on=["doc_id", "para_no"])
    out = (
        merged.groupby(groups, dropna=True, sort=True)
        .agg(pos=("pos", "sum"), neg=("neg", "sum"), mean_paragraph_score=("score", "mean"),
             paragraphs=("para_no", "size"), chars=("n_chars", "sum"))
        .reset_index()
    )
    out["score"] = _score(out["pos"], out["neg"])
    return out[groups + ["score", "mean_paragraph_score", "paragraphs", "chars"]]


def question_answer_tone_table(segments: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Each Q&A's pooled question tone against its pooled answer tone, with the
    outlet that asked and its origin (:func:`analysis.add_outlet_info`): doc_id,
    qa_no, question, answer, qa_outlet, origin."""
    from .outlets import add_outlet_info

    seg = segments if "qa_origin" in segments.columns else add_outlet_info(segments)
    tone = tone_table(seg, paragraphs, by=["qa_no", "kind"], kinds=("question", "answer"))
    wide = tone.pivot(index=["doc_id", "qa_no"], columns="kind", values="score").reset_index()
    wide.columns.name = None
    for kind in ("question", "answer"):
        if kind not in wide:
            wide[kind] = np.nan
    asked = seg[seg["kind"] == "question"].drop_duplicates(["doc_id", "qa_no"]).set_index(["doc_id", "qa_no"])
    index = pd.MultiIndex.from_frame(wide[["doc_id", "qa_no"]])
    wide["qa_outlet"] = asked["qa_outlet"].reindex(index).fillna("").to_numpy()
    wide["origin"] = asked["qa_origin"].reindex(index).to_numpy()
    return wide[["doc_id", "qa_no", "question", "answer", "qa_outlet", "origin"]]


def driver_table(terms: pd.DataFrame, *, n: int = 10, pool: bool = False) -> pd.DataFrame:
    """The terms that weigh most on each side in each document (``pool=True``:
    across documents): doc_id, term (¬ if negated), direction
    (``positive``/``negative``), total weight, occurrences."""
    keys = group_keys(None, pool=pool)
    hits = terms[terms["weight"] != 0].assign(shown=lambda t: _shown(t))
    hits = hits.assign(direction=np.where(hits["weight"] > 0, "positive", "negative"))
    table = (
        hits.groupby(keys + ["direction", "shown"]).agg(weight=("weight", "sum"), count=("weight", "size"))
        .reset_index().rename(columns={"shown": "term"})
    )
    table["abs"] = table["weight"].abs()
    table = table.sort_values(keys + ["direction", "abs", "term"], ascending=[True] * len(keys) + [False, False, True])
    return table.groupby(keys + ["direction"], sort=False).head(n).drop(columns="abs").reset_index(drop=True)


Level = Literal["sentence", "paragraph", "answer", "section"]
LEVELS: tuple[Level, ...] = ("sentence", "paragraph", "answer", "section")


def arc_table(segments: pd.DataFrame, terms: pd.DataFrame, *, level: Level = "paragraph") -> pd.DataFrame:
    """Tone in speaking order at one level, for the tone arc, within each document.

    Columns: doc_id, order (0, 1, ... within the document), qa_no, unit_no
    (the section, or the Q&A in documents without headlines), kind (the
    paragraph's kind; ``answer`` at the answer and section levels), score, and
    para_no and sent_no where the level has them. Editorial text (headlines,
    titles, narration) is left out.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    t = terms
    spoken = add_units(segments[segments["kind"].isin(["statement", "question", "answer"])])
    info = spoken[["doc_id", "para_no", "kind", "qa_no", "unit_no"]]
    if level in ("sentence", "paragraph"):
        scores = sentence_table(segments, t) if level == "sentence" else paragraph_table(segments, t)
        out = scores.merge(info, on=["doc_id", "para_no"])
    else:
        unit = "qa_no" if level == "answer" else "unit_no"
        paragraphs = paragraph_table(segments, t)
        out = tone_table(spoken, paragraphs, by=unit, kinds=("answer",)).assign(kind="answer")
        if unit == "qa_no":
            units = info.drop_duplicates(["doc_id", "qa_no"]).set_index(["doc_id", "qa_no"])["unit_no"]
            out["unit_no"] = units.reindex(pd.MultiIndex.from_frame(out[["doc_id", "qa_no"]])).to_numpy()
        else:
            qas = info.dropna(subset=["unit_no"]).drop_duplicates(["doc_id", "unit_no"]).set_index(["doc_id", "unit_no"])["qa_no"]
            out["qa_no"] = qas.reindex(pd.MultiIndex.from_frame(out[["doc_id", "unit_no"]])).to_numpy()
    out = out.reset_index(drop=True)
    out.insert(1, "order", out.groupby("doc_id", sort=False).cumcount())
    return out


def highlight_html(terms: pd.DataFrame, doc_id: str, para_no: int) -> str:
    """A paragraph as HTML with its scored terms marked: purple positive, orange
    negative (the figures' colour-blind-safe pair), the weight in each mark's
    tooltip and after the paragraph."""
    from html import escape

    t = terms[(terms["doc_id"] == doc_id) & (terms["para_no"] == para_no)]
    parts = []
    end = 0
    for row in t.itertuples():
        if row.start > end:  # white space between tokens (English tokens leave it out)
            parts.append(" ")
        end = row.end
        if row.weight:
            colour = "#5e3c99" if row.weight > 0 else "#b35806"  # PuOr, as TONE_COLORS (text: a darker orange)
            parts.append(
                f'<span style="color:{colour};font-weight:bold;border-bottom:2px solid {colour}" '
                f'title="{escape(row.term)}: {row.weight:+.2f}">{escape(row.token)}</span>'
            )
        elif isinstance(row.term, str) and row.term:  # a term a rule counts 0 (a demand's, a report's …)
            parts.append(f'<span style="border-bottom:2px dotted #888" title="{escape(row.term)}: 0 (a rule '
                         f'counts it 0)">{escape(row.token)}</span>')
        else:
            parts.append(escape(row.token))
    scored = t[t["weight"] != 0]
    listing = ", ".join(
        f"{escape(NEGATION_MARK + r.term if r.negated else r.term)} {r.weight:+.2f}" for r in scored.itertuples()
    )
    pos, neg = scored["weight"].clip(lower=0).sum(), (-scored["weight"]).clip(lower=0).sum()
    score = (pos - neg) / (pos + neg + smoothing())
    return (f'<p style="font-size:1.1em;line-height:1.8">{"".join(parts)}</p>'
            f"<p>score {score:+.3f} &nbsp; (P {pos:.2f}, N {neg:.2f}); terms: {listing or 'none'}</p>")


def term_viewer(terms: pd.DataFrame, segments: pd.DataFrame):
    """An ipywidgets viewer for JupyterLab: pick a paragraph, see its scored terms.

    In a batch run (``make report``: the project's papermill engine sets
    ``ANALYSIS_BATCH``) there is nobody to pick, and a live widget in a batch run can
    leave nbclient waiting for ever (jupyter/nbclient#312; it hung one build here):
    a one-line note instead."""
    import os

    from IPython.display import HTML, display

    if os.environ.get("ANALYSIS_BATCH") == "1":
        return HTML("<p><i>The paragraph viewer is interactive: open this notebook in JupyterLab "
                    "(<code>make lab</code>) to use it.</i></p>")
    import ipywidgets as widgets

    spoken = segments[segments["kind"].isin(["statement", "question", "answer"])]
    options = [
        (f"{r.para_no:>3} {r.kind} Q{'' if pd.isna(r.qa_no) else int(r.qa_no)}: {r.text[:24]}…", (r.doc_id, r.para_no))
        for r in spoken.itertuples()
    ]
    picker = widgets.Dropdown(options=options, description="paragraph", layout=widgets.Layout(width="90%"))
    out = widgets.Output()

    def show(change=None) -> None:
        out.clear_output()
        with out:
            display(HTML(highlight_html(terms, *picker.value)))

    picker.observe(show, names="value")
    show()
    return widgets.VBox([picker, out])


PARTY_COLUMNS = ["doc_id", "para_no", "country", "score", "pos", "neg", "terms"]


def party_tone_table(terms: pd.DataFrame, mentions: pd.DataFrame, *, self_code: str = "CN",
                     unit: Literal["sentence", "clause"] = "sentence", carry: bool = False) -> pd.DataFrame:
    """Tone toward each party a paragraph names: the evaluations aimed at it, term by term.

    The defaults (sentence, no carry) were chosen on the development labels of issue 14
    (benchmarks/eval_tone.py, which prints all four), where they agreed best with the
    readers (ρ 0.723 over 249 answer and statement pairs; clauses 0.706; carrying to
    unnamed spans 0.720, with clauses 0.702; with the round's first scorer the order was
    the same):
    a term counts toward the parties its sentence names, and toward nobody if it names none.

    ``terms``: :func:`term_table`'s (every token, with start, sent_no, clause_no and
    weight); ``mentions``: :func:`analysis.countries.find_mentions`'. Each scored term
    goes to the parties of its ``unit`` (sentence or clause); with ``carry``, a span that
    names none takes the parties of the nearest span before it that names one (of the
    first such span, if none comes before), except that in a span where only the
    speaker's side is named (中方 …), positive terms are the speaker's praise of itself
    and go to nobody, while negative ones (中方坚决反对) are aimed at the others. The speaker's side (``self_code``) and
    regions are never a party here. A party's score is (P − N) / (P + N + k) over its
    terms, 0 where none is aimed at it, as for a paragraph.

    One row per paragraph and party it names: doc_id, para_no, country, score, pos,
    neg (summed weights), terms (how many)."""
    m = mentions[(mentions["country"] != self_code) & ~mentions["country"].str.startswith("REG:")]
    own = mentions[mentions["country"] == self_code]
    if m.empty:
        return pd.DataFrame(columns=PARTY_COLUMNS)
    keys = ["doc_id", "para_no"]
    span = "sent_no" if unit == "sentence" else "clause_no"
    spots = terms[keys + ["start", span]].astype({"start": np.int64, "para_no": np.int64})
    paras = m[keys].drop_duplicates().astype({"para_no": np.int64})
    spots = spots.merge(paras, on=keys)

    def clause_of(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame[keys + ["start", "country"]].astype({"start": np.int64, "para_no": np.int64})
        located = pd.merge_asof(frame.sort_values("start"),
                                spots.sort_values("start"), on="start", by=keys, direction="backward")
        return located.dropna(subset=[span]).astype({span: np.int64})

    others, selves = clause_of(m), clause_of(own.merge(paras, on=keys))
    hits = terms.loc[terms["weight"] != 0, keys + [span, "weight"]].astype({"para_no": np.int64}).merge(paras, on=keys)
    if not carry:  # each term to the parties its span names: a join
        aimed = others[keys + [span, "country"]].drop_duplicates().merge(hits, on=keys + [span])
        aimed = aimed.assign(pos=aimed["weight"].clip(lower=0), neg=(-aimed["weight"]).clip(lower=0))
        out = (others[keys + ["country"]].drop_duplicates()
               .merge(aimed.groupby(keys + ["country"], sort=False)
                      .agg(pos=("pos", "sum"), neg=("neg", "sum"), terms=("weight", "size")).reset_index(),
                      on=keys + ["country"], how="left")
               .fillna({"pos": 0.0, "neg": 0.0, "terms": 0}).astype({"terms": np.int64}))
        out["score"] = _score(out["pos"], out["neg"])
        return out.sort_values(keys + ["country"], ignore_index=True)[PARTY_COLUMNS]
    named = others.groupby(keys + [span])["country"].agg(lambda c: tuple(dict.fromkeys(c)))
    self_clauses = set(map(tuple, selves[keys + [span]].drop_duplicates().to_numpy().tolist()))
    rows: dict[tuple, list[float]] = {}
    hits_by_para = {k: g for k, g in hits.groupby(keys, sort=False)}
    for (doc, para), clauses in named.groupby(level=[0, 1], sort=False):
        parties = {c: p for (_, _, c), p in clauses.items()}
        for country in dict.fromkeys(x for p in parties.values() for x in p):
            rows[(doc, para, country)] = [0.0, 0.0, 0]
        g = hits_by_para.get((doc, para))
        if g is None:
            continue
        ordered = sorted(parties)
        for clause, w in zip(g[span].tolist(), g["weight"].tolist()):
            if clause in parties:
                targets = parties[clause]
            elif w > 0 and (doc, para, clause) in self_clauses:
                continue  # the speaker's praise of its own side
            elif not carry:
                continue
            else:
                before = [c for c in ordered if c < clause]
                targets = parties[before[-1] if before else ordered[0]]
            for country in targets:
                r = rows[(doc, para, country)]
                r[0 if w > 0 else 1] += abs(w)
                r[2] += 1
    out = pd.DataFrame([(*k, *v) for k, v in rows.items()], columns=["doc_id", "para_no", "country", "pos", "neg", "terms"])
    out["score"] = _score(out["pos"], out["neg"])
    return out[PARTY_COLUMNS]


QUALITY_CSV = DATA_DIR / "eval" / "tone_quality.csv"
QUALITY_CSV_EN = DATA_DIR / "eval" / "tone_quality_en.csv"


def quality_table(doc_lang: str = "zh") -> pd.DataFrame:
    """How far the tone scores can be trusted, as ``make eval`` last measured them
    (``data/eval/tone_quality.csv``, benchmarks/eval_tone.py): per split and genre, the
    paragraphs and documents, Spearman's ρ of the scorer and of the best general-lexicon
    baseline against two readers' mean, with 95% bootstrap intervals, and the readers'
    agreement with each other. ``doc_lang="en"`` (the documents' language): the English scorer's, on the readers' labels
    carried over to the English twins (``tone_quality_en.csv``, benchmarks/eval_tone_en.py),
    beside the Chinese scorer on the same paragraphs and VADER."""
    if doc_lang == "en":
        q = pd.read_csv(QUALITY_CSV_EN)

        def span(col: str) -> pd.Series:
            return q.apply(lambda r: f"{r[col]:.2f} [{r[col + '_low']:.2f}, {r[col + '_high']:.2f}]", axis=1)

        return pd.DataFrame({"split": q["split"], "genre": "briefing, written", "paragraphs": q["units"],
                             "documents": q["documents"], "scorer ρ": span("english"),
                             "Chinese scorer, same paragraphs ρ": span("chinese"), "VADER ρ": span("VADER"),
                             "readers ρ": span("readers")})
    q = pd.read_csv(QUALITY_CSV)

    def interval(col: str) -> pd.Series:
        return q.apply(lambda r: f"{r[col]:.2f} [{r[col + '_low']:.2f}, {r[col + '_high']:.2f}]", axis=1)

    baselines = ["general lexicon", "general lexicon + rules"]
    best = q[baselines].idxmax(axis=1)
    return pd.DataFrame({
        "split": q["split"], "genre": q["genre"], "paragraphs": q["paragraphs"], "documents": q["documents"],
        "scorer ρ": interval("scorer"),
        "best general lexicon ρ": [f"{q.at[i, b]:.2f} [{q.at[i, b + '_low']:.2f}, {q.at[i, b + '_high']:.2f}]"
                                   for i, b in best.items()],
        "readers ρ": interval("readers"),
    })
