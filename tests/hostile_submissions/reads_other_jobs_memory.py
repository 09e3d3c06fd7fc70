"""Reads other jobs' memory through /proc/PID/mem to copy an honest student's answers."""

from _parts import FULL, add_cell_after, trick

BODY = """
import os
others = [p for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()]
print("other processes:", others)
for pid in others:
    open(f"/proc/{pid}/mem", "rb").read(1)
raise PermissionError("no other job to read")
"""


def submission(notebook, course):
    return add_cell_after(notebook, "correlate2d", trick(BODY))


EXPECTED = FULL
CAUSE = ""
PRINTS = ["other processes: []"]
