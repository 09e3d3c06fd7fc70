"""Helpers the lesson notebooks import: data loading and figures.

- ``course.data``: ``load_image(name)`` finds the course images from any working directory;
- ``course.plots``: side-by-side image panels, kernels with their numbers, feature-map grids.

Importing this package changes no global state (no ``plt.rcParams`` edits).
"""

from course.data import load_image
from course.plots import show_feature_maps, show_images, show_kernels

__all__ = ["load_image", "show_feature_maps", "show_images", "show_kernels"]
