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
# # Words: frequent terms, word clouds, keyness, concordance, collocations
#
# Tokens come from jieba's segmentation (through the faster, identical jieba-rs), with a
# user dictionary that keeps diplomatic terms whole (`data/lexicons/diplomatic_terms.csv`).
# Counts leave out stop words (stopwords-iso plus a documented project list), punctuation
# and numbers; the token table keeps them all.
#
# **Parameters**: `transcript` (file, relative to the project root), `lang` (`zh`/`en`
# labels), `top_n` (terms per chart), `kwic_term` (the string to look up in context),
# `figures_dir` (empty: `figures/<doc_id>/`).

# %% tags=["parameters"]
transcript = "data/raw/wangyi_2020-05-24_npc.txt"
lang = "zh"
top_n = 20
kwic_term = "合作"
figures_dir = ""

# %%
from IPython.display import display

import analysis
from analysis import pipeline, plots, words
from analysis.params import nonempty_text, positive_int

params = analysis.check_params(transcript=transcript, lang=lang, figures_dir=figures_dir)
top_n = positive_int("top_n", top_n)
kwic_term = nonempty_text("kwic_term", kwic_term)
figures = params.figures_dir
tables = pipeline.load_transcript(params.transcript)
segments, tokens = tables.segments, tables.tokens
qa = segments[segments["kind"].isin(["question", "answer"])]
freq = words.frequency_table(tokens, qa, by="kind").query("kind in ['question', 'answer']")
print(f"{len(tokens):,} tokens, {(~(tokens.stop | tokens.punct | tokens.numeric)).sum():,} counted")

# %% [markdown]
# ## The most frequent terms in questions and in answers

# %%
top = words.top_terms_table(freq, n=top_n, by="kind")
fig = plots.plot_top_terms(top, by="kind", lang=params.lang)
plots.save_figure(fig, "01_top_terms", folder=figures, data=top, lang=params.lang)
fig

# %% [markdown]
# Each bar counts a term's occurrences in the journalists' questions (one panel) and in the
# principal's answers (the other); the panels have their own scales.

# %% [markdown]
# ## Word clouds

# %%
cloud_terms = words.top_terms_table(freq, n=100, by="kind")
for kind in ("question", "answer"):
    table = cloud_terms[cloud_terms["kind"] == kind]
    fig = plots.plot_wordcloud(table, title=f"wordcloud_{kind}", lang=params.lang)
    plots.save_figure(fig, f"01_wordcloud_{kind}", folder=figures, data=table, lang=params.lang)
    display(fig)

# %% [markdown]
# Larger words occur more often (one-character words included); sizes are compressed rather
# than strictly proportional to the counts, so read exact counts from the bar chart above.
# Colour and position carry no meaning.

# %% [markdown]
# ## Keyness: answers to foreign against answers to domestic outlets

# %%
keyness = words.origin_keyness_table(tokens, segments)
if keyness is None:
    print("This transcript has no answers to both domestic and foreign outlets: no contrast to draw.")
else:
    key_terms = words.key_terms_table(keyness, n=12)
    fig = plots.plot_keyness(key_terms, target="foreign", reference="domestic", lang=params.lang)
    plots.save_figure(fig, "01_keyness_origin", folder=figures, data=key_terms, lang=params.lang)
    display(fig)
    display(keyness.head(top_n))

# %% [markdown]
# Bars to the right are terms the principal used relatively more when answering foreign
# outlets, to the left more when answering domestic ones; length is the log-likelihood G²
# (the dashed lines at ±3.84 mark p < 0.05 for one term, before any correction for the many
# terms tested: a bar that stops inside them is no evidence of a difference at all).
# With few questions per group, read this as a pointer to passages, not a finding.

# %% [markdown]
# ## Keyword in context

# %%
words.kwic(segments, kwic_term, window=20)[["para_no", "kind", "qa_no", "left", "match", "right"]]

# %% [markdown]
# ## Collocations
# Pairs of adjacent content words (within a paragraph) ranked by Dunning's log-likelihood;
# PMI is given beside it.

# %%
words.collocation_table(tokens, min_count=3).head(top_n)
