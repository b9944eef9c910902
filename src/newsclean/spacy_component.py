"""spaCy: the ``newsclean`` pipeline component (needs ``newsclean[spacy]``).

A spaCy component cannot change ``doc.text``, so this one annotates: it runs
:func:`newsclean.analyze` on the text and records what it found.

- ``doc._.newsclean``: ``Result.to_dict()`` of the text (cleaned text, edits, flags, spin
  score and any other annotation), JSON-friendly so ``Doc.to_bytes`` keeps it.
- ``doc.spans["newsclean"]``: one span per flag (label: the flag's kind, e.g.
  ``site_chrome``, ``unpaired_quote``, a spun phrase or an entity), widened to whole tokens;
  ``span._.spun_suggestion`` is the flag's suggested wording, if any.
- ``doc.spans["newsclean_edits"]``: one span per edit ``clean()`` would make (label: the
  pass), ``span._.spun_suggestion`` holding the replacement.

The package registers the factory through the ``spacy_factories`` entry point, so
``nlp.add_pipe("newsclean")`` works without importing newsclean first. Options go in the
config: ``nlp.add_pipe("newsclean", config={"options": {"skip": ["fix_quotes"]}})``.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("newsclean")
>>> doc = nlp("The the zebra zebra ran.")
>>> doc._.newsclean["text"]
'The zebra zebra ran.'
>>> [(s.text, s.label_, s._.spun_suggestion) for s in doc.spans["newsclean"]]
[('zebra zebra', 'repeated_word', 'zebra')]
>>> [(s.text, s.label_, s._.spun_suggestion) for s in doc.spans["newsclean_edits"]]
[('the', 'fix_repeated_words', '')]
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

if not Doc.has_extension("newsclean"):
    Doc.set_extension("newsclean", default=None)
if not Span.has_extension("spun_suggestion"):
    Span.set_extension("spun_suggestion", default=None)


class NewscleanComponent:
    """Annotates each Doc with what :func:`newsclean.analyze` finds in its text."""

    def __init__(self, name: str, options: dict[str, Any], spans_key: str) -> None:
        from .pipeline import make_config

        self.name = name
        self.options = dict(options)
        self.spans_key = spans_key
        self._config = make_config(self.options)  # a bad option fails at add_pipe

    def __call__(self, doc: Doc) -> Doc:
        from . import _pipeline

        result = _pipeline().run(doc.text, self._config)
        doc._.newsclean = result.to_dict()
        flags = []
        for f in result.flags:
            span = _span(doc, f.start, f.end, f.kind)
            if span is not None:
                span._.spun_suggestion = f.suggestion
                flags.append(span)
        edits = []
        for e in result.edits:
            span = _span(doc, e.start, e.end, e.pass_name)
            if span is not None:
                span._.spun_suggestion = e.after
                edits.append(span)
        doc.spans[self.spans_key] = flags
        doc.spans[self.spans_key + "_edits"] = edits
        return doc

    def pipe(self, stream, batch_size: int = 128):
        for doc in stream:
            yield self(doc)


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    # Flags and edits are character spans of the input, which is doc.text; "expand" widens
    # them to the tokens they touch. A span of only whitespace between tokens (an edit
    # that removes a doubled space) touches no token: widen it to its neighbours.
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None and len(doc):
        span = doc.char_span(max(0, start - 1), min(len(doc.text), end + 1), label=label,
                             alignment_mode="expand")
    return span


@Language.factory("newsclean", default_config={"options": {}, "spans_key": "newsclean"})
def make_component(nlp: Language, name: str, options: dict[str, Any],
                   spans_key: str) -> NewscleanComponent:
    """The factory behind ``nlp.add_pipe("newsclean")``."""
    return NewscleanComponent(name, options, spans_key)
