"""Figures, a module per analysis: ``overview``, ``words``, ``topics``, ``tone``,
``countries`` (and ``worldmap``, the map's outlines) for one transcript, ``twins`` (a
transcript and its other-language version), ``trends``
for a corpus over time, ``signals`` (the protest ladder, set phrases, non-answers,
people) for both, with the house style, the fonts and :func:`save_figure` in
``style``.

A ``plot_*`` function takes the table it draws (made by a ``*_table`` function of
the analysis) and returns a matplotlib Figure; it computes nothing, and
``save_figure(fig, stem, data=table, lang=...)`` writes beside the figure exactly
the table it drew, with display names for its codes. Every name shown comes from
:mod:`analysis.labels`.
"""
from .countries import plot_comention_network, plot_country_heatmap, plot_country_tone, plot_mentions_by_kind, \
    plot_world_map
from .overview import plot_answer_length, plot_questions_by_outlet
from .signals import plot_nonanswers, plot_people, plot_phrase_trends, plot_protest_countries, \
    plot_protest_ladder, plot_protest_trend, plot_self_other, plot_set_phrases
from .style import FORMATS, check_glyphs, drop_figure, figure_style, font_path, save_figure, style_paths
from .tone import plot_driver_terms, plot_question_answer_tone, plot_tone_arc, plot_tone_by_origin, \
    plot_tone_by_section
from .trends import plot_activity, plot_answer_tone_by, plot_country_tone_trends, plot_country_trends, \
    plot_mean_trend, plot_mention_heatmap, plot_origins, plot_qa_slope, plot_spokesperson_effects, \
    plot_spokesperson_tone, plot_spokespersons, plot_term_trends, plot_tone_change, plot_topic_by_spokesperson, \
    plot_topic_trends
from .twins import plot_translation_shifts, plot_twin_tone
from .topics import plot_coherence, plot_section_keywords, plot_shares, plot_theme_by_origin, plot_theme_flow
from .words import plot_keyness, plot_top_terms, plot_wordcloud, wordcloud_layout

__all__ = [
    "FORMATS", "check_glyphs", "drop_figure", "figure_style", "font_path", "save_figure", "style_paths",
    "plot_answer_length", "plot_questions_by_outlet",
    "plot_keyness", "plot_top_terms", "plot_wordcloud", "wordcloud_layout",
    "plot_coherence", "plot_section_keywords", "plot_shares", "plot_theme_by_origin", "plot_theme_flow",
    "plot_driver_terms", "plot_question_answer_tone", "plot_tone_arc", "plot_tone_by_origin", "plot_tone_by_section",
    "plot_comention_network", "plot_country_heatmap", "plot_country_tone", "plot_mentions_by_kind", "plot_world_map",
    "plot_activity", "plot_answer_tone_by", "plot_country_tone_trends", "plot_country_trends", "plot_mean_trend",
    "plot_mention_heatmap", "plot_origins", "plot_qa_slope", "plot_spokesperson_effects", "plot_spokesperson_tone",
    "plot_spokespersons", "plot_term_trends", "plot_tone_change", "plot_topic_by_spokesperson", "plot_topic_trends",
    "plot_nonanswers", "plot_people", "plot_phrase_trends", "plot_protest_countries", "plot_protest_ladder",
    "plot_protest_trend", "plot_self_other", "plot_set_phrases",
    "plot_translation_shifts", "plot_twin_tone",
]
