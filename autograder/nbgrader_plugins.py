"""nbgrader plugins of the course, enabled in ``nbgrader_config.py``.

``HideHiddenTests`` runs in ``nbgrader generate_feedback``. nbgrader's feedback shows the
autograded notebook as it ran, hidden tests included, and tracebacks quote the failing line.
This step removes the ``### BEGIN HIDDEN TESTS`` regions from every graded cell and cuts each
graded cell's error down to its last line ("AssertionError: correlate2d, random case 2: you
flipped the kernel ..."), which is the checks' diagnosis and holds no test source.

nbconvert's HTML exporter configures ``display_data_priority`` for every preprocessor it runs
(as ``NbConvertBase`` config). nbgrader's preprocessors declare that trait without ``config``,
so traitlets warned "Config option `display_data_priority` not recognized by
`HideHiddenTests`" on every ``generate_feedback``; declaring it configurable, as nbgrader's own
``GetGrades`` does, accepts the setting (this step does not use it).
"""

from __future__ import annotations

from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests
from traitlets import List


class HideHiddenTests(ClearHiddenTests):
    """Hidden tests and tracebacks out of student-visible feedback."""

    display_data_priority = List(ClearHiddenTests().display_data_priority).tag(config=True)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            self._remove_hidden_test_region(cell)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output['ename']}: {output['evalue']}"]
        return cell, resources
