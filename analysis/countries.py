"""Country mentions: who is named, where, and how.

Five rules, applied to each paragraph's ``text`` only (speaker labels, such as
美国有线电视新闻网记者, are never read), in this order; a stretch of text used by
one rule is not read again:

1. **Names.** Every name and alias in ``data/lexicons/gazetteer.csv`` (CLDR
   names in simplified and traditional Chinese, plus documented aliases; in
   English transcripts the English names, aliases, adjectives and demonyms
   (Afghan, British, Americans: ``gazetteer_demonyms.csv``), as whole words),
   longest first, where the match begins at a token boundary and either ends at
   one or lies inside a single token (美国人), or lies anywhere inside a token
   that is a user-dictionary term (一个中国原则). Strings in
   ``gazetteer_blocklist.csv`` (印度洋, 内蒙古, Indian Ocean, overseas
   Chinese ...) are consumed as no mention. An English form listed under several
   codes (Korean: South or North; Congolese; Dominican; Guinean) is read by
   rule 5, while South Korean, North Korean and the Korean Peninsula are names.
2. **Side forms.** A token that is a ``X方`` side form (美方, 俄方, 中方).
3. **Compounds.** A run of whole tokens made only of one-character
   abbreviations (中美, 中日韩, 印巴, 老柬, 中/俄), or a token that is such a run
   followed by a relation word (中美关系), two or more characters, each
   character a different country; at least one of its characters must be a
   frequent abbreviation (中 美 俄 日 英 德 韩 朝 印 巴 澳 欧 越 菲 泰 柬 缅 港 台), or
   a relation word must follow (关系, 两国, 双方 ...), so that 以法 (以, 法 as
   words) is no Israel-France pair. 澳 after 港 is Macao (港澳). A date's 日
   (24日中俄) is not Japan.
4. **Governed characters.** A token made of a governing verb or preposition
   and an abbreviation (访华, 对华, 涉港, 涉台, 赴美; also inside a longer word of
   jieba's such as 来华访问 or 对华政策), or such a verb token
   followed by an abbreviation token (自/俄). Where jieba cut the governing
   character off its abbreviation and joined it to the word before (有关涉港:
   有/关涉/港; 如涉港: 如涉/港), the pair is read across the cut: a token that
   ends in a governing character counts for the abbreviation token after it
   when the token is no dictionary word (its HMM joined 如 and 涉), or when its
   other characters complete the token before it into one (有 + 关 = 有关).
   Across the cut only the frequent abbreviations count, not 中 or 日, which
   are common words after a verb (此访中, 会谈中).
5. **Licensed characters.** A one-character token such as 澳, 巴, 美, 阿 standing
   alone (澳内政部长, 巴外长, 美政府, 阿总统), when the document names that
   country in full elsewhere (rule 1). Characters with several countries (阿:
   Afghanistan, Argentina, Algeria ...; 瑞: Sweden, Switzerland), ambiguous
   side forms (瑞方, 巴方, 阿方) and ambiguous English forms (Korean, Congolese)
   count only when exactly one of their countries is named in the document.
   Characters that are common words on their own (中, 日, 以, 新, 加, 老, 约,
   非, 法 ...) never count alone.

Words that begin with an abbreviation but name no country (华为, 华尔街, 美元)
are never read as one.

One row per country per mention: 中美 gives a CN row and a US row.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

import numpy as np
import pandas as pd

from .config import LEXICON_DIR
from .tokens import doc_codes, in_dictionary, paragraph_rows, read_user_terms, token_codes
from .units import add_units, group_keys

GAZETTEER = LEXICON_DIR / "gazetteer.csv"
BLOCKLIST = LEXICON_DIR / "gazetteer_blocklist.csv"
STRONG = set("中美俄日英德韩朝印巴澳欧越菲泰柬缅港台")
RELATION_TAILS = (
    "关系", "两国", "双方", "之间", "合作", "外长", "领导人", "元首", "建交", "联合", "友好",
    "边境", "边界", "经贸", "贸易", "战略", "会谈", "会晤", "峰会", "对话", "争端", "同盟", "联盟",
)
GOVERNORS = set("访来在驻对赴涉援侵抗反亲旅留自抵离返")
GOVERNED = {"华": "CN"}  # 华 counts only when governed (访华), never in compounds
# abbreviations read across jieba's cut of a governed pair (有/关涉/港): the frequent
# ones and 华, not 中 or 日 (此访中, 会谈中: common words after a verb)
ACROSS_CUT = (STRONG | set(GOVERNED)) - set("中日")
# one-character tokens that may stand alone for a country named in full in the document
STANDALONE = set("美俄英德韩朝印巴澳菲泰柬缅蒙哈荷葡越")
# characters and side forms with several countries: counted when exactly one is named
AMBIGUOUS = {
    "阿": ("AF", "AR", "DZ", "AE", "AZ", "AL", "AO", "OM"),
    "瑞": ("SE", "CH"),
    "巴": ("PK", "BR", "PS", "PA"),
    "刚": ("CG", "CD"),
}
AMBIGUOUS_SIDES = {"瑞方": "瑞", "巴方": "巴", "阿方": "阿"}
# words that begin with an abbreviation but name no country
NOT_COUNTRIES = ("华为", "华尔街", "华人", "华侨", "华裔", "美元", "日元", "英镑", "欧元", "英语", "法语", "德语", "日语")
FOLD = {"HK": "CN", "MO": "CN", "TW": "CN"}
MENTION_COLUMNS = ["doc_id", "para_no", "start", "end", "surface", "country", "rule"]
RULES = ("name", "side", "compound", "governed", "licensed")
_LATIN = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1)
def read_gazetteer() -> pd.DataFrame:
    """The gazetteer: code, kind, name_en, name_zh, name_zh_hant, aliases, side, abbr."""
    return pd.read_csv(GAZETTEER, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _index():
    gaz = read_gazetteer()
    names: dict[str, str | None] = {}
    sides: dict[str, str] = {}
    abbr: dict[str, str] = {}
    for r in gaz.itertuples():
        for name in [r.name_zh, r.name_zh_hant, *filter(None, r.aliases.split("|"))]:
            names.setdefault(name, r.code)
        for side in filter(None, r.side.split("|")):
            sides[side] = r.code
        for ch in filter(None, r.abbr.split("|")):
            if ch in GOVERNED:
                continue
            abbr[ch] = r.code
    for r in gaz.itertuples():
        for name in filter(None, r.aliases_en.split("|")):
            names.setdefault(name, r.code)
    # English adjectives and demonyms: a form under one code is a name; under several
    # (Korean: KR, KP) it is ambiguous, resolved by the document (rule 5)
    demonyms: dict[str, list[str]] = {}
    for r in gaz.itertuples():
        for form in filter(None, r.demonyms_en.split("|")):
            demonyms.setdefault(form, []).append(r.code)
    ambiguous_en = {form: tuple(codes) for form, codes in demonyms.items() if len(codes) > 1}
    for form, codes in demonyms.items():
        if len(codes) == 1:
            names.setdefault(form, codes[0])
    for text in pd.read_csv(BLOCKLIST, dtype=str, keep_default_na=False)["text"]:
        names[text] = None
    latin = re.compile(r"[A-Za-z]")
    chinese = sorted((n for n in names if not latin.search(n)), key=len, reverse=True)
    english = sorted({*(n for n in names if latin.search(n)), *ambiguous_en}, key=len, reverse=True)
    pattern = re.compile(_trie_regex(chinese))
    # English names (for the Ministry's English transcripts): whole words, case as written
    pattern_en = re.compile(r"(?<![A-Za-z])(?:" + _trie_regex(english) + r")(?![A-Za-z])")
    governed = {**abbr, **GOVERNED}
    terms = frozenset(read_user_terms()["term"])
    return (pattern, pattern_en), names, sides, abbr, governed, terms, ambiguous_en


def _trie_regex(words: list[str]) -> str:
    """One regular expression for many words, as a trie: at each position the engine
    follows shared prefixes instead of trying every word (far faster for ~1,000 names).
    Longer words win over their prefixes, as in a longest-first alternation."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if end else body

    return build(trie)


def find_mentions(
    segments: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    fold: bool = False,
) -> pd.DataFrame:
    """Every country (and region or organisation) mention in the paragraphs' text;
    ``tokens`` is the token table of ``segments`` (:func:`analysis.tokens.tokenize`).

    Columns: doc_id, para_no, start, end (character offsets in ``text``),
    surface (the text matched), country (the gazetteer code), rule (``name``,
    ``side``, ``compound``, ``governed``, ``licensed``). ``fold=True``
    counts Hong Kong, Macao and Taiwan as CN (for country-level totals; see
    :func:`fold_china`).

    The rules run over the whole table at once: one regular-expression pass over
    the paragraphs' texts joined end to end (a name never spans the line break
    that joins them), token alignment by binary search over character offsets,
    and the other rules on the few tokens that can take part in them.
    """
    (pattern, pattern_en), names, sides, abbr, governed, terms, ambiguous_en = _index()
    tok = tokens
    texts = segments["text"].tolist()
    n_par = len(texts)
    # paragraphs end to end, one line break between them
    lengths = np.fromiter(map(len, texts), np.int64, n_par)
    par_off = np.concatenate([[0], np.cumsum(lengths + 1)])[:-1]
    joined = "\n".join(texts)

    # each token's paragraph (row of segments) and global character offsets
    tpar = paragraph_rows(tok, segments)
    if (tpar < 0).any():
        raise ValueError("the tokens hold paragraphs that are not in the segments")
    order = np.lexsort((tok["start"].to_numpy(), tpar))
    tpar = tpar[order]
    t_start = tok["start"].to_numpy(np.int64)[order]
    t_end = tok["end"].to_numpy(np.int64)[order]
    codes, vocab = token_codes(tok)
    codes = codes[order]
    gs, ge = par_off[tpar] + t_start, par_off[tpar] + t_end
    n = len(codes)
    first_tok = np.full(n_par + 1, n, np.int64)  # each paragraph's first token
    np.minimum.at(first_tok, tpar, np.arange(n))
    words = vocab  # distinct token strings, indexed by code
    bits = np.fromiter(map(_word_bits, words), np.int64, len(words))[codes] if n else np.zeros(0, np.int64)

    def vflag(bit: int) -> np.ndarray:
        return (bits & bit) != 0

    rows: list[tuple] = []
    doc_of = segments["doc_id"].to_numpy(dtype=object)
    para_of = segments["para_no"].to_numpy(np.int64)

    def emit(p: int, s: int, e: int, surface: str, code: str, rule: str) -> None:
        rows.append((doc_of[p], int(para_of[p]), int(s), int(e), surface, code, rule, int(p)))

    # rule 1 in English: whole words, case as written (China, the U.S., WHO); no token is used up
    latin = [p for p, text in enumerate(texts) if _LATIN.search(text)]  # only these can hold English names
    latin_off = np.concatenate([[0], np.cumsum(lengths[latin] + 1)])[:-1]
    found_en = []
    ambiguous_found = []  # English forms of several countries (Korean), for rule 5
    for m in pattern_en.finditer("\n".join(texts[p] for p in latin)):
        q = int(np.searchsorted(latin_off, m.start(), "right") - 1)
        shift = par_off[latin[q]] - latin_off[q]
        found_en.append((m.start() + shift, m.end() + shift, m.group(0)))
    if found_en:
        paras = np.searchsorted(par_off, [f[0] for f in found_en], "right") - 1
        for (s, e, surface), p in zip(found_en, paras.tolist()):
            if surface in ambiguous_en:
                ambiguous_found.append((p, s - par_off[p], e - par_off[p], surface))
                continue
            code = names[surface]
            if code is not None:
                emit(p, s - par_off[p], e - par_off[p], surface, code, "name")
    # rule 1: names, longest first, aligned to tokens (or inside a user term)
    used = np.zeros(n, bool)
    found = [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(joined)]
    if found and n:
        ms = np.array([f[0] for f in found], np.int64)
        me = np.array([f[1] for f in found], np.int64)
        i = np.searchsorted(gs, ms, "right") - 1  # the token the match begins in
        k = np.searchsorted(ge, me, "left")
        ends_on_token = (k < n) & (ge[np.minimum(k, n - 1)] == me)
        is_term = vflag(_USER_TERM)[i]
        ok = np.where(gs[i] == ms, ends_on_token | (ge[i] >= me), is_term & (ge[i] >= me))
        j = np.searchsorted(gs, me, "left")  # tokens i .. j-1 are used up
        diff = np.zeros(n + 1, np.int64)
        np.add.at(diff, i[ok], 1)
        np.add.at(diff, j[ok], -1)
        used = np.cumsum(diff[:-1]) > 0
        code_of = [names[surface] for _, _, surface in found]
        keep = ok & np.fromiter((c is not None for c in code_of), bool, len(found))
        p = tpar[i][keep]
        rows.extend(zip(doc_of[p], para_of[p].tolist(), (ms[keep] - par_off[p]).tolist(),
                        (me[keep] - par_off[p]).tolist(), [f[2] for f, k in zip(found, keep) if k],
                        [c for c, k in zip(code_of, keep) if k], ["name"] * len(p), p.tolist()))
    named_in: dict[str, set[str]] = {}
    for r in rows:
        if r[6] == "name":
            named_in.setdefault(r[0], set()).add(r[5])

    def text_at(idx: int, at: int) -> str:
        return texts[tpar[idx]][at:]

    # rule 2: side forms
    side = vflag(_SIDE) & ~used
    for idx in np.flatnonzero(side):
        emit(tpar[idx], t_start[idx], t_end[idx], words[codes[idx]], sides[words[codes[idx]]], "side")
    used |= side
    # rule 3: compounds of abbreviations inside one token before a relation word (中美关系) ...
    for idx in np.flatnonzero(vflag(_RELATION_COMPOUND) & ~used):
        w = words[codes[idx]]
        k = _abbr_prefix(w, abbr)
        for c, ch in enumerate(w[:k]):
            code = "MO" if ch == "澳" and c > 0 and w[c - 1] == "港" else abbr[ch]
            emit(tpar[idx], t_start[idx] + c, t_start[idx] + c + 1, ch, code, "compound")
        used[idx] = True
    # ... or over runs of whole tokens made only of abbreviations (中美, 中日韩, 中/俄)
    pure = vflag(_PURE) & ~used
    new_par = np.ones(n, bool)
    new_par[1:] = tpar[1:] != tpar[:-1]
    run_start = pure & (new_par | ~np.roll(pure, 1))
    run_id = np.cumsum(run_start) - 1
    in_run = np.flatnonzero(pure)
    run_chars = np.bincount(run_id[in_run], weights=(t_end - t_start)[in_run], minlength=int(run_start.sum()))
    starts_of_runs = np.flatnonzero(run_start)
    ends_of_runs = np.append(starts_of_runs[1:], n)  # a run ends at the next run's start at the latest
    for i0, stop, size in zip(starts_of_runs.tolist(), ends_of_runs.tolist(), run_chars.tolist()):
        if size < 2:  # one character (中 in 在…中) is never a compound
            continue
        j = i0
        while j < stop and pure[j] and (j == i0 or not new_par[j]):
            j += 1
        p = tpar[i0]
        chars = "".join(words[c] for c in codes[i0:j])
        offset = t_start[i0]
        # a date's 日 (24日中俄) is not Japan
        if chars[0] == "日" and i0 > 0 and not new_par[i0]:
            prev = words[codes[i0 - 1]]
            if prev.isdigit() or prev[-1:] in "月号今昨明本当同次翌每逐":
                chars, offset = chars[1:], offset + 1
        if len(chars) < 2 or len(set(chars)) != len(chars):
            continue
        tail = texts[p][t_start[j]:t_start[j] + 3] if j < n and tpar[j] == p else ""
        if set(chars) & STRONG or any(tail.startswith(t) for t in RELATION_TAILS):
            for c, ch in enumerate(chars):
                code = "MO" if ch == "澳" and c > 0 and chars[c - 1] == "港" else abbr[ch]
                emit(p, offset + c, offset + c + 1, ch, code, "compound")
            used[i0:j] = True
    # rule 4: governed characters (访华, 涉港; 自/俄), never the start of 华为 and the like
    gov2 = vflag(_GOVERNED_WORD)
    gov1 = vflag(_GOVERNED_CHAR)
    governor = vflag(_GOVERNOR)
    after_governor = np.zeros(n, bool)
    after_governor[1:] = governor[:-1] & ~new_par[1:]
    # ... and across jieba's cut of a governed pair (有/关涉/港, 如涉/港)
    across = np.zeros(n, bool)
    across[1:] = vflag(_GOVERNOR_END)[:-1] & vflag(_ACROSS_CUT)[1:] & ~new_par[1:] & ~used[:-1]
    across &= ~(gov2 | (gov1 & after_governor)) & ~used
    for idx in np.flatnonzero(across):
        before = words[codes[idx - 2]] if idx >= 2 and not new_par[idx - 1] else ""
        if _cut_off(before, words[codes[idx - 1]]) and not _not_a_country(text_at(idx, 0), t_start[idx]):
            w = words[codes[idx]]
            emit(tpar[idx], t_start[idx], t_end[idx], w, governed[w], "governed")
            used[idx] = True
    for idx in np.flatnonzero((gov2 | (gov1 & after_governor)) & ~used):
        w = words[codes[idx]]
        if gov2[idx]:
            if not _not_a_country(text_at(idx, 0), t_start[idx] + 1):
                # 访华, and jieba's longer words built on one: 来华访问, 对华政策, 反华势力
                emit(tpar[idx], t_start[idx] + 1, t_start[idx] + 2, w[1], governed[w[1]], "governed")
                used[idx] = True
        elif not used[idx - 1] and not _not_a_country(text_at(idx, 0), t_start[idx]):
            emit(tpar[idx], t_start[idx], t_end[idx], w, governed[w], "governed")
            used[idx] = True
    # rule 5: lone characters and ambiguous side forms, licensed by the document
    lone = vflag(_LONE) & ~used
    for idx in np.flatnonzero(lone):
        p = tpar[idx]
        w = words[codes[idx]]
        if _not_a_country(texts[p], t_start[idx]):
            continue
        named = named_in.get(doc_of[p], set())
        if w in AMBIGUOUS_SIDES:
            code = _resolve(AMBIGUOUS_SIDES[w], named)
            if code:
                emit(p, t_start[idx], t_end[idx], w, code, "side")
        elif w in AMBIGUOUS and w not in abbr:
            code = _resolve(w, named)
            if code:
                emit(p, t_start[idx], t_end[idx], w, code, "licensed")
        elif w in STANDALONE and abbr.get(w) in named:
            emit(p, t_start[idx], t_end[idx], w, abbr[w], "licensed")
    # English forms of several countries (Korean), licensed by the document
    for p, s, e, surface in ambiguous_found:
        named = named_in.get(doc_of[p], set())
        candidates = [c for c in ambiguous_en[surface] if c in named]
        if len(candidates) == 1:
            emit(p, s, e, surface, candidates[0], "licensed")
    # in the order of the paragraphs in ``segments``, then of the text
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS + ["row"])
    out = out.sort_values(["row", "start", "country"], kind="stable", ignore_index=True).drop(columns="row")
    out = out.astype({"para_no": "int64", "start": "int64", "end": "int64"})
    return fold_china(out) if fold else out


def fold_china(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions with Hong Kong, Macao and Taiwan counted as China (country-level totals)."""
    return mentions.assign(country=mentions["country"].replace(FOLD))


(_SIDE, _RELATION_COMPOUND, _PURE, _GOVERNED_WORD, _GOVERNED_CHAR, _GOVERNOR, _LONE, _USER_TERM,
 _GOVERNOR_END, _ACROSS_CUT) = (1 << i for i in range(10))


@lru_cache(maxsize=None)
def _word_bits(w: str) -> int:
    """What rules 1-5 can make of a token, as bits (computed once per distinct word)."""
    _, _, sides, abbr, governed, terms, _ = _index()
    flags = (
        w in sides,
        _relation_compound(w, abbr),
        bool(w) and all(ch in abbr for ch in w),
        len(w) >= 2 and w[0] in GOVERNORS and w[1] in governed,
        len(w) == 1 and w in governed,
        w in GOVERNORS,
        w in AMBIGUOUS_SIDES or (w in AMBIGUOUS and w not in abbr) or w in STANDALONE,
        w in terms,
        len(w) >= 2 and w[-1] in GOVERNORS,
        len(w) == 1 and w in governed and w in ACROSS_CUT,
    )
    return sum(1 << i for i, f in enumerate(flags) if f)


def _cut_off(before: str, w: str) -> bool:
    """Whether jieba cut the governing character that ends ``w`` off the abbreviation
    after it: ``w`` is no dictionary word (HMM joined 如 and 涉), or its other
    characters complete the token ``before`` into one (有 + 关 of 关涉 = 有关)."""
    return not in_dictionary(w) or bool(before) and in_dictionary(before + w[:-1])


def _abbr_prefix(w: str, abbr) -> int:
    k = 0
    while k < len(w) and w[k] in abbr:
        k += 1
    return k


def _relation_compound(w: str, abbr) -> bool:
    """中美关系: two or more different abbreviations, then a relation word, in one token."""
    k = _abbr_prefix(w, abbr)
    return 2 <= k < len(w) and w[k:] in RELATION_TAILS and len(set(w[:k])) == k


def _not_a_country(text: str, start: int) -> bool:
    return any(text.startswith(word, start) for word in NOT_COUNTRIES)


def _resolve(char: str, named: set[str]) -> str | None:
    """The one country an ambiguous character stands for in this document, if one."""
    candidates = [c for c in AMBIGUOUS[char] if c in named]
    return candidates[0] if len(candidates) == 1 else None


def add_sentences(mentions: pd.DataFrame, terms: pd.DataFrame) -> pd.DataFrame:
    """Mentions with the ``sent_no`` of their sentence, from the sentiment term table:
    the sentence of the last token that starts at or before the mention (an as-of
    join on character offsets within each paragraph, by binary search)."""
    if mentions.empty:
        return mentions.assign(sent_no=pd.Series(dtype="int64"))
    keys = _paragraph_keys([mentions, terms])
    width = int(max(terms["start"].max(), mentions["start"].max())) + 1
    pos_t = keys[1] * width + terms["start"].to_numpy(np.int64)
    order = np.argsort(pos_t, kind="stable")
    pos_m = keys[0] * width + mentions["start"].to_numpy(np.int64)
    idx = np.searchsorted(pos_t[order], pos_m, "right") - 1
    if (idx < 0).any() or (keys[1][order][idx] != keys[0]).any():
        raise ValueError("a mention lies in a paragraph the term table does not hold")
    return mentions.assign(sent_no=terms["sent_no"].to_numpy(np.int64)[order][idx])


def _paragraph_keys(tables: list[pd.DataFrame]) -> list[np.ndarray]:
    """One integer per (doc_id, para_no), the same across ``tables``."""
    docs = pd.Index(pd.unique(np.concatenate([pd.unique(t["doc_id"].astype(str)) for t in tables])))
    width = int(max(t["para_no"].max() for t in tables)) + 1
    return [doc_codes(t["doc_id"], docs).astype(np.int64) * width + t["para_no"].to_numpy(np.int64) for t in tables]


def mention_table(
    mentions: pd.DataFrame,
    segments: pd.DataFrame,
    *,
    by: str = "kind",
    kinds: tuple[str, ...] = ("question", "answer"),
    min_count: int = 1,
    pool: bool = False,
) -> pd.DataFrame:
    """Mentions per country and per value of a paragraph column (kind, unit_no, qa_no ...),
    within each document (``pool=True``: across documents).

    Columns: doc_id (unless pooled), country, the ``by`` column, mentions. Only
    countries with at least ``min_count`` mentions in their document (in all,
    when pooled) are kept; only paragraphs of ``kinds``.
    """
    seg = segments[segments["kind"].isin(kinds)]
    if by in ("unit", "unit_no", "unit_title"):
        seg = add_units(seg)
    seg = seg[list(dict.fromkeys(["doc_id", "para_no", by]))]
    m = mentions.merge(seg, on=["doc_id", "para_no"])
    keys = group_keys(None, pool=pool)
    table = m.groupby(keys + ["country", by]).size().rename("mentions").reset_index()
    totals = table.groupby(keys + ["country"])["mentions"].transform("sum")
    return table[totals >= min_count].reset_index(drop=True)


def kind_table(mentions: pd.DataFrame, segments: pd.DataFrame, *, min_count: int = 1) -> pd.DataFrame:
    """Mentions of each country in the spoken text, by kind of paragraph, per document,
    most mentioned first (ties in the order of the codes): doc_id, country, statement
    (the principal's unprompted remarks; the column only where a document has any),
    question, answer, total. What the mentions-by-kind chart draws; headlines and
    other editorial text are not speech and are left out."""
    kinds = ("statement", "question", "answer")
    table = mention_table(mentions, segments, by="kind", kinds=kinds, min_count=min_count)
    shown = [k for k in kinds if k != "statement" or (table["kind"] == "statement").any()]
    if table.empty:
        return pd.DataFrame(columns=["doc_id", "country", *shown, "total"])
    parts = []
    for doc_id, part in table.groupby("doc_id", sort=False):
        wide = part.pivot(index="country", columns="kind", values="mentions").fillna(0)
        for kind in shown:
            if kind not in wide:
                wide[kind] = 0
        wide = wide.assign(total=wide.sum(axis=1)).sort_values(["total"], ascending=True, kind="stable").iloc[::-1]
        parts.append(wide[[*shown, "total"]].astype(int).reset_index().assign(doc_id=doc_id))
    out = pd.concat(parts, ignore_index=True)
    return out[["doc_id", "country", *shown, "total"]]


def china_apart(mentions: pd.DataFrame, segments: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The mentions without China's, and a line that counts China's by kind of
    paragraph: in the Ministry's words China is mostly itself (中方, 我们中国), and
    drawn with the others it dwarfs every country and makes the network a star."""
    own = mentions[mentions["country"] == "CN"]
    kinds = segments.set_index(["doc_id", "para_no"])["kind"].reindex(
        pd.MultiIndex.from_frame(own[["doc_id", "para_no"]])).value_counts()
    note = (f"China, counted apart and left out of the charts: {len(own)} mentions"
            + (" (" + ", ".join(f"{n} in {k}s" for k, n in kinds.items()) + ")" if len(own) else ""))
    return mentions[mentions["country"] != "CN"], note


def spoken(mentions: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """The mentions in speech (statements, questions, answers): headlines, titles and
    narration are the editor's words, not the speakers', and are left out."""
    keep = segments.loc[segments["kind"].isin(["statement", "question", "answer"]), ["doc_id", "para_no"]]
    return mentions.merge(keep, on=["doc_id", "para_no"])[mentions.columns]


def country_unit_table(mentions: pd.DataFrame, segments: pd.DataFrame, *, by: str = "unit_no",
                   min_count: int = 1) -> pd.DataFrame:
    """One document's mentions as a matrix: a row per country (most mentioned first),
    a column per value of ``by`` (its units, by default): what the heatmap draws."""
    table = mention_table(mentions, segments, by=by, min_count=min_count)
    if table["doc_id"].nunique() > 1:
        raise ValueError("country_unit_table draws one document: pass one document's mentions")
    if table.empty:
        return pd.DataFrame(columns=["country"])
    wide = table.pivot(index="country", columns=by, values="mentions").fillna(0).astype(int)
    wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    wide.columns = [int(c) for c in wide.columns]
    return wide.reset_index()


def map_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions per country and territory (regions and organisations left out), most
    first: country, mentions, on_map (whether the world map has an outline for it:
    Hong Kong and Macao, among others, are too small for one)."""
    from .labels import country_kinds
    from .plots.worldmap import world_shapes

    kinds = country_kinds()
    counts = mentions["country"].value_counts()
    counts = counts[[kinds.get(c) in ("country", "observer", "territory") for c in counts.index]]
    table = counts.rename_axis("country").reset_index(name="mentions")
    table["on_map"] = table["country"].isin(set(world_shapes()))
    return table


def network_table(pairs: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs named together (:func:`comention_table`) with each end's mentions in all:
    what the network draws (line width from ``sentences``, dot size from the mentions)."""
    counts = mentions["country"].value_counts()
    return pairs.assign(a_mentions=pairs["a"].map(counts).fillna(0).astype(int),
                        b_mentions=pairs["b"].map(counts).fillna(0).astype(int))


def comention_table(mentions: pd.DataFrame, *, min_count: int = 1, pool: bool = False) -> pd.DataFrame:
    """Pairs of countries named in the same sentence, per document (``pool=True``:
    across documents): doc_id (unless pooled), a, b (a < b), sentences.

    ``mentions`` needs ``sent_no`` (:func:`add_sentences`)."""
    keys = group_keys(None, pool=pool)
    per_sentence = mentions.groupby(["doc_id", "para_no", "sent_no"], sort=False)["country"].agg(lambda c: sorted(set(c)))
    pairs: dict[tuple, int] = {}
    for (doc_id, _, _), countries in per_sentence.items():
        for i, a in enumerate(countries):
            for b in countries[i + 1:]:
                k = (doc_id, a, b) if keys else (a, b)
                pairs[k] = pairs.get(k, 0) + 1
    out = pd.DataFrame([(*k, n) for k, n in pairs.items()], columns=keys + ["a", "b", "sentences"])
    out = out[out["sentences"] >= min_count]
    return out.sort_values(keys + ["sentences", "a", "b"], ascending=[True] * len(keys) + [False, True, True],
                           ignore_index=True)


def country_tone_table(
    mentions: pd.DataFrame, sentences: pd.DataFrame, *, min_count: int = 1, confidence: float = 0.95,
    pool: bool = False,
) -> pd.DataFrame:
    """Tone toward each country in each document (``pool=True``: across documents):
    the mean score of the sentences that name it.

    Each sentence counts once per country however often it names it. Columns:
    doc_id (unless pooled), country, sentences, mean, low, high (a t interval at
    ``confidence``; empty for a single sentence), positive_share (sentences
    scoring above 0).
    """
    from scipy import stats

    keys = ["doc_id", "para_no", "sent_no"]
    groups = group_keys("country", pool=pool)
    named = mentions[keys + ["country"]].drop_duplicates()
    scored = named.merge(sentences[keys + ["score"]], on=keys)
    rows = []
    for key, group in scored.groupby(groups):
        n = len(group)
        if n < min_count:
            continue
        mean = float(group["score"].mean())
        if n > 1 and group["score"].std() > 0:
            low, high = stats.t.interval(confidence, n - 1, loc=mean, scale=stats.sem(group["score"]))
        else:
            low = high = float("nan")
        rows.append((*(key if isinstance(key, tuple) else (key,)), n, mean, low, high,
                     float((group["score"] > 0).mean())))
    out = pd.DataFrame(rows, columns=groups + ["sentences", "mean", "low", "high", "positive_share"])
    first = groups[:-1]
    return out.sort_values(first + ["sentences", "country"], ascending=[True] * len(first) + [False, True],
                           ignore_index=True)


def mention_kwic(mentions: pd.DataFrame, segments: pd.DataFrame, *, window: int = 10) -> pd.DataFrame:
    """Every mention in context, for reading: para_no, kind, country, rule, left, surface, right."""
    seg = segments.set_index(["doc_id", "para_no"])
    rows = []
    for m in mentions.itertuples():
        text = seg.at[(m.doc_id, m.para_no), "text"]
        rows.append((m.doc_id, m.para_no, seg.at[(m.doc_id, m.para_no), "kind"], m.country, m.rule,
                     text[max(0, m.start - window):m.start], m.surface, text[m.end:m.end + window]))
    return pd.DataFrame(rows, columns=["doc_id", "para_no", "kind", "country", "rule", "left", "surface", "right"])
