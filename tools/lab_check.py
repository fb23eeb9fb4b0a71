"""Run the notebooks in JupyterLab as a user would, and look at all of each (make lab-check).

    python tools/lab_check.py <report id> [notebook ...]

Starts JupyterLab on 127.0.0.1 (tools/lab.py's command line, with the project's custom.css)
and headless Chromium, driven over the DevTools protocol. For each notebook of the report
(or the ones named), it opens the notebook as a user does, runs it there (Run All), waits
until the kernel is idle and no cell is pending, reports any cell that failed, checks that
the CJK web font is loaded and that dropdowns use it, and saves the whole notebook as one
screenshot per screen height: build/lab-check/<report>_<notebook>_pNN.png. Look at them.

What is opened: the source (notebooks/*.py, through jupytext, as `make lab` opens it) when
the report was made with the source's default parameters, which is what a user who opens it
runs; otherwise the report's executed copy (reports/<id>/*.ipynb), whose papermill cell
carries the report's parameters, with its old outputs cleared first.

Nothing is saved, and nothing of the user's JupyterLab is touched: the server gets its own
temporary settings (autosave off; every cell kept in the page, not virtualised, so that
scrolling shows each one), workspaces and checkpoints, and notebooks are closed without
saving (the user's next `make lab` reopens none of them). Every server, kernel and browser
started here is stopped, by process group, also on error.
Exit status 1 when a notebook failed, did not open as a notebook, or anything was saved.
"""
from __future__ import annotations

import ast
import asyncio
import base64
import itertools
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import jupytext
import nbformat
from tornado.websocket import websocket_connect

from analysis.config import NOTEBOOKS_DIR, PROJ_ROOT, REPORTS_DIR
from lab import lab_url, server_command, server_env, wait_for_server

OUT = PROJ_ROOT / "build" / "lab-check"
WIDTH, HEIGHT = 1400, 1000
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--force-device-scale-factor=1", f"--window-size={WIDTH},{HEIGHT}"]
# lab-check's own user settings, over the project's overrides (tools/lab_setup.py): nothing is
# ever saved; every cell stays in the page (JupyterLab 4 otherwise skips or detaches cells
# out of view, which then render late or not at all in a screenshot); the notebook ends at
# its last cell (not a screen of blank space after it, a blank last screenshot).
SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "scrollPastEnd": False},
}
WEB_FONT = "WenQuanYi Micro Hei Web"
RUN_TIMEOUT = 900  # seconds a notebook may take in JupyterLab
OVERLAP = 60  # pixels each screenshot repeats of the one before, so no line is only cut in two


class LabCheckError(Exception):
    """Something lab-check could not do (the notebook's own failures are reported, not raised)."""


def shown(path: Path) -> str:
    """A path as printed: relative to the project when inside it."""
    return str(path.relative_to(PROJ_ROOT) if path.is_relative_to(PROJ_ROOT) else path)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen | None) -> None:
    """Stop a process started in its own session, and its group: politely, then for sure."""
    if proc is None or proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def stop_leftovers(marker: str) -> None:
    """Kill, by PID, any process whose command line names our temporary folder: kernels (their
    connection file is in our runtime folder) and browser helpers outside the group stopped."""
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if marker in (proc / "cmdline").read_bytes().decode(errors="replace") and int(proc.name) != os.getpid():
                os.kill(int(proc.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue


def parameters(cells, tag: str) -> dict:
    """The values a parameters cell (tagged ``tag``) assigns: name = literal, one a line."""
    for cell in cells:
        if tag in cell.metadata.get("tags", []):
            return {t.id: ast.literal_eval(node.value) for node in ast.parse(cell.source).body
                    if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}
    return {}


def to_open(executed: Path) -> Path:
    """The notebook to open: its source when the report ran it with the source's defaults (what
    a user opening the source runs), else the executed copy, which has the report's parameters."""
    sources = [NOTEBOOKS_DIR / f"{executed.stem}.py", NOTEBOOKS_DIR / "corpus" / f"{executed.stem}.py"]
    source = next((s for s in sources if s.exists()), None)
    if source is None:
        return executed
    try:
        injected = parameters(nbformat.read(executed, as_version=4).cells, "injected-parameters")
        defaults = parameters(jupytext.read(source).cells, "parameters")
    except (ValueError, SyntaxError):  # a value that is not a literal: cannot tell, so the copy
        return executed

    def same(name: str, value) -> bool:
        if name not in defaults:
            return False
        # make names the corpus's kept tables (corpus_id) after its folder, as an empty default does
        derived = name == "corpus_id" and defaults[name] == "" and value == Path(str(injected.get("corpus"))).name
        return value == defaults[name] or derived

    return source if all(same(name, value) for name, value in injected.items()) else executed


class Page:
    """A Chromium tab driven over the DevTools protocol (JSON messages on a websocket)."""

    def __init__(self, conn) -> None:
        self.conn, self.ids = conn, itertools.count(1)

    async def call(self, method: str, timeout: float = 60, **params):
        msg_id = next(self.ids)
        await self.conn.write_message(json.dumps({"id": msg_id, "method": method, "params": params}))

        async def reply() -> dict:
            while True:  # events (none are enabled) and late replies are passed over
                msg = await self.conn.read_message()
                if msg is None:
                    raise LabCheckError("Chromium closed the DevTools connection")
                data = json.loads(msg)
                if data.get("id") == msg_id:
                    return data

        data = await asyncio.wait_for(reply(), timeout)
        if "error" in data:
            raise LabCheckError(f"{method}: {data['error'].get('message')}")
        return data["result"]

    async def js(self, expression: str, timeout: float = 60):
        """The value of a JavaScript expression (a promise is awaited) in the page."""
        result = await self.call("Runtime.evaluate", timeout=timeout, expression=expression,
                                 awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise LabCheckError(details.get("exception", {}).get("description") or details.get("text"))
        return result["result"].get("value")

    async def wait_for(self, expression: str, timeout: float, what: str):
        """Poll an expression until it is truthy; its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = await self.js(expression)
            if value:
                return value
            await asyncio.sleep(0.5)
        raise LabCheckError(f"{what}: not within {timeout:.0f} s")

    async def screenshot(self, path: Path) -> None:
        data = (await self.call("Page.captureScreenshot", format="png"))["data"]
        path.write_bytes(base64.b64decode(data))


# The page's side. `labCheck` holds the open notebook's widget; `jupyterapp` is JupyterLab
# (--LabApp.expose_app_in_browser).
OPEN = """(async () => {
  const app = window.jupyterapp;
  await app.restored;
  app.shell.collapseLeft();
  const widget = await app.commands.execute('docmanager:open', {path: %(path)s});  // as a double click
  const factory = app.docRegistry.preferredWidgetFactories(%(path)s)[0];  // the one it used
  for (const other of Array.from(app.shell.widgets('main'))) if (other !== widget) other.close();  // the Launcher
  window.labCheck = {widget, done: null};
  await widget.context.ready;
  const notebook = !!(widget.content && widget.content.model && widget.content.model.cells);
  if (notebook) { await widget.sessionContext.ready; app.shell.activateById(widget.id); }
  return {factory: factory ? factory.name : null, notebook};
})()"""
KERNEL_IDLE = """(() => {
  const kernel = window.labCheck.widget.sessionContext.session?.kernel;
  return kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
})()"""
RUN_ALL = """(() => {
  const app = window.jupyterapp, state = window.labCheck;
  app.shell.activateById(state.widget.id);
  (%(clear)s ? app.commands.execute('notebook:clear-all-cell-outputs') : Promise.resolve())
    .then(() => app.commands.execute('notebook:run-all-cells'))
    .then(ok => { state.done = {ok: ok !== false}; }, err => { state.done = {error: String(err)}; });
  return true;
})()"""
STATE = """(() => {
  const widget = window.labCheck.widget, kernel = widget.sessionContext.session?.kernel;
  const cells = Array.from(widget.content.model.cells).filter(c => c.type === 'code');
  const queued = [...widget.content.node.querySelectorAll('.jp-InputPrompt')]
    .filter(p => p.textContent.includes('*')).length;
  return {done: window.labCheck.done, kernel: kernel ? kernel.status : 'none', code: cells.length,
          running: cells.filter(c => c.executionState === 'running').length + queued,
          ran: cells.filter(c => c.executionCount != null).length};
})()"""
ERRORS = """(() => {
  const errors = [];
  Array.from(window.labCheck.widget.content.model.cells).forEach((cell, i) => {
    if (cell.type !== 'code') return;
    for (const out of cell.outputs.toJSON())
      if (out.output_type === 'error') errors.push({cell: i + 1, ename: out.ename, evalue: out.evalue});
  });
  return errors;
})()"""
LOOK = """(async () => {
  const widget = window.labCheck.widget;
  await Promise.all([...widget.node.querySelectorAll('img')].map(
    img => img.complete ? null : new Promise(done => { img.onload = img.onerror = done; })));
  await document.fonts.ready;
  const faces = await document.fonts.load('16px "%(font)s"', '中文');
  const dialog = document.querySelector('.jp-Dialog');
  return {webFont: faces.length > 0, dialog: dialog ? dialog.innerText : null,
          selects: [...widget.content.node.querySelectorAll('select')].map(s => ({
            font: getComputedStyle(s).fontFamily, text: s.selectedOptions[0] ? s.selectedOptions[0].textContent : ''}))};
})()"""
SCROLLER = """(() => {
  const node = window.labCheck.widget.content.node;
  window.labCheck.scroller = node.querySelector('.jp-WindowedPanel-outer') || node;
  const s = window.labCheck.scroller;
  return {height: s.scrollHeight, view: s.clientHeight};
})()"""
SCROLL_TO = """(async () => {
  const s = window.labCheck.scroller;
  s.scrollTop = %(top)d;
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  return {top: s.scrollTop, height: s.scrollHeight, view: s.clientHeight};
})()"""
CLOSE = """(async () => {
  const widget = window.labCheck.widget;
  window.labCheck = null;
  try { if (widget.sessionContext) await widget.sessionContext.shutdown(); } finally { widget.dispose(); }
  return true;
})()"""


async def check_notebook(page: Page, path: Path, shots: str) -> list[str]:
    """Open, run, inspect and screenshot one notebook; what went wrong, if anything."""
    rel = path.relative_to(PROJ_ROOT).as_posix()
    problems: list[str] = []
    opened = await page.js(OPEN % {"path": json.dumps(rel)}, timeout=120)
    if not opened["notebook"]:
        problems.append(f"opened with {opened['factory']!r}, not as a notebook")
        await page.js(CLOSE)
        return problems
    try:
        await page.wait_for(KERNEL_IDLE, 120, "kernel start")
        start = time.monotonic()
        await page.js(RUN_ALL % {"clear": json.dumps(path.suffix == ".ipynb")})
        settled, state = 0, {}
        while settled < 2:  # idle, nothing pending, twice in a row a second apart
            if time.monotonic() - start > RUN_TIMEOUT:
                raise LabCheckError(f"still running after {RUN_TIMEOUT} s: {state}")
            await asyncio.sleep(1)
            state = await page.js(STATE)
            idle = state["done"] is not None and state["kernel"] == "idle" and state["running"] == 0
            settled = settled + 1 if idle else 0
        seconds = time.monotonic() - start
        if state["done"].get("error"):
            problems.append(f"Run All failed: {state['done']['error']}")
        for err in await page.js(ERRORS):
            problems.append(f"cell {err['cell']}: {err['ename']}: {err['evalue']}")
        if state["ran"] < state["code"]:
            problems.append(f"{state['code'] - state['ran']} of {state['code']} code cells did not run")
        await asyncio.sleep(1)  # widgets draw after the kernel's last message
        look = await page.js(LOOK % {"font": WEB_FONT}, timeout=120)
        if not look["webFont"]:
            problems.append(f"the web font {WEB_FONT!r} is not loaded: Chinese shows as boxes")
        for select in look["selects"]:
            if not select["font"].startswith(f'"{WEB_FONT}"'):
                problems.append(f"a dropdown ({select['text'][:30]!r}) uses {select['font']}, not the web font")
        if look["dialog"]:
            problems.append(f"a dialog is open: {look['dialog']!r}")
        # the whole notebook, a screen at a time
        for old in OUT.glob(f"{shots}.png"):
            old.unlink()
        for old in OUT.glob(f"{shots}_p[0-9]*.png"):
            old.unlink()
        await page.js(SCROLLER)
        top, pages = 0, []
        while True:
            geometry = await page.js(SCROLL_TO % {"top": top})
            await asyncio.sleep(0.3)
            shot = OUT / f"{shots}_p{len(pages) + 1:02d}.png"
            await page.screenshot(shot)
            pages.append(shot)
            if geometry["top"] + geometry["view"] >= geometry["height"] - 1:
                break
            top = geometry["top"] + max(geometry["view"] - OVERLAP, 100)
        summary = "; ".join(problems) if problems else "no errors"
        print(f"lab-check: {rel} ({opened['factory']}): {state['ran']} of {state['code']} code cells ran "
              f"in {seconds:.0f} s, {summary}; {len(pages)} screenshot{'s' if len(pages) > 1 else ''} "
              f"{shown(pages[0])} .. {pages[-1].name}", flush=True)
        if look["selects"]:
            print("lab-check:   dropdowns: " + ", ".join(f"{s['text'][:24]!r} in {s['font'].split(',')[0]}"
                                                  for s in look["selects"]), flush=True)
    finally:
        await page.js(CLOSE, timeout=60)
    return problems


async def check(report: Path, notebooks: list[Path], tmp: Path) -> int:
    """Start JupyterLab and Chromium, check each notebook, stop both; the exit status."""
    for plugin, values in SETTINGS.items():
        settings = tmp / "settings" / f"{plugin}.jupyterlab-settings"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps(values), encoding="utf-8")
    token, runtime, log = secrets.token_hex(16), tmp / "runtime", OUT / "server.log"
    server = browser = info = None
    failed = False
    try:
        with log.open("w", encoding="utf-8") as log_file:
            server = subprocess.Popen(
                server_command(port=free_port(), extra=[
                    f"--IdentityProvider.token={token}", "--LabApp.expose_app_in_browser=True",
                    f"--LabApp.user_settings_dir={tmp / 'settings'}", f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
                    # the checkpoint JupyterLab takes of each notebook it opens, out of the tree too
                    f"--FileCheckpoints.checkpoint_dir={tmp / 'checkpoints'}"]),
                env=server_env(JUPYTER_RUNTIME_DIR=str(runtime)), stdout=log_file, stderr=subprocess.STDOUT,
                start_new_session=True)
        info = wait_for_server(server, runtime)
        if info is None:
            raise LabCheckError(f"JupyterLab did not start; see {shown(log)}")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        profile = tmp / "chromium"
        browser = subprocess.Popen([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                                    "--remote-debugging-port=0", "about:blank"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        active = profile / "DevToolsActivePort"
        for _ in range(120):
            if active.exists() and active.read_text().strip():
                break
            time.sleep(0.5)
        else:
            raise LabCheckError("Chromium did not open its DevTools port")
        port = int(active.read_text().split()[0])
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        target = next(t for t in targets if t["type"] == "page")
        page = Page(await websocket_connect(target["webSocketDebuggerUrl"], max_message_size=256 * 2**20))
        await page.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1,
                        mobile=False)
        await page.call("Page.navigate", url=lab_url(info))
        await page.wait_for("!!(window.jupyterapp)", 120, "JupyterLab in the browser")
        for nb in notebooks:
            path = to_open(nb)
            try:
                problems = await check_notebook(page, path, f"{report.name}_{nb.stem}")
            except (LabCheckError, asyncio.TimeoutError) as err:
                problems = [f"lab-check could not finish: {err or 'timed out'}"]
            for problem in problems:
                print(f"lab-check: FAILED {shown(path)}: {problem}", file=sys.stderr, flush=True)
            failed |= bool(problems)
    finally:
        stop(browser)
        if info is not None and server.poll() is None:
            try:  # shut the kernels down through the server, then the server itself
                for kernel in json.load(urllib.request.urlopen(f"{info['url']}api/kernels?token={token}", timeout=10)):
                    urllib.request.urlopen(urllib.request.Request(
                        f"{info['url']}api/kernels/{kernel['id']}?token={token}", method="DELETE"), timeout=30)
            except OSError:
                pass
        stop(server)
        stop_leftovers(str(tmp))
    saved = [line.strip() for line in log.read_text(encoding="utf-8").splitlines() if "Saving file at" in line]
    for line in saved:
        print(f"lab-check: FAILED: JupyterLab saved a file: {line}", file=sys.stderr)
    return 1 if failed or saved else 0


def main() -> int:
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        print("lab-check: chromium is not installed (make lab-check installs it with apt-get)", file=sys.stderr)
        return 2
    report = REPORTS_DIR / (sys.argv[1] if len(sys.argv) > 1 else "wangyi_2020-05-24_npc")
    only = set(sys.argv[2:])  # notebook stems; none: every notebook of the report
    notebooks = [n for n in sorted(report.glob("[0-9]*.ipynb"))
                 if ".tmp" not in n.name and ".failed" not in n.name and (not only or n.stem in only)]
    if not notebooks:
        print(f"lab-check: no executed notebooks in {report}; run make report first", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lab-check-") as tmp:
        try:
            return asyncio.run(check(report, notebooks, Path(tmp)))
        except LabCheckError as err:
            print(f"lab-check: {err}", file=sys.stderr)
            return 1


if __name__ == "__main__":
    sys.exit(main())
