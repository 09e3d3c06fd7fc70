"""nbgrader configuration for the course (the repository is the course directory).

Instructors who grade in another folder copy this file there and set ``root`` below.
"""

import os

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "convolution-course"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
# The hand-edited notebooks (with solutions and hidden tests) ...
c.CourseDirectory.source_directory = "solutions"
# ... and the generated student versions, committed so that Binder and learners get them.
c.CourseDirectory.release_directory = "notebooks"

# The exchange, where `release_assignment` puts assignments and students' `submit` puts their
# work: by default the course's own exchange/ folder (git-ignored; `make release-assignment`
# creates it, mode 1777). On a shared server set NBGRADER_EXCHANGE to a folder every student
# can write to, e.g. /srv/nbgrader/exchange; students set the same c.Exchange.root (README).
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE") or os.path.join(
    c.CourseDirectory.root, "exchange"
)

# A gradebook on PostgreSQL or elsewhere: set NBGRADER_DB_URL (SQLAlchemy URL).
if os.environ.get("NBGRADER_DB_URL"):
    c.CourseDirectory.db_url = os.environ["NBGRADER_DB_URL"]

# What students see where a solution was removed.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A lesson runs in under 5 s; anything near this limit is a broken or hostile submission.
c.ExecutePreprocessor.timeout = 120

# A deleted test cell is put back at grading time (nbgrader leaves it "needing manual grading").
c.OverwriteCells.add_missing_cells = True

# Feedback for students: no hidden test source, each failed check as its one-line cause, and
# the lesson's maths drawn as images in the page (it then shows without a network).
# nbgrader's own steps, then the course's: the cells that raise while an exercise is unfinished
# are tagged raises-exception (JupyterLab's Run All goes on past them), as `make release` does.
c.GenerateAssignment.preprocessors = [
    "nbgrader.preprocessors.IncludeHeaderFooter",
    "nbgrader.preprocessors.InstantiateTests",
    "nbgrader.preprocessors.LockCells",
    "nbgrader.preprocessors.ClearSolutions",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.CheckCellMetadata",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.SaveCells",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.CheckCellMetadata",
    "autograder.nbgrader_plugins.TagRaisingCells",
]
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "autograder.nbgrader_plugins.HideHiddenTests",
    "autograder.nbgrader_plugins.MathAsImages",
]

# The grader's fork server imports these once per run, so that each notebook starts warm:
# this course's lessons, checks and images (see course/warm.py).
c.Autograder.preload = ["course.warm"]
