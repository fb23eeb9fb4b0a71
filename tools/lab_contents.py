"""JupyterLab's contents manager for this project: jupytext's, and a save that would write a
file's own bytes again leaves the file alone.

JupyterLab marks a notebook modified as soon as it opens (its kernel's language_info joins the
metadata), so autosave saves every notebook that is only looked at. With the project's
jupytext.toml such a save gives the source's own bytes, but writing them still gives the file
a new time: make then takes the notebook for changed and runs its report again, and editors
holding the file open see it changed on disk. Skipping the write keeps an opened notebook
exactly as it was. Loaded through build/jupyter/jupyter_server_config.py (tools/lab_setup.py).
"""
from __future__ import annotations

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupytext import build_async_jupytext_contents_manager_class


class UnchangedFilesKept(AsyncLargeFileManager):
    """A file manager whose save of a text file with the content it has writes nothing."""

    async def save(self, model, path=""):
        if model.get("type") == "file" and model.get("format") == "text" and model.get("chunk") is None:
            try:
                with open(self._get_os_path(path.strip("/")), "rb") as f:
                    unchanged = f.read() == model.get("content", "").encode("utf-8")  # as _save_file encodes
            except OSError:
                unchanged = False
            if unchanged:
                self.log.info("Unchanged, not written: %s", path)
                return await self.get(path, content=False)
        return await super().save(model, path)


# jupytext's manager (.py notebooks open as notebooks) over that one; jupytext's own server
# extension sees a jupytext manager already in place and leaves it.
ContentsManager = build_async_jupytext_contents_manager_class(UnchangedFilesKept)
