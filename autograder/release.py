"""Generate the student notebooks in ``notebooks/`` from the sources in ``solutions/``.

The pipeline, in the order it runs:

1. ``nbgrader generate_assignment`` on every lesson (or the chosen ones), in a throw-away
   gradebook, so releasing never touches an instructor's grades. nbgrader replaces each
   ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` region with a stub, removes the
   ``### BEGIN HIDDEN TESTS`` regions and records checksums of the locked cells;
2. every notebook is stripped of outputs and execution counts;
3. each lesson must carry the slides it links to: ``solutions/NN-slug/slides.md`` is a link to
   ``docs/slides.md``, which nbgrader copies (as a file, with the slides' text) into the
   lesson's student folder like any other file of the lesson, so that the lesson's
   ``slides.md#slide-N`` opens in JupyterLab wherever the lesson goes (``notebooks/``, a
   student's ``work/``, Binder, and nbgrader's exchange, which gets only the lesson's folder).
   A lesson whose student folder has no such copy is an error;
4. the cells that raise while an exercise is unfinished (the graded test cells, and every other
   cell that calls a function the learner writes, except a visible check) get the tag
   ``raises-exception``, so that JupyterLab's Run All goes on past them to the end;
5. the result replaces the lesson's folder in ``notebooks/``.

``make lab`` works on ``work/`` (git-ignored), never on ``notebooks/``: ``copy_to_work`` copies
into it each file of ``notebooks/`` that it does not have yet, so a student's edits survive a
``git pull`` or a new release, and a lesson released later is added.

``check_release`` regenerates into a temporary folder and reports each notebook that
differs from the committed one, which is how the tests and CI catch a stale release.
"""

from __future__ import annotations

import ast
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

REPO_ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = "solutions"
RELEASE_DIR = "notebooks"
SLIDES = Path("docs") / "slides.md"  # the slides' text, code fixed: the one copy to edit
LESSON_SLIDES = "slides.md"  # in each lesson's folder: a link to SLIDES in solutions/, a copy in
# the lesson's student folder
WORK_DIR = "work"  # the students' own copies, which make lab opens; git-ignored


class ReleaseError(RuntimeError):
    """nbgrader could not generate a student version."""


def lesson_names(root: Path = REPO_ROOT) -> list[str]:
    """The lessons, ``NN-slug``, in order, as found in ``solutions/``."""
    source = root / SOURCE_DIR
    return sorted(p.name for p in source.iterdir() if p.is_dir() and p.name[:2].isdigit())


def strip_notebook(notebook: nbformat.NotebookNode) -> bool:
    """Remove outputs and execution counts in place; return True if anything changed."""
    changed = False
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None:
            changed = True
        cell["outputs"] = []
        cell["execution_count"] = None
        for key in ("execution", "collapsed", "scrolled"):
            if key in cell.metadata:
                del cell.metadata[key]
                changed = True
    return changed


RAISES_EXCEPTION = "raises-exception"  # JupyterLab's and nbclient's tag: run on past this cell


def _nbgrader(cell: nbformat.NotebookNode) -> dict:
    return cell.metadata.get("nbgrader", {})


def learner_functions(notebook: nbformat.NotebookNode) -> set[str]:
    """The names of the functions the learner writes (those defined in solution cells)."""
    names = set()
    for cell in notebook.cells:
        if cell.cell_type == "code" and _nbgrader(cell).get("solution"):
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue
            names |= {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    return names


def _names_used(nodes: list[ast.AST]) -> list[ast.Name]:
    return [node for root in nodes for node in ast.walk(root) if isinstance(node, ast.Name)]


def _runs_learner_code(tree: ast.Module, learner: set[str]) -> bool:
    """True if running the cell calls a learner's function (or a helper that does) other than
    by handing it to a visible check (``check_x(x)`` reports an unfinished function and never
    raises). A ``def`` alone runs nothing."""
    statements = [node for node in tree.body if not isinstance(node, ast.FunctionDef)]
    handed_to_check = {
        id(arg)
        for node in ast.walk(ast.Module(body=statements, type_ignores=[]))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id.startswith("check_")
        for arg in node.args
    }
    return any(
        node.id in learner and id(node) not in handed_to_check for node in _names_used(statements)
    )


def tag_raising_cells(notebook: nbformat.NotebookNode) -> list[int]:
    """Tag with ``raises-exception`` (in place) the cells that raise while an exercise is
    unfinished: the graded test cells, and the cells that run a learner's function or a
    helper defined in the notebook that calls one. The nbgrader metadata is left as it is.
    Returns the tagged cells' indices."""
    learner = learner_functions(notebook)
    tagged = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or _nbgrader(cell).get("solution"):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            tree = ast.Module(body=[], type_ignores=[])
        for function in (node for node in tree.body if isinstance(node, ast.FunctionDef)):
            if any(node.id in learner for node in _names_used(function.body)):
                learner.add(function.name)  # a helper that calls the learner's code
        if _nbgrader(cell).get("grade") or _runs_learner_code(tree, learner):
            tags = cell.metadata.setdefault("tags", [])
            if RAISES_EXCEPTION not in tags:
                tags.append(RAISES_EXCEPTION)
            tagged.append(index)
    return tagged


def _tool_env() -> dict[str, str]:
    # nbgrader runs `alembic` as a subprocess: it must be found beside this Python.
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def generate(output_dir: Path, lessons: list[str] | None = None, root: Path = REPO_ROOT) -> None:
    """Write the student version of each lesson to ``output_dir/<lesson>/``."""
    known = lesson_names(root)
    lessons = lessons or known
    unknown = sorted(set(lessons) - set(known))
    if unknown:
        raise ReleaseError(
            f"unknown lesson {', '.join(unknown)}; lessons in {SOURCE_DIR}/: {', '.join(known)}"
        )
    with tempfile.TemporaryDirectory(prefix="release-") as tmp:
        staging = Path(tmp) / "release"
        # One nbgrader run does every lesson ("*"), which is much faster than one run each.
        patterns = ["*"] if sorted(lessons) == known else lessons
        for pattern in patterns:
            _generate_assignment(pattern, root, staging, Path(tmp))
        output_dir.mkdir(parents=True, exist_ok=True)
        for lesson in lessons:
            generated = staging / lesson
            if not generated.is_dir():
                raise ReleaseError(f"nbgrader produced no student version of {lesson}")
            _check_slides(generated, lesson, root)
            for path in generated.rglob("*.ipynb"):
                notebook = nbformat.read(path, as_version=4)
                strip_notebook(notebook)
                tag_raising_cells(notebook)
                nbformat.write(notebook, path)
            target = output_dir / lesson
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(generated, target)


def _check_slides(generated: Path, lesson: str, root: Path) -> None:
    """The student version of a lesson must hold the slides, as a file equal to docs/slides.md
    (nbgrader copies ``solutions/<lesson>/slides.md``, a link to it, as it copies the lesson's
    other files)."""
    copy = generated / LESSON_SLIDES
    if copy.is_file() and not copy.is_symlink():
        if filecmp.cmp(copy, root / SLIDES, shallow=False):
            return
    source = Path(SOURCE_DIR) / lesson / LESSON_SLIDES
    raise ReleaseError(
        f"the student version of {lesson} has no {LESSON_SLIDES} equal to {SLIDES}: {source} "
        f"must be a link to it (ln -sfn ../../{SLIDES} {source})"
    )


def _generate_assignment(pattern: str, root: Path, staging: Path, tmp: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "nbgrader",
        "generate_assignment",
        pattern,
        "--force",
        f"--CourseDirectory.root={root}",
        f"--CourseDirectory.source_directory={SOURCE_DIR}",
        f"--CourseDirectory.release_directory={staging}",
        f"--CourseDirectory.db_url=sqlite:///{tmp / 'gradebook.db'}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=_tool_env(), cwd=tmp)
    errors = [line for line in result.stderr.splitlines() if "| ERROR]" in line]
    if result.returncode != 0 or errors:
        detail = errors[0] if errors else " ".join(result.stderr.strip().splitlines()[-1:])
        raise ReleaseError(f"nbgrader generate_assignment failed for {pattern}: {detail}")


def release(lessons: list[str] | None = None, root: Path = REPO_ROOT) -> list[str]:
    """Regenerate ``notebooks/`` from ``solutions/``; return the lessons written."""
    lessons = lessons or lesson_names(root)
    generate(root / RELEASE_DIR, lessons, root)
    if len(lessons) == len(lesson_names(root)):
        # A full release also removes lessons whose source is gone.
        for stale in sorted(set(_dirs(root / RELEASE_DIR)) - set(lessons)):
            shutil.rmtree(root / RELEASE_DIR / stale)
    return lessons


def copy_to_work(work_dir: Path | None = None, root: Path = REPO_ROOT) -> list[Path]:
    """Copy into ``work_dir`` (default ``work/``) every file of ``notebooks/`` that it lacks;
    never overwrite. Returns the files copied, relative to ``work_dir``."""
    release_dir, work_dir = root / RELEASE_DIR, Path(work_dir or root / WORK_DIR)
    copied = []
    for path in sorted(release_dir.rglob("*")):
        relative = path.relative_to(release_dir)
        if not path.is_file() or {".ipynb_checkpoints", "__pycache__"} & set(relative.parts):
            continue
        target = work_dir / relative
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        copied.append(relative)
    return copied


IGNORED = [".ipynb_checkpoints", "__pycache__"]


def _dirs(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.is_dir()] if folder.is_dir() else []


def check_release(root: Path = REPO_ROOT) -> list[str]:
    """Return the student files that differ from a fresh release (empty when in sync)."""
    with tempfile.TemporaryDirectory(prefix="release-check-") as tmp:
        fresh = Path(tmp)
        generate(fresh, None, root)
        committed = root / RELEASE_DIR
        problems = []
        for lesson in sorted(set(_dirs(fresh)) | set(_dirs(committed))):
            problems.extend(_compare_dirs(fresh / lesson, committed / lesson, lesson))
        # A lesson's slides.md is compared with the rest of its folder; a file beside the
        # lessons (the slides were once released as notebooks/slides.md) is not generated.
        if committed.is_dir():
            problems += [
                f"{RELEASE_DIR}/{path.name} is not generated"
                for path in sorted(committed.iterdir())
                if not path.is_dir() and path.name not in IGNORED
            ]
        return problems


def _compare_dirs(fresh: Path, committed: Path, prefix: str) -> list[str]:
    if not committed.is_dir():
        return [f"{RELEASE_DIR}/{prefix} is missing"]
    if not fresh.is_dir():
        return [f"{RELEASE_DIR}/{prefix} has no source in {SOURCE_DIR}/"]
    comparison = filecmp.dircmp(fresh, committed, ignore=IGNORED)
    problems = [f"{RELEASE_DIR}/{prefix}/{name} is missing" for name in comparison.left_only]
    problems += [
        f"{RELEASE_DIR}/{prefix}/{name} is not generated" for name in comparison.right_only
    ]
    problems += [f"{RELEASE_DIR}/{prefix}/{name} is out of date" for name in comparison.diff_files]
    for sub in comparison.common_dirs:
        problems += _compare_dirs(fresh / sub, committed / sub, f"{prefix}/{sub}")
    return problems
