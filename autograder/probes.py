"""Named probes: checks of *how* a learner's function works, run where the function lives.

Most graded tests judge a function by its answers, which cross to the grader as plain data
(``autograder.testcells``). A few judge how it works: lesson 3 counts the Python-level steps of
a call (a loop over pixels), lesson 6 watches for ``numpy.pad``. Such a check has to run beside
the function, in the sandboxed child. It is registered here under a name:

    @probes.register("python_steps")
    def python_steps(func, *args): ...

and a graded check calls it through ``probes.run("python_steps", func, *args)``. On a local
function (a learner's own kernel, the unit tests) that is a plain call. On a function of a
sandboxed notebook the grader asks the child to run the probe and gets its plain-data result
back.

The limit, also in README's threat model: a probe's result comes from the child, so a
submission that takes over its own process can make a probe report anything. Probes may only
*take away* points (a loop found, ``np.pad`` used); every value a test checks is computed and
compared in the grader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_PROBES: dict[str, Callable[..., Any]] = {}


def register(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``func(target, *args, **kwargs)`` as the probe ``name``."""

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        _PROBES[name] = func
        return func

    return decorator


def run_here(name: str, target: Callable, *args: Any, **kwargs: Any) -> Any:
    """Run the probe ``name`` on ``target`` in this process."""
    try:
        probe = _PROBES[name]
    except KeyError:
        raise LookupError(f"no probe named {name!r}") from None
    return probe(target, *args, **kwargs)


def run(name: str, target: Callable, *args: Any, **kwargs: Any) -> Any:
    """Run the probe ``name`` on ``target``, wherever ``target`` lives."""
    remote = getattr(target, "run_probe", None)
    if remote is not None:
        return remote(name, *args, **kwargs)
    return run_here(name, target, *args, **kwargs)
