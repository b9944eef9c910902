"""Repair quotation marks: glued, wrong-way and unpaired ones, and the quote style."""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from ..registry import Option, register_pass
from ..resources import word_set

_DOUBLE = re.compile('[\u201c\u201d"]')
_SINGLE_OPEN = re.compile("\u2018")
_STRAIGHT_SINGLE = re.compile("'")
# A right single quote between two lower-case words: an apostrophe (they’re) or a glued
# opening quote (no’breakthrough’). The pattern already skips one-letter tails (won’t,
# Moscow’s, he’d) and the common longer ones; the rest is told apart in Python.
_INNER_RSQUO = regex.compile(
    r"(?<=\p{Ll}\p{Ll})\u2019(?=\p{Ll}\p{Ll})(?!(?:re|ve|ll|em|all|am|clock|cause|til)"
    r"(?!\p{L}))"
)
_ANY_QUOTE = re.compile("[\u201c\u201d\"\u2018\u2019']")
# Word forms that follow an apostrophe inside a word: won’t, Moscow’s, they’re, I’ve, we’ll,
# he’d, I’m, ma’am, rock ’n’ roll, o’clock, y’all.
_CONTRACTION_TAILS = frozenset(
    "s t re ve ll d m n em all clock am cause til".split()
)
# After a closing quote that ends with , ? or ! the sentence goes on: "...?” He explained."
_ATTRIBUTION = regex.compile(
    r"(?<=[,?!][\u201d\u2019\"]\x20)(?P<word>\p{Lu}\p{Ll}+)(?:\x20(?P<verb>\p{Ll}+))?"
    r"(?=[\x20.,;:!?])"
)
_PRONOUNS = frozenset({"He", "She", "They", "We", "It", "You"})

_OPENERS_BEFORE = frozenset(" \t\n\r([{\u2014\u2013-/\u00a0\u201c\u2018")
_QUOTES = "\u201c\u201d\"\u2018\u2019'"

_STYLES = {"keep": None, "curly": ("\u201c", "\u201d"), "straight": ('"', '"')}


@lru_cache(maxsize=1)
def _attribution_verbs() -> frozenset[str]:
    return word_set("attribution_verbs.txt")


def _wordish(ch: str) -> bool:
    return ch.isalnum()


def _double_roles(line: str, marks: list[tuple[int, str]]) -> list[str]:
    """Decide for each double quote mark of a paragraph: open, close, wrong_way or stray."""
    straight_even = sum(1 for _, c in marks if c == '"') % 2 == 0
    # For each mark: is there a closing-capable mark after it, and does an opening mark come
    # before that next closing-capable one? Computed right to left, so the whole paragraph
    # costs one sweep however many marks it holds.
    n = len(marks)
    close_after = [False] * n
    open_first = [False] * n
    seen_close = False
    open_before_close = False
    for i in range(n - 1, -1, -1):
        close_after[i] = seen_close
        open_first[i] = open_before_close
        c = marks[i][1]
        if c in '\u201d"':
            seen_close = True
            open_before_close = False
        elif c == "\u201c":
            open_before_close = True
    roles: list[str] = []
    inside = False
    for i, (pos, ch) in enumerate(marks):
        prev = line[pos - 1] if pos > 0 else " "
        nxt = line[pos + 1] if pos + 1 < len(line) else " "
        if ch == "\u201c":
            roles.append("open")
            inside = True
        elif ch == "\u201d":
            if inside:
                roles.append("close")
                inside = False
            elif _wordish(nxt) and close_after[i] and not open_first[i]:
                # A closing mark where an opening one belongs: that”people ... mistreat”.
                roles.append("wrong_way")
                inside = True
            else:
                roles.append("stray")
        else:  # straight quote: pairs by parity when it can, else by context
            if straight_even:
                role = "close" if inside else "open"
            else:
                role = "open" if prev in _OPENERS_BEFORE else "close"
            roles.append(role)
            inside = role == "open"
    return roles


@register_pass(order=300, line_local=True, options=[
    Option("quotes", "keep",
           "Quote style: 'keep' the document's, or make every quote mark 'curly' or "
           "'straight' (apostrophes too).", choices=("keep", "curly", "straight")),
])
def fix_quotes(ctx) -> None:
    """Restore glued and wrong-way quote marks, flag unpaired ones, and set the quote style.

    Repairs, whatever the style: a missing space outside a glued quote
    (``hoped”nothing new” from`` → ``hoped “nothing new” from``, ``no’breakthrough’`` →
    ``no ‘breakthrough’``), a closing mark used as an opening one (``that”people`` →
    ``that “people``), a capitalised attribution that continues the sentence after a
    closing quote (``mindset?” He explained.`` → ``mindset?” he explained.``).
    Flags, without deleting: a closing quote mark with no opening one in its paragraph.
    Style (option ``quotes``): ``keep`` (default) changes no mark that is right;
    ``curly``/``straight`` convert every quote mark and apostrophe.

    Leaves alone: apostrophes (``won’t``, ``’90s``, ``rock ’n’ roll``, ``Moscow’s``,
    ``O’Brien``), an opening quote left open at the end of a paragraph (the convention for
    a quotation running over several paragraphs), inch and foot marks after digits, and
    single straight quotes, which are too ambiguous to pair.

    >>> from newsclean import clean
    >>> clean("He hoped”nothing new” from talks on a friendly mindset?” He explained.",
    ...       passes=["fix_quotes"])
    'He hoped “nothing new” from talks on a friendly mindset?” he explained.'
    >>> clean("Russia expects no’breakthrough’ and won’t budge", passes=["fix_quotes"])
    'Russia expects no ‘breakthrough’ and won’t budge'
    >>> clean('He said "no" to ‘that’', passes=["fix_quotes"], quotes="curly")
    'He said “no” to ‘that’'
    """
    style = ctx.config.quotes
    if not any(c in ctx.text for c in _QUOTES):
        return
    # A repair can change how the marks pair up (a restyled mark now pairs with another);
    # the pipeline re-runs this line-local pass over the lines it changed until they settle.
    _scan(ctx, ctx.text, style)


def _scan(ctx, text: str, style: str) -> None:
    # Only the lines (paragraphs) holding a quote mark are looked at.
    n = len(text)
    pos = 0
    while True:
        m = _ANY_QUOTE.search(text, pos)
        if m is None:
            break
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        end = n if end < 0 else end
        _fix_line(ctx, text, start, end, style)
        pos = end + 1
    _fix_attribution(ctx, text)


def _fix_line(ctx, text: str, start: int, end: int, style: str) -> None:
    line = text[start:end]
    # A straight double quote right after a digit is an inch or second mark (a 12" pizza):
    # it takes no part in pairing and is never restyled.
    marks = [(m.start(), m.group()) for m in _DOUBLE.finditer(line)
             if not (m.group() == '"' and m.start() > 0 and line[m.start() - 1].isdigit())]
    if marks:
        roles = _double_roles(line, marks)
        for (pos, ch), role in zip(marks, roles):
            _fix_double(ctx, line, start, pos, ch, role, style)
    if style != "keep" or "\u2018" in line or _INNER_RSQUO.search(line):
        _fix_single(ctx, line, start, style)


def _fix_double(ctx, line: str, base: int, pos: int, ch: str, role: str, style: str) -> None:
    prev = line[pos - 1] if pos > 0 else " "
    nxt = line[pos + 1] if pos + 1 < len(line) else " "
    curly = ch != '"' if style == "keep" else style == "curly"
    reasons = []
    if role == "stray":
        ctx.flag(base + pos, base + pos + 1, "unpaired_quote",
                 "closing quote mark with no opening mark in its paragraph", score=0.8)
        new = ch if style == "keep" else ("\u201d" if curly else '"')
    elif role in ("open", "wrong_way"):
        new = "\u201c" if curly else '"'
        if role == "wrong_way":
            reasons.append("closing quote mark used as an opening one")
        # ("status":"ok" is data, not prose: a mark after a quoted key and its colon or
        # comma is left as it stands)
        if _wordish(prev) or (prev in ".,;:!?" and line[pos - 2: pos - 1] not in _QUOTES):
            new = " " + new
            reasons.append("missing space before opening quote")
    else:  # close
        new = "\u201d" if curly else '"'
        plural = nxt == "s" and not line[pos + 2 : pos + 3].isalpha()  # two “no”s
        if _wordish(nxt) and not plural:
            new = new + " "
            reasons.append("missing space after closing quote")
    if new != ch:
        if not reasons:
            reasons.append(f"quote style: {style}")
        ctx.edit(base + pos, base + pos + 1, new, "; ".join(reasons))


def _fix_single(ctx, line: str, base: int, style: str) -> None:
    done: set[int] = set()
    # no’breakthrough’: a right quote glued between two words that is no apostrophe, with
    # a closing partner after the quoted word(s).
    for m in _INNER_RSQUO.finditer(line):
        pos = m.start()
        tail_end = pos + 1
        while tail_end < len(line) and line[tail_end].isalpha():
            tail_end += 1
        tail = line[pos + 1 : tail_end]
        head_start = pos
        while head_start > 0 and line[head_start - 1].isalpha():
            head_start -= 1
        head = line[head_start:pos]
        if tail.lower() in _CONTRACTION_TAILS or not tail.islower() or len(head) < 2 \
                or len(tail) < 2 or not head.islower():
            continue
        if _unpaired(line, tail_end):
            continue
        new = " " + ("'" if style == "straight" else "\u2018")
        ctx.edit(base + pos, base + pos + 1, new,
                 "closing quote mark used as an opening one; missing space before it")
        done.add(pos)
    for m in _SINGLE_OPEN.finditer(line):
        pos = m.start()
        prev = line[pos - 1] if pos > 0 else " "
        # Between two letters with no closing mark to pair with, a left single quote is
        # a letter: the Hawaiian okina or the Arabic ayn as typed in English copy
        # (Hawai‘i, Shi‘a, Ka‘ba), not a glued quotation.
        if _wordish(prev) and pos not in done and not (
                line[pos + 1: pos + 2].isalpha() and _unpaired(line, pos + 1)):
            new = " " + ("'" if style == "straight" else "\u2018")
            ctx.edit(base + pos, base + pos + 1, new, "missing space before opening quote")
            done.add(pos)
    if style == "straight":
        for i, ch in enumerate(line):
            if ch in "\u2018\u2019" and i not in done:
                ctx.edit(base + i, base + i + 1, "'", "quote style: straight")
    elif style == "curly":
        for m in _STRAIGHT_SINGLE.finditer(line):
            i = m.start()
            prev = line[i - 1] if i > 0 else " "
            nxt = line[i + 1] if i + 1 < len(line) else " "
            if prev.isdigit():
                continue  # a foot or minute mark: 5'10"
            if prev in _OPENERS_BEFORE and nxt.isalpha() and \
                    _closing_single(line, i + 1, straight=True) is not None:
                new = "\u2018"
            elif prev in _OPENERS_BEFORE and nxt.isdigit():
                new = "\u2019"  # ’90s
            elif prev in _OPENERS_BEFORE and not nxt.isalnum():
                continue
            else:
                new = "\u2019"
            ctx.edit(base + i, base + i + 1, new, "quote style: curly")


def _unpaired(line: str, start: int) -> bool:
    """No closing single quote after ``start`` pairs with an opening one before it (none
    comes, or the one that comes is a plural possessive's apostrophe)."""
    close = _closing_single(line, start)
    return close is None or _possessive(line, close)


def _possessive(line: str, close: int) -> bool:
    """Is the mark at ``close`` the apostrophe of a plural possessive ("the sailors’
    union"), which would pair with an apostrophe inside a word (bo’sun, ne’er) as if
    the two enclosed a quotation?"""
    return (line[close - 1] == "s" and line[close + 1: close + 2] == " "
            and line[close + 2: close + 3].islower())


def _closing_single(line: str, start: int, straight: bool = False) -> int | None:
    """Where the single quote closing a quotation that starts before ``start`` is, if any.

    It must come within a few words, end a word, and not be followed by a letter.
    """
    mark = "'" if straight else "\u2019"
    limit = min(len(line), start + 80)
    i = start
    while i < limit:
        ch = line[i]
        if ch == mark and (i + 1 == len(line) or not line[i + 1].isalpha()) and \
                line[i - 1].isalnum():
            return i
        if ch in "\u201c\u201d\"\u2018\n":
            return None
        i += 1
    return None


def _fix_attribution(ctx, text: str) -> None:
    verbs = _attribution_verbs()
    for m in _ATTRIBUTION.finditer(text):
        word, verb = m.group("word"), m.group("verb")
        if word in _PRONOUNS and verb in verbs and _attribution_ends(text, m.end()):
            pass  # "?” He explained." -> "?” he explained."
        elif verb is None and word.lower() in verbs and not _name_then_verb(text, m.end(), verbs):
            pass  # ",” Said Lavrov." -> ",” said Lavrov."
        else:
            continue
        ctx.edit(m.start("word"), m.end("word"), word.lower(),
                 "attribution continues the quoted sentence: lower case")


# What may follow "he said" when it closes a quotation, as opposed to "He said nothing."
_AFTER_ATTRIBUTION = frozenset(
    "on in at during last yesterday today tonight earlier later after adding citing "
    "according as while when before this on".split()
)


# An attribution's tail is short ("he said on Tuesday."); "that" or a long run of words
# before the clause ends means a sentence of its own: “Will you resign?” He said on
# Tuesday that he would not.
_CLAUSE_END = re.compile(r"[.,;:!?\n\u201c\u201d\"]")
_TAIL_WORDS = 5


def _attribution_ends(text: str, end: int) -> bool:
    if end < len(text) and text[end] == ":":
        return False  # "?” He replied: “I do.”" introduces a quotation of its own
    if end >= len(text) or text[end] in ".,;!?":
        return True
    nxt = text[end + 1 : end + 40].split(" ", 1)[0].strip(".,;:!?")
    if not (nxt[:1].isupper() or nxt in _AFTER_ATTRIBUTION):
        return False
    stop = _CLAUSE_END.search(text, end, end + 200)
    tail = text[end: stop.start() if stop else end + 200].split()
    return len(tail) <= _TAIL_WORDS and "that" not in tail


def _name_then_verb(text: str, end: int, verbs) -> bool:
    """Is the capitalised word just matched a first name ("Said Jalili told reporters"),
    not the verb of a verb-first attribution ("said Lavrov.")? It is when the capitalised
    words after it are followed by an attribution verb of their own."""
    words = text[end: end + 120].split()
    i = 0
    while i < len(words) and words[i][:1].isupper():
        i += 1
    return 0 < i < len(words) and words[i].strip(".,;:!?") in verbs
