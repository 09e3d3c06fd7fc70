"""Writes garbage on every open file descriptor, the pipe to the grader among them."""

from _parts import FULL, add_cell_after

BODY = """
import os
for fd in range(3, 64):
    try:
        os.write(fd, b"\\x00\\x00\\x00\\x10garbage-garbage!")
    except OSError:
        pass
"""


def submission(notebook, course):
    return add_cell_after(notebook, "correlate2d", BODY)


EXPECTED = FULL
CAUSE = "sent a reply the grader cannot read"
