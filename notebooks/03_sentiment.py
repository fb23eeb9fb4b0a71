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
# # Tone: how warm or combative each passage is
#
# **Parameters**: `transcript` (file, relative to the project root), `level` (the unit of
# the tone arc: `sentence`, `paragraph`, `answer` or `section`), `lang` (`zh`/`en` labels),
# `figures_dir` (empty: `figures/<doc_id>/`).
#
# ## How the measure works, and its limits
# Each sentence is scored from the evaluative terms it contains: a domain lexicon written for
# diplomatic Chinese (accusation and protest vocabulary such as 抹黑, 霸凌, 强烈不满 at −1/−2;
# cooperation and solidarity such as 合作共赢, 同舟共济 at +1/+2; topic words such as 病毒, 灾害
# at 0) and the Tsinghua praise/degrade lexicon at a quarter weight. Negators flip the term
# right after them (不冲突不对抗 reads as conciliatory), prohibitions keep warnings negative
# (不要损害…, 不能曲解), degree adverbs scale (十分, 极), what follows 但是 outweighs what comes
# before (within a sentence and across sentences), 难道…？ questions affirm. Three rules read
# the genre: in a sentence that pushes back (坚决反对, 敦促, 无权干涉 …) the values it invokes
# (和平, 稳定) do not make it warm; a clause that tells another party what to do (希望美方…,
# 有关方面应…) is a demand, not praise; a journalist's report of what others said (据报道…) is
# not the journalist's tone. Terms counting against weigh twice those counting for. A unit's
# score is (P − N)/(P + N + 2) over its positive and negative weights, in (−1, 1). Every score
# decomposes into its terms: the last section shows them for any paragraph.
#
# **How far to trust it.** Two readers labelled 763 paragraphs from a written guide
# (`data/eval/tone_guide.md`): 687 of 151 Ministry documents of 2016–2020 (briefings, written
# answers, statements) and every spoken paragraph of this press conference, the NPC genre, used
# only to measure, never to tune. The table below (`make eval`) gives Spearman's ρ between the
# scorer and the readers' mean with 95% bootstrap intervals. *split*: the rules were developed on
# the `development` documents; `evaluation` documents were set aside to measure them. *genre*:
# `briefing`, `written` (written answers), `statement`, `npc` (this press conference's genre),
# `Ministry, all genres` (the first three). Beside it, the best plain general lexicon (the
# Tsinghua praise/degrade lexicon alone) and the two readers' agreement with each other. The scorer agrees with careful readers
# less well than they agree with each other: read a chart as a measurement with that error, and
# look at the terms behind any score that matters. It reads words, not intent: irony and
# sarcasm are beyond it.
#
# **English transcripts** (the Ministry's English versions) are scored by the same rules with an
# English domain lexicon drawn from how those versions render the Chinese terms (坚决反对 *firmly
# oppose*, 抹黑 *smear*, 合作共赢 *win-win cooperation*) and VADER's words as the general lexicon;
# *should not*, *cannot* are prohibitions. Its quality table is measured on the readers' labels
# carried over to the aligned English paragraphs (`benchmarks/eval_tone_en.py`).

# %% tags=["parameters"]
transcript = "data/raw/wangyi_2020-05-24_npc.txt"
level = "paragraph"
lang = "zh"
figures_dir = ""

# %%
from IPython.display import HTML, Markdown, display

import analysis
from analysis.display import show
from analysis import pipeline, plots, sentiment
from analysis.labels import unit_names
from analysis.params import ParameterError

params = analysis.check_params(transcript=transcript, lang=lang, figures_dir=figures_dir)
if level not in sentiment.LEVELS:
    raise ParameterError(f"level must be one of {', '.join(sentiment.LEVELS)}, not {level!r}")
figures = params.figures_dir
tables = pipeline.load_transcript(params.transcript)
segments, terms, paragraphs = tables.segments, tables.terms, tables.paragraphs
# how well the scores agree with careful readers (make eval: benchmarks/eval_tone.py)
doc_lang = tables.documents["lang"].iloc[0]  # the transcript's language: its lexicons and its quality table
show(sentiment.quality_table(doc_lang), params.lang, digits=2)

# %%
scored = True  # both languages are scored (the Chinese and the English lexicons)

# %% [markdown]
# ## The tone arc

# %%
if scored:
    arc = sentiment.arc_table(segments, terms, level=level)
    fig = plots.plot_tone_arc(arc, level=level, lang=params.lang)
    plots.save_figure(fig, "03_tone_arc", folder=figures, data=arc, lang=params.lang)
    display(fig)

# %% [markdown]
# Each bar is one unit in speaking order (grey the principal's answers, orange the
# questions); above zero warmer, below more combative; a small open circle on the zero line
# is a unit scored exactly 0 (no evaluative term, or as much warmth as combat), present but
# neutral. Numbers on top mark where each section (each Q&A) begins. Headlines and other
# editorial text are not speech and are not drawn.

# %% [markdown]
# ## Tone by section

# %%
if scored:
    by_section = sentiment.tone_table(segments, paragraphs, by=["unit_no", "unit_title"], kinds=("answer",)).merge(
        unit_names(segments, tables.mentions, lang=params.lang), on=["doc_id", "unit_no", "unit_title"])
    fig = plots.plot_tone_by_section(by_section, lang=params.lang)
    plots.save_figure(fig, "03_tone_by_section", folder=figures, data=by_section, lang=params.lang)
    display(fig)

# %% [markdown]
# The pooled tone of each section's answer: all its terms' weights together, so longer
# answers are not averaged away (and weigh more); the table gives the mean paragraph score too,
# which can differ in sign for answers near zero.

# %% [markdown]
# ## Question tone and answer tone

# %%
if scored:
    qa_tone = sentiment.question_answer_tone_table(segments, paragraphs)
    fig = plots.plot_question_answer_tone(qa_tone, lang=params.lang)
    plots.save_figure(fig, "03_question_answer_tone", folder=figures, data=qa_tone, lang=params.lang)
    display(fig)

# %% [markdown]
# Each point is one Q&A: the tone of the question (x) against the tone of the answer (y).
# Points below the diagonal are answers harsher than their question. Most questions sit at 0: a
# question's sentences that report what others said or did (and any that does not ask) count 0,
# as careful readers rate most questions neutral; only the question's own asking words count.
# Among questions alone the scorer agrees with the readers poorly (ρ 0.23 on the development
# labels): read the question before citing its tone.

# %% [markdown]
# ## Tone by questioner's origin

# %%
if scored:
    by_origin = sentiment.tone_table(segments, paragraphs, by=["qa_origin", "kind"], kinds=("question", "answer"))
    fig = plots.plot_tone_by_origin(by_origin, lang=params.lang)
    plots.save_figure(fig, "03_tone_by_origin", folder=figures, data=by_origin, lang=params.lang)
    display(fig)
    display(show(by_origin, params.lang))

# %% [markdown]
# Pooled tone of the questions from, and of the answers to, domestic and foreign outlets (n:
# the number of questions). With a handful of foreign questions, one question can carry the
# bar; the table gives the mean paragraph score beside the pooled one.

# %% [markdown]
# ## The terms that drive the tone

# %%
if scored:
    drivers = sentiment.driver_table(terms[terms["para_no"].isin(segments.loc[segments["kind"] == "answer", "para_no"])], n=12)
    fig = plots.plot_driver_terms(drivers, lang=params.lang)
    plots.save_figure(fig, "03_driver_terms", folder=figures, data=drivers, lang=params.lang)
    display(fig)

# %% [markdown]
# The answer terms with the largest summed weight on each side (¬ marks a negated term, as in
# ¬冲突 from 不冲突).

# %% [markdown]
# ## Look at any paragraph's scored terms
# In JupyterLab, pick a paragraph: its terms are marked (purple positive, orange negative; hover
# for the weight), with the score and the list of terms below. (The viewer is interactive in
# JupyterLab only; the static report shows the most combative paragraph below it instead.)

# %%
if scored:
    display(sentiment.term_viewer(terms, segments))
    worst = paragraphs.merge(segments[["doc_id", "para_no", "kind"]]).query("kind == 'answer'").nsmallest(1, "score")
    display(HTML(sentiment.highlight_html(terms, worst["doc_id"].iloc[0], int(worst["para_no"].iloc[0]))))

# %% [markdown]
# The most combative and the warmest sentences spoken (statements, questions and answers;
# headlines and other editorial text are not speech):

# %%
if scored:
    sentences = tables.with_sentence_text().merge(segments[["doc_id", "para_no", "kind"]])
    sentences = sentences[sentences["kind"].isin(["statement", "question", "answer"])]
    display(sentences.nsmallest(5, "score")[["para_no", "text", "score", "negative_terms"]])
    display(sentences.nlargest(5, "score")[["para_no", "text", "score", "positive_terms"]])
