"""A lesson-5 submission that validates its kernels but stacks the maps channels-last."""

CELLS = {
    "feature_maps": """
def feature_maps(image, kernels):
    kernels = [np.asarray(kernel, dtype=float) for kernel in kernels]
    if not kernels or any(kernel.shape != kernels[0].shape for kernel in kernels):
        raise ValueError("the kernels must all have one shape")
    maps = [scipy.signal.correlate2d(image, kernel, mode="valid") for kernel in kernels]
    return np.stack(maps, axis=-1)  # the mistake: (H', W', n), Keras's channels-last
""",
}
# The bad-input test (1 point) passes; the hand (1) and random (2) tests fail.
EXPECTED_SCORE = 1
FEEDBACK = "channels-last"
