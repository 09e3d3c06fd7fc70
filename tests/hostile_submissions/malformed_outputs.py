"""Makes the child report malformed outputs (not nbformat's shape) for every later cell."""

from _parts import FULL, add_cell_after

BODY = """
import autograder.execute as engine
engine._Recorder.take = lambda self: [{"output_type": "execute_result", "data": 1000}, 7, None]
"""


def submission(notebook, course):
    return add_cell_after(notebook, "correlate2d", BODY)


EXPECTED = FULL
CAUSE = "sent a malformed output"
