"""Which processes on this machine are grading jobs, for the tests that check none outlives
its grader."""

from __future__ import annotations

import os
import time
from pathlib import Path

from autograder import sandbox


def _status(pid: str) -> dict[str, str]:
    fields = {}
    for line in (Path("/proc") / pid / "status").read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value.strip()
    return fields


def _started_by_another_test_worker(pid: str) -> bool:
    """Is ``pid`` a descendant of a sibling pytest-xdist worker (a grading run of another test
    going on at the same time), rather than of this one or an orphan?"""
    here, session = str(os.getpid()), str(os.getppid())
    previous = None
    while pid not in ("0", "1"):
        if pid == here:
            return False
        if pid == session:
            return previous is not None and previous != here and "PYTEST_XDIST_WORKER" in os.environ
        previous = pid
        try:
            pid = _status(pid)["PPid"]
        except (OSError, KeyError):
            return False
    return False


def sandbox_processes(settle_seconds: float = 5.0) -> list[str]:
    """Live processes of the sandbox's users that this test's grading runs left behind (not those
    of another test running alongside). Killed processes take a moment to go: wait that long."""
    deadline = time.monotonic() + settle_seconds
    while True:
        found = []
        for status in Path("/proc").glob("[0-9]*/status"):
            pid = status.parent.name
            try:
                uid = int(_status(pid)["Uid"].split()[1])
                if uid >= sandbox.FIRST_SANDBOX_UID and not _started_by_another_test_worker(pid):
                    found.append(pid)
            except (OSError, KeyError, ValueError):
                continue
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)
