"""Every lesson: the solution runs clean, the student version fails only on its stubs, the
student version is exactly the solution with the solution regions replaced, and nothing
committed carries outputs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from autograder import release

import figure_audit
from conftest import (
    KERNEL_MEMORY_LIMIT,
    LESSONS,
    NOTEBOOKS,
    REPO,
    SOLUTIONS,
    UNFINISHED_ERRORS,
    errors_in,
    execute_notebook,
    lesson_notebook,
    run_notebook,
)

STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
SOLUTION_REGION = re.compile(r"([ \t]*)### BEGIN SOLUTION\n.*?### END SOLUTION[ \t]*", re.S)
HIDDEN_REGION = re.compile(r"\n?[ \t]*### BEGIN HIDDEN TESTS\n.*?### END HIDDEN TESTS[ \t]*", re.S)


def nbgrader_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def printed(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")


def test_there_are_lessons():
    assert LESSONS, "no lessons found in solutions/"
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+", lesson) for lesson in LESSONS)


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_runs_clean_and_passes_its_checks(lesson, record_property):
    """... fits in Binder's memory: the kernel's peak RSS stays under 400 MiB; and every
    figure it renders follows the conventions (titles, diverging maps: tests/figure_audit.py)."""
    path = lesson_notebook(SOLUTIONS, lesson)
    run = run_notebook(path, cwd=path.parent, prepare=figure_audit.with_audit)
    notebook = run.notebook
    assert errors_in(notebook) == []
    checks = [c for c in notebook.cells if c.cell_type == "code" and "check_" in c.source]
    assert checks, "a lesson needs at least one visible check cell"
    for cell in checks:
        assert "✗" not in printed(cell), printed(cell)
    peak_mib = run.kernel_peak_rss / 2**20
    record_property("kernel_peak_rss_mib", round(peak_mib))
    assert 0 < run.kernel_peak_rss < KERNEL_MEMORY_LIMIT, f"kernel peak RSS {peak_mib:.0f} MiB"
    rendered, problems = figure_audit.found(notebook)
    assert rendered > 0, "the figure audit saw no figure: is its hook still called?"
    assert problems == [], "figures break the conventions of DESIGN.md"


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS)
def test_student_notebook_fails_only_on_unfilled_stubs(lesson):
    path = lesson_notebook(NOTEBOOKS, lesson)
    notebook = execute_notebook(path, cwd=path.parent)
    errors = errors_in(notebook)
    unexpected = [e for e in errors if e[1] not in UNFINISHED_ERRORS]
    assert unexpected == []
    # JupyterLab's Run All goes on past a cell tagged raises-exception, and stops at any other
    # cell that raises: every cell that raises here must be tagged, so Run All reaches the end.
    untagged = [
        (index, name, text[:80])
        for index, name, text in errors
        if "raises-exception" not in notebook.cells[index].metadata.get("tags", [])
    ]
    assert untagged == [], "Run All would stop at these cells"


@pytest.mark.parametrize("lesson", LESSONS)
def test_student_notebook_is_the_solution_with_regions_replaced(lesson):
    """Checked independently of nbgrader (after nmaci's verify_exercises)."""
    solution = nbformat.read(lesson_notebook(SOLUTIONS, lesson), as_version=4)
    student = nbformat.read(lesson_notebook(NOTEBOOKS, lesson), as_version=4)
    assert len(student.cells) == len(solution.cells)
    for source_cell, student_cell in zip(solution.cells, student.cells):
        expected = source_cell.source
        if nbgrader_meta(source_cell).get("solution") and source_cell.cell_type == "code":
            assert "### BEGIN SOLUTION" in expected, "a solution cell without a solution region"
            expected = SOLUTION_REGION.sub(
                lambda m: "\n".join(m.group(1) + line for line in STUB.splitlines()), expected
            )
        if nbgrader_meta(source_cell).get("grade") and not nbgrader_meta(source_cell).get(
            "solution"
        ):
            expected = HIDDEN_REGION.sub("", expected)
        assert student_cell.source == expected
        assert "### BEGIN" not in student_cell.source


@pytest.mark.parametrize("lesson", LESSONS)
def test_student_cells_that_raise_while_unfinished_are_tagged(lesson):
    """Every graded test cell, and every demonstration that runs the learner's code, carries
    JupyterLab's ``raises-exception`` tag (Run All goes on past it); visible checks, which
    never raise, and the learner's own cells do not; nbgrader's metadata is unchanged."""
    solution = nbformat.read(lesson_notebook(SOLUTIONS, lesson), as_version=4)
    student = nbformat.read(lesson_notebook(NOTEBOOKS, lesson), as_version=4)
    for index, (source_cell, cell) in enumerate(zip(solution.cells, student.cells)):
        tagged = "raises-exception" in cell.metadata.get("tags", [])
        meta = nbgrader_meta(cell)
        added_by_nbgrader = {"checksum", "cell_type"}
        assert {k: v for k, v in meta.items() if k not in added_by_nbgrader} == nbgrader_meta(
            source_cell
        ), index
        if meta.get("grade") and not meta.get("solution"):
            assert tagged, f"graded test cell {index} is not tagged"
        if meta.get("solution") or re.fullmatch(r"check_\w+\(\w+\)\s*", cell.source):
            assert not tagged, f"cell {index} never raises but is tagged"
        if "with uses(" in cell.source:
            assert tagged, f"demonstration cell {index} is not tagged"


def test_tagging_follows_helpers_that_call_the_learners_code():
    def code(source, **nbgrader):
        cell = nbformat.v4.new_code_cell(source)
        if nbgrader:
            cell.metadata["nbgrader"] = nbgrader
        return cell

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        code("def relu(x):\n    raise NotImplementedError()", solution=True, grade=False),
        code("check_relu(relu)"),
        code("assert relu(1) == 1", solution=False, grade=True, points=1),
        code("def model(x):\n    return relu(x)"),  # a definition runs nothing
        code("y = model(2)"),  # runs relu through model
        code("z = abs(-2)"),
    ]
    assert release.tag_raising_cells(notebook) == [2, 4]
    assert notebook.cells[2].metadata["tags"] == ["raises-exception"]
    assert notebook.cells[2].metadata["nbgrader"] == {"solution": False, "grade": True, "points": 1}


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_follows_the_exercise_conventions(lesson):
    notebook = nbformat.read(lesson_notebook(SOLUTIONS, lesson), as_version=4)
    grade_ids = [nbgrader_meta(c)["grade_id"] for c in notebook.cells if nbgrader_meta(c)]
    assert len(grade_ids) == len(set(grade_ids)), "grade_ids must be unique"
    sources = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    for cell in notebook.cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution") and cell.cell_type == "code":
            name = meta["grade_id"]
            before_region = cell.source.split("### BEGIN SOLUTION")[0]
            # The contract (signature and docstring) stays outside the solution region.
            assert f"def {name}(" in before_region and '"""' in before_region
            assert f"check_{name}({name})" in sources, f"no visible check for {name}"
        if meta.get("grade") and not meta.get("solution"):
            assert meta["grade_id"].startswith("test-")
            assert cell.source.startswith('"""'), "a test cell opens with a one-line docstring"
            assert meta.get("locked") and int(meta["points"]) == meta["points"] > 0
            if "### BEGIN HIDDEN TESTS" in cell.source:
                hidden = cell.source.split("### BEGIN HIDDEN TESTS")[1]
                assert "grading_seed()" in hidden or "seed" not in hidden


def all_committed_notebooks():
    return sorted(SOLUTIONS.rglob("*.ipynb")) + sorted(NOTEBOOKS.rglob("*.ipynb"))


@pytest.mark.parametrize("path", all_committed_notebooks(), ids=lambda p: str(p.relative_to(REPO)))
def test_committed_notebook_has_no_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    assert not release.strip_notebook(notebook), "run `make release` (it strips outputs)"


@pytest.mark.slow
def test_notebooks_folder_is_in_sync_with_solutions():
    assert release.check_release() == [], "notebooks/ is out of date: run `make release`"


def one_lesson_course(root: Path, lesson: str) -> Path:
    """A copy of one lesson laid out as this repository: its source (with the link to the
    slides), docs/slides.md and its committed student version."""
    shutil.copytree(SOLUTIONS / lesson, root / "solutions" / lesson, symlinks=True)
    (root / "docs").mkdir()
    shutil.copyfile(REPO / "docs" / "slides.md", root / "docs" / "slides.md")
    shutil.copytree(NOTEBOOKS / lesson, root / "notebooks" / lesson)
    return root


@pytest.mark.slow
def test_check_release_reports_stale_missing_and_stray_slides(tmp_path):
    lesson = LESSONS[0]
    root = one_lesson_course(tmp_path, lesson)
    assert release.check_release(root) == []
    slides = root / "docs" / "slides.md"
    slides.write_text(slides.read_text() + "\nA slide added after the last release.\n")
    assert release.check_release(root) == [f"notebooks/{lesson}/slides.md is out of date"]
    (root / "notebooks" / lesson / "slides.md").unlink()
    assert release.check_release(root) == [f"notebooks/{lesson}/slides.md is missing"]
    shutil.copyfile(slides, root / "notebooks" / lesson / "slides.md")
    (root / "notebooks" / "slides.md").write_bytes(slides.read_bytes())  # the old place
    assert release.check_release(root) == ["notebooks/slides.md is not generated"]


@pytest.mark.slow
@pytest.mark.parametrize("source", ["missing", "a file holding the link's path"])
def test_a_lesson_without_the_link_to_the_slides_is_not_released(tmp_path, source):
    """Without solutions/<lesson>/slides.md linking docs/slides.md (or in a checkout made
    without symbolic links, where git writes the link's path in a file), nbgrader would hand
    out the lesson without its slides: the release stops and says how to fix it."""
    lesson = LESSONS[0]
    root = one_lesson_course(tmp_path / "course", lesson)
    link = root / "solutions" / lesson / "slides.md"
    link.unlink()
    if source != "missing":
        link.write_text("../../docs/slides.md")
    with pytest.raises(release.ReleaseError, match=f"solutions/{lesson}/slides.md must be a link"):
        release.generate(tmp_path / "out", [lesson], root)
