"""`make bench` runs end to end on a tiny class (its figures are measured, not tested)."""

import json
import subprocess
import sys

import pytest

from conftest import REPO, tool_env


def benchmark(*args: str) -> subprocess.CompletedProcess:
    """``python -m benchmarks ARGS`` as `make bench` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=tool_env(),
    )


@pytest.mark.slow
def test_benchmark_runs_on_a_tiny_class(tmp_path):
    result = benchmark(
        "--students",
        "2",
        "--lessons",
        "01-convolution",
        "--skip-per-core",
        "--json",
        str(tmp_path / "b.json"),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "speed-up over sequential nbgrader" in result.stdout
    figures = json.loads((tmp_path / "b.json").read_text())
    assert figures["identical"] is True and figures["students"] == 2
    assert figures["lesson_costs"][0][0] == "01-convolution"
    assert figures["one_notebook_s"] > 0 and figures["one_notebook_nbgrader_s"] > 0
    assert "a class of one notebook (01-convolution), command to exit" in result.stdout


@pytest.mark.slow
def test_startup_alone_runs(tmp_path):
    result = benchmark("--startup", "--lessons", "01-convolution", "--json", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads((tmp_path / "s").read_text())
    assert figures["one_notebook_s"] > 0 and figures["one_notebook_nbgrader_s"] > 0
    assert "median of 5" in result.stdout


def test_benchmark_refuses_bad_arguments():
    result = benchmark("--lessons", "99-nope")
    assert result.returncode == 2 and "unknown lessons" in result.stderr


@pytest.mark.slow
def test_scaling_table_runs_on_a_tiny_class(tmp_path):
    result = benchmark(
        "--scaling",
        "--students",
        "2",
        "--lessons",
        "01-convolution",
        "--workers",
        "1,2",
        "--json",
        str(tmp_path / "s.json"),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "| Dask workers | wall time |" in result.stdout
    rows = json.loads((tmp_path / "s.json").read_text())["scaling"]
    assert [row["workers"] for row in rows] == [1, 2]
    assert rows[0]["ratio"] == 1.0 and all(row["identical"] for row in rows)


def test_scaling_refuses_bad_worker_counts():
    result = benchmark("--scaling", "--workers", "1,two")
    assert result.returncode == 2 and "--workers takes counts" in result.stderr
