"""Shared pieces of the hostile lesson-1 submissions (see tests/test_hostile_submissions.py).

Every fixture starts from the released lesson 1 with correct answers filled in; it then does
one hostile or broken thing. ``convolve2d`` is implemented with scipy in the base, so that an
attack on ``correlate2d`` must leave ``convolve2d``'s 3 points untouched.
"""

import textwrap

import nbformat

CORRELATE_TESTS = {"test-correlate2d-hand": 0.0, "test-correlate2d-random": 0.0}
CONVOLVE_TESTS = {"test-convolve2d-hand": 0.0, "test-convolve2d-random": 0.0}
FULL = {
    "test-correlate2d-hand": 1.0,
    "test-correlate2d-random": 2.0,
    "test-convolve2d-hand": 1.0,
    "test-convolve2d-random": 2.0,
}

INDEPENDENT_CONVOLVE = """
def convolve2d(image, kernel):
    return scipy.signal.convolve2d(image, kernel, mode="valid")
"""

# Right shape, wrong values: fails every correlate2d test unless the tests are fooled.
ZEROS_CORRELATE = """
def correlate2d(image, kernel):
    image, kernel = np.asarray(image), np.asarray(kernel)
    return np.zeros((image.shape[0] - kernel.shape[0] + 1, image.shape[1] - kernel.shape[1] + 1))
"""


def set_source(notebook, grade_id: str, source: str):
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = textwrap.dedent(source).strip("\n")
            return notebook
    raise KeyError(grade_id)


def cell_index(notebook, grade_id: str) -> int:
    for index, cell in enumerate(notebook.cells):
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return index
    raise KeyError(grade_id)


def add_cell_after(notebook, grade_id: str, source: str):
    cell = nbformat.v4.new_code_cell(textwrap.dedent(source).strip("\n"))
    notebook.cells.insert(cell_index(notebook, grade_id) + 1, cell)
    return notebook


def trick(body: str) -> str:
    """A cell that tries ``body`` and says whether it worked: "TRICK WORKED" must never show."""
    indented = textwrap.indent(textwrap.dedent(body).strip("\n"), "    ")
    return (
        f"try:\n{indented}\n    print('TRICK WORKED')\n"
        "except BaseException as error:\n    print('trick refused:', type(error).__name__, error)"
    )
