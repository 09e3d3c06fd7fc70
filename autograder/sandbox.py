"""Limits for the process that runs a learner's code.

``enter`` is called first thing in a grading child. It puts the child in its own process
group (so the parent can kill it and everything it started), sets resource limits, moves
into the submission's folder and sets the grading environment. The limits are the
kernel's (``setrlimit``), not checks of ours that the code could switch off.
"""

from __future__ import annotations

import os
import resource
from dataclasses import asdict, dataclass

GIB = 1024**3
MIB = 1024**2


@dataclass(frozen=True)
class Limits:
    """Per-submission limits; defaults suit a lesson that runs in a few seconds."""

    wall_seconds: float = 60.0
    cpu_seconds: int = 60
    memory_bytes: int = 1 * GIB  # address space; numpy/scipy need ~0.5 GiB of it
    max_processes: int = 64  # counted per user by the kernel: a fork bomb stops here
    file_size_bytes: int = 64 * MIB

    def as_dict(self) -> dict:
        return asdict(self)


def format_bytes(count: int) -> str:
    if count >= GIB and count % GIB == 0:
        return f"{count // GIB} GiB"
    return f"{count / MIB:.0f} MiB"


def _limit(kind: int, value: int) -> None:
    soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, value if hard == resource.RLIM_INFINITY else hard))


def enter(cwd: str, limits: Limits, env: dict[str, str]) -> None:
    """Confine the current (child) process; call before running any learner code."""
    os.setpgrp()
    _limit(resource.RLIMIT_CPU, int(limits.cpu_seconds))
    _limit(resource.RLIMIT_AS, int(limits.memory_bytes))
    _limit(resource.RLIMIT_FSIZE, int(limits.file_size_bytes))
    os.chdir(cwd)
    os.environ.update(env)
