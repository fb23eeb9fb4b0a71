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
# # Topics: what each answer is about, and the themes that cut across
#
# Three views of the principal's answers: the distinctive terms of each section (class-based
# TF-IDF), an NMF topic model whose number of themes is chosen by NPMI coherence, and
# transparent coding rules from `data/codebook.csv`.
#
# **Parameters**: `transcript` (file, relative to the project root), `n_topics` (`"auto"`
# or a whole number of NMF themes), `lang` (`zh`/`en` labels), `figures_dir` (empty:
# `figures/<doc_id>/`).

# %% tags=["parameters"]
transcript = "data/raw/wangyi_2020-05-24_npc.txt"
n_topics = "auto"
lang = "zh"
figures_dir = ""

# %%
from IPython.display import Markdown, display

import analysis
from analysis import pipeline, plots, topics, words
from analysis.labels import named, unit_names
from analysis.params import positive_int

params = analysis.check_params(transcript=transcript, lang=lang, figures_dir=figures_dir)
if n_topics != "auto":
    n_topics = positive_int("n_topics", n_topics)
figures = params.figures_dir
tables = pipeline.load_transcript(params.transcript)
segments, tokens = tables.segments, tables.tokens
# each section's headline, or each Q&A's outlet and the countries its question names
names = unit_names(segments, tables.mentions, lang=params.lang)

# %% [markdown]
# ## Distinctive terms of each section
# The ten terms that most set each section's answer apart from the other answers
# (c-TF-IDF: a term's share of the section, weighted by how rare it is across sections).

# %%
keywords = topics.keyword_table(segments, tokens, n=10)
top5 = words.top_terms_table(keywords, n=5, by="unit_no").merge(names[["doc_id", "unit_no", "unit_name"]])
fig = plots.plot_section_keywords(top5, lang=params.lang)
plots.save_figure(fig, "02_section_keywords", folder=figures, data=top5, lang=params.lang)
fig

# %% [markdown]
# One panel per section (per Q&A where the transcript has no headlines: named by the outlet
# that asked and the countries its question names), its five top terms; a longer bar is a
# more distinctive term, on one scale for all panels. English labels give each term's
# dictionary gloss (the CSV has the Chinese beside it). The full top-10 lists follow.

# %%
keywords.groupby("unit_no")["term"].agg(" ".join).rename("top 10 terms").to_frame()

# %% [markdown]
# ## Themes across the answers: an NMF topic model
# The number of themes is chosen by coherence: for each number tried, the mean NPMI of each
# theme's ten top terms, counted over the transcript's own answer paragraphs.

# %%
model = topics.theme_model(segments, tokens, n_topics=n_topics)
for caveat in model.caveats():
    display(Markdown(f"**Note:** {caveat}"))
fig = plots.plot_coherence(model.coherence, chosen=model.k, lang=params.lang)
plots.save_figure(fig, "02_coherence", folder=figures, data=model.coherence, lang=params.lang)
display(fig)
model.coherence

# %% [markdown]
# Higher NPMI means a theme's top terms tend to occur in the same paragraphs; the marked point
# is the number of themes kept.

# %%
model.terms.pivot(index="rank", columns="theme", values="term")

# %%
flow_table = topics.theme_flow_table(model, segments).merge(names, on=["doc_id", "unit_no"], how="left")
flow = plots.plot_theme_flow(flow_table, lang=params.lang)
plots.save_figure(flow, "02_theme_flow", folder=figures, data=flow_table, lang=params.lang)
flow

# %% [markdown]
# Each column is an answer paragraph in speaking order, each row a theme (named by its three
# top terms); darker means more of that paragraph's weight (each paragraph's weights are
# scaled to sum to one, so weakly fitted paragraphs look as dark as strong ones; the CSV holds
# the raw weights). Orange lines mark where a new section begins; section numbers run along the
# bottom.

# %%
nmf_shares = named(topics.theme_share_table(model, segments), params.lang)
fig = plots.plot_shares(nmf_shares, label_col="theme_name", title="nmf_shares", lang=params.lang)
plots.save_figure(fig, "02_nmf_shares", folder=figures, data=nmf_shares, lang=params.lang)
fig

# %% [markdown]
# The share of answer characters in paragraphs whose strongest theme is each theme.

# %% [markdown]
# ## A coded view: transparent coding rules
# `data/codebook.csv` lists each theme's terms; a paragraph carries a theme when its text
# contains one of them (several themes may apply, so shares do not add up to 100 %).

# %%
codebook = topics.read_codebook()
shares = named(topics.theme_share_by(segments, codebook=codebook), params.lang)
coded = bool((shares["share"] > 0).any())  # the codebook's terms are Chinese: an English text matches none
if coded:
    fig = plots.plot_shares(shares, label_col="theme_name", title="theme_shares", lang=params.lang)
    plots.save_figure(fig, "02_theme_shares", folder=figures, data=shares)
    display(fig)
else:
    print(plots.drop_figure("02_theme_shares", folder=figures, note="No answer paragraph carries a codebook "
                            "term (the codebook is Chinese; an English transcript matches none): no chart."))

# %%
by_section = topics.theme_share_by(segments, by="unit_no", codebook=codebook)
by_section.pivot(index="unit_no", columns="theme", values="share").round(2)

# %%
by_origin = topics.theme_share_by(segments, by="qa_origin", codebook=codebook)
by_origin = by_origin[by_origin["qa_origin"].isin(["domestic", "foreign"])]
if coded and by_origin["qa_origin"].nunique() == 2:
    fig = plots.plot_theme_by_origin(by_origin, lang=params.lang)
    plots.save_figure(fig, "02_theme_by_origin", folder=figures, data=by_origin, lang=params.lang)
    display(fig)
else:
    print(plots.drop_figure("02_theme_by_origin", folder=figures, note="No comparison to draw: " + (
        "this transcript has no answers to both domestic and foreign outlets." if coded else "no coded theme.")))

# %% [markdown]
# For each theme, the share of the answer text given to domestic (red) and to foreign (blue)
# outlets that carries it. Few questions come from foreign outlets; treat differences as leads.
