"""Matching: one token layer and what stands on it.

``normalization`` holds the named text steps, ``tokens`` the words and marks with their keys
and offsets (and the boilerplate table), ``passages`` the shared runs of words, ``redline`` the
edit script, ``compare`` clause against clause, ``assign`` the optimal one-to-one pairing and
``align`` treaty against treaty.
"""
