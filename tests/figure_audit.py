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
- no rainbow colormap (``jet`` and its kind) anywhere;
- a map and the image it was computed from (2-D arrays of 6 pixels a side or more, whose
  shapes differ by 1 to 4 pixels, more than a tenth: what a valid or padded filter does to a
  small image) are drawn at one pixel size when they share a figure (:func:`scale_problems`);
- the same array keeps its colour map from one figure to the next within a lesson
  (:func:`colour_map_changes`).

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


def _is_kernel_panel(ax, image) -> bool:
    """Weights drawn in a diverging map with their numbers in the cells: a kernel's panel."""
    data = image.get_array()
    return (
        image.get_cmap().name in DIVERGING
        and data is not None
        and np.ndim(data) == 2
        and len(ax.texts) >= np.size(data)
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
        kernel_panel = ax.get_label() == KERNEL_LABEL or _is_kernel_panel(ax, image)
        if kernel_panel and not _has_colour_bar(image, with_bar):
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


# A map and its input: shapes within this many pixels but more than this fraction apart (closer
# sizes look alike), sides at least MIN_SIDE (smaller arrays are kernels and number grids);
# their pixel sizes may differ by SCALE_TOLERANCE at most.
FAMILY_PIXELS = 4
FAMILY_FRACTION = 0.1
MIN_SIDE = 6
SCALE_TOLERANCE = 0.05


def _pixel_size(ax, image) -> tuple[float, float]:
    """The on-page size, in inches, of one pixel of ``image`` (width, height)."""
    figure_width, figure_height = ax.figure.get_size_inches()
    box = ax.get_position()
    left, right, bottom, top = image.get_extent()
    rows, columns = np.shape(image.get_array())[:2]
    x_span = abs(np.subtract(*ax.get_xlim()))
    y_span = abs(np.subtract(*ax.get_ylim()))
    return (
        box.width * figure_width / x_span * abs(right - left) / columns,
        box.height * figure_height / y_span * abs(top - bottom) / rows,
    )


def scale_problems(figure) -> list[str]:
    """Maps drawn at another pixel size than the image they were computed from.

    Read after the figure was drawn (axes keep their aspect only then).
    """
    panels = [
        (index, ax, image)
        for index, ax in enumerate(figure.axes)
        if not hasattr(ax, "_colorbar")
        for image in ax.get_images()
        if np.ndim(image.get_array()) == 2 and min(np.shape(image.get_array())) >= MIN_SIDE
    ]
    found = []
    for position, (index, ax, image) in enumerate(panels):
        for other_index, other_ax, other in panels[position + 1 :]:
            shape, other_shape = np.shape(image.get_array()), np.shape(other.get_array())
            gap = max(abs(a - b) for a, b in zip(shape, other_shape))
            if not 0 < gap <= FAMILY_PIXELS or gap <= FAMILY_FRACTION * max(*shape, *other_shape):
                continue  # unrelated arrays, or too alike in size for the eye to tell
            size, other_size = _pixel_size(ax, image), _pixel_size(other_ax, other)
            if any(abs(a / b - 1) > SCALE_TOLERANCE for a, b in zip(size, other_size)):
                found.append(
                    f"{_name(ax, index)} ({shape[0]}×{shape[1]}) and "
                    f"{_name(other_ax, other_index)} ({other_shape[0]}×{other_shape[1]}) "
                    "drawn at different pixel sizes"
                )
    return found


def _fingerprint(data) -> tuple | None:
    data = np.ma.filled(np.ma.asarray(data, dtype=float), np.nan)
    if data.ndim != 2 or np.unique(data[np.isfinite(data)]).size < 3:
        return None  # flat or two-valued arrays (masks) may be drawn in any colours
    return data.shape, hash(np.round(data, 9).tobytes())


def colour_map_changes(figure, seen: dict) -> list[str]:
    """Arrays that an earlier figure (recorded in ``seen``) drew with another colour map."""
    found = []
    for index, ax in enumerate(figure.axes):
        if hasattr(ax, "_colorbar"):
            continue
        for image in ax.get_images():
            key = _fingerprint(image.get_array())
            if key is None:
                continue
            cmap, where = image.get_cmap().name, _name(ax, index)
            earlier = seen.setdefault(key, (cmap, where))
            if earlier[0] != cmap:
                found.append(
                    f"{where}: the array drawn earlier as {earlier[1]} with {earlier[0]!r} "
                    f"is drawn here with {cmap!r}"
                )
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


_seen_arrays: dict = {}  # fingerprint -> (colour map, where) of every array drawn so far


def _record(figure) -> None:
    """Check a figure that was just drawn."""
    _rendered[0] += 1
    found = problems(figure) + scale_problems(figure) + colour_map_changes(figure, _seen_arrays)
    for problem in found:
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
        result = original(self, *args, **kwargs)
        _record(self.figure)  # after drawing: the layout and the axes' aspect are final
        return result

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
    _seen_arrays.clear()
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
