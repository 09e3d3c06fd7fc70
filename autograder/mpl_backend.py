"""A matplotlib backend for grading: figures are drawn with Agg and never shown.

With plain Agg, ``plt.show()`` warns on stderr ("FigureCanvasAgg is non-interactive"), and
nbgrader scores any test cell that writes to stderr as 0; this backend's ``show`` does nothing,
so a learner's ``plt.show()`` costs no marks. Selected with
``MPLBACKEND=module://autograder.mpl_backend``.
"""

from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg

FigureCanvas = FigureCanvasAgg
FigureManager = FigureManagerBase


def show(*args, **kwargs) -> None:
    """Figures are never displayed while grading."""
