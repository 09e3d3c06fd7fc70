"""Demonstration cells that use the learner's functions say which exercise is unfinished.

A stub raises a bare ``NotImplementedError()``. In the exercise's own check that is
explained, but a later demonstration cell that calls the stub shows only
``NotImplementedError:`` and a traceback into the learner's cell. Wrapping such a cell in
:func:`uses` turns that into a sentence naming the exercise to finish::

    with uses("conv2d_forward", "relu", "max_pool2d"):
        layers = slide12_model(x)

The exception is an ``ExerciseNotWritten``, a ``NotImplementedError`` that Jupyter shows as
that one sentence, without a traceback (an untouched student notebook shows no other kind of
error); any other exception passes through unchanged.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Iterator

from autograder.feedback import ExerciseNotWritten


def unfinished(error: BaseException, names: tuple[str, ...]) -> str | None:
    """The name, among ``names``, of the function that raised ``error`` (deepest first)."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.name in names:
            return frame.name
    return None


def message(name: str | None, names: tuple[str, ...]) -> str:
    """What to do: finish ``name`` (or, when it is unknown, each of ``names``)."""
    if name is None:
        listed = ", ".join(f"`{n}`" for n in names)
        return (
            f"this cell uses your {listed}; one of them is not written yet: finish its "
            "'Your turn' cell (replace `raise NotImplementedError()` with your code), run it, "
            "then run this cell again"
        )
    return (
        f"this cell uses your `{name}`, which is not written yet: finish the exercise "
        f"'Your turn: `{name}`' above (replace `raise NotImplementedError()` with your code), "
        "run its cell, then run this cell again"
    )


@contextlib.contextmanager
def uses(*names: str) -> Iterator[None]:
    """Re-raise a stub's bare ``NotImplementedError`` with the exercise to finish."""
    if not names or not all(isinstance(name, str) and name for name in names):
        raise ValueError("uses() needs the names of the exercise functions the cell calls")
    try:
        yield
    except NotImplementedError as error:
        text = message(unfinished(error, names), names)
        raise ExerciseNotWritten(text, text[0].upper() + text[1:] + ".") from None
