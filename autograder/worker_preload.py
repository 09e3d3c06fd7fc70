"""Imported once by the grading fork server, so that every submission starts warm.

What every notebook needs whatever the course: IPython's shell, NumPy, matplotlib with the
grading backend, the sandbox's system-call filter. What a course's lessons import on top
(SciPy, its own packages and checks) comes from the course's config, ``c.Autograder.preload``,
which the grader passes to the fork server with these (``workers.start_warming``); the engine
knows no course. Importing changes no behaviour, except that it puts its process in grading
mode first: the grader sets the same variables when it starts the server, but multiprocessing
restarts a dead server with the caller's environment.
"""

import os

from autograder.workers import SERVER_ENVIRONMENT

os.environ.update(SERVER_ENVIRONMENT)  # before matplotlib is imported: its backend

import IPython.core.interactiveshell  # noqa: F401
import matplotlib
import matplotlib.pyplot  # noqa: F401
import numpy  # noqa: F401
import pyseccomp  # noqa: F401 - the sandbox's system-call filter

import autograder.execute  # noqa: F401
import autograder.testcells  # noqa: F401

matplotlib.get_backend()  # resolve the grading backend now, not in every child


def _first_use() -> None:
    """First use, not only import, is slow for some modules: the IPython shell's own modules,
    matplotlib's first figure. Done once here."""
    from IPython.core.interactiveshell import InteractiveShell

    from autograder.execute import _make_shell, _Recorder

    _make_shell(_Recorder())
    InteractiveShell.clear_instance()  # every submission gets a fresh shell of its own
    figure = matplotlib.pyplot.figure()
    figure.canvas.draw()
    matplotlib.pyplot.close(figure)


_first_use()
