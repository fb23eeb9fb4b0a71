# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # The other version: alignment and translation shifts
#
# The Ministry publishes each regular briefing in Chinese and in English. Given both versions
# of a transcript, this notebook aligns them paragraph by paragraph (`analysis.twins.align`:
# turns first, each question and answer with its counterpart; Gale and Church's length model
# for what the turns leave, a turn one version cuts into more paragraphs) and compares them
# group by group: their tone, content in one and not the other, the countries each names, and
# how the Chinese terms that carry the tone are rendered. On the Ministry's 2016–2020 twins the
# length model alone finds 98.7% of the true paragraph pairs, and two readers found 96% of the
# groups it makes in real use correct (`data/eval/README.md`).
#
# The two versions' tone comes from two lexicons (the Chinese one, and an English one drawn from
# how the Ministry's English versions render it; their scores of aligned paragraphs correlate at
# ρ 0.90 over 450 briefings): a difference in one group is as likely the lexicons' as the
# translator's. Read the texts behind it.
#
# **Parameters**: `transcript` (file, relative to the project root), `twin` (its other-language
# version; empty: the file beside it named with or without `_en`), `lang` (`zh`/`en` labels),
# `figures_dir` (empty: `figures/<doc_id>/`). Without a twin the notebook says so and draws nothing.

# %% tags=["parameters"]
transcript = "data/raw/wangyi_2020-05-24_npc.txt"
twin = ""
lang = "zh"
figures_dir = ""

# %%
from pathlib import Path

from IPython.display import display

import analysis
from analysis import pipeline, plots, twins
from analysis.config import PROJ_ROOT
from analysis.display import show
from analysis.params import ParameterError

params = analysis.check_params(transcript=transcript, lang=lang, figures_dir=figures_dir)
figures = params.figures_dir
if not isinstance(twin, (str, Path)):
    raise ParameterError(f"twin must be a file path or empty, not {twin!r}")
other = Path(twin) if str(twin).strip() else twins.find_twin(params.transcript)
if other is not None and not other.is_absolute():
    other = PROJ_ROOT / other
if other is not None and not other.is_file():
    raise ParameterError(f"twin {str(twin)!r}: no such file")
first = pipeline.load_transcript(params.transcript)
second = pipeline.load_transcript(other) if other is not None else None
if second is not None and second.documents["lang"].iloc[0] == first.documents["lang"].iloc[0]:
    raise ParameterError(f"twin {other.name}: in the same language as {params.transcript.name}, not its other version")
paired = second is not None
if not paired:
    print(plots.drop_figure("06_twin_tone", folder=figures, note=f"{params.transcript.name} has no other-language "
                            "version beside it (give one as twin=): nothing to align."))
else:
    zh, en = (first, second) if first.documents["lang"].iloc[0] == "zh" else (second, first)
    import pandas as pd

    segments = pd.concat([zh.segments, en.segments], ignore_index=True)
    mentions = pd.concat([zh.mentions, en.mentions], ignore_index=True)
    terms = pd.concat([zh.terms, en.terms], ignore_index=True)
    alignment = twins.align(zh.segments, en.segments, mentions=mentions)
    shifts = twins.shift_table(alignment, segments, terms, mentions)
    print(f"{zh.documents['doc_id'].iloc[0]} ({len(zh.segments)} paragraphs) and "
          f"{en.documents['doc_id'].iloc[0]} ({len(en.segments)} paragraphs)")

# %% [markdown]
# ## The alignment
# One row per group: the Chinese and the English paragraphs it pairs (one to many where a
# version cuts a turn differently; empty where a paragraph has no counterpart), the turn, how it
# was aligned (`turn` or `length`), and `confidence`, how usual the two lengths are for a
# translation (1 the expected ratio, near 0 a very unusual one).

# %%
if paired:
    print(twins.pair_summary(alignment).to_string(index=False))
    display(show(alignment[["group", "zh_para", "zh_para_end", "en_para", "en_para_end", "kind", "qa_no",
                            "method", "confidence"]], params.lang, digits=2))

# %% [markdown]
# ## Tone, version against version
# Each aligned group's Chinese tone (x) against its English tone (y); on the diagonal the two
# agree, below it the English is cooler. The groups furthest from it are numbered, and listed
# below with both texts.

# %%
if paired:
    fig = plots.plot_twin_tone(shifts, lang=params.lang)
    plots.save_figure(fig, "06_twin_tone", folder=figures, data=shifts, lang=params.lang)
    display(fig)
    both = twins.aligned_texts(shifts[shifts["zh_para"].notna() & shifts["en_para"].notna()], segments)
    far = both.reindex(both["tone_diff"].abs().sort_values(ascending=False).index).head(5)
    display(show(far[["group", "zh_score", "en_score", "zh_text", "en_text"]], params.lang, digits=2))

# %% [markdown]
# ## Content in one version only, and countries named in one only
# Groups with no paragraph in the other version, or whose English is much shorter than the
# length model expects (under 0.6 of it); then each group naming a country or region in one
# version only (China left out).

# %%
if paired:
    omissions = twins.omission_table(shifts, segments)
    print(f"{len(omissions)} groups" if len(omissions) else "No group lacks a counterpart or is much shorter in "
          "English.")
    if len(omissions):
        display(show(omissions, params.lang, digits=2))
    one_sided = twins.aligned_texts(shifts[(shifts["only_zh"] != "") | (shifts["only_en"] != "")], segments)
    print(f"{len(one_sided)} groups name a country in one version only")
    if len(one_sided):
        display(show(one_sided[["group", "only_zh", "only_en", "zh_text", "en_text"]], params.lang))

# %% [markdown]
# ## How this briefing renders its evaluative terms
# Each Chinese term the tone scorer counts here (¬ a negated one) and the aligned groups holding
# it; `rendered`, the English lexicon's renderings of it (坚决反对: firmly oppose) found in those
# groups, and in how many; `other`, for the groups without one, the English terms counted in the
# same direction there; `unmatched`, the groups whose English counts nothing in that direction (a
# rendering the English lexicon does not know, or a real softening: read the group). A corpus of
# twins gets word associations proper (the corpus report's twins notebook).

# %%
if paired:
    display(show(twins.term_pair_table(alignment, terms), params.lang))
