"""Each notebook runs through papermill on the seed with its default parameters, with the
engine `make report` uses (``analysis``: a batch run, where the term viewer's live widget
gives way to a note; papermill's default engine left it live, and one test run in a few
waited on it for ever, jupyter/nbclient#312)."""
from __future__ import annotations

import jupytext
import papermill
import pytest

from analysis.config import NOTEBOOKS_DIR
from tests.conftest import assert_same_figures

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9]*.py"))


def _ipynb(source, tmp_path):
    nb = jupytext.read(source)
    path = tmp_path / f"{source.stem}.ipynb"
    jupytext.write(nb, path)
    return path


def test_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS][:1] == ["00_segments"]


@pytest.fixture(autouse=True)
def _interim(tmp_path, monkeypatch):
    """The notebooks' kernels keep their per-document tables in a folder of the test's."""
    monkeypatch.setenv("ANALYSIS_INTERIM_DIR", str(tmp_path / "interim"))


@pytest.mark.parametrize("source", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_with_defaults_and_rebuilds_identically(source, tmp_path):
    """Runs each notebook twice on the seed, in two fresh kernels, as two clean builds
    would (the second reads the tables the first kept): every figure file (PNG, SVG,
    PDF) and every CSV must have the same bytes."""
    nb_in = _ipynb(source, tmp_path)
    tagged = [c for c in jupytext.read(source).cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1  # papermill needs exactly one parameters cell
    for run in ("a", "b"):
        figures = tmp_path / run
        out = papermill.execute_notebook(
            str(nb_in), str(tmp_path / f"out_{run}.ipynb"), parameters={"figures_dir": str(figures)},
            kernel_name="python3", progress_bar=False, engine_name="analysis",
        )
        errors = [o for c in out.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors
    images = [o for c in out.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    if source.stem == "06_twin":  # the seed has no other-language version: a note, no figure
        text = "".join(o.get("text", "") for c in out.cells for o in c.get("outputs", []))
        assert "no other-language version" in text and not images and not list((tmp_path / "a").glob("*.png"))
        return
    assert_same_figures(tmp_path / "a", tmp_path / "b", len(images))


def test_bad_parameter_stops_with_a_clear_message(tmp_path):
    nb_in = _ipynb(NOTEBOOKS_DIR / "00_segments.py", tmp_path)
    with pytest.raises(papermill.PapermillExecutionError) as info:
        papermill.execute_notebook(
            str(nb_in), str(tmp_path / "out.ipynb"),
            parameters={"lang": "fr", "figures_dir": str(tmp_path)}, kernel_name="python3",
            progress_bar=False, engine_name="analysis",
        )
    assert info.value.ename == "ParameterError"
    assert "lang must be one of zh, en, not 'fr'" in info.value.evalue


def test_the_twin_notebook_aligns_a_briefing_and_its_english_version(corpus_dir, tmp_path):
    """The shared corpus's twin (mfa_2020-05-25 and its English version beside it, found
    without being named): the alignment, the tone figure and its table, every group aligned
    by turns, one to one (the corpus README: the same paragraphs)."""
    import pandas as pd

    nb_in = _ipynb(NOTEBOOKS_DIR / "06_twin.py", tmp_path)
    for run in ("a", "b"):
        out = papermill.execute_notebook(
            str(nb_in), str(tmp_path / f"out_{run}.ipynb"), kernel_name="python3", progress_bar=False,
            engine_name="analysis", parameters={"transcript": str(corpus_dir / "mfa_2020-05-25.txt"), "lang": "en",
                                                "figures_dir": str(tmp_path / run)},
        )
        assert not [o for c in out.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    table = pd.read_csv(tmp_path / "a" / "06_twin_tone.csv")
    assert (table["method"] == "turn").all() and (table["zh_para"] == table["en_para"]).all()
    assert table["zh_score"].corr(table["en_score"], method="spearman") > 0.8
    assert_same_figures(tmp_path / "a", tmp_path / "b", 1)
