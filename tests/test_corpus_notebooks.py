"""The corpus report's notebooks run through papermill on three months of the Ministry's
briefings in both languages, twice, and give the same bytes; a bad parameter stops them
with one clear message."""
from __future__ import annotations

import jupytext
import pandas as pd
import papermill
import pytest

from analysis.config import MFA_PAGES_CSV, NOTEBOOKS_DIR
from analysis.report import notebook_parameters
from tests.conftest import assert_same_figures

NOTEBOOKS = sorted((NOTEBOOKS_DIR / "corpus").glob("[0-9]*.py"))


def test_the_corpus_notebooks():
    assert [p.stem for p in NOTEBOOKS] == ["10_overview", "11_countries", "12_tone", "13_topics", "14_questions",
                                           "15_concordance", "16_signals", "17_twins"]
    common = set(notebook_parameters(NOTEBOOKS[0]))
    for nb in NOTEBOOKS:
        assert common <= set(notebook_parameters(nb)), nb.stem  # every notebook takes the selection


@pytest.fixture(scope="module")
def small_corpus(pages_dir, tmp_path_factory):
    """The Chinese and English briefings of December 2018 to February 2019 (links to the pages)."""
    guide = pd.read_csv(MFA_PAGES_CSV)
    chosen = guide[(guide["kind"] == "briefing") & guide["date"].between("2018-12-01", "2019-02-28")]
    folder = tmp_path_factory.mktemp("corpus") / "winter"
    folder.mkdir()
    for name in chosen["file"]:
        (folder / name).symlink_to(pages_dir / name)
    return folder


@pytest.fixture(autouse=True)
def _interim(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ANALYSIS_INTERIM_DIR", str(tmp_path_factory.getbasetemp() / "interim"))


def _ipynb(source, tmp_path):
    path = tmp_path / f"{source.stem}.ipynb"
    jupytext.write(jupytext.read(source), path)
    return path


@pytest.mark.parametrize("source", NOTEBOOKS, ids=lambda p: p.stem)
def test_corpus_notebook_runs_and_rebuilds_identically(source, small_corpus, tmp_path):
    nb_in = _ipynb(source, tmp_path)
    parameters = {"corpus": str(small_corpus), "doc_lang": "both"}
    if source.stem == "13_topics":
        parameters["n_topics"] = 8  # the choice by coherence is tested on the seed (test_topics)
    for run in ("a", "b"):
        out = papermill.execute_notebook(
            str(nb_in), str(tmp_path / f"out_{run}.ipynb"), kernel_name="python3", progress_bar=False,
            engine_name="analysis",
            parameters=parameters | {"figures_dir": str(tmp_path / run)},
        )
        assert not [o for c in out.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    images = [o for c in out.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    pngs = assert_same_figures(tmp_path / "a", tmp_path / "b", len(images))
    if source.stem == "17_twins":  # both versions in one figure: the twins compared
        assert [p.name for p in pngs] == ["17_translation_shifts.png"]
        return
    # every analysis, tone included, for each language of the selection
    suffixes = {p.stem.rsplit("_", 1)[-1] for p in pngs}
    assert suffixes == {"zh", "en"}


def test_bad_corpus_parameter_stops_with_a_clear_message(small_corpus, tmp_path):
    nb_in = _ipynb(NOTEBOOKS[0], tmp_path)
    with pytest.raises(papermill.PapermillExecutionError) as info:
        papermill.execute_notebook(
            str(nb_in), str(tmp_path / "out.ipynb"), kernel_name="python3", progress_bar=False,
            engine_name="analysis",
            parameters={"corpus": str(small_corpus), "spokespersons": "Nobody", "figures_dir": str(tmp_path)},
        )
    assert info.value.ename == "ParameterError"
    assert "'Nobody' not in data/speakers.csv" in info.value.evalue
