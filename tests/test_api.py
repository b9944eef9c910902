"""The public API: clean, analyze, Result, Config, Pipeline, pass selection."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import newsclean
from newsclean import Config, Edit, Pipeline, Result, UnknownNameError, apply_edits

SPUN = "He hoped”nothing new” from  an dissident.AAM AAM AADMI"


def test_clean_equals_analyze_text():
    assert newsclean.clean(SPUN) == newsclean.analyze(SPUN).text


def test_result_fields_and_replay():
    r = newsclean.analyze(SPUN)
    assert r.source == SPUN
    assert r.text != SPUN
    assert r.edits and all(isinstance(e, Edit) for e in r.edits)
    for e in r.edits:
        assert SPUN[e.start:e.end] == e.before
        assert e.pass_name and e.reason
    assert apply_edits(SPUN, r.edits) == r.text


def test_to_dict_is_json():
    r = newsclean.analyze("Ever since taking office,” Biden said.")
    d = json.loads(json.dumps(r.to_dict()))
    assert d["text"] == r.text
    assert d["flags"][0]["kind"] == "unpaired_quote"
    assert set(d["flags"][0]) >= {"start", "end", "text", "kind", "suggestion", "score",
                                  "pass_name", "reason"}


def test_passes_runs_only_named_in_pipeline_order():
    r = newsclean.analyze(SPUN, passes=["fix_articles", "fix_spacing"])
    assert r.passes == ("fix_spacing", "fix_articles")
    assert {e.pass_name for e in r.edits} <= {"fix_spacing", "fix_articles"}
    assert "AAM AAM" in r.text


def test_skip_drops_a_pass():
    r = newsclean.analyze(SPUN, skip=["fix_articles"])
    assert "fix_articles" not in r.passes
    assert "an dissident" in r.text


def test_unknown_pass_and_option_are_rejected_helpfully():
    with pytest.raises(UnknownNameError, match="fix_quotes"):
        newsclean.clean("x", passes=["fix_quote"])
    with pytest.raises(UnknownNameError, match="Did you mean 'quotes'"):
        newsclean.clean("x", quote="curly")
    with pytest.raises(ValueError, match="must be one of"):
        newsclean.clean("x", quotes="fancy")


def test_config_is_immutable_and_documented():
    cfg = Config(quotes="straight")
    with pytest.raises(AttributeError):
        cfg.quotes = "curly"
    assert cfg.replace(quotes="curly").quotes == "curly"
    assert cfg.quotes == "straight"
    assert hash(cfg) == hash(Config(quotes="straight"))
    doc = newsclean.describe_options()
    for name in ("quotes", "passes", "skip", "enable", "unicode_extras"):
        assert name in doc


def test_config_from_toml(tmp_path):
    f = tmp_path / "nc.toml"
    f.write_text('quotes = "straight"\nskip = ["fix_articles"]\n')
    cfg = Config.from_toml(f)
    assert cfg.quotes == "straight" and cfg.skip == ("fix_articles",)
    f.write_text('[newsclean]\nbogus = 1\n')
    with pytest.raises(UnknownNameError):
        Config.from_toml(f)


def test_pipeline_reorder_by_name():
    p = Pipeline(["fix_spacing", "fix_mojibake"])
    assert p.names == ("fix_spacing", "fix_mojibake")
    assert p.run("cafÃ©  bar").passes == ("fix_spacing", "fix_mojibake")
    with pytest.raises(UnknownNameError):
        Pipeline(["nope"])


def test_default_pipeline_has_the_hygiene_passes_in_order():
    names = Pipeline().names
    core = ["fix_mojibake", "fix_spacing", "fix_quotes", "fix_repeated_words", "fix_articles"]
    assert [n for n in names if n in core] == core


def test_new_pass_registers_without_touching_others():
    from newsclean.registry import Option, _PASSES, register_pass

    @register_pass("shout_less", order=950, default=False,
                   options=[Option("shout_limit", 1, "how many ! to keep")])
    def shout_less(ctx):
        """Trim runs of exclamation marks."""
        import re
        for m in re.finditer(r"!{2,}", ctx.text):
            ctx.edit(m.start() + ctx.config.shout_limit, m.end(), "", "too many !")

    try:
        assert newsclean.clean("Wow!!!") == "Wow!!!"  # off by default
        assert newsclean.clean("Wow!!!", enable=["shout_less"]) == "Wow!"
        assert newsclean.clean("Wow!!!", enable=["shout_less"], shout_limit=2) == "Wow!!"
    finally:
        _PASSES.pop("shout_less")


def test_pass_order_follows_registrations_after_first_use():
    # the ordered view is cached; a registration, a replacement or a removal must show
    from newsclean.registry import _PASSES, ordered_passes, passes, register_pass

    before = list(ordered_passes())

    def noop(ctx):
        """Does nothing."""

    try:
        register_pass("zz_first", order=1, default=False)(noop)
        assert list(ordered_passes())[0] == "zz_first" and list(passes())[0] == "zz_first"
        register_pass("zz_first", order=999, default=False)(noop)     # replaced: moves
        assert list(ordered_passes())[-1] == "zz_first"
    finally:
        _PASSES.pop("zz_first", None)
    assert list(ordered_passes()) == before


def test_non_str_input_is_a_clear_error():
    with pytest.raises(TypeError, match="decode bytes"):
        newsclean.clean(b"bytes")  # type: ignore[arg-type]


def test_result_extensions():
    Result.set_extension("test_score", default=0.5)
    try:
        assert Result(source="", text="").test_score == 0.5
        assert Result(source="", text="").to_dict()["test_score"] == 0.5
        with pytest.raises(AttributeError):
            Result(source="", text="").no_such_thing
    finally:
        Result.remove_extension("test_score")


def test_import_is_light():
    code = ("import sys, newsclean; "
            "bad = [m for m in ('spacy', 'ftfy', 'wordfreq', 'rapidfuzz', 'newsclean.passes.fix_quotes') "
            "if m in sys.modules]; print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""


def test_result_and_config_pickle():
    import pickle

    r = newsclean.analyze(SPUN, quotes="straight")
    assert pickle.loads(pickle.dumps(r)) == r
    cfg = Config(quotes="curly", skip=["fix_articles"])
    assert pickle.loads(pickle.dumps(cfg)) == cfg
