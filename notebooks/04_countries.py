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
# # Country mentions: who is named, where, how often, in what tone
#
# Countries, territories, regions and organisations are found in the paragraphs' text (never
# in speaker labels) by five rules: names and aliases from the gazetteer
# (`data/lexicons/gazetteer.csv`, CLDR names plus documented aliases; in English transcripts
# the English names, aliases and adjectives), 方 side forms (美方), compounds of
# one-character abbreviations (中美, 中日韩, 中俄关系: one mention per country), characters
# governed by a verb (访华, 涉港), and lone abbreviations (美政府) where the document names the
# country in full. Single characters inside ordinary words (美好, 法律, 加强) and dates (24日)
# are not mentions. Only what is said counts: headlines and other editorial text are left out
# of every chart and table here.
#
# **Parameters**: `transcript` (file, relative to the project root), `level` (`country`: Hong
# Kong, Macao and Taiwan counted as China; `territory`: each on its own), `lang` (`zh`/`en`
# labels), `min_count` (leave out countries named fewer times), `china` (`separate`: China's
# own mentions, mostly self-reference, are counted in a line of their own and left out of the
# charts, where they would dwarf every other country and make the network a star; `include`:
# China drawn like any other country), `figures_dir`.

# %% tags=["parameters"]
transcript = "data/raw/wangyi_2020-05-24_npc.txt"
level = "territory"
lang = "zh"
min_count = 1
china = "separate"
figures_dir = ""

# %%
import pandas as pd
from IPython.display import display

import analysis
from analysis.display import show
from analysis import countries, pipeline, plots, units
from analysis.params import ParameterError, positive_int

params = analysis.check_params(transcript=transcript, lang=lang, figures_dir=figures_dir)
if level not in ("country", "territory"):
    raise ParameterError(f"level must be country or territory, not {level!r}")
min_count = positive_int("min_count", min_count)
if china not in ("separate", "include"):
    raise ParameterError(f"china must be separate or include, not {china!r}")
figures = params.figures_dir
tables = pipeline.load_transcript(params.transcript)
segments = tables.segments
said = countries.spoken(tables.mentions, segments)  # not headlines or other editorial text
said = countries.fold_china(said) if level == "country" else said
print(f"{len(said)} mentions of {said['country'].nunique()} countries and organisations in what was said")
mentions = said
if china == "separate":
    mentions, note = countries.china_apart(said, segments)
    print(note + (" (Hong Kong, Macao and Taiwan within China: level='country')" if level == "country" else ""))

# %% [markdown]
# ## Mentions in questions and in answers

# %%
by_kind = countries.kind_table(mentions, segments, min_count=min_count)
fig = plots.plot_mentions_by_kind(by_kind, lang=params.lang)
plots.save_figure(fig, "04_mentions_by_kind", folder=figures, data=by_kind, lang=params.lang)
display(fig)
show(by_kind, params.lang)

# %% [markdown]
# Orange bars count mentions in the journalists' questions, dark grey ones in the principal's
# answers, light grey ones in the principal's opening statement where there is one (headlines
# and editorial text are left out, here and in every chart below).

# %% [markdown]
# ## Where each country comes up

# %%
by_section = countries.country_unit_table(mentions, segments, by="unit_no", min_count=min_count)
fig = plots.plot_country_heatmap(by_section, sectioned=units.is_sectioned(segments), lang=params.lang)
plots.save_figure(fig, "04_country_by_section", folder=figures, data=by_section, lang=params.lang)
fig

# %% [markdown]
# Each cell counts a country's mentions in one section's question and answer; darker is more.

# %% [markdown]
# ## On the map

# %%
on_map = countries.map_table(mentions)
fig = plots.plot_world_map(on_map, lang=params.lang, china_apart=china == "separate")
plots.save_figure(fig, "04_world_map", folder=figures, data=on_map, lang=params.lang)
fig

# %% [markdown]
# Countries and territories shaded by how often they are named, in classes (1, 2, 3–5 ...;
# statements, questions and answers together, the same counts as the bars above); grey ones are
# not named, and places too small for the map (Hong Kong, Macao) are listed under it with their
# counts. Regions and organisations are not on the map.

# %% [markdown]
# ## Named together

# %%
pairs = countries.network_table(countries.comention_table(mentions), mentions)
fig = plots.plot_comention_network(pairs, lang=params.lang)
plots.save_figure(fig, "04_comention_network", folder=figures, data=pairs, lang=params.lang)
display(fig)
show(pairs.head(15), params.lang)

# %% [markdown]
# A line joins two countries named in the same sentence; the thicker the line, the more such
# sentences. Larger dots are countries named more often. One sentence that lists many
# countries (a list of meetings, say) joins them all: check the pairs table before reading
# a cluster as a relationship.

# %% [markdown]
# ## Tone toward each country

# %%
# both languages are scored (an English transcript with the English lexicons)
# the speaker's words only: a journalist's question is no stance of the Ministry's
answered = segments.loc[segments["kind"].isin(["statement", "answer"]), ["doc_id", "para_no"]]
tone = countries.country_tone_table(mentions.merge(answered), tables.sentences, min_count=max(3, min_count))
fig = plots.plot_country_tone(tone, lang=params.lang)
plots.save_figure(fig, "04_country_tone", folder=figures, data=tone, lang=params.lang)
display(fig)
display(show(tone, params.lang))

# %% [markdown]
# Each dot is the mean tone score of the sentences of the answers and statements that name the
# country (n beside its name; questions are the journalists' words), with a 95 % t interval (cut
# at ±1 where it runs beyond); countries named in fewer than three sentences are left out. The
# tone is the sentence's, not necessarily aimed at that country. Measured against two readers'
# tone toward each named country (`make eval`): Spearman's ρ 0.75 [0.66, 0.81] on Ministry
# paragraphs held out, but only 0.49 [0.18, 0.71] on this press conference's 43 pairs, where
# sympathy for a people and attacks on its politicians share sentences. Read the sentences
# before you quote a difference.

# %% [markdown]
# ## Every mention in context
# The full listing, for checking: each mention with ten characters on either side.

# %%
with pd.option_context("display.max_rows", None):
    display(countries.mention_kwic(said, segments))
