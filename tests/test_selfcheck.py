"""Self-grading without an instructor: `python -m autograder check NOTEBOOK`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from conftest import NOTEBOOKS, REPO, tool_env
from course_factory import fill, solution_sources, wrong_sources

LESSON = "01-convolution"
STUDENT_NOTEBOOK = NOTEBOOKS / LESSON / f"{LESSON}.ipynb"


def check(path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder", "check", str(path), *extra],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=tool_env(),
    )


def learner_copy(tmp_path, sources: dict[str, str]):
    notebook = fill(nbformat.read(STUDENT_NOTEBOOK, as_version=4), sources)
    path = tmp_path / f"{LESSON}.ipynb"
    nbformat.write(notebook, path)
    return path


@pytest.mark.slow
def test_untouched_notebook_scores_zero_and_says_why():
    run = check(STUDENT_NOTEBOOK, "--seed", "5")
    assert run.returncode == 0, run.stderr
    assert "score: 0 / 6" in run.stdout and "not implemented yet" in run.stdout


@pytest.mark.slow
def test_finished_notebook_scores_full_marks_with_hidden_tests(tmp_path):
    run = check(learner_copy(tmp_path, solution_sources(LESSON)))
    assert run.returncode == 0, run.stderr
    assert "score: 6 / 6" in run.stdout
    assert "only the visible tests ran" not in run.stdout  # the hidden ones ran too


@pytest.mark.slow
def test_a_mistake_is_named_and_hidden_source_never_printed(tmp_path):
    sources = {**solution_sources(LESSON), **wrong_sources(LESSON)["CELLS"]}
    run = check(learner_copy(tmp_path, sources), "--seed", "99")
    assert "score: 3 / 6" in run.stdout and "you flipped the kernel" in run.stdout
    assert "grading_seed()" not in run.stdout + run.stderr
    assert "BEGIN HIDDEN TESTS" not in run.stdout + run.stderr
    assert "seed 99" in run.stdout


@pytest.mark.slow
def test_the_one_line_call_inside_a_notebook(tmp_path, monkeypatch, capsys):
    from autograder.selfcheck import check_lesson

    learner_copy(tmp_path, solution_sources(LESSON))
    monkeypatch.chdir(tmp_path)
    check_lesson()
    assert "score: 6 / 6" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.ipynb", "no notebook at"), ("notes.txt", "is not a notebook")],
)
def test_misuse_is_one_clear_line(tmp_path, name, message):
    path = tmp_path / name
    if name.endswith(".txt"):
        path.write_text("hello")
    run = check(path)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


LEARNER_UID = 65432  # an ordinary user with no rights, as a learner on a laptop is


@pytest.mark.slow
def test_a_learner_without_root_checks_inside_the_sandbox(world_readable_python):
    """The learners' branch of the sandbox: not root, so a user namespace. Run as an ordinary
    user with a Python that user can read, the check grades as usual, and the notebook's code
    cannot write even to the learner's own home folder."""
    python = world_readable_python
    home = Path(tempfile.mkdtemp(prefix="learner-"))
    try:
        forbidden = home / "written-by-the-notebook"
        sources = {**solution_sources(LESSON), **wrong_sources(LESSON)["CELLS"]}
        notebook = fill(nbformat.read(STUDENT_NOTEBOOK, as_version=4), sources)
        notebook.cells.insert(1, nbformat.v4.new_code_cell(f"open({str(forbidden)!r}, 'w')"))
        path = home / f"{LESSON}.ipynb"
        nbformat.write(notebook, path)
        for owned in (home, path):
            os.chown(owned, LEARNER_UID, LEARNER_UID)

        def become_the_learner():
            os.setgroups([])
            os.setgid(LEARNER_UID)
            os.setuid(LEARNER_UID)

        run = subprocess.run(
            [python, "-m", "autograder", "check", str(path), "--seed", "99"],
            capture_output=True,
            text=True,
            cwd=home,
            env={"PATH": f"{python.parent}:/usr/bin:/bin", "HOME": str(home)},
            preexec_fn=become_the_learner,
        )
        written = forbidden.exists()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "score: 3 / 6" in run.stdout and "you flipped the kernel" in run.stdout
    assert "only the visible tests ran" not in run.stdout
    assert not written, "the notebook wrote outside its scratch folder"


def _notebook_with(sources: dict[str, str]):
    return fill(nbformat.read(STUDENT_NOTEBOOK, as_version=4), sources)


@pytest.mark.slow
def test_a_duplicate_among_other_lessons_is_graded_alone_with_hidden_tests(tmp_path):
    """JupyterLab's "Duplicate" names the copy 01-convolution-Copy1.ipynb, beside the lesson
    and, here, another lesson: the lesson is found from the copy's graded cells, and only
    the copy is graded."""
    nbformat.write(_notebook_with(solution_sources(LESSON)), tmp_path / f"{LESSON}-Copy1.ipynb")
    shutil.copy(STUDENT_NOTEBOOK, tmp_path)
    shutil.copy(NOTEBOOKS / "15-capstone" / "15-capstone.ipynb", tmp_path)
    run = check(tmp_path / f"{LESSON}-Copy1.ipynb", "--seed", "3")
    assert run.returncode == 0, run.stderr
    assert "score: 6 / 6" in run.stdout
    assert "only the visible tests ran" not in run.stdout
    assert "not submitted" not in run.stdout and "capstone" not in run.stdout


def test_a_notebook_of_no_lesson_is_one_clear_line(tmp_path):
    path = tmp_path / "scratch.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), path)
    run = check(path)
    assert run.returncode in (1, 2) and "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines == [
        "error: scratch.ipynb is none of the course's lessons: it has no graded cell of one"
    ]


@pytest.mark.slow
def test_a_syntax_error_is_named_with_its_cell_and_line(tmp_path):
    sources = solution_sources(LESSON)
    broken = sources["correlate2d"].replace(
        "def correlate2d(image, kernel):", "def correlate2d(image, kernel)"
    )
    assert broken != sources["correlate2d"]
    path = learner_copy(tmp_path, {**sources, "correlate2d": broken})
    run = check(path, "--seed", "4")
    assert run.returncode == 0, run.stderr
    assert "your cell defining correlate2d has a syntax error at line 1: expected ':'" in run.stdout
    assert "NameError" not in run.stdout


def test_check_lesson_does_nothing_in_the_grader(tmp_path, monkeypatch, capsys):
    """The lesson's last cell may call check_lesson(): under the grader it must not start a
    grading of its own (the sandbox refuses it, and the notebook would be noted for it)."""
    from autograder.selfcheck import check_lesson

    learner_copy(tmp_path, solution_sources(LESSON))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AUTOGRADER_GRADING", "1")
    check_lesson()
    assert capsys.readouterr().out == ""


@pytest.mark.slow
def test_check_lesson_in_a_kernel_prints_its_table_only(tmp_path, monkeypatch, capfd):
    """In a Jupyter kernel nbgrader logs to the kernel's application log, which the notebook
    shows: no exchange error, no checksum warning may come through. The kernel names its
    notebook (JPY_SESSION_NAME), so a folder of several notebooks is no problem."""
    from traitlets.config import Application

    from autograder.selfcheck import check_lesson

    notebook = _notebook_with(solution_sources(LESSON))
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "test-correlate2d-hand":
            cell.source += "\n# a comment in a read-only cell"  # restored, with a warning
    nbformat.write(notebook, tmp_path / f"{LESSON}-Copy1.ipynb")
    shutil.copy(STUDENT_NOTEBOOK, tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / f"{LESSON}-Copy1.ipynb"))
    Application.clear_instance()
    kernel = Application.instance()
    kernel.log.warning("the kernel's log is shown")
    try:
        check_lesson()
    finally:
        Application.clear_instance()
    out, err = capfd.readouterr()
    assert "score: 6 / 6" in out
    assert "the kernel's log is shown" in err
    assert "Unwritable" not in out + err and "checksum" not in out + err
    assert "CRITICAL" not in out + err


def test_time_outs_are_one_sentence_naming_the_cell():
    """The grader records every cell that ran over (on every rerun) and the notebook's wall
    time: the learner gets one sentence naming the first such cell in their terms, and the
    cells after it say that the notebook ran out of time."""
    from autograder.autograde import CellNote, CellResult, NotebookResult
    from autograder.selfcheck import CELL_SECONDS, _one_time_out_note

    names = {4: "the cell `check_correlate2d(correlate2d)`", 10: "the test test-correlate2d-hand"}
    graded = NotebookResult(
        "01-convolution",
        cells=[
            CellResult("test-correlate2d-hand", 0, 1, "KeyboardInterrupt: this test ran over"),
            CellResult("test-convolve2d-hand", 0, 1, "GradingError: this cell did not run: x"),
        ],
        problem="tried to open a network connection",
        cell_notes=[
            CellNote(5, "the cell `f(1)`", "timed out after 10 s", timed_out=True),
            CellNote(10, "the test test-correlate2d-hand", "timed out after 10 s", True),
            CellNote(4, "the cell `check...`", "timed out after 10 s, so it was skipped", True),
            CellNote(7, "the cell `import os`", "was killed (SIGKILL), so it was skipped"),
        ],
        ran_out_of_time=120,
    )
    notes = _one_time_out_note(graded.cells, [graded], names)
    assert notes == [
        f"the cell `check_correlate2d(correlate2d)` ran over the self-check's time limit of "
        f"{CELL_SECONDS:g} s per cell and was stopped (and 2 more cell(s) after it): "
        "look for an endless loop",
        "01-convolution: tried to open a network connection",
        "01-convolution: the cell `import os` was killed (SIGKILL), so it was skipped",
    ]
    assert graded.cells[0].message == "KeyboardInterrupt: this test ran over"
    assert graded.cells[1].message.endswith("the notebook ran out of time (see the note below)")
    # The instructor's notes keep every time-out, each cell named by what it is.
    assert "the test test-correlate2d-hand timed out after 10 s" in graded.notes
    assert "ran out of time: the notebook took over 120 s" in graded.notes
    assert not any("cell 5" in note or "cell 11" in note for note in graded.notes)


def test_without_time_outs_the_notes_are_the_graders():
    from autograder.autograde import CellNote, NotebookResult
    from autograder.selfcheck import _one_time_out_note

    graded = NotebookResult(
        "01-convolution",
        problem="tried to open a network connection",
        cell_notes=[CellNote(7, "the cell `import os`", "was killed (SIGKILL)")],
    )
    assert _one_time_out_note([], [graded], {}) == [
        "01-convolution: tried to open a network connection",
        "01-convolution: the cell `import os` was killed (SIGKILL)",
    ]


@pytest.mark.slow
def test_an_endless_loop_is_one_note_naming_the_answer(tmp_path):
    sources = solution_sources(LESSON)
    looping = "while True:  # the answer cell never ends\n    pass"
    run = check(learner_copy(tmp_path, {**sources, "convolve2d": looping}), "--seed", "6")
    assert run.returncode == 0, run.stderr
    notes = [line for line in run.stdout.splitlines() if line.startswith("note:")]
    assert notes == [
        "note: your cell defining convolve2d ran over the self-check's time limit of 10 s per "
        "cell and was stopped: look for an endless loop"
    ]
    assert "NameError" not in run.stdout
    assert "convolve2d is not defined: your cell defining convolve2d was stopped" in run.stdout


@pytest.mark.slow
def test_a_function_that_hangs_in_one_test_is_not_called_by_the_next(tmp_path):
    """An endless loop inside the learner's function: the first test that calls it waits the
    self-check's 10 s; the next test that calls it fails at once, saying why, instead of
    waiting 10 s more (grading, like nbgrader, calls it again: other inputs may not hang)."""
    sources = solution_sources(LESSON)
    looping = "def correlate2d(image, kernel):\n    while True:\n        pass"
    run = check(learner_copy(tmp_path, {**sources, "correlate2d": looping}), "--seed", "6")
    assert run.returncode == 0, run.stderr
    rows = run.stdout.split("\n✓ ")[0].split("✗ ")
    hand = next(row for row in rows if row.startswith("test-correlate2d-hand"))
    random = next(row for row in rows if row.startswith("test-correlate2d-random"))
    assert "ran over its time limit" in hand
    assert (
        "correlate2d ran over the time limit in an earlier test, so it was not called again"
    ) in random
    # The solution's convolve2d calls correlate2d: it hangs too, once.
    assert "convolve2d ran over the time limit in an earlier test" in run.stdout
    assert run.stdout.count("ran over its time limit and was interrupted") == 2


@pytest.mark.slow
def test_a_notebook_ending_with_check_lesson_is_graded_without_notes(tmp_path):
    """The README's last cell, run by the grader too: it neither grades again nor reaches
    for anything the sandbox refuses."""
    notebook = _notebook_with(solution_sources(LESSON))
    notebook.cells.append(
        nbformat.v4.new_code_cell("from autograder.selfcheck import check_lesson\ncheck_lesson()")
    )
    path = tmp_path / f"{LESSON}.ipynb"
    nbformat.write(notebook, path)
    run = check(path, "--seed", "7")
    assert run.returncode == 0, run.stderr
    assert "score: 6 / 6" in run.stdout and "note:" not in run.stdout


def test_without_solutions_the_lesson_is_found_among_the_released_notebooks(tmp_path, monkeypatch):
    """A copy of the course without solutions/ still knows its lessons, from notebooks/,
    and says that only the visible tests can run."""
    from autograder import selfcheck

    released = tmp_path / "notebooks" / "15-capstone"
    released.mkdir(parents=True)
    shutil.copy(NOTEBOOKS / "15-capstone" / "15-capstone.ipynb", released)
    shutil.copytree(NOTEBOOKS / LESSON, tmp_path / "notebooks" / LESSON)
    monkeypatch.setattr(selfcheck, "REPO_ROOT", tmp_path)
    copy = nbformat.read(STUDENT_NOTEBOOK, as_version=4)
    source, hidden = selfcheck.find_lesson(copy, "mine.ipynb")
    assert source == tmp_path / "notebooks" / LESSON / f"{LESSON}.ipynb" and not hidden
