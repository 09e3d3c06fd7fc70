"""The grading workers: kernel-like outputs, isolation, limits, and crashes that stay contained."""

from __future__ import annotations

import subprocess
import sys

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
    job = workers.Job("key", sources, "/tmp", {}, sandbox.Limits(**limits))
    (result,) = list(workers.run_jobs([job], parallel=1))
    return result


@pytest.mark.slow
def test_each_submission_gets_a_fresh_process():
    first = run(["import os; marker = 'A'; os.environ['LEAK'] = 'yes'; print(os.getpid())"])
    second = run(["import os; print(os.getpid(), os.environ.get('LEAK'), 'marker' in globals())"])
    pid_one = first.cells[0]["outputs"][0]["text"].strip()
    pid_two, leak, marker = second.cells[0]["outputs"][0]["text"].split()
    assert pid_one != pid_two and leak == "None" and marker == "False"


@pytest.mark.slow
def test_an_endless_loop_is_stopped_and_reported():
    result = run(["while True: pass"], wall_seconds=2, cpu_seconds=30)
    assert result.cells is None and result.failure == "timed out after 2 s"


@pytest.mark.slow
def test_exiting_the_process_is_reported():
    result = run(["import os; os._exit(3)"])
    assert result.cells is None and "exited with status 3" in result.failure


@pytest.mark.slow
def test_a_memory_bomb_hits_the_limit_inside_the_child():
    result = run(["blob = bytearray(3 * 1024**3)"], memory_bytes=1024**3)
    assert result.cells[0]["outputs"][0]["ename"] == "MemoryError"


@pytest.mark.slow
def test_jobs_run_side_by_side_and_all_come_back():
    jobs = [workers.Job(n, [f"print({n} * 2)"], "/tmp") for n in range(6)]
    results = {r.key: r.cells[0]["outputs"][0]["text"] for r in workers.run_jobs(jobs, 3)}
    assert results == {n: f"{n * 2}\n" for n in range(6)}
