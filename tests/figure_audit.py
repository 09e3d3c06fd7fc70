"""The figure conventions of DESIGN.md and issue 7, checked on every figure a lesson renders.

- every figure has a title (its own or one of its axes'), and every axes that shows an
  image has one;
- an image of signed values (min < 0 < max) uses a diverging colormap (``DIVERGING``) with
  limits symmetric about 0, and has a colour bar, its values written in its cells, or shares
  the colormap and limits of an image in the same figure that has one;
- an image drawn with a diverging colormap has limits symmetric about 0 whatever its values
  (a one-signed kernel with limits (0, 2) paints its zeros blue and its 2 white: issue 15);
- a kernel panel (an axes labelled ``KERNEL_LABEL``, as the course's kernel helpers label
  theirs) has a colour bar of its own or shares one with the other panels of its figure:
  numbers in the cells are not enough, since a scale is what lets kernels be compared;
- no rainbow colormap (``jet`` and its kind) anywhere.

:func:`problems` checks one figure. :func:`install` wraps matplotlib's
``FigureCanvasBase.print_figure``, through which every rendering passes (Jupyter's inline
display, ``savefig``, each frame of an animation, the PNG of a widget), so that each figure is
checked as it is rendered, in whatever process runs the lesson; :func:`report` lists what was
found. The notebook tests insert the installing cell and a reporting cell with
:func:`with_audit` and read the report with :func:`found`. Test-only: nothing in ``course``
or ``autograder`` knows about it.
"""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path

import numpy as np

DIVERGING = {
    name + suffix
    for name in ("RdBu", "coolwarm", "bwr", "seismic", "PiYG", "PRGn", "BrBG", "PuOr", "RdGy")
    for suffix in ("", "_r")
}
RAINBOW = {
    name + suffix
    for name in ("jet", "rainbow", "gist_rainbow", "nipy_spectral", "hsv")
    for suffix in ("", "_r")
}
MARKER = "figure-audit: "
KERNEL_LABEL = "kernel"  # the label (``Axes.set_label``) of an axes that shows a kernel

_found: list[dict] = []
_rendered = [0]  # renderings checked, so a test can tell "no problem" from "saw nothing"
_cell = {"id": None, "run": 0}  # the cell running now: its id if the front end sends it
_original_print_figure = None


def _name(ax, index: int) -> str:
    """``axes 2 'its title'`` (or the figure's title when the axes has none)."""
    title = ax.get_title() or ax.figure.get_suptitle()
    return f"axes {index} {title[:60]!r}" if title else f"axes {index}"


def _titled(ax) -> bool:
    return any(ax.get_title(loc=loc) for loc in ("left", "center", "right"))


def _values(image) -> np.ndarray | None:
    """The finite values of a scalar image, or None for colour (RGB/RGBA) images."""
    data = image.get_array()
    if data is None or np.ndim(data) != 2:
        return None
    data = np.ma.masked_invalid(np.ma.asarray(data, dtype=float))
    return data.compressed()


def _has_colour_bar(image, with_bar: set) -> bool:
    """The image has a colour bar, or shares colormap and limits with one that has."""
    return (
        getattr(image, "colorbar", None) is not None
        or (image.get_cmap().name, tuple(image.get_clim())) in with_bar
    )


def problems(figure) -> list[str]:
    """What is wrong with ``figure`` by the conventions above (empty when nothing is)."""
    found = []
    if not figure.get_suptitle() and not any(_titled(ax) for ax in figure.axes):
        found.append("a figure without any title")
    images = [
        (index, ax, image)
        for index, ax in enumerate(figure.axes)
        if not hasattr(ax, "_colorbar")  # a colour bar's own axes
        for image in ax.get_images()
    ]
    with_bar = {
        (image.get_cmap().name, tuple(image.get_clim()))
        for _, _, image in images
        if getattr(image, "colorbar", None) is not None
    }
    for index, ax, image in images:
        where = _name(ax, index)
        cmap = image.get_cmap().name
        if not _titled(ax):
            found.append(f"{where}: an image without a title")
        if cmap in RAINBOW:
            found.append(f"{where}: rainbow colormap {cmap!r}")
        low, high = image.get_clim()
        if ax.get_label() == KERNEL_LABEL and not _has_colour_bar(image, with_bar):
            found.append(f"{where}: a kernel panel without a colour bar")
        values = _values(image)
        signed = values is not None and values.size > 0 and values.min() < 0 < values.max()
        if cmap in DIVERGING and not signed and not np.isclose(low, -high):
            found.append(f"{where}: diverging colormap with limits ({low:g}, {high:g}), not ±v")
        if not signed:
            continue
        if cmap not in DIVERGING:
            found.append(f"{where}: signed values drawn with {cmap!r}, not a diverging colormap")
        if not np.isclose(low, -high):
            found.append(f"{where}: signed values with limits ({low:g}, {high:g}), not ±v")
        explained = _has_colour_bar(image, with_bar) or len(ax.texts) > 0
        if not explained:
            found.append(f"{where}: signed values without a colour bar or numbers")
    return found


def _follow_cells() -> None:
    """Under IPython, note each cell as it starts: its id when the front end sends one
    (JupyterLab does), and how many cells ran since the audit was installed (nbclient)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    def starting(info) -> None:
        _cell["run"] += 1
        _cell["id"] = getattr(info, "cell_id", None)

    shell.events.register("pre_run_cell", starting)


def _record(figure) -> None:
    _rendered[0] += 1
    for problem in problems(figure):
        entry = {"cell": _cell["id"], "run": _cell["run"], "problem": problem}
        if entry not in _found:
            _found.append(entry)


def install() -> None:
    """Check every figure this process renders from now on (idempotent)."""
    global _original_print_figure
    from matplotlib.backend_bases import FigureCanvasBase

    if _original_print_figure is not None:
        return
    _original_print_figure = original = FigureCanvasBase.print_figure

    def print_figure(self, *args, **kwargs):
        _record(self.figure)
        return original(self, *args, **kwargs)

    FigureCanvasBase.print_figure = print_figure
    _follow_cells()


def uninstall() -> None:
    global _original_print_figure
    from matplotlib.backend_bases import FigureCanvasBase

    if _original_print_figure is not None:
        FigureCanvasBase.print_figure = _original_print_figure
        _original_print_figure = None


@contextlib.contextmanager
def installed():
    """``install`` for the duration of a ``with`` block, starting from an empty report."""
    _found.clear()
    _rendered[0] = 0
    install()
    try:
        yield _found
    finally:
        uninstall()


def report() -> dict:
    """``{"rendered": renderings checked, "problems": [{"cell", "run", "problem"}, ...]}``:
    ``cell`` is the cell's id (or None), ``run`` how many cells had started since
    :func:`install`."""
    return {"rendered": _rendered[0], "problems": list(_found)}


# ---------------------------------------------------------- notebooks run by the tests

SETUP = (
    "import sys as _sys\n"
    "_sys.path.insert(0, {folder!r})\n"
    "import figure_audit as _figure_audit\n"
    "_sys.path.remove({folder!r})\n"
    "_figure_audit.install()"
)
REPORT = "import json as _json\nprint({marker!r} + _json.dumps(_figure_audit.report()))"


def with_audit(notebook):
    """A copy of ``notebook`` with a first cell that installs the audit and a last that reports."""
    from nbformat.v4 import new_code_cell

    audited = copy.deepcopy(notebook)
    folder = str(Path(__file__).resolve().parent)
    audited.cells.insert(0, new_code_cell(SETUP.format(folder=folder)))
    audited.cells.append(new_code_cell(REPORT.format(marker=MARKER)))
    return audited


def found(executed) -> tuple[int, list[str]]:
    """The audit's report from a notebook made by ``with_audit`` and executed: the number of
    renderings checked, and the problems, each naming the id of the cell that drew it."""
    printed = "".join(
        output.get("text", "")
        for output in executed.cells[-1].get("outputs", [])
        if output.get("output_type") == "stream"
    )
    lines = [line for line in printed.splitlines() if line.startswith(MARKER)]
    if not lines:
        raise AssertionError(f"the figure audit did not report; the last cell printed {printed!r}")
    result = json.loads(lines[0][len(MARKER) :])
    # nbclient runs the non-empty code cells in order and sends no ids: count them.
    ran = [cell for cell in executed.cells if cell.cell_type == "code" and cell.source.strip()]

    def cell_id(entry) -> str:
        if entry["cell"]:
            return entry["cell"]
        run = entry["run"]  # the audit's own cell is ran[0]
        return ran[run].get("id", f"#{run}") if 0 < run < len(ran) else "?"

    return result["rendered"], [
        f"cell {cell_id(entry)}: {entry['problem']}" for entry in result["problems"]
    ]
