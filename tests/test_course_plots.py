"""The figure helpers: titles everywhere, a centred diverging map for signed maps, no
global state changed, and no display while grading."""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course import plots  # noqa: E402
from course.illustrations import show_sliding_window  # noqa: E402

# Every test here draws: each gets fresh figures and a recording plt.show (conftest).
pytestmark = pytest.mark.usefixtures("fresh_figures")


def images_of(figure):
    return [ax.images[0] for ax in figure.axes if ax.images]


def test_importing_the_helpers_changes_no_global_state():
    code = (
        "import matplotlib; before = dict(matplotlib.rcParams);"
        "import course, course.plots, course.illustrations;"
        "assert dict(matplotlib.rcParams) == before"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_signed_map_is_centred_on_zero_with_a_colour_bar(fresh_figures):
    signed = np.array([[-1.0, 3.0], [0.5, 2.0]])
    plots.show_images(np.ones((2, 2)), signed, titles=["flat", "signed"])
    figure = fresh_figures[0]
    flat, image = images_of(figure)[:2]
    assert image.get_cmap().name == plots.SIGNED_CMAP
    assert image.get_clim() == (-3.0, 3.0)
    assert flat.get_cmap().name == "gray"
    assert [ax.get_title() for ax in figure.axes[:2]] == ["flat", "signed"]
    assert len(figure.axes) == 3  # two panels and the signed one's colour bar


def test_signed_can_be_forced_for_a_one_signed_response(fresh_figures):
    plots.show_images(np.array([[0.0, 4.0]]), titles=["edge"], signed=True)
    image = images_of(fresh_figures[0])[0]
    assert image.get_cmap().name == plots.SIGNED_CMAP and image.get_clim() == (-4.0, 4.0)


def test_titles_must_match_images():
    with pytest.raises(ValueError, match="got 2 images but 1 titles"):
        plots.show_images(np.ones((2, 2)), np.ones((2, 2)), titles=["one"])


def test_feature_maps_grid_has_a_title_per_map(fresh_figures):
    maps = np.random.default_rng(0).normal(size=(5, 4, 4))
    plots.show_feature_maps(maps, titles=[f"filter {i}" for i in range(5)], ncols=3)
    titles = [ax.get_title() for ax in fresh_figures[0].axes if ax.get_title()]
    assert titles == [f"filter {i}" for i in range(5)]


def test_feature_maps_need_three_dimensions():
    with pytest.raises(ValueError, match=r"shape \(n, H, W\)"):
        plots.show_feature_maps(np.ones((4, 4)))


def test_kernels_show_their_numbers(fresh_figures):
    plots.show_kernels([np.array([[1, -2], [0.5, 0]])], titles=["k"])
    texts = [t.get_text() for t in fresh_figures[0].axes[0].texts]
    assert texts == ["1", "-2", "0.5", "0"]


def test_sliding_window_shows_the_sum(fresh_figures):
    image = np.arange(1, 13).reshape(3, 4)
    show_sliding_window(image, [[1, 2], [0, -1]], (0, 1))
    assert "= 1" in fresh_figures[0].texts[0].get_text()  # 2*1 + 3*2 + 6*0 + 7*(-1) = 1


def test_sliding_window_rejects_a_position_outside_the_output():
    with pytest.raises(ValueError, match="outside the output"):
        show_sliding_window(np.ones((3, 3)), np.ones((2, 2)), (2, 0))


def test_under_the_grader_nothing_is_drawn(fresh_figures, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_GRADING", "1")
    plots.show_images(np.ones((2, 2)), titles=["x"])
    plots.show_kernels([np.ones((2, 2))], titles=["k"])
    plots.show_feature_maps(np.ones((2, 3, 3)), titles=["a", "b"])
    show_sliding_window(np.ones((3, 3)), np.ones((2, 2)), (0, 0))
    assert fresh_figures == [] and plt.get_fignums() == []


def test_under_the_grader_arguments_are_still_checked(monkeypatch):
    monkeypatch.setenv("AUTOGRADER_GRADING", "1")
    with pytest.raises(ValueError, match="titles"):
        plots.show_images(np.ones((2, 2)), titles=[])
    with pytest.raises(ValueError, match="outside the output"):
        show_sliding_window(np.ones((3, 3)), np.ones((2, 2)), (5, 0))


def test_feature_maps_on_one_shared_scale(fresh_figures):
    maps = np.stack([np.zeros((3, 3)), np.full((3, 3), 5.0), np.eye(3)])
    plots.show_feature_maps(maps, titles=["a", "b", "c"], shared_scale=True)
    figure = fresh_figures[0]
    images = images_of(figure)
    assert len(images) == 3 and {image.get_clim() for image in images} == {(0.0, 5.0)}
    assert len(figure.axes) == 4  # three maps and one colour bar


def colour_bars(figure):
    return [ax for ax in figure.axes if hasattr(ax, "_colorbar")]


def test_every_kernel_panel_has_a_colour_bar_and_a_centred_scale(fresh_figures):
    kernels = [np.array([[-1.0, 8.0], [-1.0, -1.0]]), np.full((3, 3), 1 / 9)]
    plots.show_kernels(kernels, titles=["edge", "blur"])
    figure = fresh_figures[0]
    images = images_of(figure)
    assert [image.get_clim() for image in images] == [(-8.0, 8.0), (-1 / 9, 1 / 9)]
    assert len(colour_bars(figure)) == 2
    assert all(image.colorbar is not None for image in images)


def test_kernels_on_one_shared_scale_have_one_colour_bar(fresh_figures):
    kernels = [np.full((3, 3), 1 / 9), np.array([[0.0, 0.5], [0.25, 0.0]])]
    plots.show_kernels(kernels, titles=["box", "other"], shared_scale=True)
    figure = fresh_figures[0]
    assert {image.get_clim() for image in images_of(figure)} == {(-0.5, 0.5)}
    assert len(colour_bars(figure)) == 1


def test_large_kernels_are_drawn_without_their_numbers(fresh_figures):
    plots.show_kernels([np.ones((7, 7)), np.ones((9, 9))], titles=["7×7", "9×9"])
    small, large = (ax for ax in fresh_figures[0].axes if ax.images)
    assert len(small.texts) == 49 and len(large.texts) == 0


def test_one_colour_map_per_image(fresh_figures):
    plots.show_images(np.eye(3) + 0.5, np.eye(3), titles=["a", "b"], cmap=[None, "viridis"])
    assert [image.get_cmap().name for image in images_of(fresh_figures[0])] == ["gray", "viridis"]
    with pytest.raises(ValueError, match="got 2 images but 1 colour maps"):
        plots.show_images(np.eye(3), np.eye(3), titles=["a", "b"], cmap=["gray"])


def test_sliding_window_draws_its_three_grids_at_one_cell_size(fresh_figures):
    import figure_audit

    bar = np.zeros((10, 10))
    bar[:, 4:6] = 1.0
    show_sliding_window(bar, [[-1, 0, 1]] * 3, (0, 2))
    figure = fresh_figures[0]
    figure.canvas.draw()
    sizes = {
        round(figure_audit._pixel_size(ax, ax.images[0])[axis], 3)
        for ax in figure.axes
        for axis in (0, 1)
    }
    assert len(sizes) == 1, sizes  # image, kernel and output cells are all the same size
