"""Separate the story from the page around it: site chrome in plain-text copy."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from ..chrome_patterns import SENTENCE_BREAK as _SENTENCE_BREAK
from ..chrome_patterns import _CLOSERS, check_pattern_files, load_patterns, normalise
from ..model import Result
from ..registry import Option, register_pass
from ..structure import Structure, body

Result.set_extension(
    "structure", default=None,
    doc="strip_site_chrome: the headline, dateline, byline and body of the page as input "
        "spans (a newsclean.structure.Structure), or None if the pass did not run.")
Result.set_extension(
    "body", getter=body,
    doc="strip_site_chrome: the cleaned story body alone (no headline, byline or chrome), "
        "or None.")

# Line classes.
# TIMEHEAD: a bare relative time ("Yesterday", "Five years ago") heading the lines below it.
BLANK, CHROME, SECTION, RELTIME, DATE, TEASER, SHORT, SENT, LIST, BYLINE, TIMEHEAD = range(11)

_NUM = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few)"
_UNIT = (r"(?:secs?|seconds?|s|mins?|minutes?|m|hrs?|hours?|h|days?|d|weeks?|wks?|w|months?"
         r"|mos?|years?|yrs?|y)")
_AGO = rf"{_NUM}\s*{_UNIT}\s+ago"
# "3 years ago", "Updated 2 hours ago", "Just now": a relative timestamp alone on a line.
_STAMP = rf"(?:(?:updated|posted|published|last updated)\s*:?\s*)?(?:about\s+)?{_AGO}"
_RELTIME = re.compile(
    r"(?:[A-Z][\w .'’-]{0,30}\s*[,|•·]\s*)?"  # "Dubai, 2 days ago"
    rf"{_STAMP}(?:\s*[,|•·]\s*{_STAMP})?"  # "Posted 1h ago, updated 12m ago"
    r"|just now|moments ago|yesterday|today", re.I)
# The same with nothing around it: no "Updated", no place, no second stamp. Alone like this
# it is also a subhead or a line of verse ("Five years ago", "Yesterday").
_BARE_TIME = re.compile(rf"(?:about\s+)?{_AGO}|just now|moments ago|yesterday|today", re.I)
# "Punjab votes on Sunday | 3 hours ago": a teaser headline stamped with its age.
_STAMPED = re.compile(rf"\S.{{2,200}}?\s*[|•·–—-]\s*(?:about\s+)?{_AGO}", re.I | re.S)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# A date (and time) alone on a line: "June 3, 2021", "Thu, 3 Jun 2021 10:32 IST".
_DATE = re.compile(
    r"(?:[A-Z][\w .'’-]{0,30}\s*[,|•·]\s*)?"  # "Newport, 14 May 2024"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}"
    r",?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?", re.I)
# An author line names someone: "By Jane Doe", "By the Editorial Board", "by ANI", "By
# our correspondent". A lower-case word after "By" makes it a phrase of the story ("By
# the numbers", "By the way").
_BYLINE = re.compile(r"(?:by|written by|reported by|words by)\s+(?:our\s+\w|"
                     r"(?:(?:the|an?)\s+)?(?P<name>[^\W\d_]|@))", re.I)
# Bullets, numbered items, Q&A turns (and credits): story structure, not chrome.
_LIST = re.compile(r"(?:[-•*▪●◦·–—]\s+|\d{1,2}[.)]\s+|(?:Q|A|Q\d+|Question|Answer)\s*[:.)]\s)")
# Credit lines that close wire copy: part of the story, never chrome.
_CREDIT = re.compile(r"\(?\s*(?:with inputs? from|(?:additional )?reporting by|writing by|"
                     r"editing by|edited by|compiled by)\b", re.I)
# The dateline that opens a wire story: "MOSCOW:", "NEW DELHI, June 1 (PTI) -",
# "Machhiwara (Ludhiana):", "WASHINGTON (Reuters) —". Title-case places need a colon.
_DATELINE = re.compile(
    r"(?:(?P<caps>[A-Z][A-Z.'’\-]+(?:[ /]+[A-Z][A-Z.'’\-]+){0,4})"
    r"|(?P<title>[A-Z][a-z\u00e0-\u024f\-]+(?:\s+[A-Z][a-z\u00e0-\u024f\-]+)?))"
    r"(?:\s*\([^()\n]{1,40}\))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:\s*\([^()\n]{1,20}\))?)?"
    r"\s*(?P<sep>:|—|–|--|-(?=\s))\s")
_WORD = re.compile(r"\w+")
# Openings of a sentence that may point back at the lines above it ("Both were shortlisted",
# "These include", "The three books"): English pronouns and determiners of reference.
_BACK_REFERENCE = re.compile(
    r"[\"“‘']?(?:both|these|those|they|neither|either|each|all|such|the latter|"
    r"the former|the (?:two|three|four|five|pair|trio|list))\b", re.I)
_COUNTER = re.compile(r"\d[\d,.]*[KkMm]?|[·•|]+")
# Words that open a first paragraph with a colon but are no place: "Note:", "UPDATE:".
_NOT_PLACES = frozenset("""a also answer breaking correction editor exclusive fyi item news
note photo ps q question re read source subject update updated video voice warning watch
""".split())
# A short line naming the site at most this many words long.
_SITE_WORDS = 4
# At most this many teaser lines under a related-stories heading between paragraphs.
_MAX_TEASERS = 8
# Runs of more removed lines than this become a single edit.
_MAX_LINE_EDITS = 40

_OPTIONS = [
    Option("chrome_patterns", (),
           "strip_site_chrome: extra pattern files (kind<TAB>scope<TAB>phrase, the format "
           "of data/site_chrome.tsv) added to the built-in chrome vocabulary.",
           convert=check_pattern_files, paths=True),
    Option("chrome_lines", frozenset(),
           "strip_site_chrome: lines known to be chrome on this site, e.g. "
           "learn_site_chrome(texts) over a batch of its pages.",
           convert=lambda v: learnt_lines(v)),
    Option("chrome_mode", "remove",
           "strip_site_chrome: 'remove' deletes chrome, 'flag' only flags it.",
           choices=("remove", "flag")),
]


def learnt_lines(lines: Iterable[str] | None) -> frozenset[str]:
    """Normalise an iterable of chrome lines for the ``chrome_lines`` option."""
    if lines is None:
        return frozenset()
    if isinstance(lines, str):
        raise TypeError("chrome_lines takes a collection of lines, not one string")
    out = set()
    for line in lines:
        if not isinstance(line, str):
            raise TypeError(f"chrome_lines must hold strings, not {line!r}")
        key = normalise(line)
        if key:
            out.add(key)
    return frozenset(out)


def _sentence_end(s: str) -> bool:
    core = s.rstrip(_CLOSERS)
    return core.endswith((".", ":", ";")) and not core.endswith(("...", "\u2026"))


def _classify(s: str, norm: str, patterns, learnt: frozenset[str]) -> tuple[int, str, str]:
    """Class, scope ('any'/'edge'/'') and reason of one stripped, non-blank line."""
    m = patterns.match(s, norm if len(s) <= 80 else None)
    if m is not None:
        kind, scope, phrase = m
        if kind == "section":
            return SECTION, scope, f"related-stories heading {phrase!r}"
        if kind == "label":
            return CHROME, "label-" + scope, f"section label {phrase!r}"
        if kind == "lead" and phrase.count(" ") < 3 and _sentence_end(s) \
                and s.count(" ") >= 7:
            # "Disclaimer: ..." as a whole sentence: the writer's as often as the site's.
            return CHROME, "weak-" + scope, f"matches {phrase!r} ({kind} pattern)"
        return CHROME, scope if kind != "prefix" else "prefix-" + scope, \
            f"matches {phrase!r} ({kind} pattern)"
    if learnt and norm in learnt and not _sentence_end(s):
        return CHROME, "learnt", "line learnt as chrome of this site"
    if len(s) <= 250:
        bare = s.strip(" \t•·|-–—")
        if _RELTIME.fullmatch(bare):
            return RELTIME, "", "relative timestamp"
        if _DATE.fullmatch(bare.rstrip(".")):
            return DATE, "", "date line"
        if s.rstrip(_CLOSERS).lower().endswith("ago") and _STAMPED.fullmatch(s) \
                and not _sentence_end(s):
            return RELTIME, "", "teaser headline with a relative timestamp"
    if _LIST.match(s) or _CREDIT.match(s):
        return LIST, "", ""
    if len(s) <= 12 and _COUNTER.fullmatch(s):
        # "254", "1.2K", "·": like and share counters; chrome only at the edges.
        return CHROME, "edge", "counter or dot without words"
    words = s.count(" ") + 1
    if s.endswith(("...", "\u2026")):
        # A teaser is one sentence cut off mid-word ("40 unknown attackers…"); a line
        # that trails off after a space or holds several sentences is the writer's.
        if words <= 40 and not s[:-3 if s.endswith("...") else -1].endswith(" ") \
                and not _SENTENCE_BREAK.search(s):
            return TEASER, "", "teaser cut off with an ellipsis"
        return SENT, "", ""
    if _sentence_end(s) or words > 25:
        return SENT, "", ""
    if s.rstrip(_CLOSERS).endswith(("?", "!")) and words >= 8:
        return SENT, "", ""
    if words <= 15 and (m := _BYLINE.match(s)) \
            and not (m.group("name") or "A").islower():
        return BYLINE, "", ""
    return SHORT, "", ""


@register_pass(order=550, default=True, options=_OPTIONS, settles=True)
def strip_site_chrome(ctx) -> None:
    """Remove the page around the story (site chrome) and label headline, dateline, byline.

    Removes, as one edit per line with its reason: chrome above the headline
    (``Categories: Europe``, breadcrumbs, share bars, section labels, and publication dates
    among them), chrome below the story's last paragraph (share and follow prompts,
    ``Published by``, related-story lists with their teaser headlines, ellipsis teasers and
    relative timestamps, copyright lines, lines naming the site), and self-contained chrome
    lines between paragraphs (``Also read: …``, ``ALSO READ | …``, ``Advertisement``). The
    vocabulary is ``data/site_chrome.tsv`` plus the files in ``chrome_patterns``;
    ``chrome_lines`` adds lines learnt from other pages of the same site
    (:func:`learn_site_chrome`). ``Result.structure`` gets the headline, dateline, byline and
    body spans; ``Result.body`` the cleaned body.

    Leaves alone: every sentence of the story, the headline and the dateline (labelled
    only), bylines and credit lines, bullets and Q&A turns, subheads in capitals that start
    with a label word (``PHOTO FINISH``). Lines it cannot place stay and are flagged (kind
    ``"site_chrome"``): short lines between the story and the chrome or below the last
    chrome line (a sign-off), a lone date, ``Disclaimer:`` sentence or labelled credit
    (``Published by Grove Press, £20``) below the story, cross-reference lines
    (``Read: …``, ``Watch: …``) with no other chrome below the story, chrome-like lines in
    a block below the story that opens with the story's own lines (``Directed by …`` /
    ``Distributed by …``), a bare relative time that heads the lines under it or stands
    between paragraphs with no chrome by it (``Five years ago``), a heading and list
    between paragraphs that the next sentence refers back to (``Both were …``), lines
    above the headline when no other chrome is there or no line reads as a headline.

    >>> from newsclean import analyze
    >>> page = ("Categories: World\\n\\nTalks end without a deal\\n\\n"
    ...         "GENEVA: The talks ended on Friday.\\nALSO READ | Who pays for the summit\\n"
    ...         "Both sides will meet again.\\n\\nShare\\nRecent Posts\\nPunjab votes\\n"
    ...         "3 years ago\\n")
    >>> r = analyze(page, passes=["strip_site_chrome"])
    >>> print(r.text)
    Talks end without a deal
    <BLANKLINE>
    GENEVA: The talks ended on Friday.
    Both sides will meet again.
    <BLANKLINE>
    >>> r.body
    'GENEVA: The talks ended on Friday.\\nBoth sides will meet again.'
    """
    text = ctx.text
    cfg = ctx.config
    patterns = load_patterns(cfg.chrome_patterns)
    learnt = cfg.chrome_lines

    # -- lines and their classes -------------------------------------------------------
    starts: list[int] = []
    ends: list[int] = []  # end of content (before "\r\n" / "\n")
    pos, n = 0, len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        starts.append(pos)
        ends.append(nl - 1 if nl > pos and text[nl - 1] == "\r" else nl)
        pos = nl + 1
    nlines = len(starts)
    cls = [BLANK] * nlines
    scope = [""] * nlines
    reason = [""] * nlines
    stripped = [""] * nlines
    norms = [""] * nlines  # normalised text of lines short enough to be labels
    named = [False] * nlines  # "More from news2in": a heading with a name after it
    short_counts: Counter[str] = Counter()
    times: list[int] = []  # relative timestamps
    # Pages repeat their chrome; classify each distinct line once.
    seen: dict[str, tuple] = {}
    for i in range(nlines):
        s = text[starts[i]:ends[i]].strip()
        if not s:
            continue
        stripped[i] = s
        info = seen.get(s)
        if info is None:
            norm = normalise(s) if len(s) <= 400 else ""
            c, sc, why = _classify(s, norm, patterns, learnt)
            info = (c, sc, why, norm,
                    c == SHORT and patterns.section_with_name(s, norm) is not None)
            seen[s] = info
        cls[i], scope[i], reason[i], norms[i], named[i] = info
        if info[0] == SHORT and s.count(" ") < _SITE_WORDS:
            short_counts[info[3]] += 1
        elif info[0] == RELTIME:
            times.append(i)

    nxt = [-1] * nlines  # next non-blank line
    prv = [-1] * nlines  # previous non-blank line
    following = -1
    for i in range(nlines - 1, -1, -1):
        nxt[i] = following
        if cls[i] != BLANK:
            following = i
    preceding = -1
    for i in range(nlines):
        prv[i] = preceding
        if cls[i] != BLANK:
            preceding = i

    # A bare relative time that opens a block and has lines under it heads them, like a
    # subhead ("Five years ago\nIt had 12 staff.", "Yesterday\nAll my troubles..."); a
    # site's timestamp stands alone or closes the block of the item it dates. On the
    # page's first line it is the page's own stamp (the top edge is chrome's place).
    bare_time = [False] * nlines
    time_heads = []
    for i in times:
        if reason[i] == "relative timestamp" \
                and _BARE_TIME.fullmatch(stripped[i].strip(" \t•·|-–—")):
            bare_time[i] = True
            if 0 <= prv[i] < i - 1 and nxt[i] == i + 1:
                cls[i], reason[i] = TIMEHEAD, ""
                time_heads.append(i)

    # The site's name: a short line repeated on the page that stands next to chrome at
    # least once ("news2in" / "Share"), or the line after "Published by".
    site_names = set()
    for i in range(nlines):
        if cls[i] == SHORT and stripped[i].count(" ") < _SITE_WORDS:
            key = norms[i]
            if short_counts[key] >= 2 and _WORD.search(key) and any(
                    j >= 0 and cls[j] in (CHROME, SECTION) for j in (prv[i], nxt[i])):
                site_names.add(key)
    for i in range(nlines):
        if cls[i] == CHROME and reason[i].endswith(" by' (line)") and nxt[i] >= 0:
            j = nxt[i]
            if cls[j] == SHORT and stripped[j].count(" ") < _SITE_WORDS:
                site_names.add(norms[j])
    def names_site(i: int) -> bool:
        # Any run of up to _SITE_WORDS words of the line is a site name: a set lookup per
        # run, so the cost stays linear however many names there are.
        if cls[i] != SHORT or not site_names or stripped[i].count(" ") > 8:
            return False
        words = norms[i].split()
        return any(" ".join(words[a:b]) in site_names
                   for a in range(len(words))
                   for b in range(a + 1, min(len(words), a + _SITE_WORDS) + 1))

    def blurb(i: int) -> bool:
        # A teaser's sentence at the foot of the page: followed directly by its age.
        return nxt[i] >= 0 and cls[nxt[i]] == RELTIME

    # -- where the story is ------------------------------------------------------------
    first_body = next((i for i in range(nlines) if cls[i] in (SENT, LIST)), None)
    remove: dict[int, str] = {}
    ambiguous: dict[int, str] = {}
    headline = byline = None
    body_first = body_last = None

    if first_body is not None:
        # Bottom: walk up from the end over lines that cannot be the story's last
        # paragraph. Bullets count as story unless a related-stories heading sits above.
        stop, pending = first_body, None
        for i in range(nlines - 1, first_body, -1):
            c = cls[i]
            if c == SENT and not blurb(i):
                stop = i
                break
            if c == LIST and pending is None:
                pending = i
            elif c == SECTION or (c == SHORT and named[i]):
                pending = None
        tail_start = max(stop, pending if pending is not None else -1) + 1
        teasers = sum(1 for i in range(tail_start, nlines) if cls[i] == TEASER)

        def strong(i: int) -> bool:
            c = cls[i]
            return c in (CHROME, SECTION, RELTIME, DATE, BYLINE) \
                or (c == TEASER and teasers >= 2) \
                or (c == SHORT and (named[i] or names_site(i)))

        def weak(i: int) -> bool:
            # A date, or a whole sentence opening like chrome ("Disclaimer: ..."): the
            # writer's own ending as often as the site's.
            # An author line below the story is an author box only next to other chrome.
            # A labelled line may be the story's own: a cross-reference label that can
            # stand anywhere ("Read: The Bee Sting", "Watch: Shogun") in a critic's list,
            # or a lone credit ("Published by Grove Press, £20") under a review. The
            # label is chrome's, the value could be anyone's.
            return cls[i] in (DATE, BYLINE) or (cls[i] == CHROME and (
                scope[i].startswith("weak-") or scope[i] == "prefix-any"
                or (scope[i].startswith("prefix-") and len(anchors) == 1)))

        anchors = [i for i in range(tail_start, nlines) if strong(i)]
        # A footer starts a block of its own. A paragraph below the story that opens
        # with lines that read as the story's ("Directed by Greta Gerwig", "London 3.2%",
        # "By the numbers"), is mostly made of them, and only then holds a chrome-like
        # line ("Distributed by Warner Bros", "Source: ONS", "1.2m followers") is a
        # factbox or credits block of the story: its chrome-like lines are flagged, and
        # the footer, if any, begins further down.
        k = 0  # anchors[:k] lie in such blocks
        while k < len(anchors):
            a = anchors[k]
            first = a
            while prv[first] >= tail_start and prv[first] == first - 1:
                first = prv[first]
            if first == a or prv[first] == first - 1:
                break  # the block opens with chrome, or runs on from the story
            end = a
            while end + 1 < nlines and cls[end + 1] != BLANK:
                end += 1
            own = sum(1 for i in range(first, end + 1) if not strong(i))
            if own < end + 1 - first - own:
                break  # mostly chrome ("Tags\nPunjab\nShare\nTweet\nEmail"): a footer
            while k < len(anchors) and anchors[k] <= end:
                ambiguous[anchors[k]] = "chrome-like line in a block below the story " \
                                        "that opens like story data"
                k += 1
        anchors = anchors[k:]
        anchor = anchors[0] if anchors else None
        if anchors and all(weak(i) for i in anchors):
            # Nothing but weak signals below the story: flag, remove nothing.
            for i in range(anchor, nlines):
                if cls[i] != BLANK:
                    ambiguous[i] = "date or sentence below the story that may be chrome"
            anchor = None
            tail_flagged = True
        else:
            tail_flagged = False
        if anchor is not None:
            # Lines among the chrome go with it: after a related-stories heading, or
            # with more chrome below them. A short line after the last chrome line with
            # no heading above it (a sign-off, "Next question?") stays, flagged.
            last_strong = anchors[-1]
            under_heading = False
            for i in range(anchor, nlines):
                c = cls[i]
                if c == BLANK:
                    continue
                if c == SECTION or (c == SHORT and named[i]):
                    under_heading = True
                if strong(i) or i < last_strong or under_heading:
                    remove[i] = _tail_reason(c, reason[i], names_site(i))
                else:
                    ambiguous[i] = "short line below the site chrome"
        for i in range(tail_start, anchor if anchor is not None else
                       (nlines if tail_flagged else tail_start)):
            if cls[i] in (SHORT, TEASER) and i not in ambiguous:
                ambiguous[i] = "short line after the story's last paragraph"
        body_first = first_body
        body_last = max(stop, pending if pending is not None else -1)

        # Top: everything before the first paragraph of the story.
        candidates: list[int] = []
        any_chrome = False
        site_lines = [i for i in range(first_body)
                      if cls[i] == SHORT and norms[i] in site_names]
        dates = []
        labels = []  # removed lines that could still be a title: "Books", "Go to Hell"
        for i in range(first_body):
            c = cls[i]
            if c == CHROME and (scope[i].startswith("label-") or reason[i].endswith(
                    ("(line pattern)", "(lead pattern)"))) and not _sentence_end(stripped[i]):
                labels.append(i)
                remove[i] = reason[i]
            elif c in (CHROME, SECTION) and scope[i] not in ("prefix-any", "learnt") \
                    or c == RELTIME:
                # A labelled line ("Watch: ...") or a learnt one (a teaser elsewhere on the
                # site) may be this page's headline: those wait for the headline choice.
                remove[i] = reason[i]
                any_chrome = True
            elif c == DATE:
                dates.append(i)  # a publication date among chrome, or a letter's date
            elif c == BYLINE:
                if byline is None:
                    byline = i
            elif c in (SHORT, CHROME, TEASER):
                candidates.append(i)
        # The headline: the first line of four words or more, else the last short line;
        # the site's name only when there is nothing else.
        site_set = set(site_lines)
        for pool in ([i for i in candidates if i not in site_set], candidates):
            shorts = [i for i in pool if cls[i] != TEASER]
            headline = next((i for i in shorts if stripped[i].count(" ") >= 3),
                            shorts[-1] if shorts else None)
            if headline is not None:
                break
        # No line reads as a headline (four words or more): the lines above the story may
        # be a table or a list ("Promoted\nIpswich, Leicester\nRelegated\n..."), not a
        # page head, so short lines there are flagged, not removed.
        headed = headline is not None and stripped[headline].count(" ") >= 3
        if headline is None and labels:
            # Only a section name or a phrase from the vocabulary stands above the story
            # ("Books"): it is the headline, which is never deleted.
            headline = labels[-1]
            del remove[headline]
        any_chrome = any_chrome or any(i in remove for i in labels if i != headline)
        if site_lines:
            # The site's name alone on a line goes, unless it is all there is to be the
            # headline.
            for i in site_lines:
                if i != headline:
                    remove[i] = "line naming the site"
                    any_chrome = True
            candidates = [i for i in candidates if i not in remove]
        for i in candidates:
            if headline is not None and i > headline:
                # Below the headline a labelled line ("Photo: AFP") cannot be the headline.
                if cls[i] == CHROME:
                    remove[i] = reason[i]
                elif cls[i] == TEASER:
                    ambiguous[i] = "teaser-like line between headline and story"
                elif stripped[i].count(" ") < 2:
                    ambiguous[i] = "label-like line between headline and story"
                continue
            if i == headline:
                continue
            if cls[i] == CHROME:  # vocabulary or learnt, and not the headline
                remove[i] = reason[i]
            elif any_chrome and headed and stripped[i].count(" ") < 4 and cls[i] == SHORT:
                remove[i] = "short label line above the headline, among site chrome"
            else:
                ambiguous[i] = "line above the headline"

        for i in dates:
            if any_chrome:
                remove[i] = reason[i]
            else:
                ambiguous[i] = "date line above the story"
        # A bare label ("Promoted", "World") directly over a line left in place heads
        # that line: it is as uncertain as the line, so it stays too (flagged).
        for i in reversed(labels):
            j = i + 1
            if i in remove and nxt[i] == j and j in ambiguous and j not in remove and (
                    scope[i].startswith("label-") or reason[i].endswith("(line pattern)")):
                del remove[i]
                ambiguous[i] = "label over a line left in place"

        run_head: dict[int, int] = {}  # labelled line -> the line above its run

        def announced(i: int) -> bool:
            # A run of labelled lines ("Read: The Bee Sting", "Watch: Shogun") right
            # after a story line that ends with a colon is the list that line announces.
            q = prv[i]
            if q >= 0 and cls[q] == CHROME and scope[q] == "prefix-any":
                q = run_head.get(q, -1)  # lines are visited top down: q is known
            run_head[i] = q
            return q >= 0 and cls[q] == SENT and stripped[q].rstrip(_CLOSERS).endswith(":")

        # Between paragraphs: self-contained chrome lines and related-story blocks.
        i = first_body + 1
        while i < tail_start:
            c = cls[i]
            if c == RELTIME and bare_time[i] and not any(
                    j >= 0 and cls[j] in (CHROME, SECTION, RELTIME, DATE, TEASER)
                    for j in (prv[i], nxt[i])):
                # Between paragraphs a bare "Five years ago" with no chrome next to it
                # is the writer's subhead.
                ambiguous[i] = "relative time alone between paragraphs (a subhead?)"
            elif c == CHROME and scope[i] == "prefix-any" and announced(i):
                ambiguous[i] = "labelled line in a list the story announces"
            elif c == CHROME and scope[i] in ("any", "prefix-any", "weak-any", "learnt") \
                    or c == RELTIME:
                remove[i] = reason[i]
            elif c == SECTION and scope[i] == "any":
                # The heading and the teaser lines under it, across blank lines, up to
                # the next paragraph of the story.
                block = [i]
                j, taken = i + 1, 0
                while j < tail_start and taken < _MAX_TEASERS and cls[j] in (
                        BLANK, SHORT, TEASER, RELTIME, CHROME, DATE, TIMEHEAD):
                    if cls[j] != BLANK:
                        block.append(j)
                        taken += 1
                    j += 1
                if j < tail_start and cls[j] == SENT and _BACK_REFERENCE.match(stripped[j]):
                    # The story goes on about the lines under the heading ("Both were
                    # shortlisted for the Booker."): they are its own list, not a widget.
                    for k in block:
                        ambiguous[k] = "heading and lines the next sentence may refer to"
                else:
                    remove[i] = reason[i]
                    for k in block[1:]:
                        remove[k] = "teaser under a related-stories heading"
                i = j
                continue
            elif c == SENT and learnt and norms[i] in learnt:
                ambiguous[i] = "sentence also seen on other pages of this site"
            i += 1
    else:
        # No paragraph of story found: only self-contained chrome lines are sure enough.
        for i in range(nlines):
            if cls[i] == CHROME and scope[i] in ("any", "weak-any", "learnt"):
                remove[i] = reason[i]

    for i in time_heads:
        if i not in remove:
            ambiguous[i] = "relative time heading the lines below it (a subhead?)"

    # -- edits, flags, structure -------------------------------------------------------
    flag_only = cfg.chrome_mode == "flag"
    for a, b, why in _deletions(text, starts, ends, cls, remove):
        if flag_only:
            continue
        ctx.edit(a, b, "", "site chrome: " + why)
    for i in sorted(remove) if flag_only else ():
        ctx.flag(starts[i], ends[i], "site_chrome", "site chrome: " + remove[i], score=0.9)
    for i in sorted(ambiguous):
        if i not in remove:
            lo, hi = _content(text, starts[i], ends[i])
            ctx.flag(lo, hi, "site_chrome", "possible site chrome, left in place: "
                     + ambiguous[i], score=0.5)

    def span(i: int | None, j: int | None = None) -> tuple[int, int] | None:
        if i is None:
            return None
        lo, _ = _content(text, starts[i], ends[i])
        _, hi = _content(text, starts[j if j is not None else i], ends[j if j is not None
                                                                       else i])
        return ctx.to_input(lo, hi)

    dateline = None
    if body_first is not None:
        lo, _ = _content(text, starts[body_first], ends[body_first])
        m = _DATELINE.match(text, lo, ends[body_first])
        if m:
            place = m.group("caps") or m.group("title")
            first = place.split()[0].lower().strip(".'’")
            if first not in _NOT_PLACES and (
                    m.group("caps") and len(place) >= 3
                    or m.group("title") and m.group("sep") == ":"):
                dateline = ctx.to_input(lo, lo + len(m.group(0).rstrip()))
    ctx.annotate("structure", Structure(
        headline=span(headline), dateline=dateline, byline=span(byline),
        body=span(body_first, body_last)))


def _tail_reason(c: int, why: str, site: bool) -> str:
    if why:
        return why
    if c == BYLINE:
        return "author line among the chrome below the story"
    if site:
        return "line naming the site"
    if c == TEASER:
        return "teaser cut off with an ellipsis"
    return "teaser headline in a run of site chrome"


def _content(text: str, a: int, b: int) -> tuple[int, int]:
    """The span of a line without its surrounding whitespace."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _deletions(text, starts, ends, cls, remove):
    """Deletion spans ``(start, end, reason)``, one per removed line, that also take away
    the blank lines the removal leaves behind."""
    n = len(starts)
    out = []
    i = 0
    while i < n:
        if i not in remove:
            i += 1
            continue
        # A run of removed and blank lines between kept lines.
        r0 = i
        while r0 > 0 and cls[r0 - 1] == BLANK:
            r0 -= 1
        j = i
        last = i
        while j < n and (j in remove or cls[j] == BLANK):
            if j in remove:
                last = j
            j += 1
        removed = [k for k in range(i, last + 1) if k in remove]
        prev_kept = r0 - 1 if r0 > 0 else None
        next_kept = j if j < n else None
        if prev_kept is None:
            lo = 0
            hi = starts[next_kept] if next_kept is not None else len(text)
        elif next_kept is None:
            lo = ends[prev_kept]
            hi = ends[last]
        else:
            lo = starts[removed[0]]
            hi = starts[next_kept] if r0 < i else starts[last + 1]
        if len(removed) > _MAX_LINE_EDITS:
            # A long run (a huge footer, or a page of nothing but chrome) is one edit:
            # per-line edits would cost more than the run is worth explaining.
            counts = Counter(remove[k] for k in removed)
            parts = [f"{why} (x{c})" if c > 1 else why for why, c in counts.most_common(5)]
            more = "; ..." if len(counts) > 5 else ""
            out.append((lo, hi, f"{len(removed)} lines: " + "; ".join(parts) + more))
        else:
            cuts = [lo] + [starts[k] for k in removed[1:]] + [hi]
            for k, a, b in zip(removed, cuts, cuts[1:]):
                if a < b:
                    out.append((a, b, remove[k]))
        i = j
    return out


def learn_site_chrome(texts: Iterable[str], min_docs: int = 3,
                      min_share: float = 0.2) -> frozenset[str]:
    """Lines repeated across pages of one site: chrome to pass as ``chrome_lines``.

    A line is learnt when it stands on its own in at least ``min_docs`` different stories
    and in at least ``min_share`` of them. Pages that share their first sentence are
    counted as one story, so a story published twice teaches nothing; full sentences are
    learnt but only ever flagged, never removed.

    >>> pages = [f"Story {k}\\n\\nIt rained {k} times.\\n\\nnews2in Daily Brief\\n" for k in range(4)]
    >>> sorted(learn_site_chrome(pages))
    ['news2in daily brief']
    """
    if isinstance(texts, str):
        raise TypeError("learn_site_chrome takes a collection of page texts, not one string")
    seen: dict[str, set[str]] = {}
    stories: set[str] = set()
    for text in texts:
        lines = {normalise(x) for x in text.splitlines() if x.strip()}
        lines.discard("")
        key = next((normalise(x) for x in text.splitlines()
                    if _sentence_end(x.strip()) and x.count(" ") >= 4), None) or \
            str(len(stories))
        stories.add(key)
        for line in lines:
            seen.setdefault(line, set()).add(key)
    need = max(min_docs, int(min_share * len(stories) + 0.999))
    return frozenset(line for line, keys in seen.items() if len(keys) >= need)
