"""The gradebook on a real PostgreSQL server (Debian's `postgresql` package), started by the
fixture in a temporary directory on a free local port, and stopped and removed afterwards.

- the instructor's workflow (generate_assignment, autograde with nbgrader and with our grader,
  generate_feedback, export) gives on PostgreSQL the grades it gives on SQLite;
- two graders writing to one PostgreSQL gradebook at the same time lose no grade;
- a student that another grader adds at the same moment is no error.

The course selects the database with ``NBGRADER_DB_URL``, which ``nbgrader_config.py`` reads.
"""

from __future__ import annotations

import csv
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import tool_env
from course_factory import (
    fill,
    make_course,
    nbgrader,
    released,
    solution_sources,
    student_versions,
    submit,
    wrong_sources,
)

LESSON = "01-convolution"
LESSONS = ["01-convolution", "02-filters"]
SEED = "2718"
PACKAGE = (
    "install Debian's `postgresql` package (`apt-get install postgresql`; `make test` does it "
    "when run as root)"
)

pytestmark = pytest.mark.xdist_group("postgres")


# --------------------------------------------------------------------------------------
# A throw-away PostgreSQL server


@dataclass
class Server:
    port: int
    user: str
    password: str

    def connect(self, database: str = "postgres"):
        import psycopg2

        connection = psycopg2.connect(
            host="127.0.0.1",
            port=self.port,
            user=self.user,
            password=self.password,
            dbname=database,
        )
        connection.autocommit = True
        return connection

    def url(self, database: str) -> str:
        return f"postgresql+psycopg2://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        connection = self.connect()
        try:
            like = f" TEMPLATE {template}" if template else ""
            connection.cursor().execute(f"CREATE DATABASE {name}{like}")
        finally:
            connection.close()
        return self.url(name)

    def query(self, database: str, sql: str) -> list[tuple]:
        connection = self.connect(database)
        try:
            cursor = connection.cursor()
            cursor.execute(sql)
            return cursor.fetchall()
        finally:
            connection.close()


def server_programs() -> Path:
    """The folder with initdb and pg_ctl (Debian keeps them out of PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    initdb = found[-1] if found else shutil.which("initdb")
    if not initdb or not Path(initdb).with_name("pg_ctl").exists():
        pytest.fail(f"the PostgreSQL server programs (initdb, pg_ctl) are missing: {PACKAGE}")
    return Path(initdb).parent


def _version(path: str) -> int:
    part = Path(path).parts[-3]
    return int(part) if part.isdigit() else 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    """A PostgreSQL server for this module: initialised, started, then stopped and removed."""
    programs = server_programs()
    root = Path(tempfile.mkdtemp(prefix="autograder-postgres-"))
    as_user: dict = {}
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as Debian's `postgres`
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root)
            pytest.fail(f"running as root, the tests need the `postgres` user: {PACKAGE}")
        os.chown(root, account.pw_uid, account.pw_gid)
        as_user = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
    data, log = root / "data", root / "server.log"
    password = secrets.token_hex(16)
    (root / "password").write_text(password + "\n")
    if as_user:
        os.chown(root / "password", as_user["user"], as_user["group"])

    def run(*command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(programs / command[0]), *command[1:]],
            cwd=root,
            capture_output=True,
            text=True,
            env={"PATH": os.environ.get("PATH", ""), "LC_ALL": "C.UTF-8"},
            **as_user,
        )

    initdb = run(
        "initdb", "-D", str(data), "-U", "grader", f"--pwfile={root / 'password'}",
        "--auth=scram-sha-256", "-E", "UTF8", "--no-sync",
    )  # fmt: skip
    assert initdb.returncode == 0, initdb.stderr
    for _attempt in range(3):  # a free port can be taken between the probe and the start
        port = free_port()
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        started = run("pg_ctl", "-D", str(data), "-l", str(log), "-o", options, "-w", "start")
        if started.returncode == 0:
            break
    else:
        pytest.fail(f"PostgreSQL did not start: {started.stderr}\n{log.read_text()[-2000:]}")
    try:
        yield Server(port, "grader", password)
    finally:
        run("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


# --------------------------------------------------------------------------------------
# Helpers


def course_on(root: Path, lessons: list[str], db_url: str | None, monkeypatch) -> Path:
    """A course with the lessons generated into the gradebook at ``db_url`` (None: SQLite)."""
    with monkeypatch.context() as env:
        if db_url:
            env.setenv("NBGRADER_DB_URL", db_url)
        else:
            env.delenv("NBGRADER_DB_URL", raising=False)
        return make_course(root, lessons)


def db_env(db_url: str | None) -> dict[str, str]:
    return {"NBGRADER_DB_URL": db_url} if db_url else {}


def scores_at(db_url: str, lesson: str) -> dict[str, dict[str, float | None]]:
    """Every student's auto score per grade cell, read from the gradebook at ``db_url``."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gradebook:
        return {
            submission.student.id: {
                grade.name: grade.auto_score
                for notebook in submission.notebooks
                for grade in notebook.grades
            }
            for submission in gradebook.assignment_submissions(lesson)
        }


def sqlite_url(course: Path) -> str:
    return f"sqlite:///{course / 'gradebook.db'}"


def grade(course: Path, *args: str, db_url: str | None = None) -> subprocess.CompletedProcess:
    run = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", *args, "--seed", SEED],
        cwd=course,
        capture_output=True,
        text=True,
        env=tool_env(**db_env(db_url)),
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def exported(course: Path) -> dict[str, float]:
    return {
        row["student_id"]: float(row["score"])
        for row in csv.DictReader((course / "grades.csv").open())
        if row["assignment"] == LESSON
    }


# --------------------------------------------------------------------------------------
# The class, on SQLite (the reference) and on PostgreSQL

STUDENTS = [f"s{index}" for index in range(6)]
WORKFLOW_STUDENTS = ["perfect", "blank", "mistaken"]


def class_of_two_lessons(course: Path) -> None:
    """Each student hands in both lessons; even students right, odd ones with a mistake."""
    for lesson in LESSONS:
        right = solution_sources(lesson)
        wrong = {**right, **wrong_sources(lesson)["CELLS"]}
        for index, student in enumerate(STUDENTS):
            sources = right if index % 2 == 0 else wrong
            submit(course, student, lesson, fill(released(course, lesson), sources))


@pytest.fixture(scope="module")
def courses(tmp_path_factory, postgres):
    """The reference: every submission of this module graded on SQLite by one grader, cell by
    cell. And a course with no submissions whose gradebook is the PostgreSQL database
    ``empty`` (a template for the tests' databases)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        reference = tmp_path_factory.mktemp("pg-reference") / "course"
        course_on(reference, LESSONS, None, monkeypatch)
        class_of_two_lessons(reference)
        for student, notebook in student_versions(reference, LESSON).items():
            submit(reference, student, LESSON, notebook)
        grade(reference, *LESSONS)
        expected = {lesson: scores_at(sqlite_url(reference), lesson) for lesson in LESSONS}
        empty = tmp_path_factory.mktemp("pg-empty") / "course"
        course_on(empty, LESSONS, postgres.create_database("empty"), monkeypatch)
    return expected, empty


def copy_on_postgres(empty: Path, folder: Path, postgres, database: str) -> tuple[Path, str]:
    """A copy of the empty course, with its own copy of the database."""
    shutil.copytree(empty, folder)
    return folder, postgres.create_database(database, template="empty")


# --------------------------------------------------------------------------------------
# The workflow


@pytest.mark.slow
def test_the_workflow_on_postgresql_gives_the_grades_of_sqlite(tmp_path, postgres, courses):
    expected, empty = courses
    reference = {s: expected[LESSON][s] for s in WORKFLOW_STUDENTS}
    totals = {"perfect": 6.0, "blank": 0.0, "mistaken": wrong_sources(LESSON)["EXPECTED_SCORE"]}
    assert {s: sum(v or 0 for v in cells.values()) for s, cells in reference.items()} == totals

    for grader in ("nbgrader", "ours"):
        course, url = copy_on_postgres(empty, tmp_path / grader, postgres, f"by_{grader}")
        for student, notebook in student_versions(course, LESSON).items():
            submit(course, student, LESSON, notebook)
        if grader == "nbgrader":
            nbgrader(course, "autograde", LESSON, "--create", AUTOGRADER_SEED=SEED, **db_env(url))
        else:
            grade(course, LESSON, db_url=url)
            nbgrader(course, "generate_feedback", LESSON, **db_env(url))
            feedback = (course / "feedback" / "mistaken" / LESSON / f"{LESSON}.html").read_text()
            assert wrong_sources(LESSON)["FEEDBACK"] in feedback
            assert "BEGIN HIDDEN TESTS" not in feedback
        nbgrader(course, "export", **db_env(url))
        assert scores_at(url, LESSON) == reference, grader
        assert exported(course) == totals, grader
        # The grades really are in PostgreSQL, and no SQLite file was made on the way.
        assert not (course / "gradebook.db").exists()
        count = postgres.query(f"by_{grader}", "SELECT count(*) FROM submitted_assignment")
        assert count == [(3,)]


# --------------------------------------------------------------------------------------
# Graders side by side


@pytest.mark.slow
@pytest.mark.parametrize(
    ("split", "commands"),
    [
        # Two teaching assistants, a lesson each: the same students, created by both at once.
        ("by_lesson", [[LESSONS[0]], [LESSONS[1]]]),
        # Two graders, half of the class each, both lessons.
        ("by_student", [[*LESSONS, "--students", *STUDENTS[:3]],
                        [*LESSONS, "--students", *STUDENTS[3:]]]),
    ],
)  # fmt: skip
def test_two_graders_at_once_lose_no_grade(tmp_path, postgres, courses, split, commands):
    expected, empty = courses
    course, url = copy_on_postgres(empty, tmp_path / "course", postgres, f"at_once_{split}")
    class_of_two_lessons(course)
    graders = [
        subprocess.Popen(
            [sys.executable, "-m", "autograder", "grade", *args, "--seed", SEED, "--jobs", "1"],
            cwd=course,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=tool_env(NBGRADER_DB_URL=url),
        )
        for args in commands
    ]
    started = time.monotonic()
    outcomes = [grader.communicate(timeout=300) for grader in graders]
    for grader, (_, stderr) in zip(graders, outcomes):
        assert grader.returncode == 0, stderr.decode()[-3000:]
    print(f"{split}: both graders done in {time.monotonic() - started:.1f} s")
    for lesson in LESSONS:
        assert scores_at(url, lesson) == {s: expected[lesson][s] for s in STUDENTS}, lesson
    database = f"at_once_{split}"
    assert postgres.query(database, "SELECT count(*) FROM submitted_assignment") == [(12,)]
    assert postgres.query(database, "SELECT count(*) FROM grade WHERE auto_score IS NULL") == [(0,)]


@pytest.mark.slow
def test_the_grader_keeps_no_transaction_open_while_notebooks_run(tmp_path, postgres, courses):
    """A managed database cuts sessions left "idle in transaction" (PostgreSQL's
    ``idle_in_transaction_session_timeout``): between its writes, the grader holds none open,
    however long a notebook takes."""
    import nbformat

    _, empty = courses
    course, url = copy_on_postgres(empty, tmp_path / "course", postgres, "no_idle")
    for student, seconds in (("quick", 0.5), ("slow", 8)):
        notebook = fill(released(course, LESSON), solution_sources(LESSON))
        notebook.cells.insert(1, nbformat.v4.new_code_cell(f"import time\ntime.sleep({seconds})"))
        submit(course, student, LESSON, notebook)
    grader = subprocess.Popen(
        [sys.executable, "-m", "autograder", "grade", LESSON, "--seed", SEED, "--jobs", "2"],
        cwd=course,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=tool_env(NBGRADER_DB_URL=url),
    )
    # While "slow" runs, after "quick" is written, how long has any session sat idle in one?
    idle_seconds = (
        "SELECT coalesce(max(extract(epoch FROM clock_timestamp() - state_change)), 0)"
        " FROM pg_stat_activity WHERE datname = 'no_idle' AND state = 'idle in transaction'"
    )
    longest = 0.0
    while grader.poll() is None:
        longest = max(longest, float(postgres.query("postgres", idle_seconds)[0][0]))
        time.sleep(0.2)
    _, stderr = grader.communicate()
    assert grader.returncode == 0, stderr.decode()[-3000:]
    assert set(scores_at(url, LESSON)) == {"quick", "slow"}
    assert longest < 3, f"a session sat idle in a transaction for {longest:.1f} s"


def test_a_student_added_by_another_grader_at_the_same_moment(postgres, monkeypatch, caplog):
    """The race of two graders creating one student: the loser's insert waits for the winner's
    transaction, fails on the unique key, and is retried, instead of stopping the run (and
    without nbgrader's rollback traceback in the grader's output)."""
    from nbgrader.api import Gradebook, Student

    from autograder.nbgrader_adapter import ensure_student

    monkeypatch.setenv("PATH", tool_env()["PATH"])  # a new gradebook runs `alembic`
    url = postgres.create_database("same_moment")
    with Gradebook(url) as ours, Gradebook(url) as theirs:
        theirs.db.add(Student(id="alice"))
        theirs.db.flush()  # inserted, not committed: ours cannot see alice, and must wait
        outcome = {}

        def ensure():
            try:
                ensure_student(ours, "alice")
                outcome["students"] = [student.id for student in ours.students]
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                outcome["error"] = error
            finally:
                ours.db.remove()  # this thread's session (nbgrader's is per thread)

        racer = threading.Thread(target=ensure)
        racer.start()
        # Wait until ours is really blocked on the unique key: a lock it waits for.
        deadline = time.monotonic() + 30
        waiting = "SELECT count(*) FROM pg_locks WHERE NOT granted"
        while postgres.query("same_moment", waiting) == [(0,)]:
            assert time.monotonic() < deadline, "the second insert never waited"
            time.sleep(0.05)
        assert racer.is_alive()
        theirs.db.commit()
        racer.join(timeout=30)
    assert outcome == {"students": ["alice"]}
    assert [r for r in caplog.records if "Rolling back" in r.getMessage()] == []


def test_missing_server_programs_fail_with_the_package_name(monkeypatch):
    monkeypatch.setattr(glob, "glob", lambda pattern: [])
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="postgresql"):
        server_programs()
