"""Run-time settings that the grader passes to the lessons through environment variables.

``AUTOGRADER_SEED``     seed of the randomized hidden cases; the grader picks one per run
                        and records it, so a regrade reproduces the scores.
``AUTOGRADER_GRADING``  set to ``1`` while grading: rendering-only helpers (animations,
                        timing demonstrations) return at once, since they cannot change a grade.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

SEED_VARIABLE = "AUTOGRADER_SEED"
GRADING_VARIABLE = "AUTOGRADER_GRADING"

# Used when no grader is running (a learner's own kernel, a plain `nbgrader autograde`).
DEFAULT_SEED = 20240917


def grading_seed() -> int:
    """Return the seed for randomized hidden cases: the grader's, or the fixed local default."""
    raw = os.environ.get(SEED_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_SEED
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{SEED_VARIABLE} must be an integer, got {raw!r}") from None


def is_grading() -> bool:
    """Return True when the lesson runs under the grader rather than for a person."""
    return os.environ.get(GRADING_VARIABLE, "") == "1"


@contextlib.contextmanager
def temporary_environment(variables: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the block only; afterwards they are as they were."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
