"""Not JSON at all (a truncated file): the notebook scores 0 and the run goes on."""

import nbformat
from _parts import CONVOLVE_TESTS, CORRELATE_TESTS


def submission(notebook, course):
    return nbformat.writes(notebook)[:5000].encode()


EXPECTED = {**CORRELATE_TESTS, **CONVOLVE_TESTS}
CAUSE = "not a valid notebook"
