"""Run a notebook's code cells in this process, the way a Jupyter kernel would.

This is the inside of a grading worker (see ``autograder.workers``): a fresh IPython
``InteractiveShell`` executes the cells in order, continuing after errors like nbgrader's
``Execute`` step, and every output is recorded in nbformat's shape: ``stream`` (stdout and
stderr, with consecutive writes merged), ``display_data``, ``execute_result`` and
``error`` (exception name, message and IPython's traceback lines). Those are exactly the
outputs nbgrader's ``determine_grade`` reads, so a test cell scores the same here as in a
kernel.

Figures are drawn with a non-interactive backend and never shown (``autograder.mpl_backend``),
which is the only work skipped: it cannot change a grade.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import Any

MAX_STREAM_CHARS = 100_000  # per cell and stream; the rest is cut, as nbgrader's LimitOutput does


class _Recorder:
    """Collects the outputs of the cell being run."""

    def __init__(self) -> None:
        self.outputs: list[dict[str, Any]] = []

    def stream(self, name: str, text: str) -> None:
        if self.outputs and self.outputs[-1].get("name") == name:
            previous = self.outputs[-1]
            if len(previous["text"]) < MAX_STREAM_CHARS:
                previous["text"] = (previous["text"] + text)[:MAX_STREAM_CHARS]
            return
        self.outputs.append(
            {"output_type": "stream", "name": name, "text": text[:MAX_STREAM_CHARS]}
        )

    def add(self, output: dict[str, Any]) -> None:
        self.outputs.append(output)

    def take(self) -> list[dict[str, Any]]:
        outputs, self.outputs = self.outputs, []
        return outputs


class _Stream(io.TextIOBase):
    """``sys.stdout``/``sys.stderr`` replacement that records what is written."""

    def __init__(self, recorder: _Recorder, name: str) -> None:
        self._recorder = recorder
        self.name = name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            self._recorder.stream(self.name, text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _json_safe(data: dict) -> dict:
    """Keep only JSON-serialisable MIME bundles (text, PNG as base64 text, JSON)."""
    safe = {}
    for mime, value in data.items():
        if isinstance(value, (str, int, float, bool, type(None), list, dict)):
            safe[mime] = value
        elif isinstance(value, bytes):
            import base64

            safe[mime] = base64.b64encode(value).decode("ascii")
    return safe


def _make_shell(recorder: _Recorder):
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell

    class RecordingDisplayPublisher(DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
            recorder.add(
                {
                    "output_type": "display_data",
                    "data": _json_safe(data),
                    "metadata": _json_safe(metadata or {}),
                }
            )

        def clear_output(self, wait=False):
            recorder.take()

    class RecordingDisplayHook(DisplayHook):
        def start_displayhook(self):
            pass

        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            recorder.add(
                {
                    "output_type": "execute_result",
                    "execution_count": self.prompt_count,
                    "data": _json_safe(format_dict),
                    "metadata": _json_safe(md_dict or {}),
                }
            )

        def finish_displayhook(self):
            pass

    from traitlets.config import Config

    config = Config()
    # No history database: it is slow, and concurrent graders would share (and lock) one file.
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(
        config=config,
        displayhook_class=RecordingDisplayHook,
        display_pub_class=RecordingDisplayPublisher,
        colors="nocolor",
    )

    def record_traceback(etype, evalue, stb):
        recorder.add(
            {
                "output_type": "error",
                "ename": getattr(etype, "__name__", str(etype)),
                "evalue": str(evalue),
                "traceback": [str(line) for line in stb],
            }
        )

    shell._showtraceback = record_traceback
    return shell


def _skipped(message: str) -> dict[str, Any]:
    return {
        "output_type": "error",
        "ename": "GradingError",
        "evalue": message,
        "traceback": [f"GradingError: {message}"],
    }


def run_cells(
    sources: list[str],
    skip: dict[int, str] | None = None,
    record: dict[int, list[str]] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_cell: Callable[[int, dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """Execute code cells in order on a fresh shell; return, per cell, its outputs and count.

    Errors are recorded and execution goes on with the next cell, as nbgrader does.
    ``skip`` maps cells not to run (one that hung or crashed an earlier attempt) to the message
    of the error they show instead. ``record`` maps graded cells to the functions whose answers
    are recorded for the trusted verification (``autograder.verify``). ``on_start`` and
    ``on_cell`` report progress as it happens, so a parent that has to kill this process knows
    which cell was running and keeps the cells that finished.
    """
    from autograder import sandbox, verify

    skip = skip or {}
    record = record or {}
    recorder = _Recorder()
    shell = _make_shell(recorder)
    calls = verify.CallRecorder()
    results = []
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream(recorder, "stdout"), _Stream(recorder, "stderr")
    try:
        for index, source in enumerate(sources):
            if on_start:
                on_start(index)
            if index in skip:
                cell: dict[str, Any] = {"execution_count": None, "outputs": [_skipped(skip[index])]}
            else:
                with verify.recording(shell.user_ns, record.get(index, []), calls):
                    shell.run_cell(source, store_history=True)
                cell = {"execution_count": shell.execution_count - 1, "outputs": recorder.take()}
            if index in record:
                cell["recorded"] = calls.take()
            events = sandbox.take_events()
            if events:
                cell["guard"] = events
            results.append(cell)
            if on_cell:
                on_cell(index, cell)
    finally:
        sys.stdout, sys.stderr = saved
    return results
