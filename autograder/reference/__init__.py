"""Reference results: thin, validated wrappers over scipy, numpy and scikit-image.

One module per lesson (``l01_convolution`` ...). Nothing here is a hand-written algorithm
that could share a learner's bug: each function checks its inputs, then calls the library.
"""
