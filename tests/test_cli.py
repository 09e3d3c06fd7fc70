"""The command line: misuse gives one clear line and a non-zero exit, never a traceback."""

import subprocess
import sys

import pytest

from conftest import REPO, tool_env


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=tool_env(),
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "missing command"),
        (("bogus",), "invalid choice: 'bogus'"),
        (("release", "99-nonexistent"), "unknown lesson 99-nonexistent"),
        (("release", "--check", "01-convolution"), "always checks every lesson"),
        (("release", "--frobnicate"), "unrecognized arguments: --frobnicate"),
    ],
)
def test_misuse_is_one_clear_line(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0 and "release" in result.stdout


@pytest.mark.parametrize(
    ("verb", "usage"),
    [
        ("grade", "usage: make grade A=01-convolution [SEED=n] [STUDENT=id]"),
        ("students", "usage: make students ROSTER=roster.csv"),
        ("release-assignment", "usage: make release-assignment A=01-convolution"),
        ("collect", "usage: make collect A=01-convolution"),
        ("feedback", "usage: make feedback A=01-convolution"),
        ("check", "usage: make check NB=notebooks/"),
    ],
)
def test_a_make_verb_without_its_argument_prints_one_usage_line(verb, usage):
    """Checked before anything runs (no venv is set up, no nbgrader starts)."""
    # As a user types it: not inside the `make test` that runs this suite (a sub-make would
    # announce its directory on stdout).
    env = {k: v for k, v in tool_env().items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    result = subprocess.run(["make", verb], capture_output=True, text=True, cwd=REPO, env=env)
    assert result.returncode != 0 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and usage in lines[0], result.stderr


def test_make_grade_passes_seed_and_student_to_the_grader():
    result = subprocess.run(
        ["make", "-n", "grade", "A=01-convolution", "SEED=123", "STUDENT=carol", "JOBS=1"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=tool_env(),
    )
    assert result.returncode == 0, result.stderr
    command = [line for line in result.stdout.splitlines() if "-m autograder grade" in line]
    assert len(command) == 1
    assert "01-convolution" in command[0] and "--jobs 1" in command[0]
    assert "--seed 123" in command[0] and "--student carol" in command[0]


@pytest.mark.slow
def test_grade_names_the_seed_first_and_a_regrade_keeps_the_whole_class(tmp_path):
    """`grade` prints its seed before grading; its CSV and report list every student of the
    gradebook (one who never submitted is marked), with formgrader's manual grades, and a
    regrade of one student (`--student`) changes that student's rows only."""
    import csv
    import re

    from nbgrader.api import Gradebook

    from course_factory import autograder_cli, make_course, nbgrader, student_versions, submit

    lesson = "01-convolution"
    course = make_course(tmp_path / "course", [lesson])
    for student in ("alice", "bob", "carol"):
        nbgrader(course, "db", "student", "add", student)
    versions = student_versions(course, lesson)
    submit(course, "alice", lesson, versions["blank"])
    submit(course, "bob", lesson, versions["mistaken"])  # a flipped kernel in correlate2d

    first = autograder_cli(course, "grade", lesson, "--jobs", "1")
    assert first.returncode == 0, first.stderr[-2000:]
    seed = re.fullmatch(
        rf"grading {lesson} with seed (\d+) \(reproduce with --seed \1\)",
        first.stdout.splitlines()[0],
    )
    assert seed, first.stdout[:300]

    # A teaching assistant gives bob, by hand, the points of correlate2d's hand-worked test.
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "convolution-course") as gradebook:
        grade = gradebook.find_grade("test-correlate2d-hand", lesson, lesson, "bob")
        assert grade.auto_score == 0
        grade.manual_score = grade.max_score
        gradebook.db.commit()

    submit(course, "alice", lesson, versions["perfect"])  # alice resubmits, and is regraded
    second = autograder_cli(course, "grade", lesson, "--student", "alice", "--jobs", "1")
    assert second.returncode == 0, second.stderr[-2000:]
    assert second.stdout.splitlines()[0].endswith(
        f"seed {seed.group(1)} (reproduce with --seed {seed.group(1)})"
    )

    rows = {r["student"]: r for r in csv.DictReader((course / "grades" / f"{lesson}.csv").open())}
    assert sorted(rows) == ["alice", "bob", "carol"]
    assert (rows["alice"]["score"], rows["alice"]["problems"]) == ("6", "")
    assert rows["bob"]["test-correlate2d-hand"] == "1" and rows["bob"]["score"] == "4"
    assert (rows["carol"]["score"], rows["carol"]["problems"]) == ("0", "not submitted")

    page = (course / "grades" / f"{lesson}.html").read_text()
    assert "alice, correlate2d: 3/3" in page and "bob, convolve2d: 3/3" in page
    assert "you flipped the kernel (1)" in page  # bob's mistake is still the class's
    assert "<li><b>carol</b>: not submitted</li>" in page
    assert "carol: not submitted" in second.stdout
