"""Random test inputs shared by the lessons' checks.

Every generator takes a seed, so a visible check (fixed seed) and a hidden test (the
grader's seed, see ``autograder.settings``) draw different but reproducible cases.
Shapes are deliberately non-square and kernels include even sizes, so that transposed
results, swapped kernel axes and centring mistakes cannot pass by symmetry.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np


def rng_for(seed: int, salt: str) -> np.random.Generator:
    """A generator for one exercise: the same seed gives other draws for other exercises."""
    return np.random.default_rng([seed, *salt.encode()])


def random_image(rng: np.random.Generator, shape: tuple[int, ...], integer: bool) -> np.ndarray:
    """Small integers make mistakes easy to reason about; floats catch truncation."""
    if integer:
        return rng.integers(-4, 5, size=shape).astype(np.float64)
    return rng.uniform(-1.0, 1.0, size=shape)


def image_kernel_pairs(
    seed: int,
    salt: str,
    count: int,
    image_sizes: tuple[int, int] = (5, 13),
    kernel_sizes: tuple[int, int] = (1, 5),
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield ``count`` (image, kernel) pairs with the kernel fitting inside the image.

    Image sides are drawn from ``image_sizes`` and kernel sides from ``kernel_sizes``
    (inclusive); the first pairs are non-square with a non-square kernel, so shape and
    orientation mistakes show at once.
    """
    rng = rng_for(seed, salt)
    low, high = image_sizes
    k_low, k_high = kernel_sizes
    for index in range(count):
        while True:
            height, width = (int(v) for v in rng.integers(low, high + 1, size=2))
            kh, kw = (int(v) for v in rng.integers(k_low, k_high + 1, size=2))
            needs_asymmetry = index < 2
            if (
                kh <= height
                and kw <= width
                and (not needs_asymmetry or (height != width and kh != kw))
            ):
                break
        integer = index % 2 == 0
        yield random_image(rng, (height, width), integer), random_image(rng, (kh, kw), integer)
