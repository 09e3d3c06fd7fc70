"""The grading workers: kernel-like outputs, isolation, limits, and crashes that stay contained."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from autograder import sandbox, workers
from autograder.execute import run_cells


def outputs(cells):
    return [cell["outputs"] for cell in cells]


def test_outputs_have_nbformat_shapes():
    cells = run_cells(
        [
            "x = 20 + 1\nx * 2",
            "print('a'); print('b')\nimport sys; print('oops', file=sys.stderr)",
            "1 / 0",
            "from IPython.display import display; display('shown')",
            "def broken(:",
        ]
    )
    result, streams, error, display, syntax = outputs(cells)
    assert result == [
        {
            "output_type": "execute_result",
            "execution_count": 1,
            "data": {"text/plain": "42"},
            "metadata": {},
        }
    ]
    assert streams == [
        {"output_type": "stream", "name": "stdout", "text": "a\nb\n"},
        {"output_type": "stream", "name": "stderr", "text": "oops\n"},
    ]
    assert error[0]["ename"] == "ZeroDivisionError" and error[0]["traceback"]
    assert display[0]["output_type"] == "display_data"
    assert syntax[0]["ename"] == "SyntaxError"
    assert [cell["execution_count"] for cell in cells] == [1, 2, 3, 4, 5]


def test_execution_goes_on_after_an_error():
    cells = run_cells(["y = 1", "raise ValueError('x')", "print(y + 1)"])
    assert cells[2]["outputs"][0]["text"] == "2\n"


def test_grading_backend_shows_nothing_but_still_saves_files(tmp_path):
    code = (
        "import sys, matplotlib.pyplot as plt\n"
        "plt.plot([1, 2]); plt.title('t'); plt.gcf().tight_layout(); plt.show()\n"
        "plt.savefig(sys.argv[1])\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code, str(tmp_path / "f.png")],
        capture_output=True,
        text=True,
        env={"MPLBACKEND": "module://autograder.mpl_backend", "PATH": ""},
    )
    assert result.returncode == 0 and result.stderr == ""  # no "non-interactive" warning
    assert (tmp_path / "f.png").read_bytes().startswith(b"\x89PNG")


def run(sources, **limits):
    with tempfile.TemporaryDirectory() as folder:
        job = workers.Job("key", sources, folder, {}, sandbox.Limits(**limits))
        (result,) = list(workers.run_jobs([job], parallel=1))
    return result


def error_of(cell):
    (output,) = [o for o in cell["outputs"] if o["output_type"] == "error"]
    return f"{output['ename']}: {output['evalue']}"


@pytest.mark.slow
def test_each_submission_gets_a_fresh_process():
    first = run(["import os; marker = 'A'; os.environ['LEAK'] = 'yes'; print(os.getpid())"])
    second = run(["import os; print(os.getpid(), os.environ.get('LEAK'), 'marker' in globals())"])
    pid_one = first.cells[0]["outputs"][0]["text"].strip()
    pid_two, leak, marker = second.cells[0]["outputs"][0]["text"].split()
    assert leak == "None" and marker == "False"
    if "own PID namespace" in first.protections:
        assert pid_one == pid_two == "1"  # each the first process of its own PID namespace


@pytest.mark.slow
def test_an_endless_loop_is_interrupted_and_keeps_what_it_defined():
    """As nbgrader's kernel interrupt: KeyboardInterrupt in the cell, the process goes on."""
    cells = ["x = 1", "def f():\n    return x + 1\nwhile True: pass", "print(f())"]
    result = run(cells, cell_seconds=2, cpu_seconds=30)
    assert result.attempts == 1
    assert error_of(result.cells[1]) == (
        "KeyboardInterrupt: this cell ran over its time limit of 2 s and was interrupted"
    )
    assert result.cells[2]["outputs"][0]["text"] == "2\n"  # f survived the interrupt
    # Said as data, for the caller to name the cell in its own terms: not "cell 2" in a text.
    assert result.timed_out == [1]
    assert result.cell_notes == [(1, "timed out after 2 s")]
    assert result.failure == ""


@pytest.mark.slow
def test_a_loop_that_ignores_the_interrupt_costs_only_its_cell():
    """Only a process that is gone (killed here) is rerun, with the cell skipped."""
    loop = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True: pass"
    result = run(["x = 1", loop, "print(x + 1)"], cell_seconds=1, cpu_seconds=30)
    assert result.attempts == 2
    assert error_of(result.cells[1]).startswith("GradingError: this cell timed out after 1 s")
    assert result.cells[2]["outputs"][0]["text"] == "2\n"
    assert result.timed_out == [1]
    assert result.cell_notes == [
        (1, "timed out after 1 s and did not stop when interrupted, so the grader skipped it")
    ]


@pytest.mark.slow
def test_the_notebook_time_limit_bounds_a_slow_notebook():
    result = run(["import time; time.sleep(0.7)"] * 4, wall_seconds=2, cell_seconds=30)
    assert result.ran_out_of_time == 2
    assert error_of(result.cells[2]) == (
        "KeyboardInterrupt: the notebook ran over its time limit of 2 s and was interrupted"
    )
    assert result.cells[3] is None  # never started
    assert result.timed_out == [] and result.cell_notes == []  # no cell ran over its own 30 s


@pytest.mark.slow
def test_exiting_the_process_costs_only_its_cell():
    result = run(["y = 5", "import os; os._exit(3)", "print(y)"])
    assert "exit status 3" in error_of(result.cells[1])
    assert result.cells[2]["outputs"][0]["text"] == "5\n"


@pytest.mark.slow
def test_a_memory_bomb_hits_the_limit_inside_the_child():
    result = run(["blob = bytearray(3 * 1024**3)"], memory_bytes=1024**3)
    assert result.cells[0]["outputs"][0]["ename"] == "MemoryError"


@pytest.mark.slow
def test_jobs_run_side_by_side_and_all_come_back(tmp_path):
    jobs = [workers.Job(n, [f"print({n} * 2)"], str(tmp_path)) for n in range(6)]
    results = {r.key: r.cells[0]["outputs"][0]["text"] for r in workers.run_jobs(jobs, 3)}
    assert results == {n: f"{n * 2}\n" for n in range(6)}


@pytest.mark.slow
def test_a_per_cell_time_limit_overrides_the_default():
    with tempfile.TemporaryDirectory() as folder:
        sources = ["import time; time.sleep(1.5); print('slow but allowed')", "time.sleep(1.5)"]
        limits = sandbox.Limits(cell_seconds=1)
        job = workers.Job("key", sources, folder, {}, limits, cell_seconds={0: 5})
        (result,) = list(workers.run_jobs([job], parallel=1))
    assert result.cells[0]["outputs"][0]["text"] == "slow but allowed\n"
    assert "time limit of 1 s" in error_of(result.cells[1])


def test_the_sandbox_reports_what_it_had_in_force():
    result = run(["print(1)"])
    assert {"limits", "audit hook"} <= set(result.protections)


def test_grading_leaves_the_callers_environment_alone():
    import os

    before = {name: os.environ.get(name) for name in workers.SERVER_ENVIRONMENT}
    result = run(["import os; print(os.environ['AUTOGRADER_GRADING'])"])
    assert result.cells[0]["outputs"][0]["text"] == "1\n"  # the job is in grading mode
    assert {name: os.environ.get(name) for name in workers.SERVER_ENVIRONMENT} == before


@pytest.mark.slow
def test_a_restarted_fork_server_is_still_in_grading_mode():
    import os
    import signal
    from multiprocessing import forkserver

    run(["pass"])  # the server is up
    server = forkserver._forkserver._forkserver_pid  # noqa: SLF001
    os.kill(server, signal.SIGKILL)
    # multiprocessing restarts a server it sees dead: wait until the kernel has made it a zombie.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{server}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    break
        except FileNotFoundError:  # already reaped
            break
        time.sleep(0.05)
    code = "import os, matplotlib\nprint(matplotlib.get_backend(), os.environ[GRADING])"
    result = run(["GRADING = 'AUTOGRADER_GRADING'", code])
    assert result.cells[1]["outputs"][0]["text"] == "module://autograder.mpl_backend 1\n"


@pytest.fixture
def temporary_folder(monkeypatch):
    """A temporary folder of the grader's own, readable by a sandbox user as /tmp is."""
    folder = tempfile.mkdtemp()
    os.chmod(folder, 0o755)
    monkeypatch.setattr(tempfile, "tempdir", folder)
    yield Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


def scratch_folders(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(f"{workers.SCRATCH_PREFIX}*"))


def test_a_job_run_from_the_temporary_folder_does_not_copy_its_own_scratch(temporary_folder):
    (temporary_folder / "data.txt").write_text("x")
    (temporary_folder / f"{workers.SCRATCH_PREFIX}1-other").mkdir()  # another job's
    # Every file in the job's folder but IPython's own (.ipython, made as the job starts).
    listing = (
        "import os\n"
        "print(sorted(os.path.join(f, n) for f, _, ns in os.walk('.') for n in ns\n"
        "             if not f.startswith('./.ipython')))"
    )
    job = workers.Job("key", [listing], str(temporary_folder))
    (result,) = list(workers.run_jobs([job], parallel=1))
    assert result.cells[0]["outputs"][0]["text"] == "['./data.txt']\n"


def test_a_run_leaves_no_scratch_folder(temporary_folder):
    jobs = [workers.Job(n, ["print(1)", "1 / 0"], str(temporary_folder)) for n in range(3)]
    assert len(list(workers.run_jobs(jobs, parallel=2))) == 3
    assert scratch_folders(temporary_folder) == []


@pytest.mark.slow
def test_a_run_stopped_early_kills_its_jobs_and_removes_their_scratch(temporary_folder):
    quick = workers.Job("quick", ["print(1)"], str(temporary_folder))
    slow = workers.Job(
        "slow",
        ["import os; print(os.getpid(), flush=True)", "while True: pass"],
        str(temporary_folder),
    )
    results = workers.run_jobs([slow, quick], parallel=2)
    assert next(results).key == "quick"
    (running,) = scratch_folders(temporary_folder)  # the slow job's
    results.close()  # as an exception or Ctrl-C in the caller would
    assert scratch_folders(temporary_folder) == []
    assert running.startswith(f"{workers.SCRATCH_PREFIX}{os.getpid()}-")


def test_a_killed_graders_scratch_folders_are_removed_by_the_next_run(temporary_folder):
    finished = subprocess.Popen(["true"])
    finished.wait()  # a pid that is no longer running
    abandoned = temporary_folder / f"{workers.SCRATCH_PREFIX}{finished.pid}-abc"
    (abandoned / "deep").mkdir(parents=True)
    ours = temporary_folder / f"{workers.SCRATCH_PREFIX}{os.getpid()}-def"
    ours.mkdir()  # a running grader's (this process): kept
    init = temporary_folder / f"{workers.SCRATCH_PREFIX}1-ghi"
    init.mkdir()  # pid 1 is always running: kept
    unrelated = temporary_folder / f"{workers.SCRATCH_PREFIX}notes"
    unrelated.mkdir()  # not a grader's name: kept
    assert workers.remove_abandoned_scratch() == [str(abandoned)]
    assert scratch_folders(temporary_folder) == sorted([ours.name, init.name, unrelated.name])


def test_written_files_are_what_the_notebook_wrote_and_nothing_else(tmp_path):
    """Kept for autograded/ (nbgrader keeps them): new and changed regular files; not what was
    copied in untouched, not links, fifos, notebooks or Python's own caches."""
    original, scratch = tmp_path / "submission", tmp_path / "scratch"
    for folder in (original, scratch):
        (folder / "data").mkdir(parents=True)
        (folder / "data" / "input.csv").write_text("1,2\n")
        (folder / "helper.py").write_text("x = 1\n")
    (scratch / "helper.py").write_text("x = 2\n")  # changed by the notebook
    (scratch / "result.txt").write_text("a side effect")
    (scratch / "copy.ipynb").write_text("{}")
    (scratch / "passwords").symlink_to("/etc/passwd")
    os.mkfifo(scratch / "pipe")
    (scratch / ".ipython" / "profile_default").mkdir(parents=True)
    (scratch / ".ipython" / "profile_default" / "README").write_text("IPython's")
    written = workers._written_files(str(scratch), original)
    assert written == {"helper.py": b"x = 2\n", "result.txt": b"a side effect"}


def test_written_files_stop_at_their_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "MAX_WRITTEN_FILES", 3)
    for number in range(10):
        (tmp_path / f"file{number}.txt").write_text(str(number))
    assert len(workers._written_files(str(tmp_path), tmp_path / "nothing")) == 3
    monkeypatch.setattr(workers, "MAX_WRITTEN_BYTES", 5)
    (tmp_path / "big.bin").write_bytes(b"x" * 6)
    assert "big.bin" not in workers._written_files(str(tmp_path), tmp_path / "nothing")


def test_sandbox_user_ids_are_leased_machine_wide(tmp_path, monkeypatch):
    """Two graders at once never get the same id; an id comes back when its holder lets go."""
    monkeypatch.setattr(sandbox, "UID_LEASES", str(tmp_path / "leases"))
    first, held = sandbox.lease_uid()
    second, other = sandbox.lease_uid()
    assert first == sandbox.FIRST_SANDBOX_UID and second == first + 1
    os.close(held)
    again, third = sandbox.lease_uid()
    assert again == first
    os.close(other), os.close(third)


def test_a_hidden_file_gone_by_the_time_it_is_covered_costs_nothing(tmp_path, monkeypatch):
    """The gradebook's SQLite journal is hidden from jobs, and it comes and goes with every
    commit of the run: a job that saw it, then found it gone when covering it, failed to start,
    and every cell of that notebook scored 0 (a rare, load-dependent difference between two
    runs). Nothing is left to hide then: the job goes on."""
    journal = tmp_path / "gradebook.db-journal"
    checks = []

    def isfile(path) -> bool:  # there when first checked, gone by the time it is covered
        if path == str(journal):
            checks.append(path)
            return len(checks) == 1
        return present(path)

    present = os.path.isfile
    monkeypatch.setattr(os.path, "isfile", isfile)
    assert not journal.exists()
    assert sandbox._hide([str(journal)]) == []
    assert checks  # the race was played
