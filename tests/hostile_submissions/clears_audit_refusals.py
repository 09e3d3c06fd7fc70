"""Clears the audit hook's refusal lists, then opens a socket to the fork server and starts a
process: the kernel refuses what the Python-level lists no longer name."""

from _parts import CORRELATE_TESTS, FULL, ZEROS_CORRELATE, add_cell_after, trick

from course_factory import fill

BODY = """
import glob, socket, autograder.sandbox as box
for name in ("_NETWORK_EVENTS", "_PROCESS_EVENTS", "_NATIVE_EVENTS", "_SIGNAL_EVENTS",
             "_PATH_EVENTS"):
    getattr(box, name).clear()
print("fork server sockets visible:", glob.glob("/tmp/pymp-*/*"))
client = socket.socket(socket.AF_UNIX)
"""


def submission(notebook, course):
    fill(notebook, {"correlate2d": ZEROS_CORRELATE})
    return add_cell_after(notebook, "correlate2d", trick(BODY))


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = "values differ from the reference"
PRINTS = ["fork server sockets visible: []", "trick refused: PermissionError"]
