"""Opening a notebook's source in JupyterLab leaves the tracked file as it was.

The notebooks are jupytext py:percent files that JupyterLab opens as notebooks through
jupytext's contents manager. JupyterLab marks a notebook modified as soon as its kernel
starts (it writes the kernel's ``language_info`` into the notebook's metadata), so autosave
saves every opened notebook. Jupytext then rewrote the source with its own version and the
format's version in the header (``jupytext_version``, ``format_version``): merely opening a
notebook changed a tracked file, and would again after every jupytext upgrade. The project's
``jupytext.toml`` filters those fields out; these tests save each notebook the way JupyterLab
does, through the contents manager with the project's configuration, and want the same bytes.
"""
from __future__ import annotations

import json
import shutil

import nbformat
import pytest
from jupytext import TextFileContentsManager
from jupytext.config import find_jupytext_configuration_file

from analysis.config import NOTEBOOKS_DIR, PROJ_ROOT

SOURCES = sorted(NOTEBOOKS_DIR.rglob("*.py"))
CONFIG = PROJ_ROOT / "jupytext.toml"
# What ipykernel reports and JupyterLab writes into a notebook's metadata when its kernel starts.
LANGUAGE_INFO = {"name": "python", "version": "3.11.7", "mimetype": "text/x-python",
                 "codemirror_mode": {"name": "ipython", "version": 3}, "pygments_lexer": "ipython3",
                 "nbconvert_exporter": "python", "file_extension": ".py"}


def test_the_notebooks_read_the_project_config():
    """Both `jupytext` and JupyterLab's contents manager find jupytext.toml from a notebook's folder."""
    assert SOURCES
    for folder in {s.parent for s in SOURCES}:
        assert find_jupytext_configuration_file(folder) == str(CONFIG)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.relative_to(NOTEBOOKS_DIR).as_posix())
def test_saving_an_opened_notebook_writes_the_same_bytes(source, tmp_path):
    """Open, let the kernel set language_info, save: the source's bytes are unchanged."""
    rel = source.relative_to(PROJ_ROOT)
    copy = tmp_path / rel
    copy.parent.mkdir(parents=True)
    shutil.copyfile(source, copy)
    shutil.copyfile(CONFIG, tmp_path / CONFIG.name)
    manager = TextFileContentsManager(root_dir=str(tmp_path))
    model = manager.get(rel.as_posix())
    assert model["type"] == "notebook"
    # the round trip through the browser: JSON, with the kernel's language_info added
    content = json.loads(json.dumps(model["content"]))
    content["metadata"]["language_info"] = LANGUAGE_INFO
    manager.save({"type": "notebook", "content": nbformat.from_dict(content)}, rel.as_posix())
    assert copy.read_bytes() == source.read_bytes()
