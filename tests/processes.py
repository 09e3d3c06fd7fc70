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


def _ancestors(pid: str) -> list[str] | None:
    """``pid``'s parent, grandparent... up to pid 1; None if one of them ended meanwhile."""
    chain = []
    while pid not in ("0", "1"):
        try:
            pid = _status(pid)["PPid"]
        except (OSError, KeyError):
            return None
        chain.append(pid)
    return chain


def _started_by_another_test_worker(pid: str) -> bool:
    """Is ``pid`` a descendant of a sibling pytest-xdist worker (a grading run of another test
    going on at the same time), rather than of this one or an orphan?"""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return False
    chain = _ancestors(pid)
    if chain is None:
        return True  # its family is changing: another run's; looked at again next round
    here, session = str(os.getpid()), str(os.getppid())
    if here in chain or session not in chain:
        return False
    return chain[chain.index(session) - 1] != here if chain.index(session) > 0 else False


def sandbox_processes(settle_seconds: float = 5.0, started_by: int | None = None) -> list[str]:
    """Live processes of the sandbox's users that this test's grading runs left behind (not those
    of another test running alongside), or only those descending from ``started_by``.
    Killed processes take a moment to go: wait up to ``settle_seconds`` for none to be left."""
    deadline = time.monotonic() + settle_seconds
    while True:
        found = []
        for status in Path("/proc").glob("[0-9]*/status"):
            pid = status.parent.name
            try:
                uid = int(_status(pid)["Uid"].split()[1])
                if uid < sandbox.FIRST_SANDBOX_UID:
                    continue
                if started_by is not None:
                    if str(started_by) in (_ancestors(pid) or []):
                        found.append(pid)
                elif not _started_by_another_test_worker(pid):
                    found.append(pid)
            except (OSError, KeyError, ValueError):
                continue
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)
