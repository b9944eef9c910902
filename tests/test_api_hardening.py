"""What an API hunt found: misuse fails where it happens, with a message that names it,
and nothing is lost silently."""

from __future__ import annotations

import os
import sys

import pytest

import newsclean
from newsclean import register_pass
from newsclean.registry import UnknownNameError


def test_a_bad_registration_fails_at_once_and_breaks_nothing():
    with pytest.raises(TypeError, match="order must be a number"):
        register_pass("late_pass", order="late")
    with pytest.raises(TypeError, match="a pass is a function"):
        register_pass("not_a_function", order=5)(5)
    assert newsclean.clean("the the end") == "the end"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="exception notes are 3.11+")
def test_an_exception_in_a_pass_names_the_pass():
    @register_pass("raising_pass_for_test", order=999, default=False)
    def raising_pass_for_test(ctx):
        raise KeyError("x")

    with pytest.raises(KeyError) as info:
        newsclean.clean("hello", enable=["raising_pass_for_test"])
    assert "raising_pass_for_test" in " ".join(info.value.__notes__)


def test_unknown_names_are_pluralised():
    with pytest.raises(UnknownNameError, match="Known passes: "):
        newsclean.clean("x", passes=["fix_spacin"])


def test_one_str_is_not_a_batch():
    with pytest.raises(TypeError, match="not one str"):
        newsclean.clean_batch("a egg")
    # Hugging Face's map without batched=True hands over one row at a time
    assert newsclean.hf_map({"text": "a egg"}) == {"text": "an egg"}
    assert newsclean.hf_map({"text": ["a egg", None]}) == {"text": ["an egg", None]}
    with pytest.raises(KeyError, match="no column 'body'"):
        newsclean.hf_map({"text": ["a egg"]}, text_field="body")


def test_a_categorical_column_keeps_its_cleaned_values():
    pd = pytest.importorskip("pandas")
    out = newsclean.clean_series(pd.Series(["a egg", "fine", None], dtype="category"))
    assert out.tolist()[:2] == ["an egg", "fine"] and pd.isna(out.tolist()[2])


def test_the_allow_file_is_checked_when_the_options_are_made(tmp_path):
    with pytest.raises(ValueError, match="no such file"):
        newsclean.Config(repeated_words_allow=str(tmp_path / "nope.txt"))
    with pytest.raises(TypeError):
        newsclean.Config(repeated_words_allow=5)


def test_a_model_is_found_by_the_name_build_model_was_given(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("The online meeting was held. The online meeting ended.")
    out = newsclean.spun.build_model(archive, tmp_path / "mymodel")
    assert out.name == "mymodel.tsv.gz"
    r = newsclean.analyze("An internet meeting.", model=str(tmp_path / "mymodel"))
    assert r.spin_score is not None
    with pytest.raises(ValueError, match="does not exist"):
        newsclean.Config(model=str(tmp_path / "other"))


def test_relative_paths_are_read_in_the_folder_of_each_call(tmp_path, monkeypatch):
    for folder, name in (("a", "Zorblax"), ("b", "Quxville")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "names.tsv").write_text(f"{name}\tplace\t\tXX\n")
    options = dict(gazetteer=["names.tsv"], default_gazetteer=False)
    monkeypatch.chdir(tmp_path / "a")
    assert newsclean.clean("Zorblaxx went to Zorblax.", **options) == "Zorblax went to Zorblax."
    monkeypatch.chdir(tmp_path / "b")
    assert newsclean.clean("Zorblaxx went to Zorblax.", **options) == "Zorblaxx went to Zorblax."
    assert newsclean.clean("Quxvile went to Quxville.", **options) == "Quxville went to Quxville."


def test_passes_and_enable_together_are_refused():
    with pytest.raises(ValueError, match="not both"):
        newsclean.clean("x", passes=["fix_spacing"], enable=["fix_articles"])


def test_options_as_plain_data_are_json():
    import json

    json.dumps(newsclean.Config().to_dict())


def test_a_config_file_reads_its_paths_from_its_own_folder(tmp_path, monkeypatch):
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "names.tsv").write_text("Zorblax\tplace\t\tXX\n")
    (conf / "pyproject.toml").write_text(
        '[tool.newsclean]\ngazetteer = ["names.tsv"]\ndefault-gazetteer = false\n')
    monkeypatch.chdir(tmp_path)                 # not the file's folder
    cfg = newsclean.Config.from_toml(conf / "pyproject.toml")
    assert cfg.gazetteer == (str(conf / "names.tsv"),)
    (conf / "bad.toml").write_text("gazetteer = [")
    with pytest.raises(ValueError, match="bad.toml"):
        newsclean.Config.from_toml(conf / "bad.toml")
