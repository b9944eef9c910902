"""Spun-phrase detection: the news lexicon, its matcher, collocation models and scoring.

The pass that uses all this is :mod:`newsclean.passes.flag_spun_phrases`; the entry point
for users who want their own reference model is :func:`build_model`.
"""

from .collocations import build_model

__all__ = ["build_model"]
