"""A lesson-2 submission whose gaussian_kernel uses sigma as the variance; the rest is right."""

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
}
# Out of 7 points, gaussian_kernel's hand (1) and random (2) tests fail; its bad-input test (1),
# flat_response (1) and box_kernel (1 + 1) pass.
EXPECTED_SCORE = 4
FEEDBACK = "you used sigma as the variance"
