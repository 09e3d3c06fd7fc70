"""Test cells run here, in the grader, against a notebook that runs somewhere else.

The grader never lets a submission near its tests. A notebook's own cells run in a sandboxed
child process (``autograder.execute``); each autograded test cell, as released (nbgrader restores
it from the gradebook, hidden tests included), runs in this trusted process. Names the test
reads resolve, in this order:

1. what earlier test cells of the notebook bound (their imports, their helpers);
2. Python's builtins: a notebook cannot redefine ``len`` or ``AssertionError`` for the tests;
3. the notebook's namespace in the child, fetched as plain data (``autograder.plaindata``):
   a value arrives as a fresh array, number, string or container; a function as a
   ``RemoteFunction`` whose calls send their arguments as data and get the answer back as
   data; a module by its name, imported here from the grader's own installation. Anything else
   (an instance of a learner's class) cannot cross, and the test fails with one line naming it.

Assignments and ``del`` in a test cell reach the notebook too, as in nbgrader: a test that runs
``del squares`` and later ``squares = original`` removes and restores the learner's function.

The verdict is this process's: the cell's outputs (what its code and the learner's calls
printed, its last expression, its error) are built here, and nbgrader's ``SaveAutoGrades``
scores them as it would a kernel's. The child sees only the arguments of calls of its own
functions: never a test's source, an expected value or the run's seed.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import importlib
import io
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from typing import Any

from autograder import plaindata

# Sends one request to the notebook's process and returns its reply (see ``workers``).
Request = Callable[[dict[str, Any]], dict[str, Any]]

_preimports: list[threading.Thread] = []
_preimported: set[str] = set()  # asked for already, in this process


def imported_modules(sources: Iterable[str]) -> list[str]:
    """The modules that the top-level import statements of ``sources`` name (test cells, a
    script), each once, in order; a source Python cannot read names none."""
    names: list[str] = []
    for source in sources:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue  # the test cell will say so when it runs
        for node in tree.body:
            if isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found = [node.module]
            else:
                continue
            names += [name for name in found if name not in names]
    return names


def start_preimport(modules: list[str]) -> None:
    """Import ``modules`` here, in the background: what a notebook's test cells import (the
    lessons' checks, SciPy), while its process starts and runs the learner's cells. The first
    test cell of a run then does not wait for its imports."""
    missing = [name for name in modules if name not in sys.modules and name not in _preimported]
    if not missing:
        return
    _preimported.update(missing)

    def run() -> None:
        for name in missing:
            with contextlib.suppress(Exception):  # the test cell that needs it will say why
                importlib.import_module(name)

    thread = threading.Thread(target=run, name="preimport", daemon=True)
    _preimports.append(thread)
    thread.start()


def await_preimport() -> None:
    """Before a test cell: no import of the same modules races the background one."""
    for thread in list(_preimports):
        thread.join()
        with contextlib.suppress(ValueError):
            _preimports.remove(thread)


class ChildGone(BaseException):
    """The notebook's process died (or was killed) while a test cell needed it.

    A BaseException, so that a test's ``except Exception`` cannot swallow it."""


class CellTimedOut(BaseException):
    """The test cell ran over its time limit; the notebook's process was interrupted."""


class CannotCross(TypeError):
    """A value that is not plain data was asked to cross between the grader and the notebook."""


# --------------------------------------------------------------------------------------
# Outputs, per thread: several notebooks are graded at once, one thread each


_local = threading.local()


class _Capture:
    def __init__(self) -> None:
        self.outputs: list[dict[str, Any]] = []

    def stream(self, name: str, text: str) -> None:
        if not text:
            return
        last = self.outputs[-1] if self.outputs else None
        if last and last.get("output_type") == "stream" and last.get("name") == name:
            last["text"] += text
        else:
            self.outputs.append({"output_type": "stream", "name": name, "text": text})


class _RoutedStream(io.TextIOBase):
    """``sys.stdout``/``sys.stderr`` of the grader: a thread running a test cell writes into
    that cell's outputs; every other thread writes where it always did."""

    def __init__(self, original, name: str) -> None:
        self.original = original
        self.name = name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        capture = getattr(_local, "capture", None)
        if capture is None:
            return self.original.write(text)
        capture.stream(self.name, str(text))
        return len(text)

    def flush(self) -> None:
        if getattr(_local, "capture", None) is None:
            self.original.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.original.fileno()


_routing_lock = threading.Lock()
_routing_users = 0


@contextlib.contextmanager
def routed_streams() -> Iterator[None]:
    """Route the grader's stdout and stderr per thread for the duration of a run."""
    global _routing_users
    with _routing_lock:
        if _routing_users == 0:
            sys.stdout = _RoutedStream(sys.stdout, "stdout")
            sys.stderr = _RoutedStream(sys.stderr, "stderr")
        _routing_users += 1
    try:
        yield
    finally:
        with _routing_lock:
            _routing_users -= 1
            if _routing_users == 0:
                if isinstance(sys.stdout, _RoutedStream):
                    sys.stdout = sys.stdout.original
                if isinstance(sys.stderr, _RoutedStream):
                    sys.stderr = sys.stderr.original


_environment_lock = threading.Lock()
_environment_users: dict[str, list] = {}  # name -> [users, value before]


@contextlib.contextmanager
def shared_environment(variables: dict[str, str]) -> Iterator[None]:
    """Set environment variables (the run's seed) while any thread's notebook needs them.

    Test cells read them through ``os.environ`` (``grading_seed()``); several threads grade at
    once, so a variable is restored only when the last of them is done."""
    import os

    with _environment_lock:
        for name, value in variables.items():
            entry = _environment_users.setdefault(name, [0, os.environ.get(name)])
            entry[0] += 1
            os.environ[name] = value
    try:
        yield
    finally:
        with _environment_lock:
            for name in variables:
                entry = _environment_users[name]
                entry[0] -= 1
                if entry[0] == 0:
                    del _environment_users[name]
                    if entry[1] is None:
                        os.environ.pop(name, None)
                    else:
                        os.environ[name] = entry[1]


# --------------------------------------------------------------------------------------
# The notebook's values, as seen from here


def _builtin_exception(mro_names: list[str], message: str) -> BaseException:
    """The learner's exception as the nearest built-in class (a custom class stays behind)."""
    for name in mro_names:
        cls = getattr(builtins, str(name), None)
        if isinstance(cls, type) and issubclass(cls, BaseException):
            if issubclass(cls, (SystemExit, GeneratorExit)):
                continue
            try:
                return cls(message)
            except Exception:  # noqa: BLE001 - e.g. UnicodeDecodeError's constructor
                continue
    return RuntimeError(message)


def _apply_changes(args: tuple, kwargs: dict, after: Any) -> None:
    """Make this side's arguments look as the child's did after the call (in-place edits)."""
    import numpy as np

    if not (isinstance(after, list) and len(after) == 2):
        return
    new_args, new_kwargs = plaindata.decode(after[0]), plaindata.decode(after[1])
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


class RemoteFunction:
    """A function of the notebook: calling it sends the arguments as data to the child."""

    def __init__(self, request: Request, handle: int, name: str) -> None:
        self._request = request
        self._handle = handle
        self.__name__ = self.__qualname__ = name

    def _encode(self, value: Any, what: str) -> Any:
        if isinstance(value, RemoteFunction):
            return {"__handle__": value._handle}
        data = plaindata.encode(value)
        if plaindata.is_opaque(data):
            raise CannotCross(
                f"{self.__name__}: the test passes {what}, {plaindata.opaque_description(data)}, "
                f"which cannot cross to the notebook as data"
            )
        return data

    def _send(self, message: dict[str, Any], args: tuple, kwargs: dict) -> Any:
        message["function"] = self._handle
        message["args"] = [self._encode(a, f"argument {i + 1}") for i, a in enumerate(args)]
        message["kwargs"] = {str(k): self._encode(v, f"argument {k}") for k, v in kwargs.items()}
        reply = self._request(message)
        capture = getattr(_local, "capture", None)
        for output in reply.get("outputs") or []:
            if capture is not None:
                capture.stream(output["name"], output["text"])
        if reply.get("after") is not None:
            _apply_changes(args, kwargs, reply["after"])
        if "raised" in reply:
            names = [str(n) for n in reply["raised"]]
            if "KeyboardInterrupt" in names[:1]:
                raise KeyboardInterrupt
            error = _builtin_exception(names, str(reply.get("message", "")))
            if reply.get("line"):
                error.learner_line = str(reply["line"])[:300]  # where, in the notebook
            raise error
        return resolve(self._request, reply, f"the result of {self.__name__}")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._send({"op": "call"}, args, kwargs)

    def run_probe(self, probe: str, *args: Any, **kwargs: Any) -> Any:
        """Run a named probe (``autograder.probes``) on this function, in the child."""
        return self._send({"op": "call", "probe": probe}, args, kwargs)

    def __repr__(self) -> str:
        return f"<notebook function {self.__name__}>"


def resolve(request: Request, reply: dict[str, Any], what: str) -> Any:
    """The value a reply of the child describes, made of this process's objects only."""
    if "value" in reply:
        value = plaindata.decode(reply["value"])
        if isinstance(value, plaindata.Opaque):
            raise CannotCross(f"{what} is {value.description}, which the grader cannot use")
        return value
    if "function" in reply:
        return RemoteFunction(request, int(reply["function"]), str(reply.get("name", "function")))
    if "module" in reply:
        name = str(reply["module"])
        try:
            return importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module the grader does not have
            raise CannotCross(
                f"{what} is the module {name}, which the grader cannot import"
            ) from None
    if "opaque" in reply:
        raise CannotCross(
            f"{what} is {reply['opaque']}, which cannot cross to the grader as data: tests can "
            f"use arrays, numbers, strings, lists, tuples, dicts and functions"
        )
    raise CannotCross(f"{what} could not be read")


class NotebookNamespace(MutableMapping):
    """The names a test cell sees (see the module docstring for the order)."""

    def __init__(self, request: Request, bound: dict[str, Any], scope: dict[str, Any]) -> None:
        self._request = request
        self.bound = bound  # what test cells bound, kept for the notebook's later tests
        self._scope = scope  # the globals nested scopes read: kept in step

    def __getitem__(self, name: str) -> Any:
        if name in self.bound:
            return self.bound[name]
        if hasattr(builtins, name) or name.startswith("__"):
            raise KeyError(name)  # Python then looks in the globals and the builtins
        reply = self._request({"op": "get", "name": name})
        if reply.get("missing"):
            raise KeyError(name)
        return resolve(self._request, reply, f"`{name}`")

    def __setitem__(self, name: str, value: Any) -> None:
        self.bound[name] = value
        self._scope[name] = value
        if isinstance(value, RemoteFunction):
            self._request({"op": "set", "name": name, "value": {"__handle__": value._handle}})
            return
        data = plaindata.encode(value)
        if not plaindata.is_opaque(data):  # plain data reaches the notebook as well
            self._request({"op": "set", "name": name, "value": data})

    def __delitem__(self, name: str) -> None:
        had = self.bound.pop(name, _MISSING) is not _MISSING
        self._scope.pop(name, None)
        reply = self._request({"op": "del", "name": name})
        if reply.get("missing") and not had:
            raise KeyError(name)

    def __iter__(self):
        return iter(self.bound)

    def __len__(self) -> int:
        return len(self.bound)


_MISSING = object()


def _names_read(tree: ast.AST) -> list[str]:
    return sorted(
        {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    )


# --------------------------------------------------------------------------------------
# Running one test cell


def _error(ename: str, evalue: str) -> dict[str, Any]:
    # The traceback is one line on purpose: frames would show the test's source, hidden
    # tests included, in the feedback that goes back to the student.
    return {
        "output_type": "error",
        "ename": ename,
        "evalue": evalue,
        "traceback": [f"{ename}: {evalue}" if evalue else ename],
    }


def _last_value_output(value: Any, points: float, count: int) -> dict[str, Any]:
    """The cell's last expression as an ``execute_result``, as a kernel would show it.

    nbgrader reads a number there as partial credit and fails the whole notebook when it is
    above the cell's points; here such a value is an error of this cell only."""
    text = repr(value)
    try:
        partial = float(text)
    except ValueError:
        partial = None
    if partial is not None and not (0 <= partial <= points):
        return _error(
            "ValueError", f"the test's value {text[:50]} is not a score between 0 and {points:g}"
        )
    return {
        "output_type": "execute_result",
        "execution_count": count,
        "data": {"text/plain": text},
        "metadata": {},
    }


def run_test_cell(
    source: str,
    request: Request,
    bound: dict[str, Any],
    points: float,
    count: int,
) -> tuple[list[dict[str, Any]], str]:
    """Run an autograded test cell here; return its outputs in nbformat's shape, and the
    cause its failure carries as a field (an exception's ``cause`` string; "" if none).

    ``bound`` holds (and receives) what the notebook's test cells bind. ``ChildGone`` passes
    through, after the cell's outputs say why: the caller reruns the notebook without it.
    """
    capture = _Capture()
    _local.capture = capture
    cause = ""
    scope: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
    namespace = NotebookNamespace(request, bound, scope)
    try:
        tree = ast.parse(source)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        # Nested scopes (comprehensions, lambdas) read the globals, not ``namespace``.
        for name in _names_read(tree) + (_names_read(last) if last else []):
            with contextlib.suppress(KeyError):
                scope[name] = namespace[name]
        exec(compile(tree, "<test cell>", "exec"), scope, namespace)
        if last is not None:
            value = eval(compile(last, "<test cell>", "eval"), scope, namespace)
            if value is not None:
                capture.outputs.append(_last_value_output(value, points, count))
    except ChildGone as gone:
        capture.outputs.append(_error("GradingError", str(gone)))
        raise
    except CellTimedOut as timed_out:
        capture.outputs.append(_error("KeyboardInterrupt", str(timed_out)))
    except KeyboardInterrupt:
        message = "this test ran over its time limit and was interrupted"
        capture.outputs.append(_error("KeyboardInterrupt", message))
    except SyntaxError as error:
        capture.outputs.append(_error("SyntaxError", f"{error.msg} (line {error.lineno})"))
    except BaseException as error:  # noqa: BLE001 - the test's verdict, not the grader's failure
        capture.outputs.append(_error(type(error).__name__, _text(error)))
        field = getattr(error, "cause", None)
        cause = field[:400] if isinstance(field, str) else ""
    finally:
        _local.capture = None
    return capture.outputs, cause


def _text(error: BaseException) -> str:
    try:
        return str(error)[:4000]
    except Exception:  # noqa: BLE001
        return ""
