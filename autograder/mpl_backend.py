"""A matplotlib backend for grading: figures are built, laid out and never shown or rasterized.

Two reasons, both about grades staying exactly what nbgrader gives:

- with plain Agg, ``plt.show()`` warns on stderr ("FigureCanvasAgg is non-interactive"), and
  nbgrader scores any test cell that writes to stderr as 0; here ``show`` does nothing;
- drawing is most of a lesson's running time, and no grade reads a picture: layout and
  ``draw()`` use matplotlib's do-nothing template renderer.

``savefig`` still produces real files (it rasterizes with Agg), so a learner's code that saves a
figure behaves as in Jupyter. Selected with ``MPLBACKEND=module://autograder.mpl_backend``.
"""

from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_template import RendererTemplate


class FigureCanvas(FigureCanvasAgg):
    """Agg when a file is written; a renderer that draws nothing otherwise."""

    _writing_file = False

    def get_renderer(self):
        if self._writing_file:
            return super().get_renderer()
        return RendererTemplate(self.figure.dpi)

    def draw(self):
        if self._writing_file:
            return super().draw()
        self.figure.draw(RendererTemplate(self.figure.dpi))

    def print_figure(self, *args, **kwargs):
        self._writing_file = True
        try:
            return super().print_figure(*args, **kwargs)
        finally:
            self._writing_file = False


FigureManager = FigureManagerBase


def show(*args, **kwargs) -> None:
    """Figures are never displayed while grading."""
