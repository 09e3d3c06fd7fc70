"""Every named mistake is named by its own visible check.

Each misconception of an exercise is a function computing what the mistake returns. Fed to
the visible check of its exercise, it must be told by its own message on at least one of the
check's cases: neither "values differ" nor the message of a look-alike mistake everywhere.
That fails when the visible cases cannot tell two mistakes apart (lesson 1's hand image was a
ramp, on which a kernel turned by 90° reads as transposed), or when a mistake is never
reached. The checks built with ``feedback.visible_check`` say which exercise and cases they
run; every lesson whose checks are built that way is covered here without a hand-kept table.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import warnings

import numpy as np
import pytest

import autograder.checks
from autograder.feedback import Raises, explaining_first, run_case, run_explaining_first


def _modules():
    for info in pkgutil.iter_modules(autograder.checks.__path__):
        yield info.name, importlib.import_module(f"autograder.checks.{info.name}")


def _visible_checks():
    for name, module in _modules():
        for attribute, value in sorted(vars(module).items()):
            if attribute.startswith("check_") and hasattr(value, "exercise"):
                yield f"{name}.{attribute}", value


CHECKS = dict(_visible_checks())
MISCONCEPTIONS = [
    pytest.param(check, index, id=f"{name}[{index}]")
    for name, check in CHECKS.items()
    for index in range(len(check.exercise.misconceptions))
]


@pytest.mark.parametrize("module", [name for name, _ in _modules()])
def test_every_lesson_builds_every_visible_check_with_the_factory(module):
    module = importlib.import_module(f"autograder.checks.{module}")
    checks = [name for name in vars(module) if name.startswith("check_")]
    assert checks and all(hasattr(getattr(module, name), "exercise") for name in checks)


@pytest.mark.parametrize(("check", "index"), MISCONCEPTIONS)
def test_each_misconception_is_named_by_its_own_visible_check(check, index):
    misconception = check.exercise.misconceptions[index]
    # The engine's view: the mistake's result as it is (no wrapping, no reading of words).
    exercise = dataclasses.replace(check.exercise, inspect=None, prepare=None)
    found = set()
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        cases = check.cases()
        if check.run is run_explaining_first:
            # The check first tries the mistake that explains every failing case, as here.
            exercise = explaining_first(misconception.wrong, cases, exercise)
        for case in cases:
            if isinstance(case.expected, Raises):
                continue
            outcome = run_case(misconception.wrong, case, exercise)
            if not outcome.passed:
                found.add(outcome.message)
    assert misconception.message in found, (
        f"{check.__name__} never names: {misconception.message!r}; it said {sorted(found)}"
    )
