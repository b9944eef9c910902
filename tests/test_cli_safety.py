"""The CLI's promise on bad input: report each failure, carry on, never overwrite an input
unless asked to, write atomically, exit non-zero when anything failed.

Each test is a case a tester found breaking that promise. Most run the command in-process
(``newsclean.cli.main``) with one cheap pass, to stay fast; the ones about what reaches a
real stdout, or about worker processes, run it as a subprocess.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsclean.cli import main

MOJI = "Russia\u00e2\u20ac\u2122s top diplomat said the caf\u00c3\u00a9 was closed.\n"
PLAIN = "The minister said on Tuesday that talks would resume next week.\n"
LIGHT = ["--only", "fix_mojibake"]
TMP_SUFFIX = ".newsclean-tmp"


def run(cmd: str, *args, light: bool = True) -> int:
    argv = [cmd, *(LIGHT if light and cmd in ("clean", "check") else []),
            *(str(a) for a in args)]
    return main(argv)


def temps(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if TMP_SUFFIX in p.name]


# 1 -------------------------------------------------------------------------------------

def test_in_place_refuses_the_same_file_twice(tmp_path, capsys):
    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps({"text": MOJI}) + "\n", encoding="utf-8")
    original = a.read_bytes()
    assert run("clean", "--jsonl", a, a, "--in-place", "-j2", "-q") == 2
    assert "given twice" in capsys.readouterr().err
    (tmp_path / "link.jsonl").symlink_to("a.jsonl")
    assert run("clean", "--jsonl", a, tmp_path / "link.jsonl", "--in-place", "-q") == 2
    assert "same file" in capsys.readouterr().err
    assert a.read_bytes() == original and not (tmp_path / "a.jsonl.bak").exists()


# 2 -------------------------------------------------------------------------------------

def test_report_that_is_an_input_is_refused(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(MOJI, encoding="utf-8")
    (src / "b.txt").write_text(PLAIN, encoding="utf-8")
    assert run("clean", src, "-o", tmp_path / "out", "--report", src / "b.txt") == 2
    assert "--report" in capsys.readouterr().err
    assert (src / "b.txt").read_text(encoding="utf-8") == PLAIN
    assert not (tmp_path / "out").exists()
    assert run("check", src, "--report", src / "a.txt", "-q") == 2
    assert (src / "a.txt").read_text(encoding="utf-8") == MOJI


# 3 -------------------------------------------------------------------------------------

def test_input_linked_to_a_file_in_the_output_dir_is_refused(tmp_path, capsys):
    (tmp_path / "out").mkdir()
    (tmp_path / "links").mkdir()
    story = tmp_path / "out" / "story.txt"
    story.write_text(MOJI, encoding="utf-8")
    (tmp_path / "links" / "story.txt").symlink_to("../out/story.txt")
    assert run("clean", tmp_path / "links", "-o", tmp_path / "out", "-q") == 2
    assert "overwrite the input" in capsys.readouterr().err
    assert story.read_text(encoding="utf-8") == MOJI


# 4 -------------------------------------------------------------------------------------

def test_backup_that_would_overwrite_an_input_is_refused(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(MOJI, encoding="utf-8")
    (tmp_path / "a.txt.txt").write_text("File AA " + MOJI, encoding="utf-8")
    assert run("clean", tmp_path, "--in-place", "--backup-suffix", ".txt", "-j1",
               "-q") == 2
    assert "which is an input" in capsys.readouterr().err
    assert (tmp_path / "a.txt.txt").read_text(encoding="utf-8") == "File AA " + MOJI
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == MOJI


def test_empty_backup_suffix_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(MOJI, encoding="utf-8")
    assert run("clean", tmp_path / "a.txt", "--in-place", "--backup-suffix", "") == 2
    assert "--no-backup" in capsys.readouterr().err
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == MOJI


# 5 -------------------------------------------------------------------------------------

def test_build_model_interrupted_keeps_the_old_model(tmp_path, monkeypatch):
    from newsclean.spun import collocations

    (tmp_path / "a.txt").write_text("The press conference was held. A press conference.\n",
                                    encoding="utf-8")
    model = tmp_path / "m"
    assert run("build-model", tmp_path / "a.txt", "-o", model, "--min-count", "1") == 0
    built = tmp_path / "m.tsv.gz"
    good = built.read_bytes()
    real = collocations.write_table

    def interrupted(counts, out, **kw):
        out = Path(out)
        if not out.name.endswith(".gz"):  # as write_table names it
            out = out.with_name(out.name + ".tsv.gz")
        with open(out, "wb") as fh:  # a truncated but valid gzip file, then Ctrl-C
            fh.write(gzip.compress(b"# newsclean-collocations/1\n"))
        raise KeyboardInterrupt

    monkeypatch.setattr(collocations, "write_table", interrupted)
    assert run("build-model", tmp_path / "a.txt", "-o", model, "--min-count", "1") == 130
    assert built.read_bytes() == good and not temps(tmp_path)
    monkeypatch.setattr(collocations, "write_table", real)


# 6/7 -----------------------------------------------------------------------------------

def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "newsclean", *map(str, args)],
                          capture_output=True, cwd=cwd, timeout=120)


def test_non_utf8_names_and_lone_surrogates_do_not_crash(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    with open(os.path.join(os.fsencode(src), b"a\xffname.txt"), "w") as fh:
        fh.write(MOJI)
    for i in range(3):
        (src / f"f{i}.txt").write_text(MOJI, encoding="utf-8")
    rep = tmp_path / "rep.jsonl"
    done = _cli("clean", *LIGHT, src, "-o", tmp_path / "out", "-j1", "--report", rep)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert len(os.listdir(tmp_path / "out")) == 4
    paths = [json.loads(line)["path"] for line in rep.read_text(encoding="utf-8").splitlines()]
    assert os.fsdecode(os.path.join(os.fsencode(src), b"a\xffname.txt")) in paths
    done = _cli("check", *LIGHT, src, "--format", "json", "-q")
    assert done.returncode == 1
    for line in done.stdout.splitlines():
        json.loads(line.decode("utf-8"))  # valid UTF-8, valid JSON
    done = _cli("check", *LIGHT, src, "-q", "--report", tmp_path / "rep2.jsonl")
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert b"\\udcff" in done.stdout

    j = tmp_path / "j"
    j.mkdir()
    (j / "a.jsonl").write_text('{"text": "caf\\u00c3\\u00a9 \\ud800 x"}\n', encoding="utf-8")
    (j / "b.jsonl").write_text(json.dumps({"text": MOJI}) + "\n", encoding="utf-8")
    done = _cli("check", "--jsonl", j, "-q")
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert done.stdout.count(b"\n") >= 2
    done = _cli("clean", *LIGHT, "--jsonl", j, "-o", tmp_path / "jout", "--report",
                tmp_path / "jrep.jsonl", "-q")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert sorted(os.listdir(tmp_path / "jout")) == ["a.jsonl", "b.jsonl"]
    for line in (tmp_path / "jout" / "a.jsonl").read_bytes().splitlines():
        json.loads(line)
    for line in (tmp_path / "jrep.jsonl").read_bytes().splitlines():
        json.loads(line)


# 8 -------------------------------------------------------------------------------------

def test_a_killed_worker_fails_its_units_and_the_run_goes_on(tmp_path, monkeypatch,
                                                             capsys):
    from newsclean.cli import runner

    src = tmp_path / "src"
    src.mkdir()
    n = 64 * 8  # eight units of 64 files: more than -j2 keeps in flight
    for i in range(n):
        (src / f"f{i:03d}.txt").write_text(MOJI, encoding="utf-8")
    real = runner._work

    def work(kind, payload):
        if kind == "files" and any(t.src.endswith("f000.txt") for t in payload):
            os.kill(os.getpid(), 9)  # as the OOM killer would
        return real(kind, payload)

    monkeypatch.setattr(runner, "_work", work)
    rep = tmp_path / "rep.jsonl"
    assert run("clean", src, "-o", tmp_path / "out", "-j2", "--report", rep) == 1
    err = capsys.readouterr().err
    assert "worker process died" in err and "Traceback" not in err
    written = set(os.listdir(tmp_path / "out"))
    records = [json.loads(line) for line in rep.read_text(encoding="utf-8").splitlines()]
    failed = {os.path.basename(r["path"]) for r in records
              if "not processed: a worker process died" in r.get("error", "")}
    # A worker stopped with the broken pool may have written some files of its unit
    # (atomically) before it was stopped: those are complete, but reported as failed.
    assert written and failed and written | failed == {f"f{i:03d}.txt" for i in range(n)}
    assert "f000.txt" in failed and "f000.txt" not in written and not temps(tmp_path)


# 9 -------------------------------------------------------------------------------------

def _remove_chain(top: Path, depth: int) -> None:
    # shutil.rmtree and os.walk recurse per level (Python 3.11): undo the chain by hand,
    # or pytest's own clean-up of tmp_path would hit the recursion limit.
    deepest = top / os.path.join(*["d"] * depth)
    for p in os.listdir(deepest):
        os.unlink(deepest / p)
    for level in range(depth, 0, -1):
        os.rmdir(top / os.path.join(*["d"] * level))


def test_a_very_deep_tree_is_walked(tmp_path, capsys):
    depth = 1200
    d = tmp_path / "deep"
    d.mkdir()
    chain = os.path.join(*["d"] * depth)
    here = os.getcwd()
    try:
        os.chdir(d)
        for _ in range(depth):
            os.mkdir("d")
            os.chdir("d")
        Path("leaf.txt").write_text(MOJI, encoding="utf-8")
    finally:
        os.chdir(here)
    (tmp_path / "top.txt").write_text(MOJI, encoding="utf-8")
    out = tmp_path / "out"
    try:
        assert run("clean", d, tmp_path / "top.txt", "-o", out, "-j1", "-q") == 0
        assert (out / chain / "leaf.txt").exists() and (out / "top.txt").exists()
    finally:
        _remove_chain(d, depth)
        if (out / "d").exists():
            _remove_chain(out, depth)


# 10 ------------------------------------------------------------------------------------

def test_an_unreadable_directory_is_a_failure(tmp_path, monkeypatch, capsys):
    from newsclean.cli import discover

    src = tmp_path / "src"
    (src / "locked").mkdir(parents=True)
    (src / "ok.txt").write_text(MOJI, encoding="utf-8")
    (src / "locked" / "x.txt").write_text(MOJI, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(discover.os, "scandir", scandir)
    assert run("clean", src, "-o", tmp_path / "out", "-q") == 1
    err = capsys.readouterr().err
    assert "locked" in err and "Permission denied" in err
    assert (tmp_path / "out" / "ok.txt").exists()
    assert run("check", src, "-q", "--fail-on", "error") == 1
    assert "locked:1:1: error: unreadable" in capsys.readouterr().out


# 11 ------------------------------------------------------------------------------------

def test_build_model_reports_bad_inputs_and_carries_on(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("The press conference was held. A press conference.\n",
                               encoding="utf-8")
    (src / "b.jsonl").write_text(json.dumps({"text": "the peace talks, the peace talks"})
                                 + "\n{bad\n[1]\n", encoding="utf-8")
    (src / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR binary words here")
    assert run("build-model", src, "-o", tmp_path / "m", "--min-count", "1") == 1
    err = capsys.readouterr().err
    assert "b.jsonl:2" in err and "b.jsonl:3" in err and "c.txt: binary file" in err
    with gzip.open(tmp_path / "m.tsv.gz", "rt", encoding="utf-8") as fh:
        table = fh.read()
    assert "press conference\t2" in table and "peace talks\t2" in table
    assert "binary words" not in table


# 12/13 ---------------------------------------------------------------------------------

def test_a_failed_rename_leaves_no_temp_file_and_names_the_target(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(MOJI, encoding="utf-8")
    out = tmp_path / "out"
    (out / "a.txt").mkdir(parents=True)
    assert run("clean", tmp_path / "a.txt", "-o", out) == 1
    err = capsys.readouterr().err
    assert str(out / "a.txt") in err and TMP_SUFFIX not in err
    assert not temps(out)


def test_report_to_an_impossible_path_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(MOJI, encoding="utf-8")
    (tmp_path / "rep").mkdir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for report in (tmp_path / "rep", tmp_path / "file" / "r.jsonl"):
        assert run("clean", tmp_path / "a.txt", "-o", tmp_path / "out",
                   "--report", report) == 2
        assert "--report" in capsys.readouterr().err
        assert not (tmp_path / "out").exists() and not temps(tmp_path)


# minor ---------------------------------------------------------------------------------

def test_stdin_with_an_output_dir_is_a_usage_error(tmp_path, capsys):
    assert run("clean", "-", "-o", tmp_path / "out") == 2
    assert "-o cannot be used" in capsys.readouterr().err


def test_in_place_writes_through_a_link(tmp_path):
    (tmp_path / "real.txt").write_text(MOJI, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    assert run("clean", link, "--in-place", "-q") == 0
    assert link.is_symlink()
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") != MOJI
    assert (tmp_path / "real.txt.bak").read_text(encoding="utf-8") == MOJI


def test_check_does_not_say_bad_records_were_copied(tmp_path, capsys):
    (tmp_path / "a.jsonl").write_text("{bad\n", encoding="utf-8")
    assert run("check", "--jsonl", tmp_path / "a.jsonl", "-q") == 1
    out = capsys.readouterr().out
    assert "malformed JSON" in out and "copied" not in out
