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
# # Diplomatic signals: protest, set phrases, veiled targets, non-answers, people
#
# Readers of Chinese diplomacy read formulas. The Ministry escalates along a ladder
# (关切 → 严重关切 → 不满 → 强烈不满 → 坚决反对 → 严正交涉 → 强烈谴责 → 必将采取必要措施 / 坚决反制); it
# marks doctrine with set phrases (提法); it aims at a party without naming it (个别国家,
# 一些政客, 外部势力); it declines to answer in set ways (请向主管部门询问, 我不掌握有关情况); and it
# speaks of itself (中方, 我们) against the other (美方). Each is found by a dictionary in
# `data/signals/` (every row with its note; sources in `data/signals/README.md`), matched on
# whole words of the transcript (内政部 is no 内政) in its own language. Only speech is read;
# the ladder, non-answers and self/other read the principal's words (answers, statements).
#
# **Parameters**: `transcript` (file, relative to the project root), `lang` (`zh`/`en`
# labels), `top_people` (people drawn), `figures_dir` (empty: `figures/<doc_id>/`).

# %% tags=["parameters"]
transcript = "data/raw/wangyi_2020-05-24_npc.txt"
lang = "zh"
top_people = 15
figures_dir = ""

# %%
from IPython.display import Markdown, display

import analysis
from analysis import pipeline, plots, signals
from analysis.display import show
from analysis.params import positive_int

params = analysis.check_params(transcript=transcript, lang=lang, figures_dir=figures_dir)
top_people = positive_int("top_people", top_people)
figures = params.figures_dir
tables = pipeline.load_transcript(params.transcript)
segments, mentions = tables.segments, tables.mentions
hits = signals.find_signals(segments, tables.tokens, mentions)
print(f"{len(hits)} hits: " + ", ".join(f"{m} {n}" for m, n in hits["matcher"].value_counts().items()))

# %% [markdown]
# ## How far to trust these matches
# Each matcher was checked by hand on the Ministry's 2016–2020 pages: a random sample of its
# hits (100 in Chinese, topped up so that every class has ten, and 40 in English) judged by two
# readers from a written guide (`data/eval/signals_guide.md`) without sight of the rules; and
# recall on one fully read document per genre. `make eval` prints the figures; the table
# below is their summary (share of hits both readers judged right, with a 95% interval).

# %%
show(signals.quality_table(), params.lang)

# %% [markdown]
# ## The protest ladder, answer by answer

# %%
turns = signals.protest_turn_table(hits, segments, mentions)
names = signals.turn_names(turns, segments, mentions, lang=params.lang)
if (turns["level"] > 0).any():
    fig = plots.plot_protest_ladder(turns, names, lang=params.lang)
    plots.save_figure(fig, "05_protest_ladder", folder=figures, data=turns.assign(name=names), lang=params.lang)
    display(fig)
else:
    print(plots.drop_figure("05_protest_ladder", folder=figures,
                            note="No answer uses a step of the protest ladder."))
show(turns[turns["level"] > 0].assign(name=[n for n, lv in zip(names, turns["level"]) if lv > 0]), params.lang)

# %% [markdown]
# Columns are the ladder's steps, weakest on the left; a row is one answer (a document's
# opening statement, where it has one, first). A filled dot is the highest step the answer
# reaches; an open dot a lower step it also uses; a number beside a dot counts its hits. The
# step is read from the formula alone: 坚决反对 aimed at terrorism and at a foreign bill are the
# same step. In the table, `targets` are the countries the question named (China aside).

# %% [markdown]
# ## Set phrases

# %%
phrases = signals.phrase_table(hits)
phrase_label = signals.phrase_names(params.lang)
if len(phrases):
    fig = plots.plot_set_phrases(phrases, [phrase_label[e] for e in phrases["entry"]], lang=params.lang)
    plots.save_figure(fig, "05_set_phrases", folder=figures,
                      data=phrases.assign(name=phrases["entry"].map(phrase_label)), lang=params.lang)
    display(fig)
else:
    print(plots.drop_figure("05_set_phrases", folder=figures, note="The principal uses none of the set phrases."))

# %% [markdown]
# The fixed formulas of the principal's answers and statements, by category: the vision and
# initiatives China puts forward, sovereignty and its red lines, the charges it levels at
# others, and its reassurances (不称霸). Counted once per occurrence.

# %% [markdown]
# ## Veiled references: aimed, not named

# %%
veiled = signals.veiled_table(hits, segments, mentions)
if veiled.empty:
    print("No veiled reference in the principal's words.")
else:
    display(show(veiled.drop(columns=["start", "end"]), params.lang))

# %% [markdown]
# A veiled reference names no party (个别国家, 一些政客, 外部势力); one that follows a named party
# (美国一些政客) is left out, since it names its target. `attributed_target` is **inferred**:
# the countries the journalist's question named, China aside. It tells you where to look, not
# whom the speaker meant: read the paragraph before you cite it.

# %% [markdown]
# ## Non-answers

# %%
declined = signals.nonanswer_table(hits, segments)
counts = declined["nonanswer"].value_counts().reindex(["full", "partial", "none"], fill_value=0)
print(f"{len(declined)} answers: {counts['full']} decline in full, {counts['partial']} in part, "
      f"{counts['none']} answer")
if (declined["nonanswer"] != "none").any():
    display(show(declined[declined["nonanswer"] != "none"], params.lang))

# %% [markdown]
# An answer declines **in full** when every sentence of it carries a non-answer formula (a
# courtesy aside), **in part** when it declines and also answers. The formulas: refer
# elsewhere, not aware, already answered, nothing to add, release later.

# %% [markdown]
# ## Self and other

# %%
self_other = signals.self_other_table(hits, segments)
so_names = signals.turn_names(self_other, segments, mentions, lang=params.lang)
if (self_other[["self", "other"]].to_numpy().sum() > 0):
    fig = plots.plot_self_other(self_other, so_names, lang=params.lang)
    plots.save_figure(fig, "05_self_other", folder=figures, data=self_other.assign(name=so_names), lang=params.lang)
    display(fig)
else:
    print(plots.drop_figure("05_self_other", folder=figures, note="No answer names a side."))

# %% [markdown]
# How often each answer speaks of China's own side (中方, 我方, 中国政府, 我们, 我国) and of another
# side (美方, 日方 …: every 方 form of the gazetteer but 中方), per thousand characters, so that
# long and short answers compare. The first person singular (我) is the speaker, not the side.

# %% [markdown]
# ## People

# %%
people = signals.person_table(hits, segments, lang=params.lang)
if len(people):
    fig = plots.plot_people(people, lang=params.lang, top=top_people)
    plots.save_figure(fig, "05_people", folder=figures, data=people.head(top_people), lang=params.lang)
    display(fig)
    pairs = signals.person_country_table(hits, mentions, tables.tokens)
    names_by_id = dict(zip(people["person_id"], people["name"]))
    display(Markdown("People and countries named in the same sentence (China aside):"))
    display(show(pairs.assign(name=pairs["person_id"].map(names_by_id)).head(20), params.lang))
else:
    print(plots.drop_figure("05_people", folder=figures, note="No one in the people gazetteer is named."))

# %% [markdown]
# People from `data/signals/people.csv` (leaders, ministers, officials of both sides and of
# international organisations, with their roles dated), by their names and the unambiguous
# short forms the Ministry uses (习主席, Pompeo). Red bars are PRC officials, blue everyone
# else; the pale part counts mentions in the journalists' questions.
