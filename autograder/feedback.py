"""The engine behind every check: run a learner's function on cases and explain failures.

An exercise is described once (:class:`Exercise`): its name, the mistakes learners
typically make (:class:`Misconception`, each a function computing what that mistake would
return) and a plain-words rule for the output shape. Cases (:class:`Case`) carry the
arguments and the reference result, computed by scipy/numpy/scikit-image in
``autograder.reference``, never pasted numbers.

:func:`run_case` calls the learner's function on copies of the arguments and turns the
result into an :class:`Outcome`. A failure message names the *cause* when it can be found:
``None`` returned, an exception (with the learner's own line), an input changed in place, a
known misconception, a wrong output shape, a transposed result, integer overflow or
truncation. Only then does it fall back to "values differ", with the size and place of the
largest difference, never a wall of numbers.

Two front ends share that engine:

- :func:`check` prints a short report for the visible check cells;
- :func:`require` raises ``AssertionError`` with the first failure, for graded test cells.

A lesson builds both from one description with the factories :func:`visible_check` and
:func:`graded_assertion`, and words the mistakes that recur across lessons (a flipped kernel,
a 'full' or 'same' size, loops one step short, a window start not multiplied by the stride,
padding on one side, a uint8 cast without clipping) with the shared table :data:`MESSAGES`
through :func:`say` and :func:`mistake`, so that every lesson names them in the same words.

A result computed in float32 is judged with float32's precision (``FLOAT32_RTOL``), not
float64's: the float32 policy of ``docs/decisions.md``.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import importlib.util
import inspect
import site
import sysconfig
import traceback
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

_PACKAGE_DIR = str(Path(__file__).resolve().parent)

PASS_MARK = "✓"
FAIL_MARK = "✗"

# The float32 policy (docs/decisions.md): a float32 result is compared with a relative
# tolerance of about 840 float32 ulps (2**10 * eps), enough for the rounding of sums of a few
# hundred products, far below any mistake's effect. Its absolute tolerance scales with the
# largest expected value, since float32 rounds relative to the size of the numbers summed.
FLOAT32_RTOL = 2.0**10 * float(np.finfo(np.float32).eps)


@dataclass(frozen=True)
class Raises:
    """Expected outcome of a case whose input is invalid: the function must raise ``error``."""

    error: type[BaseException]
    why: str  # e.g. "the kernel is larger than the image"


@dataclass(frozen=True)
class Case:
    """One call of the learner's function and the reference result it must match.

    ``label`` is shown to the learner. For hidden cases keep it free of the inputs'
    values (``"random case 3"``); the arguments are never printed in any case.
    """

    label: str
    args: tuple
    expected: Any
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Misconception:
    """A typical mistake and what it would return for the same arguments."""

    message: str
    wrong: Callable[..., Any]


@dataclass(frozen=True)
class Exercise:
    """What a check needs to know about one exercise besides its cases."""

    name: str
    misconceptions: tuple[Misconception, ...] = ()
    shape_rule: str = ""  # e.g. "a 'valid' output has shape (H - kh + 1, W - kw + 1)"
    rtol: float = 1e-7
    atol: float = 1e-9
    dtype: str = ""  # when set, the result must have exactly this dtype (e.g. "uint8")
    # Looks at the raw answer first and returns (value to judge, problem or None): for answers
    # in words ("positive") or in a form the numbers cannot show (a list where an array is
    # promised). A problem with value None replaces the verdict; a problem with a value fails
    # an answer whose numbers are right.
    inspect: Callable[[Any], tuple[Any, str | None]] | None = None
    # Wraps the learner's function before it runs (e.g. to refuse an array where one number
    # is promised, or to watch which library functions it calls).
    prepare: Callable[[Callable], Callable] | None = None


class ExerciseNotWritten(NotImplementedError):
    """A learner's function that still raises ``NotImplementedError`` (its stub).

    The message (``str(error)``) is for the grader and its feedback, which name the cause from
    it; IPython and Jupyter show ``line`` alone instead of a traceback through the checks
    (they call ``_render_traceback_`` when an exception has one).
    """

    def __init__(self, message: str, line: str | None = None) -> None:
        super().__init__(message)
        self.line = line or message

    def __reduce__(self):  # pickled with both texts (a worker hands errors to the grader)
        return (type(self), (str(self), self.line))

    def _render_traceback_(self) -> list[str]:
        return [self.line]


def not_written_yet(name: str) -> str:
    """The one line an unfinished exercise's check shows."""
    return f"{name} is not written yet: fill in its cell above, then run this check again."


@dataclass(frozen=True)
class Outcome:
    """The result of one case: passed, or failed with a message naming the cause."""

    label: str
    passed: bool
    message: str = ""
    not_implemented: bool = False  # the learner's function still raises NotImplementedError


# --------------------------------------------------------------------------------------
# Running one case


def run_case(func: Callable, case: Case, exercise: Exercise) -> Outcome:
    """Call ``func`` (prepared by the exercise) on a copy of the case's arguments and judge
    the result."""
    args = copy.deepcopy(case.args)
    kwargs = copy.deepcopy(case.kwargs)
    if exercise.prepare is not None:
        func = exercise.prepare(func)
    try:
        result = func(*args, **kwargs)
    except NotImplementedError:
        return Outcome(
            case.label,
            False,
            f"{exercise.name} is not implemented yet: replace `raise NotImplementedError()` "
            "with your code",
            not_implemented=True,
        )
    except Exception as error:  # the learner's bug, reported, never re-raised
        if isinstance(case.expected, Raises) and isinstance(error, case.expected.error):
            return Outcome(case.label, True)
        return Outcome(case.label, False, _describe_exception(error))

    if isinstance(case.expected, Raises):
        return Outcome(
            case.label,
            False,
            f"should raise {case.expected.error.__name__} because {case.expected.why}, "
            f"but it returned {_kind_of(result)}",
        )
    changed = _changed_argument(case.args, args) or _changed_argument(case.kwargs, kwargs)
    if changed is not None:
        return Outcome(
            case.label,
            False,
            f"changed its input `{changed}` in place; work on a copy or build a new array",
        )
    problem = None
    if exercise.inspect is not None:
        result, problem = exercise.inspect(result)
        if problem and result is None:
            return Outcome(case.label, False, problem)
    message = diagnose(result, case, exercise) or problem
    return Outcome(case.label, message is None, message or "")


def diagnose(result: Any, case: Case, exercise: Exercise) -> str | None:
    """Return ``None`` if ``result`` matches the case, else a message naming the likely cause."""
    expected = case.expected
    if result is None:
        return "returned None: did you forget the `return` statement?"
    if isinstance(expected, (str, bool, np.bool_)) or expected is None:
        return _diagnose_exact(result, expected)

    numeric = _as_numeric(result)
    if numeric is None:
        return f"returned {_kind_of(result)}, expected a number or a NumPy array of numbers"
    want = np.asarray(expected)
    tolerance = _tolerance(numeric, want, exercise)
    if _close(numeric, want, tolerance):
        raw_dtype = np.asarray(result).dtype  # before booleans were read as numbers
        if exercise.dtype and raw_dtype != np.dtype(exercise.dtype):
            return f"the values are right but the dtype is {raw_dtype}, expected {exercise.dtype}"
        if _is_integer_answer(expected) and not np.issubdtype(numeric.dtype, np.integer):
            return (
                f"returned {_kind_of(result)} with the right value; return an int "
                "(use // for integer division, or int(...))"
            )
        return None

    for misconception in exercise.misconceptions:
        if _matches(numeric, misconception, case, exercise, tolerance):
            return misconception.message

    if numeric.shape != want.shape:
        if (
            min(numeric.ndim, want.ndim) >= 2
            and numeric.shape == _swapped(want).shape
            and _close(numeric, _swapped(want), tolerance)
        ):
            return _TRANSPOSED
        rule = f" ({exercise.shape_rule})" if exercise.shape_rule else ""
        return f"wrong output shape: got {numeric.shape}, expected {want.shape}{rule}"
    if np.isnan(numeric).any():
        return "the result contains NaN values"
    if min(numeric.ndim, want.ndim) >= 2 and _close(numeric, _swapped(want), tolerance):
        return _TRANSPOSED
    integer_message = _integer_trouble(result, want, exercise)
    if integer_message:
        return integer_message
    precision_message = _too_coarse(numeric, want)
    if precision_message:
        return precision_message
    return _largest_difference(numeric, want, tolerance)


_TRANSPOSED = (
    "the result is transposed: rows and columns are swapped "
    "(check the order of your loop indices or of the shape)"
)


def _diagnose_exact(result: Any, expected: Any) -> str | None:
    if isinstance(expected, (bool, np.bool_)):
        if isinstance(result, (bool, np.bool_)) and bool(result) == bool(expected):
            return None
        if not isinstance(result, (bool, np.bool_)):
            return f"returned {_kind_of(result)}, expected True or False"
        return "wrong answer"
    if isinstance(expected, str):
        if not isinstance(result, str):
            return f"returned {_kind_of(result)}, expected a string"
        if result.strip().lower() == expected.strip().lower():
            return None
        return "wrong answer"
    return None if result is None else f"returned {_kind_of(result)}, expected None"


def _is_integer_answer(expected: Any) -> bool:
    """True for answers that are counts or sizes: Python/NumPy integers, or tuples of them."""
    if isinstance(expected, (bool, np.bool_)):
        return False
    if isinstance(expected, (int, np.integer)):
        return True
    return isinstance(expected, tuple) and all(_is_integer_answer(item) for item in expected)


def _as_numeric(result: Any) -> np.ndarray | None:
    """Return the result as a real numeric array, or None if it is not one.

    Only genuine numbers and arrays are accepted: an object that merely claims equality
    (an overridden ``__eq__``) has dtype ``object`` and is refused here.
    """
    if isinstance(result, (str, bytes, dict, set)):
        return None
    try:
        array = np.asarray(result)
    except Exception:
        return None
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        return None
    if np.iscomplexobj(array):
        return None
    return array.astype(np.float64) if array.dtype == bool else array


Tolerance = tuple[float, float]  # (rtol, atol) for np.allclose


def _tolerance(result: np.ndarray, expected: np.ndarray, exercise: Exercise) -> Tolerance:
    """The exercise's tolerance, widened to float32's precision for a float32 result.

    An exercise that demands an exact dtype keeps its own tolerance: there the dtype is part
    of the answer.
    """
    rtol, atol = exercise.rtol, exercise.atol
    if exercise.dtype or result.dtype != np.float32:
        return rtol, atol
    with np.errstate(invalid="ignore"):
        scale = float(np.nanmax(np.abs(expected.astype(np.float64)), initial=0.0))
    return max(rtol, FLOAT32_RTOL), max(atol, FLOAT32_RTOL * (scale or 1.0))


def _close(result: np.ndarray, expected: np.ndarray, tolerance: Tolerance) -> bool:
    if result.shape != expected.shape:
        return False
    rtol, atol = tolerance
    with np.errstate(invalid="ignore"):
        return bool(
            np.allclose(
                result.astype(np.float64), expected.astype(np.float64), rtol=rtol, atol=atol
            )
        )


def _matches(
    result: np.ndarray,
    misconception: Misconception,
    case: Case,
    ex: Exercise,
    tolerance: Tolerance,
) -> bool:
    try:  # quietly: a warning on stderr would cost a graded cell its points
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            wrong = misconception.wrong(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
    except Exception:
        return False  # this mistake cannot even produce an answer for these inputs
    wrong = _as_numeric(wrong)
    if wrong is None or _close(wrong, np.asarray(case.expected), (ex.rtol, ex.atol)):
        return False  # indistinguishable from the right answer here
    return _close(result, wrong, tolerance)


def _too_coarse(result: np.ndarray, expected: np.ndarray) -> str | None:
    """Name a result in a float type narrower than float32 whose rounding explains the gap."""
    if result.dtype.kind != "f" or result.dtype.itemsize >= 4:
        return None
    eps = float(np.finfo(result.dtype).eps)
    with np.errstate(invalid="ignore"):
        scale = float(np.nanmax(np.abs(expected.astype(np.float64)), initial=0.0)) or 1.0
    if not _close(result, expected, (16 * eps, 16 * eps * scale)):
        return None
    return (
        f"your result is {result.dtype}, which keeps only about "
        f"{np.finfo(result.dtype).precision} significant digits: compute in float64 "
        "(np.asarray(x, dtype=float))"
    )


def _swapped(array: np.ndarray) -> np.ndarray:
    return np.swapaxes(array, 0, 1)


def _integer_trouble(result: Any, expected: np.ndarray, ex: Exercise) -> str | None:
    """Name uint8 wrap-around and integer truncation, the two classic dtype mistakes."""
    result = np.asarray(result)
    if not np.issubdtype(result.dtype, np.integer):
        return None
    rounded = np.round(expected.astype(np.float64))
    with np.errstate(over="ignore", invalid="ignore"):
        wrapped = rounded.astype(np.int64).astype(result.dtype)
    if not np.array_equal(rounded, wrapped) and np.array_equal(result, wrapped):
        info = np.iinfo(result.dtype)
        # Clipping is the fix only where the exercise promises that integer dtype (to_uint8);
        # elsewhere the reference keeps every value, so clipping would be wrong too.
        fix = (
            "compute in float, then clip"
            if ex.dtype == str(result.dtype)
            else (
                "compute in float (e.g. np.zeros(shape, dtype=float)) and return the float result"
            )
        )
        return (
            f"integer overflow: the result has dtype {result.dtype}, so values outside "
            f"{info.min}..{info.max} wrapped around; {fix}"
        )
    if np.array_equal(result, np.trunc(expected)) or np.array_equal(result, rounded):
        return (
            f"the result has the integer dtype {result.dtype}, so fractions were cut off; "
            "create the output with a float dtype (e.g. np.zeros(shape, dtype=float))"
        )
    return None


def _largest_difference(result: np.ndarray, expected: np.ndarray, tolerance: Tolerance) -> str:
    difference = np.abs(result.astype(np.float64) - expected.astype(np.float64))
    if difference.ndim == 0:
        return f"wrong value: off by {float(difference):.3g}"
    where = tuple(int(i) for i in np.unravel_index(np.argmax(difference), difference.shape))
    rtol, atol = tolerance  # the tolerance that failed the result, so the count is never 0
    wrong_count = int(np.sum(~np.isclose(result, expected, rtol=rtol, atol=atol)))
    return (
        f"values differ from the reference in {wrong_count} of {difference.size} entries; "
        f"the largest difference is {difference.max():.3g} at index {where}"
    )


def _kind_of(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def _changed_argument(original: Any, passed: Any) -> str | None:
    """Return the name of an array argument the learner's function modified, if any."""
    items = original.items() if isinstance(original, dict) else enumerate(original)
    for key, value in items:
        if isinstance(value, np.ndarray):
            after = passed[key]
            if after.shape != value.shape or not np.array_equal(after, value, equal_nan=True):
                return str(key) if isinstance(key, str) else f"argument {key + 1}"
    return None


def _describe_exception(error: BaseException) -> str:
    """One line: the exception and the learner's own line that led to it.

    That line is in the deepest frame of the learner's code: a notebook cell, or a file of
    theirs; never a frame inside numpy, scipy, another installed package, the standard
    library or the course's own packages, where the error surfaced but was not made.
    """
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if _is_learners_file(frame.filename)
    ]
    text = f"raised {type(error).__name__}: {error}"
    # Under the grader the function ran in the notebook's process, which sent its line along.
    line = frames[-1].line if frames and frames[-1].line else getattr(error, "learner_line", "")
    if line:
        text += f" (at `{line.strip()}`)"
    return text


# Code compiled from a notebook cell or typed in: IPython's "<ipython-input-3-…>" (ipykernel
# writes cells to files in its temporary folder instead, which count as the learner's files).
_LEARNER_PSEUDO_FILES = ("<ipython-input-", "<stdin>", "<string>")


def _is_learners_file(filename: str) -> bool:
    if filename.startswith("<"):
        return filename.startswith(_LEARNER_PSEUDO_FILES)
    path = Path(filename).resolve()
    if "site-packages" in path.parts or "dist-packages" in path.parts:
        return False
    return not any(path.is_relative_to(folder) for folder in _not_learners())


@functools.cache
def _not_learners() -> tuple[Path, ...]:
    """Folders whose code is never the learner's: the course's packages, numpy, scipy, every
    installed package and the standard library (found without importing anything)."""
    folders = {_PACKAGE_DIR}
    for name in ("course", "numpy", "scipy"):
        spec = importlib.util.find_spec(name)
        if spec is not None:
            folders.update(spec.submodule_search_locations or [])
    paths = sysconfig.get_paths()
    folders.update(paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib"))
    folders.update(site.getsitepackages())
    folders.add(site.getusersitepackages())
    return tuple(sorted({Path(folder).resolve() for folder in folders if folder}))


# --------------------------------------------------------------------------------------
# Front ends


def run_cases(func: Callable, cases: Sequence[Case], exercise: Exercise) -> list[Outcome]:
    """Run every case; the learner's errors become failed outcomes, never exceptions."""
    if not callable(func):
        return [Outcome("function", False, f"{exercise.name} is {_kind_of(func)}, not a function")]
    return [run_case(func, case, exercise) for case in cases]


def format_report(exercise: Exercise, outcomes: Sequence[Outcome]) -> str:
    """A short report: each distinct cause once, with the cases it affects."""
    passed = [outcome.label for outcome in outcomes if outcome.passed]
    if outcomes and all(outcome.not_implemented for outcome in outcomes):
        return f"{FAIL_MARK} {outcomes[0].message}"
    if len(passed) == len(outcomes):
        return f"{PASS_MARK} {exercise.name}: all {len(outcomes)} checks passed. Well done!"
    lines = [f"{FAIL_MARK} {exercise.name}: {len(passed)} of {len(outcomes)} checks passed"]
    causes: dict[str, list[str]] = {}
    for outcome in outcomes:
        if not outcome.passed:
            causes.setdefault(outcome.message, []).append(outcome.label)
    for message, labels in causes.items():
        lines.append(f"  {FAIL_MARK} {message}")
        lines.append(f"      in: {_shorten(labels)}")
    if passed:
        lines.append(f"  {PASS_MARK} passed: {_shorten(passed)}")
    return "\n".join(lines)


def _shorten(labels: Sequence[str], keep: int = 3) -> str:
    shown = "; ".join(labels[:keep])
    return shown if len(labels) <= keep else f"{shown}; and {len(labels) - keep} more"


def check(func: Callable, cases: Sequence[Case], exercise: Exercise) -> None:
    """Print the report for a visible check cell. Never raises for the learner's mistakes."""
    print(format_report(exercise, run_cases(func, cases, exercise)))


def require(func: Callable, cases: Sequence[Case], exercise: Exercise) -> None:
    """Raise ``AssertionError`` naming the first failing case and its cause (graded cells).

    A stub that is still unimplemented raises :class:`ExerciseNotWritten` (a
    ``NotImplementedError``) instead, so that an untouched student notebook shows no error but
    that one, in one line.
    """
    require_outcomes(run_cases(func, cases, exercise), exercise)


class CheckFailed(AssertionError):
    """A graded check's verdict, with its parts as fields: the grader records ``cause`` for the
    class report, which never has to find it in the message text."""

    def __init__(self, exercise: str, case: str, cause: str) -> None:
        super().__init__(f"{exercise}, {case}: {cause}")
        self.exercise, self.case, self.cause = exercise, case, cause


def require_outcomes(outcomes: Sequence[Outcome], exercise: Exercise) -> None:
    """Like :func:`require`, for outcomes already computed (e.g. by a lesson's own runner)."""
    for outcome in outcomes:
        if outcome.not_implemented:
            raise ExerciseNotWritten(outcome.message, not_written_yet(exercise.name))
        if not outcome.passed:
            raise CheckFailed(exercise.name, outcome.label, outcome.message)


def _same_number(result: Any, expected: Any) -> bool:
    try:
        return bool(np.isclose(float(result), float(expected)))
    except (TypeError, ValueError):
        return False


def explaining_first(func: Callable, cases: Sequence[Case], exercise: Exercise) -> Exercise:
    """Move first the misconception that explains every failing case, if one does.

    The engine names the first misconception that matches each case; for a single number
    several mistakes often match the same case, so this picks the one consistent with all
    of the learner's wrong answers.
    """
    failures = []
    for case in cases:
        if isinstance(case.expected, Raises):
            continue
        try:
            result = func(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        except Exception:  # the engine reports it (NotImplementedError included)
            return exercise
        if not _same_number(result, case.expected):
            failures.append((case, result))
    if not failures:
        return exercise
    for misconception in exercise.misconceptions:

        def explains(case, result, wrong=misconception.wrong):
            try:
                return _same_number(result, wrong(*case.args, **case.kwargs))
            except Exception:
                return False

        if all(explains(case, result) for case, result in failures):
            others = tuple(m for m in exercise.misconceptions if m is not misconception)
            return dataclasses.replace(exercise, misconceptions=(misconception, *others))
    return exercise


def run_explaining_first(
    func: Callable, cases: Sequence[Case], exercise: Exercise
) -> list[Outcome]:
    """:func:`run_cases` with the misconception that explains every failure tried first (for
    answers that are single numbers); a ``run`` for the factories below."""
    return run_cases(func, cases, explaining_first(func, cases, exercise))


# --------------------------------------------------------------------------------------
# Factories: a visible check and graded assertions from one exercise description

Verdict = Callable[[Callable], Outcome | None]  # one more judgement of the function itself
Note = Callable[[Callable], str | None]  # a remark on the function, outside the case count


def visible_check(
    exercise: Exercise,
    cases: Callable[[], Sequence[Case]],
    *,
    then: Verdict | None = None,
    note: Note | None = None,
    run: Callable[[Callable, Sequence[Case], Exercise], list[Outcome]] | None = None,
    doc: str = "Visible check: print which cases pass and, on failure, why.",
) -> Callable[[Callable], None]:
    """``check_<name>(func)``: run ``cases()`` and print the report.

    ``then(func)`` judges the function once more (how it works, e.g. without loops over
    pixels) after every case passed, as one more line of the report; ``note(func)`` is a
    remark printed under the report whatever the verdict, once the function is implemented
    (e.g. that it calls the answer key), outside the count of checks passed; ``run`` replaces
    :func:`run_cases` for an exercise that needs its own runner. The returned function
    carries ``exercise``, ``cases`` and ``run``, so that a test can feed every misconception
    to the check that should name it, as the check runs it.
    """
    runner = run or run_cases

    def check_exercise(func: Callable) -> None:
        outcomes = runner(func, cases(), exercise)
        if then is not None and outcomes and all(outcome.passed for outcome in outcomes):
            extra = then(func)
            if extra is not None:
                outcomes.append(extra)
        report = format_report(exercise, outcomes)
        if note is not None and callable(func) and not any(o.not_implemented for o in outcomes):
            remark = note(func)
            if remark:
                report += f"\n{FAIL_MARK} {remark}"
        print(report)

    check_exercise.__name__ = check_exercise.__qualname__ = f"check_{exercise.name}"
    check_exercise.__doc__ = doc
    check_exercise.exercise = exercise
    check_exercise.cases = cases
    check_exercise.run = runner
    return check_exercise


def graded_assertion(
    exercise: Exercise,
    cases: Callable[..., Sequence[Case]],
    behaviour: str = "",
    *,
    then: Verdict | None = None,
    note: Note | None = None,
    run: Callable[[Callable, Sequence[Case], Exercise], list[Outcome]] | None = None,
    doc: str = "",
) -> Callable[..., None]:
    """``assert_<name>_<behaviour>(func, ...)``: :func:`require` on ``cases(...)``.

    The assertion takes the learner's function, then exactly the arguments of ``cases``
    (e.g. ``seed`` for randomized cases, ``hidden`` for the hidden ones), and shows that
    signature. ``then(func)`` is judged after every case passed, as in :func:`visible_check`;
    then a remark of ``note(func)``, if it makes one, fails the assertion in its own words.
    """
    runner = run or run_cases

    def assert_exercise(func: Callable, *args, **kwargs) -> None:
        require_outcomes(runner(func, cases(*args, **kwargs), exercise), exercise)
        if then is not None:
            extra = then(func)
            if extra is not None:
                require_outcomes([extra], exercise)
        if note is not None:
            remark = note(func)
            if remark:
                raise AssertionError(remark)

    parameters = list(inspect.signature(cases).parameters.values())
    func_parameter = inspect.Parameter("func", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    assert_exercise.__signature__ = inspect.Signature([func_parameter, *parameters])
    name = f"assert_{exercise.name}" + (f"_{behaviour}" if behaviour else "")
    assert_exercise.__name__ = assert_exercise.__qualname__ = name
    assert_exercise.__doc__ = doc
    assert_exercise.exercise = exercise
    assert_exercise.cases = cases
    return assert_exercise


# --------------------------------------------------------------------------------------
# Mistakes that recur across lessons, in one wording

# Each entry is a template; :func:`say` fills its fields, from ``MESSAGE_DEFAULTS`` unless a
# lesson names its own (its function's names, its output's shape).
MESSAGES: dict[str, str] = {
    "flipped kernel": (
        "you flipped {kernel}: that is convolution{source}. Cross-correlation multiplies "
        "{pair} as it is, without flipping"
    ),
    "kernel not flipped": (
        "you did not flip the kernel: that is cross-correlation. Convolution flips the kernel "
        "in both axes, kernel[::-1, ::-1]"
    ),
    "full size": "{output} the 'full' size {full}; {rule}",
    "same size": "{output} the input's size ('same' mode{how}); {rule}",
    "loops stop early": "off by one: {cause}the last row and column of the output stay 0; {fix}",
    "one short": (
        "off by one: the output is one row and one column too small; there are {positions}"
    ),
    "stride not multiplied": (
        "window start not multiplied by the stride: the output has the right size, but "
        "window (i, j) must start at {start} of the {input}; yours started at (i, j), so "
        "neighbouring windows overlap and the bottom and right of the {input} are never read"
    ),
    "one-sided padding": "padding on one side only: you put {where}; {sides}",
    "no clip": (
        "uint8 wrap-around: you cast without clipping first, so values outside 0..255 came "
        "out wrong. What such a cast gives depends on the machine: 300 becomes 44, and -20 "
        "becomes 236 on most PCs (x86) but 0 on ARM (Apple Silicon); clip to [0, 255] BEFORE "
        "casting"
    ),
}

MESSAGE_DEFAULTS: dict[str, str] = {
    "kernel": "the kernel",
    "source": "",
    "pair": "image[i + m, j + n] by kernel[m, n]",
    "output": "your output has",
    "full": "(H + kh - 1, W + kw - 1)",
    "how": "",
    "rule": "'valid' keeps only windows that fit inside the image",
    "cause": "your loops stop one step early, so ",
    "fix": "use range(H - kh + 1) and range(W - kw + 1)",
    "positions": "H - kh + 1 window positions down and W - kw + 1 across",
    "start": "row i*stride and column j*stride",
    "input": "image",
    "where": "all of the padding before the image, or all after it",
    "sides": (
        "padding goes on both sides of each axis, p rows above and p below, p columns on the "
        "left and p on the right"
    ),
}


def say(key: str, **fields: str) -> str:
    """The shared wording of mistake ``key`` (see :data:`MESSAGES`), with ``fields`` filled in.

    An unknown key or field is an error, so a misspelt name cannot slip into a message.
    """
    if key not in MESSAGES:
        raise KeyError(f"no shared message {key!r}; known: {', '.join(MESSAGES)}")
    unknown = sorted(set(fields) - set(MESSAGE_DEFAULTS))
    if unknown:
        raise KeyError(f"unknown field(s) {', '.join(unknown)} for the message {key!r}")
    return MESSAGES[key].format_map({**MESSAGE_DEFAULTS, **fields})


def mistake(key: str, wrong: Callable[..., Any], **fields: str) -> Misconception:
    """A :class:`Misconception` worded by the shared table: ``mistake("full size", wrong)``."""
    return Misconception(say(key, **fields), wrong)
