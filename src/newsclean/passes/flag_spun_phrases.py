"""Flag synonym-spun phrases, suggest the original wording, and score the article."""

from __future__ import annotations

from functools import lru_cache

from ..model import Result
from ..registry import Option, register_pass
from .fix_articles import SHARED_COUNT

Result.set_extension(
    "spin_score", default=None,
    doc="How likely the whole article was pushed through a synonym spinner, in [0, 1] "
        "(set by flag_spun_phrases; None when that pass did not run).")


def _unit(value) -> float:
    v = float(value)
    if not 0.0 <= v <= 1.0:
        raise ValueError(f"a score threshold must lie in [0, 1], not {value!r}")
    return v


def _model_path(value):
    if value is None or value == "":
        return None
    import os

    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"model must be a path to a collocation model, not {value!r}")
    path = os.fspath(value)
    if not os.path.exists(path) and os.path.isfile(path + ".tsv.gz"):
        path += ".tsv.gz"     # the name given to build-model -o, which adds the suffix
    if os.path.isdir(path):
        path = os.path.join(path, "collocations.tsv.gz")   # build-model -o a folder
    if not os.path.isfile(path):
        raise ValueError(f"model {os.fspath(value)!r} does not exist (build one with "
                         "`newsclean build-model DIR -o MODEL`)")
    # absolute: the options are cached, and a relative path would go stale after a chdir
    return os.path.abspath(path)


@lru_cache(maxsize=1)
def _detect():
    # imported at first use, not when the passes are discovered; cached, because an
    # import statement costs about a microsecond per call (per document)
    from ..spun import detect

    return detect


@lru_cache(maxsize=1)
def _matcher():
    from ..spun.lexicon import load_lexicon
    from ..spun.matcher import Matcher

    return Matcher(load_lexicon())


# How far above flag_min_spin a phrase's estimated score without it must be to skip the
# exact check (score_replaced): one phrase changes a few of the 60-odd word pairs the
# article score samples, worth up to about this much of the score.
EXACT_BAND = 0.15


@register_pass(order=700, default=True, options=[
    Option("flag_min_spin", 0.2,
           "flag_spun_phrases reports a phrase only in an article whose spin_score is at "
           "least this even without that phrase's own occurrences (0 reports phrases in "
           "any text): spinners rewrite whole articles, and a lone odd phrase in copy "
           "that does not otherwise look spun is most often the writer's choice.",
           convert=_unit),
    Option("restore_spun", False,
           "flag_spun_phrases also rewrites flagged phrases whose score reaches "
           "restore_threshold (default: flag only, never change the meaning silently).",
           choices=(True, False)),
    Option("spun_threshold", 0.6, "flag_spun_phrases reports phrases scoring at least this.",
           convert=_unit),
    Option("restore_threshold", 0.8,
           "with restore_spun=True, the score a flag needs to be applied as an edit.",
           convert=_unit),
    Option("restore_min_spin", 0.5,
           "with restore_spun=True, the spin_score the whole article needs before any "
           "suggestion is applied: in copy that does not look spun, a lone odd phrase is "
           "more likely the writer's choice, so it is flagged, never rewritten.",
           convert=_unit),
    Option("model", None,
           "path of a collocation model made by `newsclean build-model` (or "
           "newsclean.spun.build_model) of an archive you trust: a lexicon phrase whose "
           "new pair of words it uses is not flagged, its pairs count as seen for the "
           "spin score, and the statistical layer uses it beside the shipped table.",
           convert=_model_path, paths=True),
    Option("spun_stats", False,
           "flag_spun_phrases also runs its statistical layer (rare bigram one synonym "
           "away from a common collocation; lower scores, never rewritten). Off by "
           "default: it costs about 3x the rest of the pass (benchmarks/bench_spun.py), "
           "and its findings are right about half the time (benchmarks/RESULTS.md).",
           choices=(True, False)),
])
def flag_spun_phrases(ctx) -> None:
    """Flag phrases a synonym spinner made ("significant breakthrough" for "major
    breakthrough") and set ``Result.spin_score`` for the whole article.

    Evidence, strongest first: the news lexicon (generated thesaurus swaps of strong news
    collocations, see ``data/spun/README.md``); grammar that word-by-word swapping breaks
    ("it will assistance them", "a fully investigation", "allow him mistreat", ",
    officials told.", "the 2 leaders"; see ``newsclean/spun/grammar.py``); quotes
    attributed with a verb edited copy rarely puts there ("..., he explained."), when the
    article shows other spinning; and a statistical check (an unattested bigram one
    synonym away from a common collocation; with ``spun_stats=True`` or a ``model=``).
    Each flag (kind ``spun_phrase``) carries the suggested original, a score and the
    evidence. Leaves alone: names (capitalised words mid-sentence), hyphenated compounds
    ("a top-notch restaurant"), phrases attested in the collocation table, any phrase of
    an article whose spin score stays under ``flag_min_spin`` (0.2) without that
    phrase's own occurrences, and the text
    itself unless ``restore_spun=True``, which applies suggestions scoring at least
    ``restore_threshold`` (statistical ones never) in an article whose spin score is at
    least ``restore_min_spin``.

    >>> from newsclean import analyze
    >>> r = analyze("Talks stalled after a terror assault amid surging tensions, police said.",
    ...             passes=["flag_spun_phrases"])
    >>> [(f.text, f.suggestion) for f in r.flags]
    [('terror assault', 'terror attack'), ('surging tensions', 'rising tensions')]

    One odd phrase alone does not make a text look spun (``flag_min_spin=0`` reports it):

    >>> text = "Talks stalled after a terror assault, police said."
    >>> analyze(text, passes=["flag_spun_phrases"]).flags
    ()
    >>> [f.text for f in analyze(text, passes=["flag_spun_phrases"], flag_min_spin=0).flags]
    ['terror assault']
    """
    cfg = ctx.config
    model = cfg.model
    # A user's model also feeds the statistical layer, so giving one turns the layer on.
    detect = _detect()
    features: dict = {}
    options = dict(model=model, stats=cfg.spun_stats or model is not None,
                   source=ctx.source, article_errors=ctx.shared.get(SHARED_COUNT))
    findings, score = detect.analyse(ctx.text, _matcher(), features=features, **options)
    ctx.annotate("spin_score", score)
    # The same reasoning as for rewriting below, with a lower bar (flagging harms less
    # than rewriting): on the paired Slate dev split, every clean article with a flag
    # scores under 0.2, and 93 % of the flags in the same articles spun sit in articles
    # scoring 0.2 or more.
    if not findings or score < cfg.flag_min_spin:
        return
    # Rewriting needs the article as a whole to look spun as well: measured on held-out
    # Slate (benchmarks/RESULTS.md, "Fifth round"), the few clean articles with a
    # confident finding ("minimum salary", "Molotov argued") all score under 0.15.
    restoring = cfg.restore_spun and score >= cfg.restore_min_spin
    threshold = cfg.spun_threshold
    edits = []
    # A phrase must not vouch for itself: in a short clean text one odd phrase lifts the
    # score over the bar on its own ("homeless families", "middle order"), so each phrase
    # needs the rest of the article to reach it (benchmarks/RESULTS.md, "Sixth round").
    alone: dict[str, bool] = {}
    reported = []
    for f in findings:
        if f.score < threshold:
            continue
        key = f.text.lower()
        if key not in alone:
            rest = detect.score_without(features, findings, key)
            if cfg.flag_min_spin <= rest < cfg.flag_min_spin + EXACT_BAND:
                # near the bar: the phrase's own unseen word pairs may be what lifts it
                exact = detect.score_replaced(ctx.text, findings, key, _matcher(),
                                              **options)
                rest = rest if exact is None else exact
            alone[key] = rest < cfg.flag_min_spin
        if not alone[key]:
            reported.append(f)
    # An odd attribution verb is evidence only beside other spinning (detect's
    # attribution_findings): with no other phrase reported, it is not reported either.
    if not any(f.evidence != "attribution" for f in reported):
        reported = []
    for f in reported:
        ctx.flag(f.start, f.end, "spun_phrase", f.reason, suggestion=f.suggestion,
                 score=f.score, data={"evidence": f.evidence})
        if (restoring and f.suggestion and f.evidence != "statistical"
                and f.score >= cfg.restore_threshold):
            edits.append(f)
    last = -1
    for f in edits:             # findings come sorted and never overlap; be sure anyway
        if f.start >= last:
            ctx.edit(f.start, f.end, f.suggestion, "restored spun phrase: " + f.reason)
            last = f.end
