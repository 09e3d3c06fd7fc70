"""Fills /dev/shm (shared by every process of a machine, with no quota) and writes a sysctl
that root may write (the kernel's core pattern)."""

from _parts import FULL, add_cell_after, trick

BODY = """
for number in range(64):
    with open(f"/dev/shm/filler-{number}", "wb") as filler:
        filler.write(bytes(32 * 1024**2))
"""
SYSCTL = """
with open("/proc/sys/kernel/core_pattern", "w") as pattern:
    pattern.write("|/bin/sh -c 'echo pwned > /tmp/pwned'")
"""


def submission(notebook, course):
    add_cell_after(notebook, "correlate2d", trick(SYSCTL))
    return add_cell_after(notebook, "correlate2d", trick(BODY))


EXPECTED = FULL
CAUSE = ""
PRINTS = ["trick refused: OSError [Errno 28] No space left on device"]
