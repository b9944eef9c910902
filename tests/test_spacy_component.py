"""The spaCy component: registered by entry point, annotates without changing doc.text."""

from __future__ import annotations

import subprocess
import sys

import pytest

spacy = pytest.importorskip("spacy")

import newsclean  # noqa: E402

from .eco_docs import documents  # noqa: E402


def test_add_pipe_works_without_importing_newsclean():
    code = (
        "import sys, spacy\n"
        "assert 'newsclean' not in sys.modules\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('newsclean')\n"
        "doc = nlp('They said the zebra zebra ran.')\n"
        "print(doc._.newsclean['flags'][0]['kind'], doc.spans['newsclean'][0].text)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "repeated_word zebra zebra"


def test_annotations_match_analyze():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsclean")
    for text in documents():
        doc = nlp(text)
        assert doc.text == text  # a component never changes the text
        result = newsclean.analyze(text)
        assert doc._.newsclean == result.to_dict()
        assert len(doc.spans["newsclean"]) == len(result.flags)
        for span, flag in zip(doc.spans["newsclean"], result.flags):
            # widened to whole tokens, so it covers the flag's characters
            assert span.start_char <= flag.start and flag.end <= span.end_char
            assert span.label_ == flag.kind
            assert span._.spun_suggestion == flag.suggestion
        spans = doc.spans["newsclean_edits"]
        assert len(spans) == len(result.edits) or not len(doc)
        for span, edit in zip(spans, result.edits):
            assert span.label_ == edit.pass_name
            assert span._.spun_suggestion == edit.after
            # whitespace belongs to the token before it, so a span covers the edit's
            # visible characters (an edit of whitespace alone: the tokens around it)
            lo = edit.start + len(edit.before) - len(edit.before.lstrip())
            hi = edit.end - (len(edit.before) - len(edit.before.rstrip()))
            if lo < hi:
                assert span.start_char <= lo and hi <= span.end_char
            else:
                assert span.start_char <= edit.end and edit.start <= span.end_char


def test_options_in_config_and_bad_options():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsclean", config={"options": {"skip": ["fix_repeated_words"]}})
    doc = nlp("They said the zebra zebra ran.")
    assert doc._.newsclean["flags"] == [] and len(doc.spans["newsclean"]) == 0
    with pytest.raises(newsclean.UnknownNameError):
        spacy.blank("en").add_pipe("newsclean", config={"options": {"bogus": 1}})


def test_pipe_and_serialisation():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsclean")
    docs = list(nlp.pipe(["a egg", "The the end."]))
    assert [d._.newsclean["text"] for d in docs] == ["an egg", "The end."]
    data = docs[1].to_bytes()
    back = spacy.tokens.Doc(nlp.vocab).from_bytes(data)
    assert back._.newsclean == docs[1]._.newsclean
    assert [s.text for s in back.spans["newsclean_edits"]] == ["the"]


def test_clean_first_then_nlp():
    nlp = spacy.blank("en")
    text = "The caf\u00c3\u00a9 owner said the the rent had doubled."
    doc = nlp(newsclean.clean(text))
    assert doc.text == "The caf\u00e9 owner said the rent had doubled."
