"""Line precision and recall of strip_site_chrome on the hand-marked page corpus.

    python benchmarks/eval_chrome.py            # summary
    python benchmarks/eval_chrome.py -v         # every page, every miss
    python benchmarks/eval_chrome.py --clean    # also: what it removes from clean copy
    python benchmarks/eval_chrome.py --only h2_ # only the pages whose name starts so
    python benchmarks/eval_chrome.py --batch    # also: learning a site's chrome from a batch

The corpus is ``tests/data/chrome/*.txt``: lines starting ``~ `` are chrome, ``^ `` the
headline (see that folder's README). A chrome line counts as found when the pass deletes
it whole; a story line counts as lost when the pass deletes any of it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "chrome"


@dataclass
class Page:
    name: str
    text: str
    chrome: set[int] = field(default_factory=set)  # line numbers (0-based) of chrome
    story: set[int] = field(default_factory=set)   # non-blank lines that are not chrome
    headline: int | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)  # content span per line


def load_page(path: Path) -> Page:
    raw = path.read_bytes().decode("utf-8")
    out: list[str] = []
    page = Page(path.name, "")
    pos = 0
    for k, line in enumerate(raw.split("\n")):
        marker = line[:2]
        if marker in ("~ ", "^ "):
            line = line[2:]
            if marker == "~ ":
                page.chrome.add(k)
            else:
                page.headline = k
        content = line.rstrip("\r").strip()
        if content and k not in page.chrome:
            page.story.add(k)
        lead = len(line) - len(line.lstrip())
        page.spans.append((pos + lead, pos + lead + len(content)))
        out.append(line)
        pos += len(line) + 1
    page.text = "\n".join(out)
    return page


def load_corpus(folder: Path = CORPUS) -> list[Page]:
    return [load_page(p) for p in sorted(folder.glob("*.txt"))]


def removed_lines(page: Page, result) -> set[int]:
    """Lines wholly deleted by the result's edits (input spans)."""
    deleted = [(e.start, e.end) for e in result.edits if not e.after.strip()]
    gone: set[int] = set()
    for k, (a, b) in enumerate(page.spans):
        if a == b:
            continue
        if any(s <= a and b <= e for s, e in deleted):
            gone.add(k)
    return gone


def touched_lines(page: Page, result) -> set[int]:
    """Lines any of whose characters an edit changed."""
    hit: set[int] = set()
    for k, (a, b) in enumerate(page.spans):
        if a != b and any(e.start < b and a < e.end for e in result.edits):
            hit.add(k)
    return hit


def evaluate(pages: list[Page], **options) -> dict:
    import newsclean

    tp = fp = fn = 0
    per_page = []
    for page in pages:
        r = newsclean.analyze(page.text, passes=["strip_site_chrome"], **options)
        gone = removed_lines(page, r)
        touched = touched_lines(page, r)
        found = gone & page.chrome
        lost = touched & page.story
        missed = page.chrome - gone
        tp += len(found)
        fp += len(lost)
        fn += len(missed)
        per_page.append((page, r, found, lost, missed))
    return {
        "pages": len(pages),
        "chrome_lines": tp + fn,
        "story_lines": sum(len(p.story) for p in pages),
        "found": tp,
        "story_lines_removed": fp,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "per_page": per_page,
    }


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    pages = load_corpus()
    if "--only" in argv:
        prefix = argv[argv.index("--only") + 1]
        pages = [p for p in pages if p.name.startswith(prefix)]
    res = evaluate(pages)
    if verbose:
        for page, r, found, lost, missed in res["per_page"]:
            lines = page.text.split("\n")
            print(f"{page.name}: {len(found)}/{len(page.chrome)} chrome lines, "
                  f"{len(lost)} story lines removed")
            for k in sorted(missed):
                print(f"   missed: {lines[k]!r}")
            for k in sorted(lost):
                print(f"   LOST:   {lines[k]!r}")
    print(f"pages: {res['pages']}  chrome lines: {res['chrome_lines']}  "
          f"story lines: {res['story_lines']}")
    print(f"line precision: {res['precision']:.3f}  recall: {res['recall']:.3f}  "
          f"story lines removed: {res['story_lines_removed']}")
    if "--clean" in argv:
        clean_copy_report(verbose)
    if "--batch" in argv:
        batch_learning_report()
    return 0


def clean_copy_report(verbose: bool = False) -> None:
    """Run the pass over every document of the benchmark corpus (clean magazine copy,
    no site chrome by construction) and say what it removed and flagged."""
    from collections import Counter

    import newsclean
    from corpus import news_documents

    docs = news_documents()
    changed = 0
    reasons: Counter[str] = Counter()
    removed: list[str] = []
    flags = 0
    for d in docs:
        r = newsclean.analyze(d, passes=["strip_site_chrome"])
        flags += len(r.flags)
        if r.edits:
            changed += 1
            for e in r.edits:
                reasons[e.reason.split(" (")[0]] += 1
                removed.append(e.before.strip()[:90])
    print(f"clean corpus: {len(docs)} documents, {changed} with edits "
          f"({sum(reasons.values())} lines removed), {flags} lines flagged")
    for why, n in reasons.most_common():
        print(f"  {n:4d}  {why}")
    if verbose:
        for line in removed:
            print("   removed:", line)


# A made-up site whose chrome is in no vocabulary: what only batch learning can find.
_SITE_TOP = ["Kestrel Daily Wire", "Morning | Evening | Weekend"]
_SITE_FOOT = ["Kestrel Daily Wire", "Our picks this week", "Tip us off: tips@kestrel.example",
              "Kestrel Media Group 2024"]


def batch_learning_report(n: int = 60) -> None:
    """Wrap ``n`` clean corpus documents in one made-up site's chrome; score the pass
    with and without ``learn_site_chrome`` over the batch."""
    import newsclean
    from corpus import news_documents
    from newsclean.passes.strip_site_chrome import learn_site_chrome

    pages = []
    for doc in news_documents(n):
        text = "\n".join(_SITE_TOP) + "\n\n" + doc.strip() + "\n\n" + "\n".join(_SITE_FOOT)
        pages.append(text)
    learnt = learn_site_chrome(pages)
    chrome = {x.lower() for x in _SITE_TOP + _SITE_FOOT}
    for label, opts in (("without learning", {}), ("with learn_site_chrome", {
            "chrome_lines": learnt})):
        found = total = lost = 0
        for text in pages:
            out = newsclean.clean(text, passes=["strip_site_chrome"], **opts)
            kept = {line.strip().lower() for line in out.split("\n")}
            total += len(_SITE_TOP) + len(_SITE_FOOT)
            found += sum(1 for x in _SITE_TOP + _SITE_FOOT if x.lower() not in kept)
            story = [ln.strip() for ln in text.split("\n")
                     if ln.strip() and ln.strip().lower() not in chrome]
            lost += sum(1 for ln in story if ln not in out)
        print(f"batch of {len(pages)} pages, {label}: chrome recall {found / total:.3f} "
              f"({found}/{total}), story lines lost {lost}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
