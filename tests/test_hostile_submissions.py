"""Hostile and broken submissions: each costs only its own exercise, never another student.

One class of lesson-1 submissions, graded in one run by the parallel grader. Every fixture in
``tests/hostile_submissions/`` is one student, named after what the submission does, with the
score each graded cell must get (``EXPECTED``) and the cause the report must name (``CAUSE``).
The student ``honest`` is the control: full marks, whatever the others did.
"""

from __future__ import annotations

import copy
import json
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder import sandbox
from autograder.autograde import grade_assignment, open_course

from conftest import REPO, tool_env
from course_factory import fill, make_course, released, scores, solution_sources, submit
from processes import sandbox_processes

LESSON = "01-convolution"
HOSTILE = REPO / "tests" / "hostile_submissions"
sys.path.insert(0, str(HOSTILE))  # the fixtures share `_parts`
FIXTURES = sorted(path.stem for path in HOSTILE.glob("[a-z]*.py"))
LIMITS = 'c.Autograder.limits = {"cell_seconds": 20, "wall_seconds": 150}\n'  # generous: under load

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("hostile")]


def fixture(name: str) -> dict:
    return runpy.run_path(str(HOSTILE / f"{name}.py"))


def build_class(course: Path):
    """The course with the honest control and every fixture submitted, and the honest notebook."""
    from _parts import INDEPENDENT_CONVOLVE

    make_course(course, [LESSON])
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(LIMITS)
    honest = fill(released(course, LESSON), solution_sources(LESSON))
    honest = fill(honest, {"convolve2d": INDEPENDENT_CONVOLVE})
    submit(course, "honest", LESSON, honest)
    for name in FIXTURES:
        submit(course, name, LESSON, fixture(name)["submission"](copy.deepcopy(honest), course))
    return honest


SEED = 918273645  # distinctive, so a leak of it would show in the outputs
SECRET = "postgresql://grader:hunter2-not-for-students@db/course"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    from _parts import FULL

    course = tmp_path_factory.mktemp("hostile") / "course"
    build_class(course)
    # An instructor's secret in the grader's environment: no submission may print it.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COURSE_DATABASE_URL", SECRET)
        results = grade_assignment(open_course(course), LESSON, jobs=2, seed=SEED)
    return course, {result.student: result for result in results}, scores(course, LESSON), FULL


def what_was_said(result, course=None) -> str:
    """Everything the report and the feedback say about a submission, as one text: the run's
    notes, each graded cell's message and (with ``course``) every error the notebook shows."""
    messages = [cell.message for nb in result.notebooks for cell in nb.cells]
    if course is not None:
        path = course / "autograded" / result.student / LESSON / f"{LESSON}.ipynb"
        if path.is_file():
            messages += [f"{o.ename}: {o.evalue}" for o in error_outputs(path)]
    return "\n".join(result.problems + messages)


def error_outputs(path):
    try:
        notebook = nbformat.read(path, as_version=4)
    except nbformat.reader.NotJSONError:
        return []  # the submission as it came (malformed_json): nothing was graded
    return [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]


def output_text(path) -> str:
    """What the notebook's cells showed (not their source: the instructor's copy has it)."""
    notebook = nbformat.read(path, as_version=4)
    return json.dumps([cell.get("outputs", []) for cell in notebook.cells])


def test_the_run_grades_every_student(graded):
    _, results, _, _ = graded
    assert sorted(results) == sorted(FIXTURES + ["honest"])


def test_the_honest_student_keeps_full_marks(graded):
    _, results, gradebook, full = graded
    assert gradebook["honest"] == full
    assert results["honest"].problems == []


@pytest.mark.parametrize("name", FIXTURES)
def test_each_hostile_submission_gets_exactly_its_score(graded, name):
    _, _, gradebook, _ = graded
    assert gradebook[name] == fixture(name)["EXPECTED"]


@pytest.mark.parametrize("name", [n for n in FIXTURES if fixture(n)["CAUSE"]])
def test_the_feedback_names_the_cause(graded, name):
    course, results, _, _ = graded
    assert fixture(name)["CAUSE"] in what_was_said(results[name], course)


def test_nothing_private_leaks_into_a_submissions_outputs(graded):
    course, _, _, _ = graded
    for name in ("reads_other_student", "reads_hidden_tests", "reads_gradebook"):
        text = output_text(course / "autograded" / name / LESSON / f"{LESSON}.ipynb")
        assert "BEGIN HIDDEN TESTS" not in text and "seed=grading_seed()" not in text
        assert "scipy.signal.convolve2d(image, kernel" not in text  # honest's own code
        assert "PermissionError" in text or "No such file" in text or "unable to open" in text


def all_outputs(course) -> dict[str, str]:
    return {
        path.parent.parent.name: output_text(path)
        for path in (course / "autograded").glob(f"*/{LESSON}/{LESSON}.ipynb")
        if path.parent.parent.name != "malformed_json"
    }


@pytest.mark.parametrize("name", [n for n in FIXTURES if fixture(n).get("PRINTS")])
def test_each_trick_reports_what_it_met(graded, name):
    """What the trick's own cells printed: the kernel's refusal, the job's own world."""
    course, _, _, _ = graded
    text = all_outputs(course)[name]
    for expected in fixture(name)["PRINTS"]:
        assert expected in text


def test_no_trick_worked_and_no_secret_reached_the_feedback(graded):
    """Outputs go back to students in their feedback: no grader environment, seed or test."""
    course, _, _, _ = graded
    for name, text in all_outputs(course).items():
        assert "TRICK WORKED" not in text, name
        assert "hunter2" not in text and str(SEED) not in text, name
        assert "assert_correlate2d_random(correlate2d, seed=grading_seed())" not in text, name
    assert not Path("/tmp/outside.txt").exists()
    assert not list(course.rglob("escaped.txt"))


def test_nothing_a_submission_started_is_still_running(graded):
    """Every job's processes died with it (its own PID namespace): no killer left behind."""
    assert sandbox_processes() == []


def test_a_huge_output_is_cut(graded):
    course, _, _, _ = graded
    path = course / "autograded" / "huge_output" / LESSON / f"{LESSON}.ipynb"
    assert path.stat().st_size < 2_000_000


def test_the_grader_sandbox_was_in_force(graded):
    """The protections these tests rely on: the grader reports what it had."""
    course, results, _, _ = graded
    assert "tried to open a network connection" in what_was_said(results["opens_socket"])
    if os.geteuid() == 0 and sys.platform.startswith("linux"):
        # As root, even with Python under /root: a user of its own for every job.
        uid = re.search(r"the shell ran as user (\d+)", all_outputs(course)["unaudited_process"])
        assert uid and int(uid.group(1)) >= sandbox.FIRST_SANDBOX_UID


def test_with_a_user_per_job_every_student_gets_the_same_score(tmp_path, world_readable_python):
    """The other branch of the sandbox: as root with a Python that other users can read, each
    job runs as its own unprivileged user. The whole catalogue is graded that way too."""
    from _parts import FULL

    course = tmp_path / "course"
    honest = build_class(course)
    # One more student, whose extra cell says who runs the job.
    probe = copy.deepcopy(honest)
    probe.cells.insert(1, nbformat.v4.new_code_cell("import os\nprint('uid', os.getuid())"))
    submit(course, "whoami", LESSON, probe)
    run = subprocess.run(
        [world_readable_python, "-m", "autograder", "grade", LESSON, "--jobs", "2", "--seed", "7"],
        cwd=course,
        capture_output=True,
        text=True,
        env=tool_env(),
    )
    assert run.returncode == 0, run.stderr[-3000:]
    graded_probe = course / "autograded" / "whoami" / LESSON / f"{LESSON}.ipynb"
    uid = int(re.search(r"uid (\d+)", output_text(graded_probe)).group(1))
    assert uid >= sandbox.FIRST_SANDBOX_UID
    gradebook = scores(course, LESSON)
    assert gradebook["honest"] == FULL and gradebook["whoami"] == FULL
    wrong = {n: gradebook[n] for n in FIXTURES if gradebook[n] != fixture(n)["EXPECTED"]}
    assert wrong == {}
