"""A lesson-13 submission whose convolve1d does not flip the kernel and whose
moving_average_unbiased still divides by the window, and whose fft_convolve does not
zero-pad (a circular convolution); moving_average is correct."""

CELLS = {
    "convolve1d": """
def convolve1d(signal, kernel, mode="full"):
    signal = np.asarray(signal, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if signal.ndim != 1 or kernel.ndim != 1 or signal.size == 0 or kernel.size == 0:
        raise ValueError("signal and kernel must be non-empty 1-D arrays")
    if mode not in ("full", "same", "valid"):
        raise ValueError("mode must be 'full', 'same' or 'valid'")
    n, m = signal.size, kernel.size
    full = np.zeros(n + m - 1)
    for k in range(m):
        full[k:k + n] += kernel[m - 1 - k] * signal  # the mistake: the kernel is not flipped
    shorter, longer = min(n, m), max(n, m)
    if mode == "full":
        return full
    if mode == "same":
        start = (shorter - 1) // 2
        return full[start:start + longer]
    return full[shorter - 1:longer]
""",
    "moving_average_unbiased": """
def moving_average_unbiased(signal, window):
    signal = np.asarray(signal, dtype=float)
    if signal.ndim != 1 or signal.size == 0:
        raise ValueError("signal must be a non-empty 1-D array")
    if not 1 <= window <= signal.size:
        raise ValueError("window must be between 1 and len(signal)")
    return np.convolve(signal, np.ones(window) / window, mode="same")  # the mistake: same as before
""",
    "fft_convolve": """
def fft_convolve(signal, kernel):
    signal, kernel = np.asarray(signal, dtype=float), np.asarray(kernel, dtype=float)
    if signal.ndim != 1 or kernel.ndim != 1 or signal.size == 0 or kernel.size == 0:
        raise ValueError("signal and kernel must be non-empty 1-D arrays")
    length = max(signal.size, kernel.size)  # the mistake: no room for the full result
    return np.fft.irfft(np.fft.rfft(signal, length) * np.fft.rfft(kernel, length), length)
""",
}
# convolve1d: hand (1) and random (2) fail, bad input (1) passes; moving_average: 3 points pass;
# moving_average_unbiased: hand (1) and random (2) fail, bad input (1) passes.
# fft_convolve: hand (1) and random (2) fail.
EXPECTED_SCORE = 5
FEEDBACK = ("you did not flip the kernel", "circular convolution")
