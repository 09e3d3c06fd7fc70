"""A lesson-6 submission that pads with np.pad and centres even kernels on the wrong side."""

CELLS = {
    "pad_image": """
def pad_image(image, pad, mode="constant", value=0):
    extra = {"constant_values": value} if mode == "constant" else {}
    return np.pad(np.asarray(image, dtype=float), pad, mode=mode, **extra)  # the mistake
""",
    "correlate2d_same": """
def correlate2d_same(image, kernel, boundary="fill", fillvalue=0):
    modes = {"fill": "constant", "symm": "symmetric", "wrap": "wrap"}
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if image.ndim != 2 or kernel.ndim != 2 or boundary not in modes:
        raise ValueError("2-D image and kernel, and boundary 'fill', 'symm' or 'wrap'")
    kh, kw = kernel.shape
    widths = ((kh // 2, (kh - 1) // 2), (kw // 2, (kw - 1) // 2))  # the mistake: wrong side
    padded = pad_image(image, widths, mode=modes[boundary], value=fillvalue)
    return scipy.signal.correlate2d(padded, kernel, mode="valid")
""",
}
# pad_image's tests (1 + 2 + 1 + 1 points) all fail: np.pad is refused, even where it raises
# the ValueError itself. correlate2d_same passes its odd-kernel (1) and bad-input (1) tests
# and fails the hand (1), even (2) and random (1) ones.
EXPECTED_SCORE = 2
FEEDBACK = "pad_image must build the padding with indexing, not np.pad"
