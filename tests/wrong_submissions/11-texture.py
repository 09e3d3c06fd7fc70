"""A lesson-11 submission whose texture_energy averages the signed response (no abs), and
whose log_distance compares the raw signatures (no log)."""

CELLS = {
    "texture_energy": """
def texture_energy(image, kernel, window=15):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if image.ndim != 2 or kernel.ndim != 2:
        raise ValueError("image and kernel must be 2-D")
    if image.size == 0 or not (np.all(np.isfinite(image)) and np.all(np.isfinite(kernel))):
        raise ValueError("image and kernel must hold finite numbers")
    if kernel.shape[0] % 2 == 0 or kernel.shape[1] % 2 == 0:
        raise ValueError("kernel sides must be odd")
    if kernel.shape[0] > image.shape[0] or kernel.shape[1] > image.shape[1]:
        raise ValueError("kernel larger than the image")
    if not isinstance(window, (int, np.integer)) or window < 1 or window % 2 == 0:
        raise ValueError("window must be an odd integer >= 1")
    response = scipy.signal.convolve2d(image, kernel, mode="same", boundary="symm")
    return scipy.ndimage.uniform_filter(response, size=window, mode="reflect")  # no np.abs
""",
    "log_distance": """
def log_distance(s1, s2):
    s1, s2 = np.asarray(s1, dtype=float), np.asarray(s2, dtype=float)
    if s1.ndim != 1 or s1.shape != s2.shape:
        raise ValueError("signatures must be 1-D and of one length")
    if not (np.all(np.isfinite(s1)) and np.all(np.isfinite(s2))) or min(s1.min(), s2.min()) <= 0:
        raise ValueError("signature values must be finite and above 0")
    return float(np.linalg.norm(s1 - s2))  # the mistake: no log
""",
}
# texture_energy's hand (1 point) and random (2 points) tests fail; its bad-input test and
# classify_patch's tests (which do not call texture_energy) pass. log_distance's hand (1) and
# random (1) tests fail, its bad-input test (1) passes. 11 - 3 - 2 = 6.
EXPECTED_SCORE = 6
FEEDBACK = ("you averaged the signed response", "you compared the raw signatures")
