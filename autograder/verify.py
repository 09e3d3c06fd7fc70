"""Trusted verification: the graded tests re-run in the grader, on the student's recorded answers.

In nbgrader the student's code and the tests share one kernel, so a submission can redefine
``np.allclose``, replace the checker module, or return an object whose ``__eq__`` always says
yes. Here every graded test cell is judged twice:

1. *In the child* (the sandboxed process that ran the notebook), as nbgrader would. While a
   graded cell runs, the functions it tests are wrapped by a ``CallRecorder``: each call's
   arguments (by content fingerprint) and its answer (as plain data, see
   ``autograder.plaindata``) are recorded and sent back with the cell's outputs.
2. *In the parent*, which never runs student code: the cell's source, as released (the grader
   restores it from the gradebook), is executed again with each tested function replaced by a
   ``ReplayProxy`` that answers from the recording. The comparison code, NumPy and the checks
   are the parent's own, out of the student's reach.

The cell's score needs both to pass. A cell that passed in the child but fails here is flagged
"tampering suspected" and scores 0. A proxy cannot replay what the function *did* (its loops,
its calls of ``np.pad``), only what it returned, so checks of how a function works count from
the first opinion; checks of values count from both.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import functools
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from autograder import plaindata
from autograder.settings import temporary_environment

MAX_RECORDED_BYTES = 32 * 1024 * 1024  # per notebook; a legitimate lesson records < 5 MiB


# --------------------------------------------------------------------------------------
# Which names a graded cell tests


def tested_names(source: str) -> list[str]:
    """Names a cell reads but neither imports, assigns nor gets from builtins: the notebook's
    functions under test (``correlate2d`` in ``assert_correlate2d_random(correlate2d, ...)``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    bound = set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
    loaded = {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }
    return sorted(loaded - bound)


# --------------------------------------------------------------------------------------
# In the child: record


class RecordingOverflow(Exception):
    """The recording grew past its limit; the cell cannot be verified."""


class CallRecorder:
    """Wraps functions so that every call's fingerprint and answer are recorded."""

    def __init__(self, budget_bytes: int = MAX_RECORDED_BYTES) -> None:
        self.calls: list[dict[str, Any]] = []
        self.budget = budget_bytes
        self.overflowed = False

    def _add(self, entry: dict[str, Any]) -> None:
        size = len(json.dumps(entry))
        if size > self.budget:
            self.overflowed = True
            return
        self.budget -= size
        self.calls.append(entry)

    def wrap(self, name: str, func):
        recorder = self

        @functools.wraps(func)
        def recording(*args, **kwargs):
            before = plaindata.call_text(args, kwargs)  # encoded once: key and change test
            key = plaindata.fingerprint_of(before)
            try:
                result = func(*args, **kwargs)
            except Exception as error:
                recorder._add(
                    {
                        "name": name,
                        "key": key,
                        "raised": [cls.__name__ for cls in type(error).__mro__],
                        "message": str(error)[:1000],
                        "after": _changed(before, args, kwargs),
                    }
                )
                raise
            recorder._add(
                {
                    "name": name,
                    "key": key,
                    "result": plaindata.encode(result),
                    "after": _changed(before, args, kwargs),
                }
            )
            return result

        return recording

    def take(self) -> dict[str, Any]:
        calls, self.calls = self.calls, []
        overflowed, self.overflowed = self.overflowed, False
        return {"calls": calls, "overflowed": overflowed}


def _changed(before: str, args: tuple, kwargs: dict) -> Any:
    """The arguments after the call, when the call changed them in place."""
    after = plaindata.encode_call(args, kwargs)
    return after if json.dumps(after, sort_keys=True) != before else None


@contextlib.contextmanager
def recording(namespace: dict, names: list[str], recorder: CallRecorder) -> Iterator[None]:
    """Wrap the named functions of ``namespace`` while a graded cell runs, then unwrap them."""
    originals = {}
    for name in names:
        value = namespace.get(name)
        if callable(value):
            originals[name] = value
            namespace[name] = recorder.wrap(name, value)
    try:
        yield
    finally:
        for name, original in originals.items():
            namespace[name] = original


# --------------------------------------------------------------------------------------
# In the parent: replay and judge


class NotRecorded(Exception):
    """The parent's test asked for a call the child never made (or never recorded)."""


def _builtin_exception(mro_names: list[str], message: str) -> BaseException:
    for name in mro_names:
        cls = getattr(builtins, str(name), None)
        if isinstance(cls, type) and issubclass(cls, Exception):
            return cls(message)
    return RuntimeError(message)


class ReplayProxy:
    """Answers calls from a recording, as the student's function answered them in the child."""

    def __init__(self, name: str, calls: list[dict[str, Any]]) -> None:
        self.__name__ = self.__qualname__ = name
        self._answers: dict[str, list[dict[str, Any]]] = {}
        for call in calls:
            if call.get("name") == name:
                self._answers.setdefault(str(call.get("key")), []).append(call)

    def __call__(self, *args, **kwargs):
        answers = self._answers.get(plaindata.fingerprint(args, kwargs))
        if not answers:
            raise NotRecorded(
                f"{self.__name__} was not called with these arguments when the notebook ran"
            )
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        if answer.get("after") is not None:
            _apply_changes(args, kwargs, plaindata.decode(answer["after"]))
        if "raised" in answer:
            raise _builtin_exception(list(answer["raised"]), str(answer.get("message", "")))
        return plaindata.decode(answer.get("result"))

    def __repr__(self) -> str:
        return f"<recorded answers of {self.__name__}>"


def _apply_changes(args: tuple, kwargs: dict, after: Any) -> None:
    """Make the parent's arguments look as the child's did after the call (in-place edits)."""
    import numpy as np

    if not (isinstance(after, list) and len(after) == 2):
        return
    new_args, new_kwargs = after
    pairs = list(zip(args, new_args if isinstance(new_args, list) else []))
    if isinstance(new_kwargs, dict):
        pairs += [(kwargs[k], v) for k, v in new_kwargs.items() if k in kwargs]
    for old, new in pairs:
        if isinstance(old, np.ndarray) and isinstance(new, np.ndarray) and old.shape == new.shape:
            with contextlib.suppress(TypeError, ValueError):
                np.copyto(old, new, casting="unsafe")
        elif isinstance(old, list) and isinstance(new, list):
            old[:] = new
        elif isinstance(old, dict) and isinstance(new, dict):
            old.clear()
            old.update(new)


@dataclass(frozen=True)
class Verdict:
    passed: bool
    message: str = ""


def verify_cell(source: str, recorded: dict[str, Any], env: dict[str, str]) -> Verdict:
    """Run a graded cell's (released) source here, against the recorded answers."""
    if recorded.get("overflowed"):
        return Verdict(False, "the answers were too large to verify")
    calls = recorded.get("calls")
    if not isinstance(calls, list):
        return Verdict(False, "no answers were recorded")
    namespace: dict[str, Any] = {"__name__": "__graded_cell__", "__builtins__": builtins}
    for name in tested_names(source):
        namespace[name] = ReplayProxy(name, [c for c in calls if isinstance(c, dict)])
    try:
        code = compile(source, "<graded cell>", "exec")
        with (
            temporary_environment(env),
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.redirect_stderr(io.StringIO()),
        ):
            exec(code, namespace)
    except Exception as error:  # noqa: BLE001 - the verdict, not an error of the grader
        text = str(error).strip().splitlines()
        return Verdict(False, f"{type(error).__name__}: {text[0][:300] if text else ''}")
    return Verdict(True)
