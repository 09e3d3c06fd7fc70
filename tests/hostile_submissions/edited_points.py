"""The points of a test cell raised from 2 to 100: the release's points count."""

from _parts import FULL, cell_index


def submission(notebook, course):
    notebook.cells[cell_index(notebook, "test-correlate2d-random")].metadata["nbgrader"][
        "points"
    ] = 100
    return notebook


EXPECTED = FULL
CAUSE = "changed the points of test-correlate2d-random"
