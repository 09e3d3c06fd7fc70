"""The figure audit (tests/figure_audit.py) that the notebook tests run on every lesson: it
accepts figures that follow the conventions and names each way a figure can break them."""

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from nbformat.v4 import new_code_cell, new_notebook  # noqa: E402

from course import plots  # noqa: E402

import figure_audit  # noqa: E402
from conftest import execute_notebook  # noqa: E402

SIGNED = np.array([[-1.0, 3.0], [0.5, 2.0]])


@pytest.fixture(autouse=True)
def no_figures_left():
    plt.close("all")
    yield
    plt.close("all")


def one_image(data, title="a map", colorbar=True, **imshow):
    figure, ax = plt.subplots()
    image = ax.imshow(data, **imshow)
    if colorbar:
        figure.colorbar(image, ax=ax)
    ax.set_title(title)
    return figure


def suptitled(figure):
    figure.suptitle("the figure's title")
    return figure


def test_a_figure_by_the_conventions_passes():
    figure = one_image(SIGNED, cmap="RdBu_r", vmin=-3, vmax=3)
    assert figure_audit.problems(figure) == []


@pytest.mark.parametrize(
    ("figure", "problem"),
    [
        (lambda: suptitled(one_image(np.ones((2, 2)), title="")), "an image without a title"),
        (lambda: one_image(SIGNED, cmap="gray", vmin=-3, vmax=3), "drawn with 'gray'"),
        (lambda: one_image(SIGNED, cmap="RdBu_r"), "limits (-1, 3), not ±v"),
        (
            lambda: one_image(SIGNED, cmap="RdBu_r", vmin=-3, vmax=3, colorbar=False),
            "without a colour bar or numbers",
        ),
        (lambda: one_image(np.ones((2, 2)), cmap="jet"), "rainbow colormap 'jet'"),
    ],
)
def test_each_way_of_breaking_the_conventions_is_named(figure, problem):
    found = figure_audit.problems(figure())
    assert len(found) == 1 and problem in found[0], found


def test_numbers_in_the_cells_or_a_shared_colour_bar_explain_a_signed_map():
    figure = one_image(SIGNED, cmap="RdBu_r", vmin=-3, vmax=3, colorbar=False)
    figure.axes[0].text(0, 0, "-1")
    assert figure_audit.problems(figure) == []
    figure, axes = plt.subplots(1, 2)
    for ax in axes:
        shown = ax.imshow(SIGNED, cmap="RdBu_r", vmin=-3, vmax=3)
        ax.set_title("one of two")
    figure.colorbar(shown, ax=list(axes))  # one bar for both, as in show_feature_maps
    assert figure_audit.problems(figure) == []


def test_colour_images_need_titles_but_no_colormap():
    figure = one_image(np.zeros((2, 2, 3)), colorbar=False)
    assert figure_audit.problems(figure) == []


def test_a_figure_without_images_still_needs_a_title():
    figure, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    assert figure_audit.problems(figure) == ["a figure without any title"]
    figure.suptitle("a line")
    assert figure_audit.problems(figure) == []


def test_installed_audit_checks_what_the_course_helpers_render(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda: None)
    with figure_audit.installed() as found:
        plots.show_images(np.ones((2, 2)), SIGNED, titles=["flat", "signed"])
        plt.gcf().savefig(io.BytesIO(), format="png")
        assert found == []
        plots.show_images(SIGNED, titles=["forced grey"], cmap="gray")
        plt.gcf().savefig(io.BytesIO(), format="png")
        assert [entry["problem"] for entry in found] == [
            "axes 0 'forced grey': signed values drawn with 'gray', not a diverging colormap",
            "axes 0 'forced grey': signed values with limits (-1, 3), not ±v",
        ]
        assert figure_audit.report()["rendered"] == 2
    plt.gcf().savefig(io.BytesIO(), format="png")  # uninstalled: no longer counted
    assert figure_audit.report()["rendered"] == 2


@pytest.mark.slow
def test_a_notebook_is_audited_in_its_kernel(tmp_path):
    """Through Jupyter's inline display, as the notebook tests run every lesson."""
    path = tmp_path / "bad.ipynb"
    cells = [
        "import matplotlib.pyplot as plt\nimport numpy as np",
        "plt.imshow(np.array([[-1.0, 2.0]]), cmap='gray')\nplt.title('grey')\nplt.show()",
    ]
    notebook = new_notebook(cells=[new_code_cell(c) for c in cells])
    notebook.cells[1].id = "the-grey-one"
    nbformat.write(notebook, path)
    notebook = execute_notebook(path, cwd=tmp_path, prepare=figure_audit.with_audit)
    rendered, problems = figure_audit.found(notebook)
    assert rendered == 1
    assert problems[0].startswith("cell the-grey-one: axes 0 'grey': signed values drawn with")
