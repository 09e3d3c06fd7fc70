"""A real JupyterLab server and a real browser, for the tests that drive the course's UI.

Test files import what they use explicitly (``from browser import lab_server, chromium_page``).

- ``running_lab(root)`` starts ``jupyter lab`` from this venv on a free port with a token, with
  ``root`` as both its working directory (nbgrader reads ``nbgrader_config.py`` there) and its
  ``--ServerApp.root_dir``; Jupyter's config, runtime, workspace and settings folders are
  throw-away, so the tests write nothing into the repository or the home folder.
- ``lab_server`` is a fixture returning a starter; every server it started is stopped when the
  test ends, with everything it started (kernels, nbgrader's validation kernels).
- ``chromium`` launches Debian's ``chromium`` (Playwright's own browser download is not used)
  once per session; ``chromium_page`` gives each test a fresh context and page.
- The notebook helpers drive JupyterLab as a person would: open a notebook, Run > Run All
  Cells, wait until every queued cell has finished, save.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from conftest import REPO, tool_env

CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = REPO / "artifacts" / "browser"
TOKEN = "course-browser-test-token"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--disable-quic",
]
# Settings for the throw-away JupyterLab user: every cell stays in the page (so that figures
# below the fold can be counted), and no news or update checks go to the network.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_status(url: str, timeout: float = 5) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def stop_group(process: subprocess.Popen, grace: float = 20) -> None:
    """Stop a process started with ``start_new_session=True``, its process group, and every
    process it started: Jupyter starts each kernel in a session of its own."""
    import psutil

    try:
        descendants = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        descendants = []
    _signal_group(process.pid, signal.SIGTERM)  # a server shuts its kernels down on SIGTERM
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    _signal_group(process.pid, signal.SIGKILL)  # whatever is left in the group
    process.wait(timeout=grace)
    for child in descendants:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(descendants, timeout=grace)


def wait_until_serving(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if http_status(url) == 200:
                return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            state = "exited" if process.poll() is not None else f"not serving after {timeout:.0f} s"
            raise AssertionError(f"jupyter lab {state}:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)


@dataclass
class LabServer:
    root: Path
    port: int
    process: subprocess.Popen
    log: Path
    home: Path  # Jupyter's throw-away config, runtime, settings and workspaces
    token: str = TOKEN

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """``path`` on this server (e.g. ``lab/tree/x.ipynb``), authenticated by the token."""
        separator = "&" if "?" in path else "?"
        return f"{self.base}/{path.lstrip('/')}{separator}token={self.token}"

    def api(self, path: str, method: str = "GET"):
        request = urllib.request.Request(
            self.url(f"api/{path}"), method=method, headers={"Authorization": f"token {TOKEN}"}
        )
        with urllib.request.urlopen(request, timeout=20) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Free the kernels a test started (the next test on the same server needs the CPU)."""
        for kernel in self.api("kernels"):
            self.api(f"kernels/{kernel['id']}", method="DELETE")


@contextmanager
def running_lab(root: Path, *extra_args: str, timeout: float = 90) -> Iterator[LabServer]:
    """``jupyter lab`` serving ``root`` until the block ends."""
    root = Path(root).resolve()
    home = Path(tempfile.mkdtemp(prefix="course-lab-"))
    settings = home / "settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))
    port = free_port()
    log = home / "server.log"
    command = [
        str(Path(sys.executable).parent / "jupyter"),
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        "--LabApp.news_url=None",
        *(["--allow-root"] if os.geteuid() == 0 else []),
        *extra_args,
    ]
    env = tool_env(
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        IPYTHONDIR=str(home / "ipython"),
        MPLCONFIGDIR=str(home / "matplotlib"),
    )
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a process group of its own, to stop it with all it started
        )
    server = LabServer(root=root, port=port, process=process, log=log, home=home)
    try:
        wait_until_serving(server.url("api/status"), process, log, timeout)
        yield server
    finally:
        stop_group(process)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def lab_server():
    """A starter: ``lab_server(root, *extra_args)`` returns a running ``LabServer``; every
    server it started is stopped when the test ends."""
    with ExitStack() as stack:
        yield lambda root, *extra_args: stack.enter_context(running_lab(root, *extra_args))


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, driven by Playwright; a missing browser fails the test."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests need Debian's `chromium` package "
            "(`apt-get install chromium`, or `make system-deps` as root). Playwright's own "
            "browser download is not used.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # launch() gives the browser a fresh temporary profile and removes it on close.
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def chromium_page(chromium):
    """A fresh browser context (no cookies, no storage) and page for one test."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


# --- JupyterLab, as a person uses it -----------------------------------------------------------

NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
BUSY_PROMPT = re.compile(r"\[\*\]")


def open_notebook(page, server: LabServer, path: str, workspace: str) -> None:
    """Open ``path`` (relative to the server's root) in JupyterLab, in a workspace of its own
    (so that tabs restored from another test's workspace cannot interfere)."""
    page.goto(server.url(f"lab/workspaces/{workspace}/tree/{path}"))
    page.locator(f"{NOTEBOOK} .jp-Cell").first.wait_for(state="visible", timeout=90_000)
    wait_for_kernel_idle(page, timeout=90)


def kernel_status(page) -> str | None:
    indicator = page.locator(f"{NOTEBOOK} .jp-Notebook-ExecutionIndicator")
    if indicator.count() == 0:
        return None
    return indicator.first.get_attribute("data-status")


def wait_for_kernel_idle(page, timeout: float = 120, settle: float = 0.5) -> None:
    """Wait until the notebook's kernel is idle and no cell is queued or running (``[*]``),
    and has stayed so for ``settle`` seconds (between two queued cells the kernel is briefly
    idle)."""
    deadline = time.monotonic() + timeout
    quiet_since = None
    prompts = page.locator(f"{NOTEBOOK} .jp-InputPrompt")
    while True:
        status = kernel_status(page)
        busy = any(BUSY_PROMPT.search(text) for text in prompts.all_inner_texts())
        if status == "idle" and not busy:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= settle:
                return
        else:
            quiet_since = None
        if time.monotonic() > deadline:
            raise AssertionError(f"kernel {status!r}, cells queued: {busy}, after {timeout} s")
        page.wait_for_timeout(250)


def menu_command(page, menu: str, item: str) -> None:
    """Click ``menu`` in the main menu bar, then ``item`` in it."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(menu)}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()


def run_all_cells(page, timeout: float = 150) -> float:
    """Run > Run All Cells, then wait until the kernel is done; returns the seconds it took."""
    start = time.monotonic()
    menu_command(page, "Run", "Run All Cells")
    # Started: a cell is queued or running ([*]) or has run ([1]); a fresh notebook has neither.
    page.locator(
        f"{NOTEBOOK} .jp-InputPrompt", has_text=re.compile(r"\[(\*|\d+)\]")
    ).first.wait_for(timeout=30_000)
    wait_for_kernel_idle(page, timeout=timeout)
    return time.monotonic() - start


def save_notebook(page, server: LabServer, path: str) -> nbformat.NotebookNode:
    """File > Save Notebook; returns the notebook as JupyterLab wrote it (outputs included)."""
    before = (server.root / path).stat().st_mtime_ns
    page.locator(f"{NOTEBOOK} .jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.keyboard.press("Control+s")
    deadline = time.monotonic() + 30
    while (server.root / path).stat().st_mtime_ns == before:
        if time.monotonic() > deadline:
            raise AssertionError(f"JupyterLab did not save {path}")
        page.wait_for_timeout(200)
    page.wait_for_timeout(300)  # the file is written in one go, but give the rename a moment
    return nbformat.read(server.root / path, as_version=4)


def table_row(page, key: str) -> dict[str, str]:
    """The table row with a cell reading exactly ``key``, as {column header: cell text}."""
    cell = page.locator("td", has_text=re.compile(f"^\\s*{re.escape(key)}\\s*$"))
    row = page.locator("tr", has=cell).first
    row.wait_for(timeout=60_000)
    table = page.locator("table", has=row).first
    headers = [text.strip() for text in table.locator("thead th").all_inner_texts()]
    return dict(zip(headers, (text.strip() for text in row.locator("td").all_inner_texts())))


def output_images(page):
    """The rendered images in the notebook's outputs (matplotlib figures arrive as PNGs)."""
    return page.locator(f"{NOTEBOOK} .jp-OutputArea-output img")
