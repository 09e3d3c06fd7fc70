"""Imported once by the grading fork server, so that every submission starts warm.

Everything a lesson imports that is slow to import belongs here: the scientific stack, IPython,
and the course's own packages with every lesson's checks. Importing changes no behaviour.
"""

import importlib
import pkgutil

import IPython.core.interactiveshell  # noqa: F401
import matplotlib
import matplotlib.pyplot  # noqa: F401
import numpy  # noqa: F401
import PIL.Image  # noqa: F401
import scipy.fft  # noqa: F401
import scipy.ndimage  # noqa: F401
import scipy.signal  # noqa: F401
import skimage.color  # noqa: F401
import skimage.data  # noqa: F401
import skimage.filters  # noqa: F401
import skimage.measure  # noqa: F401
import skimage.transform  # noqa: F401

import autograder.checks
import autograder.execute  # noqa: F401
import course  # noqa: F401

for _module in pkgutil.iter_modules(autograder.checks.__path__):
    importlib.import_module(f"autograder.checks.{_module.name}")
for _module in pkgutil.iter_modules(course.__path__):
    importlib.import_module(f"course.{_module.name}")

matplotlib.get_backend()  # resolve the grading backend now, not in every child
