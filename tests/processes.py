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


def _ours_or_orphaned(pid: str) -> bool:
    """Did this test process start ``pid`` (however deep), or is it an orphan (its parent is
    pid 1: what outlives a grader)? Not: the jobs of another test or pytest session running
    on the machine at the same time."""
    chain = _ancestors(pid)
    if chain is None:
        return False  # its family is changing: looked at again next round
    return str(os.getpid()) in chain or chain[:1] == ["1"]


def sandbox_processes(settle_seconds: float = 5.0, started_by: int | None = None) -> list[str]:
    """Live processes of the sandbox's users that this test's grading runs left behind, or
    orphans (not another test's running jobs), or only those descending from ``started_by``.
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
                elif _ours_or_orphaned(pid):
                    found.append(pid)
            except (OSError, KeyError, ValueError):
                continue
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)
