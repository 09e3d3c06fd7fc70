"""No check of lessons 6-11 passes an empty array to learner code (issue 15).

Some of scipy's C code dies of a signal on empty input (``convolve2d(..., 'full',
boundary='symm')`` in scipy 1.17 divides by zero), which would kill the learner's kernel, and
a learner who forgets to validate is exactly who calls it. Every case-making function
(``*_cases``) of the lessons' check modules is called with each seed / ``hidden`` setting it
takes, and each array among the arguments it prepares must hold at least one value.
``tests/test_l10_medical_edges.py`` runs the lesson-10 checks on such a crashing submission.
"""

import importlib
import inspect
import types

import numpy as np
import pytest

MODULES = [
    "l06_padding",
    "l07_stride",
    "l08_dilation",
    "l09_color",
    "l10_medical_edges",
    "l11_texture",
]


def _arrays(value):
    if isinstance(value, np.ndarray):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _arrays(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _arrays(item)


def _all_cases(module):
    """Every Case the module's ``*_cases`` functions make, for seeds 0-2 and hidden on/off."""
    found = []
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if not name.endswith("_cases") or function.__module__ != module.__name__:
            continue
        parameters = inspect.signature(function).parameters
        settings = [{}]
        if "seed" in parameters:
            settings = [{"seed": seed} for seed in range(3)]
        if "hidden" in parameters:
            settings = [{**s, "hidden": h} for s in settings for h in (False, True)]
        for kwargs in settings:
            found += [(name, case) for case in function(**kwargs)]
    return found


@pytest.mark.parametrize("module_name", MODULES)
def test_no_case_passes_an_empty_array_to_learner_code(module_name):
    module = importlib.import_module(f"autograder.checks.{module_name}")
    cases = _all_cases(module)
    assert len(cases) > 10  # the search found the module's cases
    empty = [
        f"{name}: {case.label}"
        for name, case in cases
        for array in _arrays((case.args, case.kwargs))
        if array.size == 0
    ]
    assert empty == []


def test_the_search_finds_an_empty_array():
    from autograder.feedback import Case

    fake = types.ModuleType("fake")

    def empty_cases(seed=0):
        return [Case("empty", (np.zeros((0, 4)),), None)]

    empty_cases.__module__ = "fake"
    fake.empty_cases = empty_cases
    cases = _all_cases(fake)
    assert [a.size for _, case in cases for a in _arrays(case.args)] == [0, 0, 0]  # seeds 0-2
