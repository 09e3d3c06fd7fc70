"""Self-grading for learners without an instructor (Binder, a laptop).

``python -m autograder check notebooks/01-convolution/01-convolution.ipynb``, or in the
notebook itself ``from autograder.selfcheck import check_lesson; check_lesson()``, grades the
learner's saved notebook exactly as an instructor's run would: the same pipeline
(``autograder.autograde``), in a throw-away course directory and gradebook, with the lesson's
hidden tests when the source in ``solutions/`` is at hand and a fresh random seed each time.
The lesson is found from the notebook's graded cells, whatever its file name or folder, and
only that notebook is graded.

It prints a table: each graded cell, its points and, for a failure, the cause the checks
named. It never prints a test's source or an expected value.
"""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from autograder.autograde import CellResult, NotebookResult

# The grading machinery is imported where it is used: a lesson's last cell imports this module,
# and the grader runs that cell too, in a sandbox where importing it is refused (a socket).
from autograder.settings import is_grading

REPO_ROOT = Path(__file__).resolve().parents[1]
LEARNER = "you"
CONFIG = 'c = get_config()\nc.CourseDirectory.course_id = "self-check"\n'
# Shorter than a class's 30 s: an endless loop answers in seconds, and a correct answer to
# any exercise of the course takes well under one second.
CELL_SECONDS = 10.0


def _read(path: Path):
    import nbformat

    from autograder.autograde import GradingError

    try:
        return nbformat.read(path, as_version=4)
    except Exception as error:  # not JSON, not a notebook: one line, no traceback
        raise GradingError(f"cannot read {path.name} as a notebook: {error}") from None


def _grade_ids(notebook) -> set[str]:
    ids = {cell.metadata.get("nbgrader", {}).get("grade_id") for cell in notebook.cells}
    return ids - {None}


def _lesson_sources() -> tuple[list[Path], bool]:
    """The lessons' source notebooks (with hidden tests) and True; without solutions/, the
    released student notebooks (visible tests only) and False."""
    for folder, hidden in (("solutions", True), ("notebooks", False)):
        found = [
            p for p in sorted((REPO_ROOT / folder).glob("*/*.ipynb")) if p.stem == p.parent.name
        ]
        if found:
            return found, hidden
    return [], False


def find_lesson(notebook, name: str) -> tuple[Path, bool]:
    """The source of the lesson the notebook belongs to, found by its graded cells' ids (not
    by its file name: a "Duplicate" in JupyterLab is ``01-convolution-Copy1.ipynb``), and
    whether it holds the hidden tests."""
    from autograder.autograde import GradingError

    ids = _grade_ids(notebook)
    sources, hidden = _lesson_sources()
    shared = {source: len(ids & _grade_ids(_read(source))) for source in sources}
    best = max(shared, key=shared.get, default=None)
    if best is None or shared[best] == 0:
        raise GradingError(f"{name} is none of the course's lessons: it has no graded cell of one")
    return best, hidden


def _quiet_log():
    """nbgrader's log during a self-check: the table says what matters (in a notebook, the
    kernel's own log would show nbgrader's warnings in the output)."""
    import logging

    log = logging.getLogger("autograder.selfcheck.nbgrader")
    log.propagate = False
    if not log.handlers:
        log.addHandler(logging.NullHandler())
    return log


def _generate(course_root: Path, lesson: str) -> None:
    from nbgrader.converters import GenerateAssignment

    from autograder.autograde import GradingError, open_course

    # nbgrader starts `alembic` by name to create the gradebook.
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    course = open_course(course_root)
    course.coursedir.assignment_id = lesson
    # The converter itself, not NbGraderAPI: that one also opens the exchange, which a
    # learner's machine has not got ("Unwritable directory, please contact your instructor").
    converter = GenerateAssignment(coursedir=course.coursedir, config=course.config)
    converter.log = _quiet_log()
    converter.force = True
    try:
        converter.start()
    except Exception as error:  # noqa: BLE001 - nbgrader's, said in one line
        raise GradingError(f"cannot prepare the checks for {lesson}: {error}") from None


def _defined_function(source: str, fallback: str) -> str:
    found = re.search(r"^def\s+(\w+)", source, re.MULTILINE)
    return found.group(1) if found else fallback


def syntax_errors(notebook) -> dict[str, str]:
    """{function: what to tell} for each answer cell that Python cannot even read: its
    function is then undefined, and the tests would only say NameError."""
    from IPython.core.inputtransformer2 import TransformerManager

    found = {}
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("solution"):
            continue
        try:  # as IPython reads a cell: magics and shell escapes become Python first
            compile(TransformerManager().transform_cell(cell.source), "cell", "exec")
        except SyntaxError as error:
            name = _defined_function(cell.source, meta.get("grade_id", "?"))
            found[name] = (
                f"your cell defining {name} has a syntax error at line {error.lineno}: {error.msg}"
            )
    return found


def _cell_names(notebook) -> dict[int, str]:
    """What to call each code cell, by its index among the code cells, in the learner's
    terms: never a test's source."""
    from autograder.autograde import cell_label

    names = {}
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for index, cell in enumerate(code_cells):
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            names[index] = f"your cell defining {_defined_function(cell.source, meta['grade_id'])}"
        else:  # a test, or another cell: as the instructor's summary names it
            names[index] = cell_label(cell, index + 1)
    return names


NOT_RUN = "GradingError: this cell did not run: "


def _one_time_out_note(
    cells: list[CellResult], notebooks: list[NotebookResult], names: dict[int, str]
) -> list[str]:
    """The run's notes, with its time-outs (every cell that ran over, on every rerun, and the
    notebook's wall time) as one sentence naming the cell that first ran too long; the cells
    that then did not run say so."""
    timed_out = sorted({n.index for nb in notebooks for n in nb.cell_notes if n.timed_out})
    if not timed_out and not any(nb.ran_out_of_time for nb in notebooks):
        return [f"{nb.name}: {note}" for nb in notebooks for note in nb.notes]
    kept = [f"{nb.name}: {note}" for nb in notebooks for note in nb.notes_besides_time_outs()]
    # cells run in order: the first to time out is the first in the notebook
    first = names.get(timed_out[0], f"code cell {timed_out[0] + 1}") if timed_out else None
    more = f" (and {len(timed_out) - 1} more cell(s) after it)" if len(timed_out) > 1 else ""
    if first is None:
        wall = max(nb.ran_out_of_time for nb in notebooks)
        note = (
            f"the notebook ran over its time limit of {wall:g} s and was stopped: look for a "
            "slow loop"
        )
    else:
        note = (
            f"{first} ran over the self-check's time limit of {CELL_SECONDS:g} s per cell and "
            f"was stopped{more}: look for an endless loop"
        )
    stopped = [names[i] for i in timed_out if names.get(i, "").startswith("your cell defining ")]
    for cell in cells:
        if cell.message.startswith(NOT_RUN):
            cell.message = f"{NOT_RUN}the notebook ran out of time (see the note below)"
        for name in stopped:  # an answer cell stopped before its `def` ran
            function = name.removeprefix("your cell defining ")
            if f"name '{function}' is not defined" in cell.message:
                cell.message = f"{function} is not defined: {name} was stopped (see the note below)"
    return [note, *kept]


def check_notebook(
    path: Path, seed: int | None = None
) -> tuple[list[CellResult], int, bool, list[str]]:
    """Grade one saved lesson notebook, and only it; return the cells, the seed, whether
    hidden tests ran and the notes on the run."""
    from autograder.autograde import GradingError, grade_assignment, limits_from_config, open_course

    path = Path(path).resolve()
    if not path.is_file():
        raise GradingError(f"no notebook at {path}")
    if path.suffix != ".ipynb":
        raise GradingError(f"{path.name} is not a notebook (.ipynb)")
    notebook = _read(path)
    source, hidden = find_lesson(notebook, path.name)
    lesson = source.stem
    seed = secrets.randbelow(2**31) if seed is None else seed
    with tempfile.TemporaryDirectory(prefix="self-check-") as tmp:
        root = Path(tmp)
        (root / "nbgrader_config.py").write_text(CONFIG)
        shutil.copytree(
            source.parent,
            root / "source" / lesson,
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
            ignore_dangling_symlinks=True,  # the slides, in a copy of the course without docs/
        )
        _generate(root, lesson)
        submitted = root / "submitted" / LEARNER / lesson
        submitted.mkdir(parents=True)
        shutil.copy(path, submitted / f"{lesson}.ipynb")  # the lesson's name, whatever its own
        course = open_course(root)
        # A function that hangs in one test fails the later tests at once, not after 10 s each.
        limits = dataclasses.replace(
            limits_from_config(course), cell_seconds=CELL_SECONDS, call_hung_functions=False
        )
        results = grade_assignment(course, lesson, jobs=1, seed=seed, limits=limits)
        graded = root / "autograded" / LEARNER / lesson / f"{lesson}.ipynb"
        cell_names = _cell_names(_read(graded)) if graded.is_file() else {}
    cells = [cell for graded in results[0].notebooks for cell in graded.cells]
    if not cells:
        raise GradingError("; ".join(results[0].problems) or "the notebook has no graded cells")
    problems = _one_time_out_note(cells, results[0].notebooks, cell_names)
    unreadable = syntax_errors(notebook)
    for name, message in unreadable.items():
        told = False
        for cell in cells:
            if cell.score != cell.max_score and f"name '{name}' is not defined" in cell.message:
                cell.message, told = message, True
        if not told:  # no test said NameError (e.g. an earlier cell defined it too)
            problems.append(message)
    return cells, seed, hidden, problems


def format_table(
    cells: list[CellResult], seed: int, hidden: bool, notes: list[str] | None = None
) -> str:
    rows = []
    for cell in cells:
        score = "?" if cell.score is None else f"{cell.score:g}"
        mark = "✓" if cell.score == cell.max_score else "✗"
        line = f"{mark} {cell.grade_id:<40} {score:>3} / {cell.max_score:g}"
        if cell.score != cell.max_score and cell.message:
            line += f"\n      {cell.message}"
        rows.append(line)
    total = sum(cell.score or 0 for cell in cells)
    maximum = sum(cell.max_score for cell in cells)
    rows.append(f"\nscore: {total:g} / {maximum:g}   (random cases drawn with seed {seed})")
    if not hidden:
        rows.append("only the visible tests ran: the lesson's source (solutions/) was not found")
    for note in notes or []:
        rows.append(f"note: {note}")
    return "\n".join(rows)


def _running_notebook() -> Path | None:
    """The notebook whose kernel this is: Jupyter gives its path to the kernel it starts."""
    path = os.environ.get("JPY_SESSION_NAME", "")
    return Path(path) if path.endswith(".ipynb") and Path(path).is_file() else None


def check_lesson(notebook: str | None = None) -> None:
    """Self-check from inside a lesson notebook: grades the *saved* notebook (save first).

    Without an argument, the notebook this kernel runs (or the only notebook of the folder);
    ``notebook`` names another one, e.g. ``check_lesson("01-convolution-Copy1.ipynb")``.
    """
    if is_grading():
        return  # this cell, run by the grader: grading from inside the grading is not wanted
    from autograder.autograde import GradingError

    folder = Path.cwd()
    if notebook is not None:
        path = folder / (notebook if notebook.endswith(".ipynb") else f"{notebook}.ipynb")
    else:
        path = _running_notebook()
        candidates = sorted(folder.glob("*.ipynb"))
        if path is None and len(candidates) == 1:
            path = candidates[0]
        if path is None:
            print("name the notebook to check, e.g. check_lesson('01-convolution.ipynb')")
            return
    try:
        print(format_table(*check_notebook(path)))
    except GradingError as error:
        print(f"cannot check: {error}")
