"""CI packaging check: the wheel holds every data file, and works installed on its own.

1. Build the wheel (``pip wheel . --no-deps``, in pip's isolated build environment).
2. Every file under ``src/newsclean/data`` (``data/`` at the top is a link to it) must be
   in the wheel as ``newsclean/data/...``, byte for byte.
3. A fresh virtual environment gets the wheel alone (its dependencies from the package
   index, nothing from this checkout) and runs ``newsclean clean seeds/ -o OUT`` from
   outside the checkout; every output must equal ``newsclean.clean()`` of its seed as the
   environment running this script computes it.

Run from anywhere: ``python .ci/check_wheel.py``. Exit status 0 when all holds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "newsclean" / "data"
SEEDS = ROOT / "seeds"


def step(msg: str) -> None:
    print(f"check_wheel: {msg}", flush=True)


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, **kw)


def main() -> int:
    t0 = time.monotonic()
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
             "--wheel-dir", str(tmp / "dist"), str(ROOT)])
        [wheel] = list((tmp / "dist").glob("newsclean-*.whl"))
        step(f"built {wheel.name} ({wheel.stat().st_size / 1e3:.0f} KB)")

        data_files = sorted(p for p in DATA.rglob("*") if p.is_file()
                            and "__pycache__" not in p.parts)
        if not data_files:
            failures.append(f"no data files found under {DATA}")
        with zipfile.ZipFile(wheel) as zf:
            names = set(zf.namelist())
            for p in data_files:
                name = "newsclean/data/" + p.relative_to(DATA).as_posix()
                if name not in names:
                    failures.append(f"{name}: missing from the wheel")
                elif zf.read(name) != p.read_bytes():
                    failures.append(f"{name}: differs from the checkout")
        step(f"{len(data_files)} data file(s) checked against the wheel")

        venv = tmp / "venv"
        run([sys.executable, "-m", "venv", str(venv)])
        py = venv / "bin" / "python"
        run([str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             str(wheel)])
        step("installed the wheel alone in a fresh virtual environment")
        out = tmp / "out"
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        proc = subprocess.run([str(venv / "bin" / "newsclean"), "clean", str(SEEDS),
                               "-o", str(out), "-q"], cwd=tmp, env=env,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            failures.append(f"newsclean clean seeds/ exited {proc.returncode}: "
                            f"{proc.stderr.strip()}")
        where = subprocess.run([str(py), "-c", "import newsclean; print(newsclean.__file__)"],
                               cwd=tmp, env=env, capture_output=True, text=True).stdout
        if str(ROOT) in where:
            failures.append(f"the fresh environment imported the checkout: {where.strip()}")

        import newsclean  # the environment running CI, to compare outputs with

        seeds = sorted(SEEDS.rglob("*.txt"))
        for seed in seeds:
            got = out / seed.relative_to(SEEDS)
            if not got.exists():
                failures.append(f"{got.name}: no output written")
            elif got.read_text(encoding="utf-8") != \
                    newsclean.clean(seed.read_text(encoding="utf-8")):
                failures.append(f"{got.name}: output differs from newsclean.clean()")
        step(f"`newsclean clean seeds/` from the wheel: {len(seeds)} seed(s) checked")

    for f in failures:
        print(f"check_wheel: FAIL: {f}", file=sys.stderr)
    step(f"{'FAILED' if failures else 'ok'} in {time.monotonic() - t0:.0f}s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
