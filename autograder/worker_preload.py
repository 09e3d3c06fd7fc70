"""Imported once by the grading fork server, so that every submission starts warm.

Everything a lesson imports that is slow to import belongs here: the scientific stack, IPython,
and the course's own packages with every lesson's checks. Importing changes no behaviour,
except that it puts its process in grading mode first: the grader sets the same variables when
it starts the server, but multiprocessing restarts a dead server with the caller's environment.
"""

import importlib
import os
import pkgutil

from autograder.workers import SERVER_ENVIRONMENT

os.environ.update(SERVER_ENVIRONMENT)  # before matplotlib is imported: its backend

import IPython.core.interactiveshell  # noqa: F401
import matplotlib
import matplotlib.pyplot  # noqa: F401
import numpy  # noqa: F401
import PIL.Image  # noqa: F401
import pyseccomp  # noqa: F401 - the sandbox's system-call filter
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

# First use, not only import, is slow for some of them: lazily loaded submodules (scikit-image),
# image plugins (Pillow, imageio), the IPython shell's own modules. Do it once here.


def _first_use() -> None:
    import skimage.filters
    from IPython.core.interactiveshell import InteractiveShell

    from autograder.execute import _make_shell, _Recorder
    from course.data import load_image

    _make_shell(_Recorder())
    InteractiveShell.clear_instance()  # every submission gets a fresh shell of its own
    figure = matplotlib.pyplot.figure()
    figure.canvas.draw()
    matplotlib.pyplot.close(figure)
    for name in ("sample_image.jpg", "color_image.jpg", "brain_mri.jpg", "material_surface.jpg"):
        try:
            load_image(name)
        except Exception:  # noqa: BLE001 - a missing image is reported where it is used
            pass
    for texture in (skimage.data.brick, skimage.data.gravel, skimage.data.grass):
        texture()
    for name in ("sobel", "gaussian", "uniform"):  # touch lazily loaded submodules
        getattr(skimage.filters, name, None)


_first_use()
