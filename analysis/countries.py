"""Country mentions: who is named, where, and how.

Four rules, applied to each paragraph's ``text`` only (speaker labels, such as
美国有线电视新闻网记者, are never read), in this order; a stretch of text used by
one rule is not read again:

1. **Names.** Every name and alias in ``data/lexicons/gazetteer.csv`` (CLDR
   names in simplified and traditional Chinese, plus documented aliases; in
   English transcripts the English names and aliases, as whole words),
   longest first, where the match begins at a token boundary and either ends at
   one or lies inside a single token (美国人), or lies anywhere inside a token
   that is a user-dictionary term (一个中国原则). Strings in
   ``gazetteer_blocklist.csv`` (印度洋, 内蒙古 ...) are consumed as no mention.
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
   followed by an abbreviation token (自/俄).
5. **Licensed characters.** A one-character token such as 澳, 巴, 美, 阿 standing
   alone (澳内政部长, 巴外长, 美政府, 阿总统), when the document names that
   country in full elsewhere (rule 1). Characters with several countries (阿:
   Afghanistan, Argentina, Algeria ...; 瑞: Sweden, Switzerland) and ambiguous
   side forms (瑞方, 巴方, 阿方) count only when exactly one of their countries
   is named in the document. Characters that are common words on their own
   (中, 日, 以, 新, 加, 老, 约, 非, 法 ...) never count alone.

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
from .tokens import read_user_terms, tokenize
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
    for text in pd.read_csv(BLOCKLIST, dtype=str, keep_default_na=False)["text"]:
        names[text] = None
    latin = re.compile(r"[A-Za-z]")
    chinese = sorted((n for n in names if not latin.search(n)), key=len, reverse=True)
    english = sorted((n for n in names if latin.search(n)), key=len, reverse=True)
    pattern = re.compile(_trie_regex(chinese))
    # English names (for the Ministry's English transcripts): whole words, case as written
    pattern_en = re.compile(r"(?<![A-Za-z])(?:" + _trie_regex(english) + r")(?![A-Za-z])")
    governed = {**abbr, **GOVERNED}
    return (pattern, pattern_en), names, sides, abbr, governed, frozenset(read_user_terms()["term"])


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
    *,
    tokens: pd.DataFrame | None = None,
    fold_china: bool = False,
) -> pd.DataFrame:
    """Every country (and region or organisation) mention in the paragraphs' text.

    Columns: doc_id, para_no, start, end (character offsets in ``text``),
    surface (the text matched), country (the gazetteer code), rule (``name``,
    ``side``, ``compound``, ``governed``). ``fold_china=True`` counts Hong Kong,
    Macao and Taiwan as CN (for country-level totals).
    """
    pattern, names, sides, abbr, governed, terms = _index()
    tok = tokenize(segments) if tokens is None else tokens
    text_of = dict(zip(zip(segments["doc_id"], segments["para_no"]), segments["text"]))
    words_all = tok["token"].to_numpy(dtype=object)
    starts_all = tok["start"].to_numpy()
    ends_all = tok["end"].to_numpy()
    doc_all = tok["doc_id"].to_numpy(dtype=object)
    para_all = tok["para_no"].to_numpy()
    # tokens any rule after the first may use, found once per distinct word
    codes, vocab = pd.factorize(words_all)
    flags = np.fromiter((_candidate(w, sides, abbr, governed) for w in vocab), bool, len(vocab))
    candidate = flags[codes] if len(words_all) else np.zeros(0, bool)
    bounds = np.flatnonzero(np.r_[True, (para_all[1:] != para_all[:-1]) | (doc_all[1:] != doc_all[:-1]), True])
    rows: list[tuple] = []
    by_doc: dict[str, list] = {}
    named_in: dict[str, set[str]] = {}  # the countries each document names in full
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        doc_id, para_no = doc_all[lo], int(para_all[lo])
        text = text_of[(doc_id, para_no)]
        words, starts, ends = words_all[lo:hi].tolist(), starts_all[lo:hi].tolist(), ends_all[lo:hi].tolist()
        cand = np.flatnonzero(candidate[lo:hi]).tolist()
        found, used = _paragraph(doc_id, para_no, text, words, starts, ends, cand, pattern, names, sides, abbr,
                                 governed, terms)
        rows.extend(found)
        by_doc.setdefault(doc_id, []).append((para_no, text, words, starts, ends, used, cand))
        named_in.setdefault(doc_id, set()).update(r[5] for r in found if r[6] == "name")
    for doc_id, paragraphs in by_doc.items():
        named = named_in[doc_id]
        for para_no, text, words, starts, ends, used, cand in paragraphs:
            rows.extend(_licensed(doc_id, para_no, text, words, starts, ends, used, cand, named, abbr))
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[5]))
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    if fold_china:
        out["country"] = out["country"].replace(FOLD)
    return out.astype({"para_no": "int64", "start": "int64", "end": "int64"})


def _candidate(w: str, sides, abbr, governed) -> bool:
    """Could rules 2-5 use this token? (Most tokens: no.)"""
    if not w:
        return False
    return (
        w in sides or w in AMBIGUOUS_SIDES or w in AMBIGUOUS or w in GOVERNORS
        or w[0] in abbr  # a compound (中美, 中美关系) or a lone character
        or (len(w) >= 2 and w[0] in GOVERNORS and w[1] in governed)
        or (len(w) == 1 and w in governed)
    )


def _not_a_country(text: str, start: int) -> bool:
    return any(text.startswith(word, start) for word in NOT_COUNTRIES)


def _resolve(char: str, named: set[str]) -> str | None:
    """The one country an ambiguous character stands for in this document, if one."""
    candidates = [c for c in AMBIGUOUS[char] if c in named]
    return candidates[0] if len(candidates) == 1 else None


def _licensed(doc_id, para_no, text, words, starts, ends, used, cand, named, abbr):
    """Rule 5: lone characters and ambiguous side forms, licensed by the document."""
    rows = []
    for i in cand:
        w = words[i]
        if used[i] or _not_a_country(text, starts[i]):
            continue
        if w in AMBIGUOUS_SIDES:
            code = _resolve(AMBIGUOUS_SIDES[w], named)
            if code:
                rows.append((doc_id, para_no, starts[i], ends[i], w, code, "side"))
        elif w in AMBIGUOUS and w not in abbr:
            code = _resolve(w, named)
            if code:
                rows.append((doc_id, para_no, starts[i], ends[i], w, code, "licensed"))
        elif w in STANDALONE and abbr.get(w) in named:
            rows.append((doc_id, para_no, starts[i], ends[i], w, abbr[w], "licensed"))
    return rows


def _paragraph(doc_id, para_no, text, words, starts, ends, cand, pattern, names, sides, abbr, governed, terms):
    rows = []
    used = np.zeros(len(words), dtype=bool)  # tokens consumed by an earlier rule
    pattern, pattern_en = pattern
    # rule 1 in English: whole words, case as written (China, the U.S., WHO)
    for m in (pattern_en.finditer(text) if _LATIN.search(text) else ()):
        code = names[m.group(0)]
        if code is not None:
            rows.append((doc_id, para_no, m.start(), m.end(), m.group(0), code, "name"))
    # rule 1: names, longest first, aligned to tokens (or inside a user term)
    for m in pattern.finditer(text):
        s, e = m.span()
        i = bisect_right(starts, s) - 1  # the token the match begins in
        if starts[i] == s:
            k = bisect_left(ends, e)
            if not ((k < len(ends) and ends[k] == e) or ends[i] >= e):
                continue
        elif not (words[i] in terms and ends[i] >= e):
            continue
        j = i
        while j < len(words) and starts[j] < e:
            used[j] = True
            j += 1
        code = names[m.group(0)]
        if code is not None:
            rows.append((doc_id, para_no, s, e, m.group(0), code, "name"))
    # rule 2: side forms (only candidate tokens can match rules 2-4)
    for i in cand:
        w = words[i]
        if not used[i] and w in sides:
            used[i] = True
            rows.append((doc_id, para_no, starts[i], ends[i], w, sides[w], "side"))
    # rule 3: compounds of abbreviations, over runs of whole tokens ...
    for i in cand:
        w = words[i]
        # ... or inside one token, before a relation word (中美关系, 中俄关系)
        k = 0
        while k < len(w) and w[k] in abbr:
            k += 1
        if not used[i] and 2 <= k < len(w) and w[k:] in RELATION_TAILS and len(set(w[:k])) == k:
            for n, ch in enumerate(w[:k]):
                code = "MO" if ch == "澳" and n > 0 and w[n - 1] == "港" else abbr[ch]
                rows.append((doc_id, para_no, starts[i] + n, starts[i] + n + 1, ch, code, "compound"))
            used[i] = True
    pure = [i for i in cand if not used[i] and all(ch in abbr for ch in words[i])]
    pure_set = set(pure)
    for i in pure:
        if i - 1 in pure_set and not used[i - 1] and all(ch in abbr for ch in words[i - 1]):
            continue  # inside a run started earlier
        if used[i]:
            continue
        j = i
        while j < len(words) and not used[j] and words[j] and all(ch in abbr for ch in words[j]):
            j += 1
        chars = "".join(words[i:j])
        offset = starts[i]
        # a date's 日 (24日中俄) is not Japan
        if chars[0] == "日" and i > 0 and (words[i - 1].isdigit() or words[i - 1][-1:] in "月号今昨明本当同次翌每逐"):
            chars, offset = chars[1:], offset + 1
        tail = text[starts[j]:starts[j] + 3] if j < len(words) else ""
        related = any(tail.startswith(t) for t in RELATION_TAILS)
        if len(chars) >= 2 and len(set(chars)) == len(chars) and (set(chars) & STRONG or related):
            for k, ch in enumerate(chars):
                code = "MO" if ch == "澳" and k > 0 and chars[k - 1] == "港" else abbr[ch]
                rows.append((doc_id, para_no, offset + k, offset + k + 1, ch, code, "compound"))
            used[i:j] = True
    # rule 4: governed characters (访华, 涉港; 自/俄), never the start of 华为 and the like
    for i in cand:
        w = words[i]
        if used[i]:
            continue
        if len(w) >= 2 and w[0] in GOVERNORS and w[1] in governed and not _not_a_country(text, starts[i] + 1):
            # 访华, and jieba's longer words built on one: 来华访问, 对华政策, 反华势力
            rows.append((doc_id, para_no, starts[i] + 1, starts[i] + 2, w[1], governed[w[1]], "governed"))
            used[i] = True
        elif (len(w) == 1 and w in governed and i > 0 and words[i - 1] in GOVERNORS and not used[i - 1]
              and not _not_a_country(text, starts[i])):
            rows.append((doc_id, para_no, starts[i], ends[i], w, governed[w], "governed"))
            used[i] = True
    return rows, used


def country_label(code: str, lang: str = "zh") -> str:
    """A country's (region's, organisation's) short label for charts."""
    gaz = read_gazetteer().set_index("code")
    return gaz.at[code, "label_en" if lang == "en" else "label_zh"] if code in gaz.index else code


def add_sentences(mentions: pd.DataFrame, terms: pd.DataFrame) -> pd.DataFrame:
    """Mentions with the ``sent_no`` of their sentence, from the sentiment term table:
    the sentence of the last token that starts at or before the mention (a join
    on character offsets within each paragraph, by :func:`pandas.merge_asof`)."""
    key = ["doc_id", "para_no"]
    if mentions.empty:
        return mentions.assign(sent_no=pd.Series(dtype="int64"))
    left = mentions[key + ["start"]].assign(_row=np.arange(len(mentions))).sort_values("start", kind="stable")
    right = terms[key + ["start", "sent_no"]].sort_values("start", kind="stable")
    joined = pd.merge_asof(left, right, on="start", by=key, direction="backward")
    sent = joined.sort_values("_row")["sent_no"].to_numpy()
    return mentions.assign(sent_no=sent.astype("int64"))


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
