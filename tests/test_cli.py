"""The `newsclean` command, driven as a subprocess on temporary trees.

Expected outputs are computed here with the library itself (``newsclean.clean``) and with
plain ``bytes.decode``, never copied from the CLI's code, so the tests hold whatever passes
the library has.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest

import newsclean
from newsclean import registry

MOJI = "Russia\u00e2\u20ac\u2122s top diplomat said the caf\u00c3\u00a9 was closed.\n"
PLAIN = "The minister said on Tuesday that talks would resume next week.\n"
TMP_SUFFIX = ".newsclean-tmp"


# Most tests are about the command (files, encodings, failures, interrupts), not about
# what the passes do, so they run one cheap pass: the full pipeline loads lexicons and
# gazetteers that cost seconds per process. Tests given full=True run the default pipeline.
LIGHT = ["fix_mojibake"]
LIGHT_ARGS = ["--only", "fix_mojibake"]


def cli(*args: str, input: bytes | None = None, cwd: Path | None = None,
        timeout: float = 120, full: bool = False) -> subprocess.CompletedProcess:
    argv = [str(a) for a in args]
    if not full and argv[:1] in (["clean"], ["check"]):
        argv[1:1] = LIGHT_ARGS
    return subprocess.run([sys.executable, "-m", "newsclean", *argv],
                          input=input, capture_output=True, cwd=cwd, timeout=timeout)


def popen(*args: str) -> subprocess.Popen:
    """The command (light passes) running in the background."""
    argv = [str(a) for a in args]
    argv[1:1] = LIGHT_ARGS
    return subprocess.Popen([sys.executable, "-m", "newsclean", *argv],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def err(proc: subprocess.CompletedProcess) -> str:
    return proc.stderr.decode("utf-8", "replace")


def lib_options(full: bool, options: dict) -> dict:
    return options if full else {"passes": LIGHT, **options}


def lib_clean(text: str, full: bool = False, **options) -> str:
    return newsclean.clean(text, **lib_options(full, options))


def lib_analyze(text: str, full: bool = False, **options):
    return newsclean.analyze(text, **lib_options(full, options))


def expected(text: str, newline: str = "\n", full: bool = False, **options) -> bytes:
    """What `newsclean clean` must write for a document of this (\\n) text."""
    return lib_clean(text, full, **options).replace("\n", newline).encode("utf-8")


def snapshot(root: Path, contents: bool = True) -> dict[str, tuple]:
    """Digest of the bytes, size, mtime and mode of every file (lstat for links) under root."""
    snap = {}
    for p in sorted(root.rglob("*")):
        st = p.lstat()
        digest = None
        if contents and stat.S_ISREG(st.st_mode):
            h = hashlib.blake2b()
            with open(p, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            digest = h.hexdigest()
        snap[str(p)] = (digest, st.st_size, st.st_mtime_ns, st.st_mode)
    return snap


def no_temp_files(root: Path) -> bool:
    return not [p for p in root.rglob("*") if p.name.endswith(TMP_SUFFIX)]


# -- the good inputs, in every encoding ------------------------------------------------

GOOD = {
    "plain.txt": PLAIN.encode(),
    "moji.txt": (PLAIN + MOJI).encode(),
    "sub/deeper/crlf.txt": (PLAIN + MOJI).replace("\n", "\r\n").encode(),
    "sub/bom.txt": b"\xef\xbb\xbf" + MOJI.encode(),
    "sub/utf16.txt": ("\ufeff" + PLAIN + "caf\u00e9 \u201cquoted\u201d\n").encode("utf-16-le"),
    "legacy/cp1252.txt": "The caf\u00e9\u2019s owner said \u201cno\u201d \u2014 twice.\n"
                         .encode("cp1252"),
    "legacy/latin1.txt": "Le caf\u00e9 \u00e0 c\u00f4t\u00e9, \u00bd prix.\n".encode("latin-1"),
    # UTF-8 with one stray Windows-1252 quote pair pasted in.
    "legacy/mixed.txt": "The caf\u00e9\u2019s owner said ".encode() + b"\x93no\x94.\n",
}
DECODED = {
    "plain.txt": (PLAIN, "\n"),
    "moji.txt": (PLAIN + MOJI, "\n"),
    "sub/deeper/crlf.txt": (PLAIN + MOJI, "\r\n"),
    "sub/bom.txt": (MOJI, "\n"),
    "sub/utf16.txt": (PLAIN + "caf\u00e9 \u201cquoted\u201d\n", "\n"),
    "legacy/cp1252.txt": ("The caf\u00e9\u2019s owner said \u201cno\u201d \u2014 twice.\n", "\n"),
    "legacy/latin1.txt": ("Le caf\u00e9 \u00e0 c\u00f4t\u00e9, \u00bd prix.\n", "\n"),
    "legacy/mixed.txt": ("The caf\u00e9\u2019s owner said \u201cno\u201d.\n", "\n"),
}


def make_good(root: Path) -> None:
    for rel, data in GOOD.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    (root / "notes.md").write_text("not matched by the default --glob\n")


BAD = ["bad/binary.txt", "bad/undecodable16.txt", "bad/undecodable.txt", "bad/dangling.txt",
       "bad/fifo.txt", "bad/huge.txt", "bad/longline.txt"]


def make_bad(root: Path) -> None:
    bad = root / "bad"
    bad.mkdir(parents=True, exist_ok=True)
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    # A UTF-16 byte-order mark followed by an unpaired surrogate.
    (bad / "undecodable16.txt").write_bytes(b"\xff\xfeh\x00\x00\xd8i\x00")
    # KOI8-R Russian: neither UTF-8 nor plausible Western single-byte text.
    (bad / "undecodable.txt").write_bytes(
        "Привет, как дела? Это тестовый текст на русском языке.".encode("koi8-r"))
    (bad / "empty.txt").write_bytes(b"")
    os.symlink("no-such-target.txt", bad / "dangling.txt")
    os.mkfifo(bad / "fifo.txt")
    (bad / "dir.txt").mkdir()  # a directory named like a file: walked, holds nothing
    with open(bad / "huge.txt", "wb") as fh:  # 200 MB, sparse: costs no disk or time
        fh.truncate(200_000_000)
    # One 40 KB line: over the small --max-bytes these tests use (see below).
    (bad / "longline.txt").write_bytes(b"word " * 8_000)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    make_good(src)
    make_bad(src)
    return src


# -- basics ----------------------------------------------------------------------------


def test_version_and_help_with_examples():
    proc = cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().strip() == f"newsclean {newsclean.__version__}"
    top = cli("--help").stdout.decode()
    assert "newsclean clean seeds/" in top and "newsclean check seeds/" in top
    for command in ("clean", "check"):
        text = cli(command, "--help").stdout.decode()
        assert "examples:" in text and f"newsclean {command} " in text.split("examples:")[1]


def test_console_script_is_declared_and_installed():
    scripts = {ep.name: ep.value for ep in metadata.entry_points(group="console_scripts")}
    assert scripts.get("newsclean") == "newsclean.cli:main"
    script = Path(sys.executable).parent / "newsclean"
    if not script.exists():
        pytest.skip("newsclean is not installed as a script in this environment")
    proc = subprocess.run([str(script), "--version"], capture_output=True)
    assert proc.returncode == 0 and b"newsclean" in proc.stdout


def test_no_command_is_a_usage_error():
    assert cli().returncode == 2


# -- clean: the main job ---------------------------------------------------------------


def test_clean_mirrors_the_tree_and_equals_the_library(tmp_path: Path):
    src, out = tmp_path / "in", tmp_path / "out"
    make_good(src)
    proc = cli("clean", src, "-o", out, full=True)  # the default pipeline, every pass
    assert proc.returncode == 0, err(proc)
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == sorted(GOOD)  # notes.md is not *.txt
    for rel, (text, newline) in DECODED.items():
        assert (out / rel).read_bytes() == expected(text, newline, full=True), rel
    assert proc.stdout == b""  # nothing machine-readable was asked for
    summary = err(proc).strip().splitlines()[-1]
    assert re.search(r"8 document\(s\) in 8 file\(s\), \d+ changed, \d+ edit\(s\), \d+ flag",
                     summary)
    assert "0 failed" in summary and "8 file(s) written" in summary
    # The legacy files were guessed, and the user is told so.
    assert "legacy/cp1252.txt: not UTF-8; read as cp1252 (guessed)" in err(proc)
    assert "legacy/mixed.txt: UTF-8 with stray bytes that are not; read those as cp1252" in err(
        proc)


def test_report_has_one_line_per_document(tmp_path: Path, tree: Path):
    out, report = tmp_path / "out", tmp_path / "report.jsonl"
    proc = cli("clean", tree, "-o", out, "--report", report, "--max-bytes", "10000",
               tmp_path / "missing.txt")
    records = [json.loads(line) for line in report.read_text().splitlines()]
    by_path = {Path(r["path"]).relative_to(tree).as_posix() if r["path"] != str(
        tmp_path / "missing.txt") else "missing": r for r in records}
    moji = by_path["moji.txt"]
    assert moji["status"] == "changed" and moji["encoding"] == "utf-8"
    lib = lib_analyze(PLAIN + MOJI).to_dict()
    assert moji["edits"] == lib["edits"] and moji["flags"] == lib["flags"]
    assert "spin_score" in moji
    assert by_path["legacy/cp1252.txt"]["encoding"] == "cp1252"
    assert by_path["legacy/cp1252.txt"]["encoding_guessed"] is True
    assert by_path["sub/utf16.txt"]["encoding"] == "utf-16"
    assert by_path["legacy/mixed.txt"]["encoding"] == "utf-8+cp1252"
    assert by_path["sub/bom.txt"]["encoding"] == "utf-8-sig"
    assert by_path["sub/deeper/crlf.txt"]["newline"] == "CRLF"
    assert by_path["bad/empty.txt"]["status"] == "empty"
    for rel in BAD + ["missing"]:
        assert by_path[rel]["status"] == "error", rel
    assert by_path["bad/binary.txt"]["error_kind"] == "binary"
    assert by_path["bad/huge.txt"]["error_kind"] == "too-large"
    assert by_path["bad/dangling.txt"]["error_kind"] == "unreadable"
    assert by_path["missing"]["error_kind"] == "missing"
    assert proc.returncode == 1


def test_bad_inputs_fail_alone_with_clear_messages(tmp_path: Path, tree: Path):
    out = tmp_path / "out"
    proc = cli("clean", tree, tmp_path / "missing.txt", "-o", out, "--max-bytes", "10000")
    assert proc.returncode == 1
    text = err(proc)
    messages = {
        "bad/binary.txt": "binary file",
        "bad/undecodable16.txt": "not valid utf-16",
        "bad/undecodable.txt": "not UTF-8",
        "bad/dangling.txt": "broken symbolic link",
        "bad/fifo.txt": "not a regular file",
        "bad/huge.txt": "200.0 MB is over the --max-bytes limit",
        "bad/longline.txt": "40.0 KB is over the --max-bytes limit",
        "missing.txt": "no such file or directory",
    }
    for name, message in messages.items():
        assert re.search(re.escape(name) + r": .*" + re.escape(message), text), name
    assert "bad/empty.txt: empty file" in text
    # Every good file was still cleaned; no failed one left an output behind.
    for rel, (doc, newline) in DECODED.items():
        assert (out / rel).read_bytes() == expected(doc, newline)
    for rel in BAD:
        assert not (out / rel).exists()
    assert (out / "bad/empty.txt").read_bytes() == b""
    assert "8 input(s) failed" in text
    assert no_temp_files(out)


def test_a_file_without_read_permission(tmp_path: Path):
    # Root reads files whatever their mode, so as root the command runs as 'nobody'
    # (through setpriv), in a directory that user may enter.
    prefix: list[str] = []
    root = tmp_path
    if os.geteuid() == 0:
        import shutil
        import tempfile

        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make a file unreadable")
        prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        probe = subprocess.run([*prefix, sys.executable, "-c", "import newsclean.cli"],
                               capture_output=True, timeout=60)
        if probe.returncode != 0:
            pytest.skip("'nobody' cannot run this Python environment")
        root = Path(tempfile.mkdtemp(prefix="newsclean-perm-"))
        root.chmod(0o777)
    try:
        src = root / "in"
        make_good(src)
        for p in [src, *src.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)
        (src / "secret.txt").write_text(PLAIN)
        (src / "secret.txt").chmod(0)
        proc = subprocess.run([*prefix, sys.executable, "-m", "newsclean", "clean",
                               *LIGHT_ARGS, str(src), "-o", str(root / "out")],
                              capture_output=True, timeout=120)
        assert proc.returncode == 1, err(proc)
        assert "secret.txt: cannot read: Permission denied" in err(proc)
        assert (root / "out" / "plain.txt").read_bytes() == expected(PLAIN)
    finally:
        if root != tmp_path:
            import shutil

            shutil.rmtree(root, ignore_errors=True)


def test_a_50_mb_file_is_refused_by_default_without_reading_it(tmp_path: Path):
    # Sparse, so it costs nothing; the default limit (32 MB) refuses it from its size.
    big = tmp_path / "in" / "big.txt"
    big.parent.mkdir()
    with open(big, "wb") as fh:
        fh.truncate(50_000_000)
    proc = cli("clean", big.parent, "-o", tmp_path / "out")
    assert proc.returncode == 1
    assert "big.txt: 50.0 MB is over the --max-bytes limit of 32.0 MB" in err(proc)


def test_inputs_are_never_modified(tmp_path: Path, tree: Path):
    before = snapshot(tree)
    quick = snapshot(tree, contents=False)
    time.sleep(0.01)
    for args in (["clean", tree, "-o", tmp_path / "out", "-j", "2"], ["clean", tree, "--diff"],
                 ["clean", tree, "--dry-run"], ["check", tree]):
        cli(*args, "--max-bytes", "10000")
        assert snapshot(tree, contents=False) == quick, args  # sizes, mtimes, modes
    assert snapshot(tree) == before  # and every byte (read once: 200 MB are in there)


def test_stdin_to_stdout():
    data = (PLAIN + MOJI).replace("\n", "\r\n").encode()
    proc = cli("clean", "-", input=data, full=True)
    assert proc.returncode == 0, err(proc)
    assert proc.stdout == expected(PLAIN + MOJI, "\r\n", full=True)


def test_single_file_without_output_goes_to_stdout(tmp_path: Path):
    f = tmp_path / "story.txt"
    f.write_bytes(MOJI.encode())
    proc = cli("clean", f, "-q")
    assert proc.returncode == 0 and proc.stdout == expected(MOJI)
    assert proc.stderr == b""


def test_diff_and_dry_run_write_nothing(tmp_path: Path):
    src = tmp_path / "in"
    make_good(src)
    proc = cli("clean", src, "--diff")
    assert proc.returncode == 0
    diff = proc.stdout.decode()
    if lib_clean(MOJI) != MOJI:
        assert "--- a/" in diff and "+++ b/" in diff
        assert "-" + MOJI.rstrip("\n") in diff and "+" + lib_clean(MOJI).rstrip() in diff
    proc = cli("clean", src, "--dry-run")
    assert proc.returncode == 0 and "would change" in err(proc)
    assert "nothing written" in err(proc)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_in_place_keeps_a_backup(tmp_path: Path):
    src = tmp_path / "in"
    make_good(src)
    plain_mtime = (src / "plain.txt").stat().st_mtime_ns
    proc = cli("clean", src, "--in-place")
    assert proc.returncode == 0, err(proc)
    assert (src / "moji.txt").read_bytes() == expected(PLAIN + MOJI)
    assert (src / "moji.txt.bak").read_bytes() == GOOD["moji.txt"]
    if lib_clean(PLAIN) == PLAIN:  # unchanged files are not rewritten
        assert (src / "plain.txt").stat().st_mtime_ns == plain_mtime
        assert not (src / "plain.txt.bak").exists()
    src2 = tmp_path / "in2"
    make_good(src2)
    assert cli("clean", src2, "--in-place", "--no-backup").returncode == 0
    assert not list(src2.rglob("*.bak"))
    assert (src2 / "moji.txt").read_bytes() == expected(PLAIN + MOJI)


def test_output_may_not_overwrite_input(tmp_path: Path):
    src = tmp_path / "in"
    make_good(src)
    proc = cli("clean", src, "-o", src)
    assert proc.returncode == 2 and "use --in-place" in err(proc)
    proc = cli("clean", src)
    assert proc.returncode == 2 and "-o OUT" in err(proc)


def test_resume_skips_up_to_date_outputs(tmp_path: Path):
    src, out = tmp_path / "in", tmp_path / "out"
    make_good(src)
    assert cli("clean", src, "-o", out).returncode == 0
    newer = src / "moji.txt"
    newer.write_bytes(MOJI.encode())
    future = time.time() + 5
    os.utime(newer, (future, future))
    proc = cli("clean", src, "-o", out, "--resume")
    assert proc.returncode == 0
    assert "1 file(s)" in err(proc).splitlines()[-1]
    assert f"{len(GOOD) - 1} skipped" in err(proc)
    assert (out / "moji.txt").read_bytes() == expected(MOJI)


# -- options ---------------------------------------------------------------------------


def test_pass_selection_and_config_file(tmp_path: Path):
    f = tmp_path / "moji.txt"
    f.write_bytes((MOJI + "Two  spaces.\n").encode())
    text = MOJI + "Two  spaces.\n"
    both = ["fix_mojibake", "fix_spacing"]
    for args, options in [
        (["--only", "fix_spacing"], {"passes": ["fix_spacing"]}),
        (["--only", "fix_mojibake,fix_spacing", "--skip", "fix_mojibake"],
         {"passes": both, "skip": ["fix_mojibake"]}),
        (["--only", "fix_mojibake", "--only", "fix_spacing"], {"passes": both}),
    ]:
        proc = cli("clean", f, *args, full=True)
        assert proc.returncode == 0, err(proc)
        assert proc.stdout == expected(text, full=True, **options), args
    cfg = tmp_path / "newsclean.toml"
    cfg.write_text('[newsclean]\npasses = ["fix_mojibake", "fix_spacing"]\n'
                   'skip = ["fix_mojibake"]\n')
    proc = cli("clean", f, "--config", cfg, full=True)
    assert proc.stdout == expected(text, full=True, passes=both, skip=["fix_mojibake"])
    proc = cli("clean", f, "--config", cfg, "--skip", "fix_spacing", full=True)  # flags win
    assert proc.stdout == expected(text, full=True, passes=both, skip=["fix_spacing"])

    proc = cli("clean", f, "--skip", "fix_mojibak")
    assert proc.returncode == 2 and "Did you mean 'fix_mojibake'" in err(proc)
    cfg.write_text("skipp = []\n")
    proc = cli("clean", f, "--config", cfg)
    assert proc.returncode == 2 and "unknown option 'skipp'" in err(proc)
    cfg.write_text("skip = [\n")
    proc = cli("clean", f, "--config", cfg)
    assert proc.returncode == 2 and "not valid TOML" in err(proc)


def test_generated_and_named_flags_follow_the_registry(tmp_path: Path):
    f = tmp_path / "s.txt"
    f.write_bytes(PLAIN.encode())
    help_text = cli("clean", "--help").stdout.decode()
    for name, opt in registry.options().items():
        if name not in ("passes", "skip", "enable"):
            assert "--" + name.replace("_", "-") in help_text, name
    proc = cli("clean", f, "--restore-spun")
    if "restore_spun" in registry.options():
        assert proc.returncode == 0
    else:  # the flag exists, but this library has no pass that reads it
        assert proc.returncode == 2
        assert "--restore-spun is not supported by this installation" in err(proc)


# -- JSON Lines ------------------------------------------------------------------------


def jsonl_input() -> bytes:
    lines = [
        '{"id": 1, "text": %s, "score": 1.50, "tag": "\\u00e9"}' % json.dumps(MOJI),
        '{"id": 2, "text": %s}' % json.dumps(PLAIN),
        '{"id": 3, "text": "broken',
        '{"id": 4}',
        '',
        '{"id": 5, "body": %s, "text": %s}' % (json.dumps(MOJI), json.dumps(MOJI)),
    ]
    return ("\n".join(lines) + "\n").encode()


def test_jsonl_cleans_one_field_and_keeps_the_rest(tmp_path: Path):
    src = tmp_path / "corpus.jsonl"
    src.write_bytes(jsonl_input())
    proc = cli("clean", "--jsonl", src, "-o", tmp_path / "out")
    assert proc.returncode == 1  # two bad records
    assert "corpus.jsonl: line 3: malformed JSON" in err(proc)
    assert "corpus.jsonl: line 4: no 'text' field" in err(proc)
    got = (tmp_path / "out" / "corpus.jsonl").read_bytes().split(b"\n")
    given = jsonl_input().split(b"\n")
    assert len(got) == len(given)
    rec1 = json.loads(got[0])
    assert rec1 == {"id": 1, "text": lib_clean(MOJI), "score": 1.5, "tag": "\u00e9"}
    # Other fields keep even their spelling (1.50, \u00e9).
    assert b'"score": 1.50, "tag": "\\u00e9"' in got[0]
    assert got[2:5] == given[2:5]  # bad records and the blank line, copied unchanged
    rec5 = json.loads(got[5])
    assert rec5["body"] == MOJI and rec5["text"] == lib_clean(MOJI)
    if lib_clean(PLAIN) == PLAIN:
        assert got[1] == given[1]


def test_jsonl_annotate_and_stdin(tmp_path: Path):
    proc = cli("clean", "--jsonl", "-", "--annotate", input=jsonl_input())
    out = [json.loads(x) for x in proc.stdout.decode().splitlines() if x.startswith('{"id": 1')]
    note = out[0]["newsclean"]
    lib = lib_analyze(MOJI).to_dict()
    assert note["flags"] == lib["flags"] and note["edits"] == len(lib["edits"])
    assert "spin_score" in note
    assert "<stdin>: line 3: malformed JSON" in err(proc)


def test_jsonl_oversized_record_is_streamed_through(tmp_path: Path):
    src = tmp_path / "big.jsonl"
    long_record = b'{"id": 2, "text": "' + b"x" * 3_000_000 + b'"}\n'
    src.write_bytes(b'{"id": 1, "text": %s}\n' % json.dumps(MOJI).encode() + long_record
                    + b'{"id": 3, "text": "fine"}\n')
    proc = cli("clean", "--jsonl", src, "-o", tmp_path / "out", "--max-bytes", "1MB")
    assert proc.returncode == 1
    assert (f"big.jsonl: line 2: record of {len(long_record)} bytes is over the --max-bytes "
            "limit; copied unchanged") in err(proc)
    lines = (tmp_path / "out" / "big.jsonl").read_bytes().split(b"\n")
    assert lines[1] + b"\n" == long_record
    assert json.loads(lines[0])["text"] == lib_clean(MOJI)
    assert json.loads(lines[2])["text"] == "fine"


# -- check -----------------------------------------------------------------------------


LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning|info): "
                  r"(?P<kind>[^:]+): (?P<message>.*?)( \(suggestion: .*\))?$")


def test_check_prints_findings_like_a_compiler(tmp_path: Path):
    f = tmp_path / "moji.txt"
    f.write_bytes((PLAIN + MOJI).encode())
    proc = cli("check", f, full=True)
    result = lib_analyze(PLAIN + MOJI, full=True)
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == len(result.edits) + len(result.flags)
    for line in lines:
        m = LINE.match(line)
        assert m, line
        assert m["path"] == str(f)
    if result.edits:
        first = result.edits[0]
        line_no = (PLAIN + MOJI).count("\n", 0, first.start) + 1
        col = first.start - (PLAIN + MOJI).rfind("\n", 0, first.start)
        assert any(x.startswith(f"{f}:{line_no}:{col}: warning: {first.pass_name}: ")
                   for x in lines)
        assert proc.returncode == 1
    if lib_analyze(PLAIN + MOJI).edits:
        assert cli("check", f, "--fail-on", "error").returncode == 0
    assert "newsclean check:" in err(proc).splitlines()[-1]
    assert "findings:" in err(proc)
    proc = cli("check", f, "--format", "json")
    result = lib_analyze(PLAIN + MOJI)
    findings = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [x["start"] for x in findings if x["edit"]] == [e.start for e in result.edits]
    assert all({"path", "line", "col", "level", "kind", "message"} <= set(x) for x in findings)


def test_check_clean_copy_exits_0_and_bad_input_exits_1(tmp_path: Path, tree: Path):
    f = tmp_path / "plain.txt"
    f.write_bytes(PLAIN.encode())
    proc = cli("check", f)
    if not lib_analyze(PLAIN).edits:
        assert proc.returncode == 0 and proc.stdout == b""
    proc = cli("check", tree / "bad", "--fail-on", "error", "--max-bytes", "10000")
    assert proc.returncode == 1
    out = proc.stdout.decode()
    assert f"{tree / 'bad' / 'binary.txt'}:1:1: error: binary: binary file" in out


# -- parallel runs and interrupts ------------------------------------------------------


def make_many(root: Path, n: int, size: int) -> None:
    docs = [PLAIN * 3, MOJI * 2, (PLAIN + MOJI) * 5]
    for i in range(n):
        p = root / f"d{i % 5}" / f"f{i:04d}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        body = (docs[i % 3] * (size // len(docs[i % 3]) + 1))[:size]
        data = body.encode()
        if i % 4 == 0:
            data = data.replace(b"\n", b"\r\n")
        p.write_bytes(data)


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_two_jobs_give_exactly_what_one_job_gives(tmp_path: Path):
    src = tmp_path / "in"
    make_many(src, 100, 600)  # > one batch of 64 files, so the pool is really used
    make_bad(src)
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        proc = cli("clean", src, "-o", out, "-j", jobs, "--max-bytes", "10000",
                   "--report", tmp_path / f"r{jobs}.jsonl")
        chk = cli("check", src, "-j", jobs, "--max-bytes", "10000")
        report = (tmp_path / f"r{jobs}.jsonl").read_text().replace(str(out), "OUT")
        runs[jobs] = (proc.returncode, tree_bytes(out), report, chk.stdout, chk.returncode)
    assert runs["1"] == runs["2"]
    assert len(runs["1"][1]) == 101  # 100 + the empty file


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_interrupt_leaves_no_partial_file(tmp_path: Path, jobs: str):
    src, out = tmp_path / "in", tmp_path / "out"
    # Mojibake-heavy documents: slow enough (ftfy on every line) to interrupt mid-run.
    make_many(src, 80, 60_000)
    proc = popen("clean", src, "-o", out, "-j", jobs)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and any(p.is_file() for p in out.rglob("*.txt")):
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    text = stderr.decode()
    if proc.returncode == 0:
        pytest.skip("the run finished before the interrupt arrived")
    assert proc.returncode == 130, text
    assert "interrupted" in text and "no partial files" in text
    assert no_temp_files(out)
    written = tree_bytes(out)
    assert 0 < len(written) < 80
    for rel, data in written.items():  # every output there is complete
        raw = (src / rel).read_bytes()
        newline = "\r\n" if b"\r\n" in raw else "\n"
        assert data == expected(raw.decode().replace("\r\n", "\n"), newline), rel


def test_second_interrupt_aborts_without_partial_files(tmp_path: Path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    # One small document, then big ones (all mojibake, a second or more each): when the
    # small one's output appears, the other worker is inside a big one, which is still
    # running when the second interrupt comes.
    sizes = [1_000] + [20_000] * 5
    for i, n in enumerate(sizes):
        (src / f"f{i}.txt").write_bytes((MOJI * n).encode())
    proc = popen("clean", src, "-o", out, "-j", "2", "--max-bytes", "2MB")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and any(p.is_file() for p in out.rglob("*.txt")):
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=30)
    if proc.returncode == 0:
        pytest.skip("the run finished before the interrupt arrived")
    assert proc.returncode == 130, stderr.decode()
    assert "aborted" in stderr.decode() and "no partial files" in stderr.decode()
    assert no_temp_files(out)
    written = tree_bytes(out)
    assert len(written) < 6
    for name, data in written.items():
        assert data == expected(MOJI * sizes[int(name[1])])


# -- the terminal ----------------------------------------------------------------------


def run_on_terminal(*args: str) -> tuple[int, str]:
    """Run the command with stderr on a pseudo-terminal; return (status, what it showed)."""
    import pty

    master, slave = pty.openpty()
    argv = [str(a) for a in args]
    argv[1:1] = LIGHT_ARGS
    proc = subprocess.Popen([sys.executable, "-m", "newsclean", *argv],
                            stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    proc.communicate(timeout=60)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal(tmp_path: Path):
    src = tmp_path / "in"
    make_many(src, 30, 2000)
    status, shown = run_on_terminal("clean", src, "-o", tmp_path / "out")
    assert status == 0
    bar = re.search(r"\r\[[#.]+\] (\d+)/30 files +[\d.]+/[\d.]+ MB +[\d.]+ MB/s +ETA \d+:\d\d",
                    shown)
    assert bar, shown
    assert "newsclean clean: 30 document(s) in 30 file(s)" in shown
    status, shown = run_on_terminal("clean", src, "-o", tmp_path / "out2", "-q")
    assert status == 0 and shown == ""
    proc = cli("clean", src, "-o", tmp_path / "out3")  # stderr is a pipe: no bar
    assert "\r" not in err(proc) and "30 document(s)" in err(proc)


# -- JSON Lines at scale ---------------------------------------------------------------


def make_corpus(path: Path, n: int) -> None:
    docs = [PLAIN, MOJI, PLAIN + MOJI]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            if i % 97 == 5:
                fh.write('{"id": %d, "text": "unterminated\n' % i)
            else:
                fh.write(json.dumps({"id": i, "score": 0.5, "text": docs[i % 3]}) + "\n")


def test_one_big_jsonl_file_two_jobs_identical_to_one(tmp_path: Path):
    src = tmp_path / "corpus.jsonl"
    make_corpus(src, 2100)  # three batches of lines, so both workers get some
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        proc = cli("clean", "--jsonl", src, "-o", out, "-j", jobs, "--report",
                   tmp_path / f"r{jobs}.jsonl")
        chk = cli("check", "--jsonl", src, "-j", jobs, "--format", "json")
        report = (tmp_path / f"r{jobs}.jsonl").read_text().replace(str(out), "OUT")
        runs[jobs] = (proc.returncode, (out / "corpus.jsonl").read_bytes(), report,
                      chk.stdout, chk.returncode, err(proc).splitlines()[:-3])
    assert runs["1"] == runs["2"]
    status, output, report, *_ = runs["1"]
    assert status == 1  # the malformed lines
    lines = output.split(b"\n")
    assert len(lines) == 2101 and lines[5] == b'{"id": 5, "text": "unterminated'
    assert json.loads(lines[2])["text"] == lib_clean(PLAIN + MOJI)
    assert len(report.splitlines()) == 2100


def test_jsonl_in_place_and_interrupt(tmp_path: Path):
    src = tmp_path / "c.jsonl"
    make_corpus(src, 50)
    original = src.read_bytes()
    assert cli("clean", "--jsonl", src, "--in-place").returncode == 1  # malformed lines
    assert (tmp_path / "c.jsonl.bak").read_bytes() == original
    assert json.loads(src.read_bytes().split(b"\n")[1])["text"] == lib_clean(MOJI)
    plain = tmp_path / "plain.jsonl"  # nothing to clean, but --annotate rewrites it
    plain.write_text(json.dumps({"text": PLAIN}) + "\n")
    assert cli("clean", "--jsonl", plain, "--in-place", "--annotate").returncode == 0
    assert "newsclean" in json.loads(plain.read_text())
    assert cli("clean", "--jsonl", plain, "--in-place").returncode == 0  # unchanged

    big = tmp_path / "big.jsonl"
    with open(big, "w", encoding="utf-8") as fh:
        for i in range(400):
            fh.write(json.dumps({"id": i, "text": MOJI * 200}) + "\n")
    out = tmp_path / "out"
    proc = popen("clean", "--jsonl", big, "-o", out, "-j", "2")
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run finished before the interrupt arrived")
    assert proc.returncode == 130
    assert "big.jsonl: interrupted; output not written" in stderr.decode()
    assert not (out / "big.jsonl").exists() and no_temp_files(tmp_path)


def test_sigterm_aborts_without_partial_files(tmp_path: Path):
    src, out = tmp_path / "in", tmp_path / "out"
    make_many(src, 80, 60_000)
    proc = popen("clean", src, "-o", out, "-j", "2")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and any(p.is_file() for p in out.rglob("*.txt")):
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal arrived")
    assert proc.returncode == 130 and "aborted" in stderr.decode()
    assert no_temp_files(out)


def test_build_model_command_feeds_clean(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text(
        "The press conference was held in Geneva. Another press conference followed.\n"
        "Officials held a press conference on Monday.\n", encoding="utf-8")
    model = tmp_path / "model"
    done = subprocess.run([sys.executable, "-m", "newsclean", "build-model", str(archive),
                           "-o", str(model)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    built = [p for p in tmp_path.rglob("*") if p.is_file() and p.parent != archive]
    assert built, "no model file written"
    story = tmp_path / "story.txt"
    story.write_text("Officials held a press meeting on Monday.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "newsclean", "check", "--model",
                          str(built[0]), str(story)], capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    bad = subprocess.run([sys.executable, "-m", "newsclean", "build-model",
                          str(tmp_path / "missing"), "-o", str(model)],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "newsclean build-model:" in bad.stderr
