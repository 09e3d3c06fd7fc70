"""Self-grading for learners without an instructor (Binder, a laptop).

``python -m autograder check notebooks/01-convolution/01-convolution.ipynb``, or in the
notebook itself ``from autograder.selfcheck import check_lesson; check_lesson()``, grades the
learner's saved notebook exactly as an instructor's run would: the same pipeline
(``autograder.autograde``), in a throw-away course directory and gradebook, with the lesson's
hidden tests when the source in ``solutions/`` is at hand and a fresh random seed each time.

It prints a table: each graded cell, its points and, for a failure, the cause the checks
named. It never prints a test's source or an expected value.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

from autograder.autograde import CellResult, GradingError, grade_assignment, open_course

REPO_ROOT = Path(__file__).resolve().parents[1]
LEARNER = "you"
CONFIG = 'c = get_config()\nc.CourseDirectory.course_id = "self-check"\n'


def _source_for(notebook: Path) -> tuple[Path, bool]:
    """The lesson's source notebook (with hidden tests) if available, else the notebook."""
    lesson = notebook.stem
    source = REPO_ROOT / "solutions" / lesson / f"{lesson}.ipynb"
    return (source, True) if source.is_file() else (notebook, False)


def _generate(course_root: Path, lesson: str) -> None:
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    # nbgrader starts `alembic` by name to create the gradebook.
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    course = open_course(course_root)
    coursedir = CourseDirectory(config=course.config)
    coursedir.root = str(course_root)
    result = NbGraderAPI(coursedir=coursedir, config=course.config).generate_assignment(lesson)
    if not result.get("success"):
        raise GradingError(f"cannot prepare the checks for {lesson}: {result.get('error', '')}")


def check_notebook(path: Path, seed: int | None = None) -> tuple[list[CellResult], int, bool]:
    """Grade one saved lesson notebook; return the cells, the seed and whether hidden tests ran."""
    path = Path(path).resolve()
    if not path.is_file():
        raise GradingError(f"no notebook at {path}")
    if path.suffix != ".ipynb":
        raise GradingError(f"{path.name} is not a notebook (.ipynb)")
    lesson = path.stem
    source, hidden = _source_for(path)
    seed = secrets.randbelow(2**31) if seed is None else seed
    with tempfile.TemporaryDirectory(prefix="self-check-") as tmp:
        root = Path(tmp)
        (root / "nbgrader_config.py").write_text(CONFIG)
        shutil.copytree(
            source.parent,
            root / "source" / lesson,
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
        )
        if source.name != f"{lesson}.ipynb":
            raise GradingError(f"lesson notebook must be named {lesson}.ipynb")
        _generate(root, lesson)
        submitted = root / "submitted" / LEARNER / lesson
        submitted.mkdir(parents=True)
        shutil.copy(path, submitted / path.name)
        results = grade_assignment(open_course(root), lesson, jobs=1, seed=seed)
    cells = [cell for notebook in results[0].notebooks for cell in notebook.cells]
    problems = results[0].problems
    if not cells:
        raise GradingError("; ".join(problems) or "the notebook has no graded cells")
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


def check_lesson(lesson: str | None = None) -> None:
    """Self-check from inside a lesson notebook: grades the *saved* notebook (save first)."""
    folder = Path.cwd()
    if lesson is None:
        candidates = sorted(folder.glob("[0-9][0-9]-*.ipynb"))
        if len(candidates) != 1:
            print("name the lesson, e.g. check_lesson('01-convolution')")
            return
        path = candidates[0]
    else:
        path = folder / f"{lesson}.ipynb"
    try:
        print(format_table(*check_notebook(path)))
    except GradingError as error:
        print(f"cannot check: {error}")
