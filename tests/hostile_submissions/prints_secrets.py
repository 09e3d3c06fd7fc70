"""Prints the environment (an instructor's database URL with its password, the run's seed)
and looks for the hidden tests in its own process, so the feedback carries them home."""

from _parts import FULL, add_cell_after

BODY = """
import os, gc
print(dict(os.environ))
print("seed:", os.environ.get("AUTOGRADER_SEED"))
print([o for o in gc.get_objects() if isinstance(o, str) and "HIDDEN" in o][:5])
"""


def submission(notebook, course):
    return add_cell_after(notebook, "correlate2d", BODY)


EXPECTED = FULL
CAUSE = ""
PRINTS = ["seed: None"]
