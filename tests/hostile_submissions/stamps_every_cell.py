"""A blank correlate2d, and a pre_run_cell callback that stamps a result on every later cell."""

from _parts import CORRELATE_TESTS, FULL, add_cell_after

STAMP = """
from IPython.display import display
def stamp(*args):
    get_ipython().displayhook(1.0)
    display({"text/plain": "1.0"}, raw=True)
get_ipython().events.register("pre_run_cell", stamp)
"""


def submission(notebook, course):
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "correlate2d":
            cell.source = cell.source.split("### BEGIN SOLUTION")[0] + "raise NotImplementedError()"
    return add_cell_after(notebook, "correlate2d", STAMP)


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = "NotImplementedError"
