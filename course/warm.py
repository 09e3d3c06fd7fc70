"""Warm-up for the grader's fork server: what this course's lessons import and first use.

Named in ``nbgrader_config.py`` (``c.Autograder.preload``), so the grader imports it once per
run instead of once per notebook. Importing it changes no behaviour.
"""

import importlib
import pkgutil

import PIL.Image  # noqa: F401
import scipy.fft  # noqa: F401
import scipy.ndimage  # noqa: F401
import scipy.signal  # noqa: F401
import skimage.color  # noqa: F401
import skimage.data
import skimage.filters
import skimage.measure  # noqa: F401
import skimage.transform  # noqa: F401

import autograder.checks
import course
from course.data import load_image

for _module in pkgutil.iter_modules(autograder.checks.__path__):
    importlib.import_module(f"autograder.checks.{_module.name}")
for _module in pkgutil.iter_modules(course.__path__):
    if _module.name != "warm":
        importlib.import_module(f"course.{_module.name}")


def _first_use() -> None:
    """Lazily loaded submodules (scikit-image), image plugins (Pillow, imageio), the images."""
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
