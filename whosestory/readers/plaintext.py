"""Reader for plain-text screenplays as found in the wild (IMSDb-style pages).

Such a file says what each line is only through indentation and case, and
every script typesets differently. The reader first cleans the lines (HTML
residue, tabs, page furniture) keeping their numbers, then learns this
script's columns (`_plaintext_layout.learn_layout`), then classifies line by line:
headings and transitions by their words, a cue by being cue-like and followed
by text at the dialogue column (or, where dialogue is not indented, by a
paragraph), and everything else as action paragraphs. Where it guesses it says
so in a Diagnostic; it never raises on content.
"""

from __future__ import annotations

import functools
import re
from operator import sub

from whosestory import screenplay
from whosestory.kinds import ACTION, DIALOGUE, HEADING, PAGE_BREAK, PARENTHETICAL, TRANSITION
from whosestory.model import Diagnostic, Element, Kind, Script, Span
from whosestory.readers import _plaintext_layout as _layout
from whosestory.readers._furniture import DROP, PAGE
from whosestory.readers._plaintext_layout import Layout, cue_like, heading_of
from whosestory.readers._text import decode
from whosestory.readers._title_page import title_of

_TITLE_PAGE_MAX_LINES = 60
_SENTENCE_END = (".", "!", "?", '"', "'", "-", ")", ":", "”", "…")


_UNKNOWN = object()
"""Not looked at yet (`_Reader.speech_start`: None is an answer)."""

_TRANSCRIPT_SCENE_RE = re.compile(
    r"^\[\s*scene(?:\s*:\s*|\s+)(?P<place>[^.\]]{2,80}?)\s*(?:[.\]]|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
"""A transcript's scene line: ``[Scene: Initech parking lot. Bill drives in.]`` (the
colon is often left out)."""
_unmarked_heading = functools.lru_cache(maxsize=4096)(screenplay.unmarked_heading)
"""`screenplay.unmarked_heading`, remembered: where cues stand at the action column (a script
that does not indent its dialogue), it is asked of every cue, and a script repeats its cues."""
_COLUMN_GAP_RE = re.compile(r"\s{4,}")
"""What parts two columns: four spaces or more."""
_SEGMENT_RE = re.compile(r"\S+(?:\s{1,3}\S+)*")
"""A run of text within one column (words three spaces apart or closer)."""


class _Reader:
    """One pass over one script's cleaned lines; holds the learnt layout."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        # in C: a script has thousands of lines; a page break stays a line of its own
        if "\f" in lines:
            self.texts = [line.strip() if line != "\f" else "\f" for line in lines]
        else:
            self.texts = list(map(str.strip, lines))
        self.indents = list(map(sub, map(len, lines), map(len, map(str.lstrip, lines))))
        self.count = len(lines)
        index = _layout.LineIndex(self.texts)
        self.furniture = _layout.find_furniture(self.texts, index)
        caps = [i for i in index.matching(_layout.CAPS_RE) if self.texts[i]]
        self.cues = {i for i in caps if cue_like(self.texts[i])}
        self.headings = {
            i: found
            for i in index.matching(_layout.HEADING_START_RE)
            if (found := heading_of(self.texts[i]))
        }
        self.layout: Layout = _layout.learn_layout(
            self.indents, self.texts, self.furniture, self.cues, self.headings
        )
        self.right_column = max(self.layout.cue + 6, self.layout.action + 30)
        self.headings.update(self.unmarked_headings(index, caps))
        self.transitions = {
            i
            for i in caps
            if _layout.is_transition_line(self.texts[i], self.indents[i], self.right_column)
        }
        self.breaks = self.headings.keys() | self.transitions
        """The lines that end a paragraph or a speech: the headings and the transitions."""
        self.elements: list[Element] = []
        self.last_cue: str | None = None
        self._starts: dict[int, int | None] = {}

    def unmarked_headings(
        self, index: _layout.LineIndex, caps: list[int]
    ) -> dict[int, tuple[str, str | None]]:
        """Headings that do not open with INT./EXT. (``screenplay.unmarked_heading``:
        ``FLASHBACK - INT. HOUSE``, ``HOSPITAL - DAY``), standing alone at the action
        column. Candidates: lines with INT/EXT after their start, and all-caps lines."""
        found = {}
        candidates = index.ending_words_within(_layout.SETTING_WORDS, 2, 60).union(caps)
        texts, furniture, indents = self.texts, self.furniture, self.indents
        for i in sorted(candidates - self.headings.keys()):
            # standing alone: after a blank line (or page furniture), at the action column
            after_blank = i == 0 or not texts[i - 1] or i - 1 in furniture
            if after_blank and self.layout.in_action_band(indents[i]):
                heading = _unmarked_heading(texts[i])
                if heading:
                    found[i] = (heading, None)
        return found

    # ------------------------------------------------------------ line tests

    def live(self, index: int) -> bool:
        """True for a line with text that is not page furniture."""
        return bool(self.texts[index]) and index not in self.furniture

    def next_live(self, index: int) -> tuple[int | None, int]:
        """The next live line after `index` and the number of blank lines before it."""
        blanks = 0
        for k in range(index + 1, min(self.count, index + 8)):
            if not self.texts[k]:
                blanks += 1
            elif k not in self.furniture:
                return k, blanks
        return None, blanks

    def heading(self, index: int) -> tuple[str, str | None] | None:
        return self.headings.get(index)

    def speech_start(self, index: int) -> int | None:
        """The first line of the speech when line `index` is a cue, else None (memoised)."""
        if index not in self.cues:
            return None  # most lines: nothing to remember
        found = self._starts.get(index, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._starts[index] = self._speech_start(index)
        return found  # type: ignore[return-value]

    def _speech_start(self, index: int) -> int | None:
        nxt, blanks = self.next_live(index)
        if nxt is None or blanks > max(1, self.layout.cue_gap):
            return None
        layout, indent, follow = self.layout, self.indents[index], self.texts[nxt]
        if nxt in self.headings or nxt in self.transitions:
            return None
        if nxt in self.cues and not follow.startswith("(") and not self.shouted(index, nxt):
            return None
        carried = follow[:1].islower() and not screenplay.continued(self.texts[index])
        if carried and self.runs_on(index):
            return None  # "BLASTING onto the / SALT FLATS / wheels kicking up": one sentence
        if layout.indented:
            if indent <= layout.action + 2:
                return None
            inner = self.indents[nxt]
            fits = layout.in_dialogue_band(inner) or (inner > layout.action + 2 and inner < indent)
            if not fits:
                return None
            return nxt
        if blanks > layout.cue_gap:
            return None
        if layout.cue_indented and indent <= layout.action + 2:
            return None
        return nxt

    def runs_on(self, index: int) -> bool:
        """True when the live line before `index` is action, left of the cue's column, that
        stops mid-sentence (a small letter or a comma at its end): a page break of a scanned script
        may set the words that carry the sentence on in capitals, where a cue would stand."""
        for k in range(index - 1, max(-1, index - 8), -1):
            if not self.texts[k] or k in self.furniture:
                continue
            if k in self.cues or k in self.headings or k in self.transitions:
                return False
            action = self.layout.in_action_band(self.indents[k])
            if not action or self.indents[k] >= self.indents[index] - 2 or self.spoken(k):
                return False  # a speech, or a script that sets everything at one margin
            text = self.texts[k].rstrip()
            return text[-1:].islower() or text.endswith(",")
        return False

    def spoken(self, index: int) -> bool:
        """True when line `index` ends a block of lines that a cue heads (a speech)."""
        above = index - 1
        while above >= 0 and self.texts[above] and above not in self.cues:
            above -= 1
        if above >= 0 and not self.texts[above]:
            above -= 1
        return above >= 0 and above in self.cues

    def shouted(self, cue: int, line: int) -> bool:
        """True when `line`, cue-like, under the cue at `cue` is a speech in capitals (a song's
        words, a shout): in an indented layout it sits in the dialogue's column, left of the
        cue's, where a second cue would stand in the cue's own column, and the cue's name
        speaks ordinary dialogue elsewhere (`speaking_names`)."""
        layout = self.layout
        return (
            layout.indented
            and layout.in_dialogue_band(self.indents[line])
            and self.indents[line] < self.indents[cue] - 2
            and screenplay.parse_cue(self.texts[cue]).name in self.speaking_names
        )

    @functools.cached_property
    def speaking_names(self) -> frozenset[str]:
        """The names of cues that some line not itself cue-like follows: names that speak
        in ordinary dialogue somewhere in the script (a sign's words in capitals never do)."""
        names = set()
        for i in self.cues:
            nxt, blanks = self.next_live(i)
            if nxt is not None and blanks <= 1 and nxt not in self.cues:
                names.add(screenplay.parse_cue(self.texts[i]).name)
        return frozenset(names)

    # ------------------------------------------------------------ emitters

    def emit(self, kind: Kind, text: str, first: int, last: int, cue: str | None = None) -> None:
        self.elements.append(Element(kind, text, Span(first + 1, last + 1), cue))
        self.last_cue = cue if kind in (DIALOGUE, PARENTHETICAL) else None

    def read_speech(self, cue: str, start: int, cue_index: int) -> int:
        """Emit the dialogue and parentheticals from `start`; return the line after them."""
        texts, furniture, breaks, cues = self.texts, self.furniture, self.breaks, self.cues
        # in an indented layout a line stays in the speech while it is right of the action
        # and left of the cue (a parenthetical may stand further right): columns looked up once
        indents, indented = self.indents, self.layout.indented
        action_edge, cue_edge = self.layout.action + 2, self.indents[cue_index] - 1
        index, buffer, first, aside = start, [], start, False
        while index < self.count:
            text = texts[index]
            if index in furniture:
                index += 1
                continue
            if not text:
                break
            if index != start and (
                index in breaks
                or (
                    indented
                    and (
                        indents[index] <= action_edge
                        or not (indents[index] < cue_edge or text.startswith("("))
                    )
                )
                or (
                    index in cues
                    and self.speech_start(index) is not None
                    and not self.directed(index, aside)
                )
            ):
                break
            aside = text.startswith("(")
            if aside:
                self.flush_dialogue(buffer, first, index - 1, cue)
                index = self.read_parenthetical(cue, index)
                buffer, first = [], index
                continue
            if not buffer:
                first = index
            buffer.append(text)
            index += 1
        self.flush_dialogue(buffer, first, index - 1, cue)
        if self.elements and self.elements[-1].kind in (DIALOGUE, PARENTHETICAL):
            self.last_cue = cue
        return index

    def directed(self, index: int, aside: bool) -> bool:
        """True when line `index`, cue-like, is the dialogue a parenthetical just directed:
        it comes right under the parenthetical, at the dialogue's column (an indented
        layout), so a line shouted in capitals under "(on phone)" is no new cue."""
        return aside and self.layout.in_dialogue_band(self.indents[index])

    def flush_dialogue(self, buffer: list[str], first: int, last: int, cue: str) -> None:
        if buffer:
            texts, furniture = self.texts, self.furniture
            while last > first and (not texts[last] or last in furniture):  # not `live`
                last -= 1
            # `emit`, written out: a script has thousands of speeches
            span = Span(first + 1, last + 1)
            self.elements.append(Element(DIALOGUE, " ".join(buffer), span, cue))
            self.last_cue = cue

    def read_parenthetical(self, cue: str, start: int) -> int:
        """Emit a parenthetical of up to four lines; return the line after it."""
        parts, index = [], start
        while index < self.count and self.texts[index] and len(parts) < 4:
            parts.append(self.texts[index])
            index += 1
            if ")" in parts[-1]:
                break
        self.emit(PARENTHETICAL, " ".join(parts), start, index - 1, cue)
        return index

    def read_action(self, start: int) -> int:
        """Emit one action paragraph from `start`; return the line after it."""
        texts, furniture, breaks, cues = self.texts, self.furniture, self.breaks, self.cues
        parts, index, count = [texts[start]], start + 1, self.count
        while index < count:
            text = texts[index]
            if not text or index in furniture or index in breaks:  # not `live`, or a break
                break
            if (
                index in cues
                and (self.layout.indented or parts[-1].endswith(_SENTENCE_END))
                and self.speech_start(index) is not None
            ):
                break
            parts.append(text)
            index += 1
        # `emit`, written out: a script has thousands of paragraphs
        self.elements.append(Element(ACTION, " ".join(parts), Span(start + 1, index), None))
        self.last_cue = None
        return index

    # ------------------------------------------------------------ dual dialogue

    @functools.cached_property
    def cue_names(self) -> frozenset[str]:
        """The names of the script's cues that stand alone on their line."""
        return frozenset(screenplay.parse_cue(self.texts[i]).name for i in self.cues)

    def dual_cue(self, index: int) -> tuple[str, str, int] | None:
        """Two cues side by side with their speeches in two columns below (dual dialogue as a
        plain-text page sets it): the two cues and the column that parts the speeches."""
        text = self.texts[index]
        if "    " not in text or index in self.headings or index + 1 >= self.count:
            return None
        parts = _COLUMN_GAP_RE.split(text)
        if len(parts) != 2 or not all(cue_like(part) for part in parts):
            return None
        if not self.live(index + 1) or index + 1 in self.headings or index + 1 in self.cues:
            return None
        names = [screenplay.parse_cue(part).name for part in parts]
        if names[0] == names[1] or not all(name in self.cue_names for name in names):
            return None  # both must be cued on their own elsewhere: not "DONN   IE", not action
        line = self.lines[index]
        left = self.indents[index]
        right = line.index(parts[1], left + len(parts[0]))
        return parts[0], parts[1], (left + right) // 2

    def read_dual(self, index: int, left_cue: str, right_cue: str, middle: int) -> int:
        """Emit the speeches under a dual cue, each line's text parted at `middle` (a cue
        within a column starts that column's next speech); return the line after them."""
        columns: dict[bool, list[tuple[int, str]]] = {False: [], True: []}
        end = index + 1
        while end < self.count and self.texts[end]:
            if end in self.furniture or end in self.headings or end in self.transitions:
                break
            for segment in _SEGMENT_RE.finditer(self.lines[end]):
                columns[segment.start() >= middle].append((end, segment.group()))
            end += 1
        for right, cue in ((False, left_cue), (True, right_cue)):
            self.emit_column(columns[right], cue, right)
        self.last_cue = None
        return end

    def emit_column(self, parts: list[tuple[int, str]], cue: str, dual: bool) -> None:
        """One column of a dual dialogue: its speeches, parentheticals and the cues between."""
        said: list[tuple[int, str]] = []
        aside: list[tuple[int, str]] = []

        def flush(kind: Kind, held: list[tuple[int, str]]) -> None:
            if held:
                span = Span(held[0][0] + 1, held[-1][0] + 1)
                text = " ".join(t for _, t in held)
                self.elements.append(Element(kind, text, span, cue=cue, dual=dual))
                held.clear()

        for line, text in parts:
            if aside or text.startswith("("):
                flush(DIALOGUE, said)
                aside.append((line, text))
                if text.endswith(")"):
                    flush(PARENTHETICAL, aside)
            elif cue_like(text) and screenplay.parse_cue(text).name in self.cue_names:
                flush(DIALOGUE, said)
                cue = text
            else:
                said.append((line, text))
        flush(PARENTHETICAL, aside)
        flush(DIALOGUE, said)

    # ------------------------------------------------------------ main loop

    def classify(self, start: int) -> None:
        """Classify every line from `start` into elements."""
        index, texts, furniture = start, self.texts, self.furniture
        while index < self.count:
            if not texts[index]:
                index += 1
                continue
            kind = furniture.get(index)
            if kind == PAGE:
                if self.elements and self.elements[-1].kind != PAGE_BREAK:
                    self.elements.append(Element(PAGE_BREAK, "", Span(index + 1, index + 1)))
                index += 1
                continue
            if kind == DROP:
                index += 1
                continue
            index = self.classify_line(index)

    def classify_line(self, index: int) -> int:
        """Emit the element that starts at line `index`; return the line after it."""
        text = self.texts[index]
        heading = self.headings.get(index)
        if heading:
            self.elements.append(
                Element(HEADING, heading[0], Span(index + 1, index + 1), number=heading[1])
            )
            self.last_cue = None
            return index + 1
        if index in self.transitions:
            self.emit(TRANSITION, text, index, index)
            return index + 1
        # the pattern opens with "[": most lines are not asked
        transcribed = _TRANSCRIPT_SCENE_RE.match(text) if text.startswith("[") else None
        if transcribed:  # "[Scene: A highway. There's a jam...]": the place heads a scene
            self.elements.append(
                Element(HEADING, transcribed.group("place"), Span(index + 1, index + 1))
            )
            self.last_cue = None
            rest = transcribed.group("rest").strip()
            if not rest:
                return index + 1
            self.texts[index] = rest  # the description goes on as action, from this line
            return index
        # `dual_cue` and `speech_start` ask the cheap tests first; most lines fail them here
        dual = self.dual_cue(index) if "    " in text else None
        if dual is not None:
            return self.read_dual(index, *dual)
        start = self.speech_start(index) if index in self.cues else None
        if start is not None:
            return self.read_speech(text, start, index)
        if self.last_cue and self.layout.in_dialogue_band(self.indents[index]):
            return self.read_speech(self.last_cue, index, index - 1)
        return self.read_action(index)

    # ------------------------------------------------------------ title page

    def title_lines(self, end: int) -> list[str]:
        """The title page's lines before `end`, page numbers too (a title "187")."""
        return [text for text in self.texts[:end] if text and text != "\f"]

    def title_page_end(self) -> int:
        """Index of the first story line: the first heading or transition, if it comes early."""
        seen = 0
        for index in range(self.count):
            if not self.live(index):
                continue
            if index in self.headings or index in self.transitions:
                return index
            seen += 1
            if seen > _TITLE_PAGE_MAX_LINES:
                break
        return 0


def _diagnostics(reader: _Reader, had_html: bool) -> list[Diagnostic]:
    layout = reader.layout
    found: list[Diagnostic] = []
    if had_html:
        found.append(Diagnostic(None, "removed HTML residue (tags, scripts, comments)", "html"))
    if layout.evidence < 5:
        found.append(
            Diagnostic(
                None,
                "no clear indentation pattern found; falling back to case-based detection "
                "of cues (short upper-case lines followed by text)",
            )
        )
    elif not layout.indented:
        found.append(
            Diagnostic(
                None,
                f"dialogue is not indented (cues at column {layout.cue}, dialogue at column "
                f"{layout.dialogue}); speeches are told by case and blank lines",
            )
        )
    if not any(e.kind == HEADING for e in reader.elements):
        found.append(Diagnostic(None, "no scene headings found; the script is one scene"))
    return found


def read(data: bytes, source: str) -> Script:
    """Read a plain-text screenplay into a flat element stream; never raises on content."""
    text = decode(data, source)
    lines, had_html = _layout.clean_text(text)
    reader = _Reader(lines)
    end = reader.title_page_end()
    reader.classify(end)
    title = title_of(reader.title_lines(end), source)
    title_page = (("Title", title),) if title else ()
    return Script(
        format="text",
        source=source,
        elements=tuple(reader.elements),
        title=title,
        title_page=title_page,
        diagnostics=tuple(_diagnostics(reader, had_html)),
    )
