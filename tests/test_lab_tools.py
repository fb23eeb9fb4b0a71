"""make lab and make lab-check's helpers (tools/lab.py, lab_contents.py, lab_check.py), without a browser.

The browser side is `make lab-check` itself; these pin what it rests on: the server's command
line (root, headless, the port), a save that changes nothing writes nothing, and which
notebook lab-check opens for a report.
"""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys

import nbformat
import pytest

from analysis.config import NOTEBOOKS_DIR, PROJ_ROOT

sys.path.insert(0, str(PROJ_ROOT / "tools"))
import lab  # noqa: E402
import lab_check  # noqa: E402
import lab_contents  # noqa: E402


def test_server_command_headless_on_loopback_and_root():
    cmd = lab.server_command(port=8899)
    assert "--ip=127.0.0.1" in cmd and "--no-browser" in cmd
    assert "--port=8899" in cmd and "--ServerApp.port_retries=0" in cmd  # that port, or a clear error
    assert ("--allow-root" in cmd) == (os.geteuid() == 0)
    assert "--no-browser" not in lab.server_command(browser=True)
    assert not any(a.startswith("--port") for a in lab.server_command())


def test_yes_no():
    assert lab.yes("yes") and lab.yes("1") and not lab.yes("no") and not lab.yes("False")
    with pytest.raises(Exception):
        lab.yes("maybe")


def test_a_save_that_changes_nothing_writes_nothing(tmp_path):
    """JupyterLab's autosave of a notebook only opened leaves the source's bytes and time alone;
    a real edit is written."""
    source = NOTEBOOKS_DIR / "01_words.py"
    (tmp_path / "notebooks").mkdir()
    copy = tmp_path / "notebooks" / source.name
    shutil.copyfile(source, copy)
    shutil.copyfile(PROJ_ROOT / "jupytext.toml", tmp_path / "jupytext.toml")
    os.utime(copy, (1_000_000_000, 1_000_000_000))
    manager = lab_contents.ContentsManager(root_dir=str(tmp_path))

    async def open_and_save(edit: bool) -> None:
        model = await manager.get("notebooks/01_words.py")
        content = json.loads(json.dumps(model["content"]))
        content["metadata"]["language_info"] = {"name": "python"}  # what the kernel adds
        if edit:
            content["cells"][0]["source"] += "\nAn edit."
        await manager.save({"type": "notebook", "content": nbformat.from_dict(content)}, "notebooks/01_words.py")

    asyncio.run(open_and_save(edit=False))
    assert copy.read_bytes() == source.read_bytes()
    assert copy.stat().st_mtime == 1_000_000_000
    asyncio.run(open_and_save(edit=True))
    assert b"An edit." in copy.read_bytes() and copy.stat().st_mtime != 1_000_000_000


def executed_copy(tmp_path, stem: str, **params) -> os.PathLike:
    """A stand-in for reports/<id>/<stem>.ipynb: papermill's injected-parameters cell only."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("\n".join(f"{k} = {v!r}" for k, v in params.items()))
    cell.metadata["tags"] = ["injected-parameters"]
    nb.cells.append(cell)
    path = tmp_path / f"{stem}.ipynb"
    nbformat.write(nb, path)
    return path


def test_lab_check_opens_the_source_for_the_default_report(tmp_path):
    seed = executed_copy(tmp_path, "03_sentiment", transcript="data/raw/wangyi_2020-05-24_npc.txt", lang="zh")
    assert lab_check.to_open(seed) == NOTEBOOKS_DIR / "03_sentiment.py"
    corpus = executed_copy(tmp_path, "10_overview", corpus="../shared/mfa/pages", corpus_id="pages")
    assert lab_check.to_open(corpus) == NOTEBOOKS_DIR / "corpus" / "10_overview.py"


def test_lab_check_opens_the_executed_copy_for_other_parameters(tmp_path):
    english = executed_copy(tmp_path, "03_sentiment", transcript="data/raw/wangyi_2020-05-24_npc.txt", lang="en")
    assert lab_check.to_open(english) == english
    other = executed_copy(tmp_path, "10_overview", corpus="../shared/mfa/pages", corpus_id="pages", date_from="2018")
    assert lab_check.to_open(other) == other
