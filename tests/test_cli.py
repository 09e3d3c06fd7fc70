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
