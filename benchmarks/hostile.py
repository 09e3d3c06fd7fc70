"""The hostile catalogue through both graders, side by side (the table in README).

    python -m benchmarks.hostile        (as root, on Linux: it needs namespaces and cgroups)

It builds the class of ``tests/test_hostile_submissions.py`` (an honest student and one
student per file of ``tests/hostile_submissions/``) twice, grades one copy with
``python -m autograder grade`` and the other with plain ``nbgrader autograde``, and prints, per
student, the points expected, ours and nbgrader's.

Plain nbgrader runs the submissions as root with no defence, and some of them are built to do
damage (a fork bomb, a memory bomb, ``kill -9 -1``, a write to the kernel's core pattern). So
nbgrader runs here inside its own PID, mount, network and IPC namespaces (``unshare``), with a
read-only ``/proc/sys``, a private ``/dev/shm`` and ``/tmp``, and in cgroups that cap its
processes and memory. The numbers it gives are nbgrader's own; the cage only keeps this
machine alive.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "hostile_submissions")]

LESSON = "01-convolution"
CGROUPS = {"pids": {"pids.max": "512"}, "memory": {"memory.limit_in_bytes": str(4 * 1024**3)}}
# Submissions plain nbgrader is not given: it runs them as root, where no process limit holds,
# and they would take the machine down with it (seen here: a fork bomb filled its cgroup's
# 2,000 processes and the memory limit, and the machine's load rose past 1,500).
NOT_FOR_NBGRADER = {"fork_bomb": "not run: as root it forks until the machine stalls"}


def points(scores: dict[str, float | None]) -> float:
    return sum(value or 0.0 for value in scores.values())


def caged(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``command`` (shell) in namespaces and cgroups of its own (see the module doc)."""
    made = []
    for controller, settings in CGROUPS.items():
        folder = Path("/sys/fs/cgroup") / controller / f"hostile-table-{os.getpid()}"
        if folder.parent.is_dir():
            folder.mkdir(exist_ok=True)
            for name, value in settings.items():
                (folder / name).write_text(value)
            made.append(folder)
    enter = "".join(f"echo $$ > {folder / 'cgroup.procs'}; " for folder in made)
    script = (
        f"{enter}exec unshare --pid --fork --mount --net --ipc --mount-proc sh -c '"
        "ip link set lo up; mount --make-rprivate /; "
        "mount --bind /proc/sys /proc/sys; mount -o remount,bind,ro /proc/sys; "
        "mount -t tmpfs -o size=64m tmpfs /dev/shm; mount -t tmpfs -o size=1g tmpfs /tmp; "
        f"{command}'"
    )
    try:
        return subprocess.run(
            ["sh", "-c", script], cwd=cwd, capture_output=True, text=True, timeout=600
        )
    except subprocess.TimeoutExpired as timeout:
        return subprocess.CompletedProcess(timeout.cmd, -9, "", "timed out")
    finally:
        for folder in made:  # whatever the submissions left running goes first
            for _ in range(20):
                pids = (folder / "cgroup.procs").read_text().split()
                if not pids:
                    break
                for pid in pids:
                    with contextlib.suppress(OSError):
                        os.kill(int(pid), 9)
                time.sleep(0.2)
        for folder in made:
            for _ in range(50):
                try:
                    folder.rmdir()
                    break
                except OSError:
                    time.sleep(0.1)


def main() -> int:
    import test_hostile_submissions as catalogue

    from course_factory import scores

    if os.geteuid() != 0 or not sys.platform.startswith("linux"):
        print("error: run as root on Linux (nbgrader's copy needs a cage)", file=sys.stderr)
        return 2
    # Not under /tmp: nbgrader's copy gets a private /tmp of its own.
    work = Path(tempfile.mkdtemp(prefix="hostile-table-", dir="/var/tmp"))
    try:
        ours, theirs = work / "ours", work / "nbgrader"
        catalogue.build_class(ours)
        shutil.copytree(ours, theirs)
        for name in NOT_FOR_NBGRADER:
            shutil.rmtree(theirs / "submitted" / name)
        bin_folder = Path(sys.executable).parent
        run = subprocess.run(
            [sys.executable, "-m", "autograder", "grade", LESSON, "--jobs", "2", "--seed", "7"],
            cwd=ours,
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            print(run.stderr[-2000:], file=sys.stderr)
            return 1
        # One cage per student: a submission that kills every process it can see (or stops
        # them) would otherwise end nbgrader's run for the whole class.
        for name in ["honest", *catalogue.FIXTURES]:
            if name in NOT_FOR_NBGRADER:
                continue
            nbgrader = (
                f"PATH={bin_folder}:$PATH AUTOGRADER_SEED=7 "
                f"{bin_folder / 'nbgrader'} autograde {LESSON} --student {name} --force"
            )
            caged(nbgrader, theirs)
        ours_scores, their_scores = scores(ours, LESSON), scores(theirs, LESSON)
        print("| submission | expected | `autograder grade` | `nbgrader autograde` |")
        print("|---|---|---|---|")
        from _parts import FULL

        for name in ["honest", *catalogue.FIXTURES]:
            expected = FULL if name == "honest" else catalogue.fixture(name)["EXPECTED"]
            mine = ours_scores.get(name)
            other = their_scores.get(name)
            cells = [
                f"{points(expected):g}",
                f"{points(mine):g}" if mine else "not graded",
                NOT_FOR_NBGRADER.get(name) or (f"{points(other):g}" if other else "not graded"),
            ]
            print(f"| {name} | " + " | ".join(cells) + " |")
        print(f"\n(out of {points(FULL):g} points; seed 7)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
