"""Findings as `newsclean check` prints them: positions, levels and the one-line format."""

from newsclean.cli.findings import findings_for, format_text, level_rank
from newsclean.model import Edit, Flag, Result

SOURCE = "First line.\nHe said  the  vast majority of  an apple.\n"


def result() -> Result:
    edits = (Edit(19, 21, "  ", " ", "fix_spacing", "two spaces between words"),
             Edit(44, 46, "an", "a", "fix_articles", "'a' before a consonant sound"))
    flags = (Flag(26, 39, "vast majority", "spun-phrase", "most", 0.9, "flag_spun_phrases",
                  "a spinner's paraphrase of 'most'"),
             Flag(12, 14, "He", "ambiguous", None, 0.3, "some_pass", "who?",
                  {"level": "warning"}))
    return Result(source=SOURCE, text=SOURCE, edits=edits, flags=flags)


def test_positions_levels_and_order():
    found = findings_for("story.txt", SOURCE, result())
    assert [(f["line"], f["col"], f["level"], f["kind"]) for f in found] == [
        (2, 1, "warning", "ambiguous"),        # a pass may raise its flag's level
        (2, 8, "warning", "fix_spacing"),
        (2, 15, "info", "spun-phrase"),        # flags are info by default
        (2, 33, "warning", "fix_articles"),
    ]
    assert SOURCE.splitlines()[1][7:9] == "  " and SOURCE.splitlines()[1][32:34] == "an"


def test_text_format():
    lines = [format_text(f) for f in findings_for("story.txt", SOURCE, result())]
    assert lines[1] == ('story.txt:2:8: warning: fix_spacing: two spaces between words: "  " '
                        '(suggestion: " ")')
    assert lines[2] == ("story.txt:2:15: info: spun-phrase: a spinner's paraphrase of 'most': "
                        '"vast majority" (suggestion: "most")')
    assert lines[0] == 'story.txt:2:1: warning: ambiguous: who?: "He"'


def test_deletions_and_newlines_stay_on_one_line():
    r = Result(source="a\n\nb", text="a\nb",
               edits=(Edit(1, 2, "\n", "", "fix_spacing", "blank\nline"),))
    (line,) = [format_text(f) for f in findings_for("x", r.source, r)]
    assert line == 'x:1:2: warning: fix_spacing: blank line: "\\n" (suggestion: delete)'


def test_jsonl_positions_are_record_line_and_offset():
    (f,) = [x for x in findings_for("c.jsonl", SOURCE, result(), record_line=7)
            if x["kind"] == "fix_articles"]
    assert (f["line"], f["col"], f["text_line"], f["text_col"]) == (7, 45, 2, 33)


def test_level_order():
    assert level_rank("error") > level_rank("warning") > level_rank("info")


def test_long_spans_are_shortened_in_text_only():
    long = "Related stories: " + "teaser headline, " * 10
    r = Result(source=long, text="", edits=(Edit(0, len(long), long, "", "strip_site_chrome",
                                                  "site chrome"),))
    (f,) = findings_for("x", r.source, r)
    line = format_text(f)
    assert f["text"] == long and len(line) < 140
    assert '"Related stories: teaser headline,' in line and "\u2026\" (suggestion: delete)" in line
