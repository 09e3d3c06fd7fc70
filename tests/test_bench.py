"""`make bench` runs end to end on a tiny class (its figures are measured, not tested)."""

import json
import subprocess
import sys

import pytest

from conftest import REPO, tool_env


@pytest.mark.slow
def test_benchmark_runs_on_a_tiny_class(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--students",
            "2",
            "--lessons",
            "01-convolution",
            "--skip-per-core",
            "--json",
            str(tmp_path / "b.json"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=tool_env(),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "speed-up over sequential nbgrader" in result.stdout
    figures = json.loads((tmp_path / "b.json").read_text())
    assert figures["identical"] is True and figures["students"] == 2
    assert figures["lesson_costs"][0][0] == "01-convolution"


def test_benchmark_refuses_bad_arguments():
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--lessons", "99-nope"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=tool_env(),
    )
    assert result.returncode == 2 and "unknown lessons" in result.stderr
