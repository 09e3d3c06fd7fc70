"""The grading engine knows no course: it never imports a lesson's checks, references,
feedback engine or figures. What a course wants pre-imported comes from its config."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from conftest import REPO

ENGINE = [
    "autograde",
    "cli",
    "course_config",
    "dask_executor",
    "execute",
    "integrity",
    "nbgrader_adapter",
    "mpl_backend",
    "plaindata",
    "probes",
    "progress",
    "report",
    "sandbox",
    "selfcheck",
    "settings",
    "testcells",
    "worker_preload",
    "workers",
]
COURSE_SIDE = (
    "course",
    "autograder.checks",
    "autograder.reference",
    "autograder.feedback",
    "autograder.cases",
)


def imported_names(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("module", ENGINE)
def test_an_engine_module_imports_nothing_of_the_course(module):
    names = imported_names(REPO / "autograder" / f"{module}.py")
    leaks = sorted(n for n in names if n.startswith(COURSE_SIDE) and n.split(".")[0] != "")
    assert leaks == []


def test_the_engine_loads_no_course_module_at_run_time():
    code = (
        "import sys\n"
        + "".join(f"import autograder.{name}\n" for name in ENGINE if name != "worker_preload")
        + f"bad = [m for m in sys.modules if m.startswith({COURSE_SIDE!r})]\n"
        + "print(bad)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_the_check_would_catch_an_import_of_the_course(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def f():\n    from autograder.checks import l01_convolution\n")
    assert "autograder.checks" in imported_names(sneaky)


def test_the_course_names_its_preload_in_its_config():
    from autograder.autograde import open_course, preload_from_config

    assert preload_from_config(open_course(REPO)) == ["course.warm"]
