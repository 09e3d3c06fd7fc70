"""The instructor's term as README writes it: README's "A term, step by step" block, taken from
README.md itself and run on a fresh copy of the repository, with a class of four: alice (all
right), bob (one mistake), carol (never submits) and dave (not on the roster; submits a file
that is not a notebook, which must not cost the others their feedback). The students' side
follows README's "Students in a class": its configuration file, then its fetch, submit and
fetch_feedback lines.

nbgrader takes a submitter's name from the operating system's user database, so three students
would need three login accounts. Their commands run the real nbgrader app with only that
look-up answered by the student's name (see ``AS_STUDENT``); everything else is nbgrader's.
"""

from __future__ import annotations

import csv
import logging
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import REPO, tool_env
from course_factory import fill, solution_sources, wrong_sources

LESSON = "01-convolution"
AS_STUDENT = (
    "import sys, nbgrader.utils as utils\n"
    "student = sys.argv.pop(1)\n"
    "utils.get_osusername = lambda: student\n"
    "from nbgrader.apps.nbgraderapp import main\n"
    "main()\n"
)
# The students' step inside README's term block: the block is run up to this line, then the
# students submit, then the rest of the block runs.
STUDENTS_STEP = "# 3. The students fetch, work and submit"
README_EXCHANGE = "/srv/nbgrader/exchange"  # README's example; the test's exchange replaces it
VENV = Path(sys.executable).parent.parent


def readme_block(after: str, language: str) -> str:
    """The first fenced ``language`` block in README.md after the text ``after``."""
    text = (REPO / "README.md").read_text()
    assert after in text, f"README.md no longer contains {after!r}"
    match = re.search(rf"^```{language}\n(.*?)^```$", text[text.index(after) :], re.S | re.M)
    assert match, f"no {language} block after {after!r} in README.md"
    return match.group(1)


def commands(block: str) -> list[str]:
    """The command lines of a shell block, without comments."""
    lines = [line.split("#", 1)[0].strip() for line in block.splitlines()]
    return [line for line in lines if line]


def fresh_copy(folder: Path) -> Path:
    """The repository's tracked files as they are in the working tree, in a new git repository
    (what `git clone` gives, with this change in it)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    # The copy uses this venv (VENV=...): its install stamp must stay newer than pyproject.toml,
    # or make would reinstall the package from the copy.
    os.utime(folder / "pyproject.toml", (0, 0))
    for command in (
        ["git", "init", "-q"],
        ["git", "add", "-A"],
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "clone"],
    ):
        subprocess.run(command, cwd=folder, check=True, capture_output=True)
    return folder


def run_shell(script: str, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=tool_env(VENV=str(VENV)),
    )
    assert result.returncode == 0, (result.stdout[-3000:], result.stderr[-3000:])
    return result


def as_student(student: str, home: Path, command: str) -> None:
    """A README line ``nbgrader ...``, run by ``student`` in their home folder."""
    words = command.split()
    assert words[0] == "nbgrader", command
    env = tool_env(HOME=str(home))
    env.pop("JUPYTER_CONFIG_DIR", None)  # ~/.jupyter is the student's
    result = subprocess.run(
        [sys.executable, "-c", AS_STUDENT, student, *words[1:]],
        cwd=home,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.slow
def test_readme_term_runs_as_written_on_a_fresh_clone(tmp_path):
    assert (VENV / ".installed").is_file(), "run `make install` first"
    clone = fresh_copy(tmp_path / "clone")
    term = readme_block("A term, step by step", "bash")
    assert STUDENTS_STEP in term, "README's term block lost its students' step"
    lines = term.splitlines(keepends=True)
    (step,) = [i for i, line in enumerate(lines) if line.startswith(STUDENTS_STEP)]
    before, after = "".join(lines[:step]), "".join(lines[step + 1 :])
    student_config = readme_block("Students in a class", "python")
    student_lines = commands(readme_block("Students in a class", "bash"))
    fetch, submit, fetch_feedback = (
        next(line for line in student_lines if f"nbgrader {verb} " in line)
        for verb in ("fetch_assignment", "submit", "fetch_feedback")
    )
    assert README_EXCHANGE in student_config

    run_shell(before, clone)
    assert stat.S_IMODE((clone / "exchange").stat().st_mode) == 0o1777  # students can write
    edits = {
        "alice": solution_sources(LESSON),  # everything right
        "bob": {**solution_sources(LESSON), **wrong_sources(LESSON)["CELLS"]},  # one mistake
        "dave": None,  # not on the roster, and hands in a file that is no notebook
    }
    homes = {}
    for student, sources in edits.items():
        home = homes[student] = tmp_path / "home" / student
        (home / ".jupyter").mkdir(parents=True)
        (home / ".jupyter" / "nbgrader_config.py").write_text(
            student_config.replace(README_EXCHANGE, str(clone / "exchange"))
        )
        as_student(student, home, fetch)
        path = home / LESSON / f"{LESSON}.ipynb"
        if sources is None:
            path.write_text('{"cells": [ this is not JSON')
        else:
            nbformat.write(fill(nbformat.read(path, as_version=4), sources), path)
        as_student(student, home, submit)
    done = run_shell(after, clone)

    # make grade named its seed before grading, and the class report has the whole roster
    output = done.stdout
    assert re.search(rf"grading {LESSON} with seed \d+", output), output[-2000:]
    assert output.index("seed") < output.index("most common mistake")
    rows = {
        row["student"]: row for row in csv.DictReader((clone / "grades" / f"{LESSON}.csv").open())
    }
    assert sorted(rows) == ["alice", "bob", "carol", "dave"]
    assert rows["alice"]["score"] == "6" and rows["carol"]["problems"] == "not submitted"
    assert "not a valid notebook" in rows["dave"]["problems"]
    assert "not recognized" not in done.stderr  # generate_feedback's config is clean

    exported = {
        row["student_id"]: float(row["score"])
        for row in csv.DictReader((clone / "grades.csv").open())
        if row["assignment"] == LESSON
    }
    expected = {
        "alice": 6.0,
        "bob": wrong_sources(LESSON)["EXPECTED_SCORE"],
        "carol": 0.0,
        "dave": 0.0,
    }
    assert exported == expected

    for student, home in homes.items():
        as_student(student, home, fetch_feedback)
        (page,) = (home / LESSON / "feedback").glob(f"*/{LESSON}.html")
        feedback = page.read_text()
        assert "BEGIN HIDDEN TESTS" not in feedback
        assert "grading_seed()" not in feedback  # the hidden tests' source
        # The lesson's maths are images in the page, so they show without a network.
        text = re.sub(r"<(script|style|pre|code)\b.*?</\1>|<img [^>]*>", "", feedback, flags=re.S)
        assert "$" not in text
        if student != "dave":
            assert 'class="math"' in feedback
        if student == "bob":
            assert wrong_sources(LESSON)["FEEDBACK"] in feedback
        if student == "dave":  # a page that says why, while the others got theirs
            assert "Your submission could not be graded" in feedback
            assert "is not a notebook that can be read" in feedback

    # Everything the term wrote is git-ignored, and notebooks/ is as committed.
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True, check=True
    )
    assert status.stdout == ""


CLASS_DATA = [
    "gradebook.db",
    "gradebook.db-journal",
    "submitted/alice/01-convolution/01-convolution.ipynb",
    "autograded/alice/01-convolution/01-convolution.ipynb",
    "feedback/alice/01-convolution/01-convolution.html",
    "release/01-convolution/01-convolution.ipynb",
    "source/01-convolution/01-convolution.ipynb",
    "exchange/convolution-course/inbound/alice+01-convolution+2026/01-convolution.ipynb",
    "grades/01-convolution.csv",
    "grades/01-convolution.html",
    "grading_runs/01-convolution.jsonl",
    "grading_runs/01-convolution.results.json",
    "grades.csv",
    "roster.csv",
    ".nbgrader.log",
]


@pytest.mark.parametrize("path", CLASS_DATA)
def test_class_data_is_git_ignored(path):
    result = subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO)
    assert result.returncode == 0, f"{path} is not git-ignored"


def test_course_files_are_not_ignored():
    for path in ("notebooks/01-convolution/01-convolution.ipynb", "nbgrader_config.py"):
        assert subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO).returncode == 1


def test_feedback_config_raises_no_unrecognized_option_warning(caplog):
    """generate_feedback's HTML exporter configures `display_data_priority` for every
    preprocessor; the course's own step must accept it without a warning."""
    from nbconvert.exporters import HTMLExporter
    from traitlets.config import Config

    from autograder.nbgrader_plugins import HideHiddenTests

    config = Config(HTMLExporter().default_config)
    assert "display_data_priority" in config.NbConvertBase
    logger = logging.getLogger("test-feedback-config")
    with caplog.at_level(logging.WARNING, logger=logger.name):
        HideHiddenTests(config=config, log=logger)
    assert [r.getMessage() for r in caplog.records if "not recognized" in r.getMessage()] == []


def test_the_exchange_is_the_course_folder_unless_set(tmp_path, monkeypatch):
    from autograder.autograde import open_course

    (tmp_path / "nbgrader_config.py").write_text((REPO / "nbgrader_config.py").read_text())
    monkeypatch.delenv("NBGRADER_EXCHANGE", raising=False)
    assert open_course(tmp_path).config.Exchange.root == str(tmp_path / "exchange")
    monkeypatch.setenv("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
    assert open_course(tmp_path).config.Exchange.root == "/srv/nbgrader/exchange"


def test_feedback_maths_are_images_in_the_page():
    """Formulas become SVG images (their TeX as alt text); code, money and what mathtext
    cannot draw stay as they were."""
    import base64

    from autograder.nbgrader_plugins import math_to_images

    text = (
        "Inline $k_h - 1$ and display:\n\n$$\\text{out}[i, j] = \\sum_{m} x[i + m]\\,"
        "w[m].$$\n\nCode `$x$` stays, money ($5 and $6) stays, \\$ stays, and "
        "$\\begin{pmatrix}1 & 2\\end{pmatrix}$ stays.\n\n```python\nprint('$a$')\n```\n"
    )
    page = math_to_images(text)
    images = re.findall(
        r'<img class="math" src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]*)"', page
    )
    assert [alt for _, alt in images] == [
        "k_h - 1",
        "\\text{out}[i, j] = \\sum_{m} x[i + m]\\,w[m].",
    ]
    for data, _ in images:
        assert base64.b64decode(data).decode().lstrip().startswith("<?xml")
        assert "<svg" in base64.b64decode(data).decode()
    for kept in ("`$x$`", "($5 and $6)", "\\$ stays", "$\\begin{pmatrix}", "print('$a$')"):
        assert kept in page
    assert "vertical-align:" in page and "display:block" in page
    assert math_to_images(text) == page  # no date or random id: the same page every time


def test_every_formula_of_the_lessons_is_drawn_but_a_few_matrices(lessons):
    """The lessons' TeX as MathJax reads it, drawn by mathtext: only the matrices (which
    mathtext cannot draw) are left for MathJax, when the page is online."""
    from autograder.nbgrader_plugins import math_to_images

    from conftest import SOLUTIONS

    left = []
    for lesson in lessons:
        notebook = nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                drawn = re.sub(r"`[^`\n]*`|<img [^>]*>", "", math_to_images(cell.source))
                formulas = re.findall(r"\$\$.*?\$\$|\$[^$]+\$", drawn, re.S)
                left += [f"{lesson}: {formula}" for formula in formulas]
                assert "$" not in re.sub(r"\$\$.*?\$\$|\$[^$]+\$", "", drawn, flags=re.S)
    assert all("matrix}" in formula for formula in left), left
    assert len(left) <= 4, left  # the matrices of lessons 2, 3, 8 and 10
