"""The inside of a grading worker: the learner's cells, and nothing of the tests.

A fresh IPython ``InteractiveShell`` runs the notebook's own cells (``run_cell``), one at a time
as the grader asks, continuing after errors like nbgrader's ``Execute`` step. Every output is
recorded in nbformat's shape: ``stream`` (stdout and stderr, with consecutive writes merged),
``display_data``, ``execute_result`` and ``error``.

Test cells never come here: the grader runs them in its own process (``autograder.testcells``).
When a test needs a name of the notebook, the grader asks for it (``serve``) and gets plain data
back: a value (``autograder.plaindata``), a handle to a function it may call, a module name it
imports itself, or a description of something that cannot cross. A call's arguments arrive as
plain data too, so this process only ever sees the inputs of calls of its own functions.

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
    InteractiveShell.clear_instance()  # a fresh shell, never one made before in this process
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


class _Session:
    """The shell, its recorder and the handles of the functions the grader may call."""

    def __init__(self) -> None:
        self.recorder = _Recorder()
        self.shell = _make_shell(self.recorder)
        self.handles: dict[int, Any] = {}


def _forget_warnings(session: _Session) -> None:
    """Show a warning again in every cell and every test's call, as a Jupyter kernel does
    (nbgrader scores a test cell that wrote to stderr as 0; so must we)."""
    import warnings

    session.shell.user_ns.pop("__warningregistry__", None)
    warnings._filters_mutated()  # noqa: SLF001 - invalidates every "once" registry


def run_cell(session: _Session, source: str) -> dict[str, Any]:
    """Run one of the notebook's cells; its outputs, execution count and what was refused."""
    from autograder import sandbox

    _forget_warnings(session)
    saved = sys.stdout, sys.stderr
    sys.stdout = _Stream(session.recorder, "stdout")
    sys.stderr = _Stream(session.recorder, "stderr")
    try:
        session.shell.run_cell(source, store_history=True)
    finally:
        sys.stdout, sys.stderr = saved
    cell: dict[str, Any] = {
        "execution_count": session.shell.execution_count - 1,
        "outputs": session.recorder.take(),
    }
    events = sandbox.take_events()
    if events:
        cell["guard"] = events
    return cell


def run_cells(sources: list[str]) -> list[dict[str, Any]]:
    """Run cells in order on a fresh shell in this process (for tests and the warm-up)."""
    session = _Session()
    return [run_cell(session, source) for source in sources]


# --------------------------------------------------------------------------------------
# Answering the grader


def describe(session: _Session, value: Any) -> dict[str, Any]:
    """What the grader gets for a value of this process: data, a handle or a description."""
    import types

    from autograder import plaindata

    if isinstance(value, types.ModuleType):
        return {"module": str(getattr(value, "__name__", ""))[:200]}
    if callable(value) and not isinstance(value, type):
        handle = len(session.handles) + 1
        session.handles[handle] = value
        return {"function": handle, "name": str(getattr(value, "__name__", "function"))[:100]}
    encoded = plaindata.encode(value, lenient=True)
    if plaindata.is_opaque(encoded):
        return {"opaque": plaindata.opaque_description(encoded)}
    return {"value": encoded}


def _decode_argument(session: _Session, data: Any) -> Any:
    """A call's argument: plain data, or a handle the grader got from ``describe``."""
    from autograder import plaindata

    if isinstance(data, dict) and set(data) == {"__handle__"}:
        return session.handles[int(data["__handle__"])]
    return plaindata.decode(data)


def _changed_arguments(before: list, args: list, kwargs: dict) -> Any:
    """The arguments after a call, when the call changed them in place."""
    from autograder import plaindata

    after = [plaindata.encode(list(args), lenient=True), plaindata.encode(kwargs, lenient=True)]
    return after if after != before else None


def _call(session: _Session, request: dict[str, Any]) -> dict[str, Any]:
    from autograder import plaindata

    func = session.handles[int(request["function"])]
    args = [_decode_argument(session, item) for item in request.get("args", [])]
    kwargs = {str(k): _decode_argument(session, v) for k, v in request.get("kwargs", {}).items()}
    before = [plaindata.encode(list(args), lenient=True), plaindata.encode(kwargs, lenient=True)]
    probe = request.get("probe")
    _forget_warnings(session)
    saved = sys.stdout, sys.stderr
    sys.stdout = _Stream(session.recorder, "stdout")
    sys.stderr = _Stream(session.recorder, "stderr")
    try:
        if probe:
            from autograder import probes

            result = probes.run_here(str(probe), func, *args, **kwargs)
        else:
            result = func(*args, **kwargs)
    except BaseException as error:  # noqa: BLE001 - the learner's exception, described
        reply: dict[str, Any] = {
            "raised": [cls.__name__ for cls in type(error).__mro__][:20],
            "message": _exception_text(error),
        }
        line = _notebook_line(error)
        if line:
            reply["line"] = line
    else:
        reply = describe(session, result)
    finally:
        sys.stdout, sys.stderr = saved
    reply["outputs"] = session.recorder.take()
    reply["after"] = _changed_arguments(before, args, kwargs)
    return reply


def _notebook_line(error: BaseException) -> str:
    """The deepest line of the notebook's own cells in the exception's traceback."""
    import traceback

    try:
        frames = traceback.extract_tb(error.__traceback__)
    except Exception:  # noqa: BLE001 - a learner's exception with a strange traceback
        return ""
    cells = [f for f in frames if f.filename.startswith("<ipython-input-") and f.line]
    return cells[-1].line.strip()[:300] if cells else ""


def _exception_text(error: BaseException) -> str:
    try:
        return str(error)[:2000]
    except Exception:  # noqa: BLE001 - a learner's exception whose __str__ fails
        return ""


def answer(session: _Session, request: dict[str, Any]) -> dict[str, Any]:
    """One reply to one request of the grader (see ``serve``)."""
    from autograder import sandbox

    kind = request.get("op")
    namespace = session.shell.user_ns
    if kind == "run":
        return {"ran": run_cell(session, str(request["source"]))}
    if kind == "get":
        name = str(request["name"])
        if name not in namespace:
            return {"missing": True}
        return describe(session, namespace[name])
    if kind == "set":
        name = str(request["name"])
        namespace[name] = _decode_argument(session, request["value"])
        return {"done": True}
    if kind == "del":
        name = str(request["name"])
        if name not in namespace:
            return {"missing": True}
        del namespace[name]
        return {"done": True}
    if kind == "call":
        reply = _call(session, request)
        events = sandbox.take_events()
        if events:
            reply["guard"] = events
        return reply
    raise ValueError(f"unknown request {kind!r}")


def serve(receive: Callable[[], Any], send: Callable[[Any], None]) -> None:
    """Answer the grader's requests until it says ``{"op": "end"}`` or goes away.

    An interrupt (the grader's SIGINT when a cell runs over its time) that arrives between
    requests is ignored; one that arrives during a cell or a call ends that cell or call with
    KeyboardInterrupt, as a Jupyter kernel's interrupt does.
    """
    session = _Session()
    while True:
        try:
            request = receive()
        except KeyboardInterrupt:
            continue
        except EOFError:
            return
        if not isinstance(request, dict) or request.get("op") == "end":
            return
        try:
            reply = answer(session, request)
        except KeyboardInterrupt:
            reply = {"raised": ["KeyboardInterrupt", "BaseException"], "message": ""}
        except Exception as error:  # noqa: BLE001 - a bad request or a handle that is gone
            reply = {"error": f"{type(error).__name__}: {_exception_text(error)}"[:500]}
        while True:
            try:
                send(reply)
                break
            except KeyboardInterrupt:
                continue
