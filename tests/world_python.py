"""A Python installation that other users can read, for testing the grader's per-job users.

As root, the grader runs each job as its own unprivileged user, but only when that user can
read Python, the packages and the course's code (`sandbox.can_switch_user`). This machine's
Python lives under `/root`, which nobody else can enter, so the grading tests normally exercise
the other branch (user 0 with every capability dropped). This module builds the first branch's
conditions: a virtual environment of Debian's `python3` (the same minor version as ours) in a
world-readable folder, holding hard links to this environment's packages and to the checkout's
`autograder`, `course`, `data` and `solutions` (the self-check's hidden tests).

The same copy serves the learners' branch: run as an ordinary user, the sandbox enters a user
namespace instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from importlib.metadata import entry_points
from os.path import dirname
from pathlib import Path

import pytest

from autograder.sandbox import _readable_by_others as readable_by_others

from conftest import REPO

CANDIDATES = ("/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3")
CHECKOUT_PARTS = ("autograder", "course", "data", "solutions")
SCRIPTS = ("alembic",)  # nbgrader starts it by name to create a gradebook


def find_interpreter() -> str:
    """Another Python of our minor version that other users can read; fail if none."""
    wanted = f"{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in CANDIDATES:
        if not os.access(candidate, os.X_OK):
            continue
        probe = subprocess.run(
            [candidate, "-c", "import os, sys; print('%d.%d' % sys.version_info[:2], os.__file__)"],
            capture_output=True,
            text=True,
        )
        version, _, stdlib = probe.stdout.strip().partition(" ")
        if probe.returncode == 0 and version == wanted and readable_by_others([dirname(stdlib)]):
            return candidate
    pytest.fail(
        f"no Python {wanted} readable by other users, needed to test the grader's per-job "
        f"users: install Debian's python3 (apt-get install python3)"
    )


def link_tree(source: Path, target: Path, skip=lambda name: False) -> None:
    """Mirror ``source`` at ``target`` with hard links (copies across file systems)."""
    for folder, dirs, files in os.walk(source):
        destination = target / Path(folder).relative_to(source)
        destination.mkdir(mode=0o755, parents=True, exist_ok=True)
        dirs[:] = [name for name in dirs if name != "__pycache__"]
        for name in files:
            if skip(name):
                continue
            try:  # a link (a lesson's slides.md) is mirrored as what it points to
                os.link(os.path.realpath(Path(folder, name)), destination / name)
            except OSError:
                shutil.copy2(Path(folder, name), destination / name)


def build(folder: Path) -> Path:
    """The interpreter of a world-readable copy of this environment, built in ``folder``."""
    os.chmod(folder, 0o755)
    # The grader's own test of whether a sandbox user can read an installation.
    if not readable_by_others([str(folder)]):
        pytest.fail(f"{folder} is not open to other users: build the copy elsewhere")
    venv = folder / "venv"
    subprocess.run([find_interpreter(), "-m", "venv", "--without-pip", venv], check=True)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    site_packages = venv / "lib" / version / "site-packages"
    ours = {Path(sysconfig.get_paths()[kind]) for kind in ("purelib", "platlib")}
    for packages in ours:
        # The editable install points at the checkout, which may not be open to others.
        link_tree(packages, site_packages, skip=lambda name: name.startswith("__editable__"))
    checkout = folder / "checkout"
    for part in CHECKOUT_PARTS:
        link_tree(REPO / part, checkout / part)
    (site_packages / "course_checkout.pth").write_text(f"{checkout}\n")
    for name in SCRIPTS:
        (entry,) = entry_points(group="console_scripts", name=name)
        script = venv / "bin" / name
        script.write_text(
            f"#!{venv / 'bin' / 'python'}\nimport sys\nfrom {entry.module} import {entry.attr}\n"
            f"sys.exit({entry.attr}())\n"
        )
        script.chmod(0o755)
    return venv / "bin" / "python"
