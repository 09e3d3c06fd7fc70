"""Grading support for the course *Convolution, Filters & Feature Maps*.

The package holds what nbgrader lacks:

- ``autograder.reference``: reference results, thin wrappers over scipy, numpy and
  scikit-image, one module per lesson;
- ``autograder.checks``: the visible ``check_<exercise>`` functions and the ``assert_*``
  functions that the graded test cells call, one module per lesson; the failure messages
  name the likely misconception;
- ``autograder.feedback``: the engine those checks share;
- ``autograder.release``: regenerates the student notebooks from ``solutions/``;
- ``python -m autograder``: the command line.
"""

__version__ = "0.1.0"
