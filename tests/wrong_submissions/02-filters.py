"""A lesson-2 submission whose gaussian_kernel uses sigma as the variance and whose
separable_filter makes its passes with np.convolve (which flips the kernels); the rest is right."""

CELLS = {
    "gaussian_kernel": """
def gaussian_kernel(size, sigma):
    if size < 1 or size % 2 == 0:
        raise ValueError(f"size must be odd and at least 1, got {size}")
    if sigma <= 0:
        raise ValueError(f"sigma must be positive, got {sigma}")
    x = np.arange(size) - size // 2
    g = np.exp(-x**2 / (2 * sigma))  # the mistake: sigma where sigma**2 belongs
    g = g / g.sum()
    return np.outer(g, g)
""",
    "separable_filter": """
def separable_filter(image, column, row):
    image = np.asarray(image, dtype=float)
    # the mistake: np.convolve flips the 1-D kernels
    rows = np.array([np.convolve(line, row, mode="valid") for line in image])
    return np.array([np.convolve(line, column, mode="valid") for line in rows.T]).T
""",
}
# Out of 12 points, gaussian_kernel's hand (1) and random (2) tests fail, and so do
# separable_filter's hand (1) and random (2); gaussian_kernel's bad-input test (1),
# flat_response (1), box_kernel (1 + 1) and multiplication_counts (1 + 1) pass.
EXPECTED_SCORE = 6
FEEDBACK = ("you used sigma as the variance", "you flipped both 1-D kernels")
