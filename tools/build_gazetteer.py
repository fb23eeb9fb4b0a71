"""Build data/lexicons/gazetteer.csv from maintained sources (run by hand: `make gazetteer`).

- The 193 UN member states: the UNmember column of country_converter's table.
- Their names: CLDR through babel, simplified Chinese (``zh``), traditional
  Chinese (``zh_Hant`` and ``zh_Hant_HK``) and English, plus Hong Kong, Macao and
  Taiwan (their own ISO codes) and the UN observers Palestine and the Holy See.
- Aliases, 方 side forms and one-character abbreviations: added from
  data/lexicons/gazetteer_extra.csv, by the rules in its notes.
- Regions and organisations: data/lexicons/gazetteer_groups.csv, with codes that
  are no ISO country code (ORG:..., REG:...).
- English adjectives and demonyms (Afghan, British, Koreans): data/lexicons/
  gazetteer_demonyms.csv, into ``demonyms_en``; a form listed under several codes
  (Korean: KR and KP) is ambiguous, and analysis.countries counts it only where
  the document names exactly one of them.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import country_converter
import pandas as pd
from babel import Locale

ROOT = Path(__file__).resolve().parents[1]
LEX = ROOT / "data" / "lexicons"


def main() -> None:
    table = pd.read_csv(Path(os.path.dirname(country_converter.__file__)) / "country_data.tsv",
                        sep="\t", dtype=str, keep_default_na=False)
    members = table[table["UNmember"] != ""].copy()
    members["code"] = members["ISO2"].str.extract(r"\^?([A-Z]{2})", expand=False)
    zh, hant, hant_hk, en = Locale("zh"), Locale("zh_Hant"), Locale("zh_Hant_HK"), Locale("en")
    rows = []
    for code, kind in [*((c, "country") for c in sorted(members["code"])),
                       ("HK", "territory"), ("MO", "territory"), ("TW", "territory"),
                       ("PS", "observer"), ("VA", "observer")]:
        rows.append({
            "code": code, "kind": kind, "name_en": en.territories[code],
            "name_zh": zh.territories[code], "name_zh_hant": hant.territories[code],
            "aliases": {hant_hk.territories[code]} - {zh.territories[code], hant.territories[code]},
            "aliases_en": set(), "side": set(), "abbr": set(),
        })
    by_code = {r["code"]: r for r in rows}
    extra = pd.read_csv(LEX / "gazetteer_extra.csv", dtype=str, keep_default_na=False)
    labels = {}
    for r in extra.itertuples():
        if r.field == "label":
            labels[r.code] = r.value.split("|")
            continue
        field = {"alias": "aliases", "alias_en": "aliases_en", "side": "side", "abbr": "abbr"}[r.field]
        by_code[r.code][field].update(r.value.split("|"))
    groups = pd.read_csv(LEX / "gazetteer_groups.csv", dtype=str, keep_default_na=False)
    for g in groups.itertuples():
        rows.append({"code": g.code, "kind": g.kind, "name_en": g.name_en, "name_zh": g.name_zh,
                     "name_zh_hant": g.name_zh_hant, "aliases": set(filter(None, g.aliases.split("|"))),
                     "aliases_en": set(filter(None, g.aliases_en.split("|"))),
                     "side": set(filter(None, g.side.split("|"))), "abbr": set(filter(None, g.abbr.split("|")))})
    demonyms = pd.read_csv(LEX / "gazetteer_demonyms.csv", dtype=str, keep_default_na=False)
    if not demonyms["code"].is_unique:
        raise ValueError("gazetteer_demonyms.csv: one row per code")
    forms = dict(zip(demonyms["code"], demonyms["demonyms"]))
    unknown = set(forms) - {r["code"] for r in rows}
    if unknown:
        raise ValueError(f"gazetteer_demonyms.csv: codes not in the gazetteer: {sorted(unknown)}")
    for r in rows:  # an alias that repeats a name adds nothing
        r["aliases"] -= {r["name_zh"], r["name_zh_hant"]}
        r["label_zh"], r["label_en"] = labels.get(r["code"], [r["name_zh"], r["name_en"]])
        r["aliases_en"] |= {r["name_en"], r["label_en"]}
        r["demonyms_en"] = set(filter(None, forms.get(r["code"], "").split("|"))) - r["aliases_en"]
    out = pd.DataFrame(rows)
    for col in ("aliases", "aliases_en", "demonyms_en", "side", "abbr"):
        out[col] = out[col].map(lambda s: "|".join(sorted(s - {""})))
    out.to_csv(LEX / "gazetteer.csv", index=False)
    print(f"{len(out)} entries: {out['kind'].value_counts().to_dict()}", file=sys.stderr)


if __name__ == "__main__":
    main()
