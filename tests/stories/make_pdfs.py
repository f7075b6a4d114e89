"""Typeset the PDF test stories with fpdf2, the way screenwriting software does.

    python tests/stories/make_pdfs.py [OUT_DIR]

Writes, into OUT_DIR (default: this folder):

- ``the-keeper.pdf``: examples/the-keeper.fountain, typeset (title page, scene
  numbers in the right margin, a dual-dialogue pair side by side);
- ``the-long-way-round.pdf``: the-long-way-round.fountain, typeset the same way (a
  story told from a place it reaches after its opening act, with empty visits);
- ``night-ferry.pdf``: an awkward story of our own: a large title on a title page,
  scene numbers on both margins, CONTINUED headers and footers, a multi-line
  parenthetical, a centered line, and a speech split over a page break with
  (MORE) and (CONT'D);
- ``signal-box.pdf`` and ``signal-box-strong.pdf``: a story with forced headings
  (``.THE LAMP ROOM``) and upper-case action lines, its headings set like action
  (screenplain's default: same font, no mark) and then bold and underlined
  (screenplain's ``--strong``, Final Draft's bold headings);
- ``scanned.pdf``: a page with a picture and shapes but no text layer;
- ``not-a-pdf.pdf``: a text file wearing a .pdf name.

Layout: US Letter, Courier 12pt (10 characters an inch, 6 lines an inch), one-inch
top and bottom margins, action at 1.5in, dialogue at 2.5in, parentheticals at
3.1in, cues at 3.7in, transitions flush right at 7.5in, page numbers top right
from the second script page. Creation dates are fixed so the output is stable.
"""

from __future__ import annotations

import re
import sys
import textwrap
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

from whosestory.screenplay import looks_like_cue

HERE = Path(__file__).resolve().parent
KEEPER = HERE.parents[1] / "examples" / "the-keeper.fountain"

PT = 72  # points an inch
CHAR = 7.2  # Courier 12pt advance
LINE = 12.0
TOP, BOTTOM = 1.0 * PT, 792 - 1.0 * PT
ACTION, DIALOGUE, PAREN, CUE, RIGHT = 1.5 * PT, 2.5 * PT, 3.1 * PT, 3.7 * PT, 7.5 * PT
LEFT_NUMBER, RIGHT_NUMBER = 0.9 * PT, 7.7 * PT
WIDTHS = {"action": 60, "dialogue": 35, "paren": 25}
FIXED_DATE = datetime(2026, 11, 27, tzinfo=UTC)


# ---------------------------------------------------------------- the story as blocks


@dataclass
class Speech:
    cue: str
    parts: list[tuple[str, str]]  # ("paren" | "dialogue", text)


@dataclass
class Block:
    kind: str  # heading, action, speech, dual, transition, centered
    text: str = ""
    number: str | None = None
    speeches: list[Speech] = field(default_factory=list)


@dataclass
class Story:
    title: str
    title_page: list[tuple[str, str]]
    blocks: list[Block]


_HEADING_RE = re.compile(r"^(?:INT|EXT|EST|INT\./EXT|I/E)[. ]")
_NUMBER_RE = re.compile(r"\s*#([\w.-]+)#\s*$")


def parse_fountain(text: str) -> Story:
    """The Fountain subset our stories use: title page, headings (also ``.FORCED``), speeches,
    action, ``^``."""
    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    title_page: list[tuple[str, str]] = []
    if re.match(r"^\w[\w ]*:", paragraphs[0]):
        for line in paragraphs.pop(0).splitlines():
            key, _, value = line.partition(":")
            title_page.append((key.strip(), value.strip()))
    blocks: list[Block] = []
    for para in paragraphs:
        lines = para.splitlines()
        first = lines[0].strip()
        if _HEADING_RE.match(first):
            match = _NUMBER_RE.search(first)
            number = match.group(1) if match else None
            blocks.append(Block("heading", _NUMBER_RE.sub("", first), number))
        elif len(lines) == 1 and re.match(r"^\.[^.\s]", first):
            blocks.append(Block("heading", first[1:]))
        elif len(lines) == 1 and (first.endswith("TO:") or first.startswith("FADE")):
            blocks.append(Block("transition", first))
        elif first.startswith(">") and first.endswith("<"):
            blocks.append(Block("centered", first.strip("<> ")))
        elif len(lines) > 1 and looks_like_cue(first.rstrip("^ ")):
            speech = _speech(lines)
            if first.endswith("^") and blocks and blocks[-1].kind == "speech":
                blocks[-1] = Block("dual", speeches=[*blocks[-1].speeches, speech])
            else:
                blocks.append(Block("speech", speeches=[speech]))
        else:
            blocks.append(Block("action", " ".join(line.strip() for line in lines)))
    title = dict(title_page).get("Title", "")
    return Story(title, [kv for kv in title_page if kv[0] != "Title"], blocks)


def _speech(lines: list[str]) -> Speech:
    parts: list[tuple[str, str]] = []
    for line in lines[1:]:
        kind = "paren" if line.strip().startswith("(") else "dialogue"
        if parts and parts[-1][0] == kind == "dialogue":
            parts[-1] = (kind, parts[-1][1] + " " + line.strip())
        else:
            parts.append((kind, line.strip()))
    return Speech(lines[0].rstrip("^ ").strip(), parts)


# ---------------------------------------------------------------- typesetting


class Typesetter:
    """Lays blocks out on pages, breaking speeches with (MORE) and (CONT'D)."""

    def __init__(
        self, numbers_left: bool, numbers_right: bool, continueds: bool, strong: bool = False
    ) -> None:
        self.pdf = FPDF(unit="pt", format="letter")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_creation_date(FIXED_DATE)
        self.pdf.set_font("Courier", size=12)
        self.numbers = (numbers_left, numbers_right)
        self.continueds = continueds
        self.strong = strong  # headings bold and underlined
        self.page = 0
        self.y = TOP
        self.scene: str | None = None

    # -- primitives
    def put(self, x: float, text: str, y: float | None = None) -> None:
        self.pdf.text(x, (self.y if y is None else y) + 9.0, text)

    def put_right(self, right: float, text: str, y: float | None = None) -> None:
        self.put(right - len(text) * CHAR, text, y)

    def room(self) -> int:
        return int((BOTTOM - self.y) // LINE)

    def new_page(self, continued: bool = False) -> None:
        if self.page and continued and self.continueds:
            self.put_right(RIGHT, "(CONTINUED)", BOTTOM)
        self.pdf.add_page()
        self.page += 1
        self.y = TOP
        if self.page > 1:
            self.put_right(RIGHT, f"{self.page}.", 0.5 * PT)
        if continued and self.continueds:
            self.put_numbered("CONTINUED:", self.scene)
            self.y += LINE

    def put_numbered(self, text: str, number: str | None) -> None:
        self.put(ACTION, text)
        if number and self.numbers[0]:
            self.put(LEFT_NUMBER, number)
        if number and self.numbers[1]:
            self.put(RIGHT_NUMBER, number)
        self.y += LINE

    def blank(self) -> None:
        if self.y > TOP:
            self.y += LINE

    # -- blocks
    def heading(self, block: Block) -> None:
        if self.room() < 4:
            self.new_page()
        self.blank()
        self.scene = block.number
        if self.strong:
            self.pdf.set_font("Courier", "BU", 12)
        self.put_numbered(block.text, block.number)
        self.pdf.set_font("Courier", size=12)

    def action(self, text: str, x: float = ACTION, centered: bool = False) -> None:
        lines = textwrap.wrap(text, WIDTHS["action"])
        if self.room() < len(lines) + 1:
            self.new_page(continued=True)
        self.blank()
        for line in lines:
            left = (ACTION + RIGHT) / 2 - len(line) * CHAR / 2 if centered else x
            self.put(left, line)
            self.y += LINE

    def transition(self, text: str) -> None:
        if self.room() < 2:
            self.new_page(continued=True)
        self.blank()
        self.put_right(RIGHT, text)
        self.y += LINE

    def speech(self, speech: Speech) -> None:
        rows = _speech_rows(speech)
        if self.room() < len(rows) + 2:
            if self.room() >= 5:  # cue, two lines, (MORE), and the blank before
                self._split_speech(speech.cue, rows)
                return
            self.new_page(continued=True)
        self.blank()
        self.put(CUE, speech.cue)
        self.y += LINE
        for x, line in rows:
            self.put(x, line)
            self.y += LINE

    def _split_speech(self, cue: str, rows: list[tuple[float, str]]) -> None:
        self.blank()
        self.put(CUE, cue)
        self.y += LINE
        fit = self.room() - 1
        for x, line in rows[:fit]:
            self.put(x, line)
            self.y += LINE
        self.put(CUE, "(MORE)")
        self.new_page(continued=True)
        self.put(CUE, f"{cue} (CONT'D)")
        self.y += LINE
        for x, line in rows[fit:]:
            self.put(x, line)
            self.y += LINE

    def dual(self, left: Speech, right: Speech) -> None:
        sides = [_speech_rows(s, width=24, shift=-1.0 * PT) for s in (left, right)]
        sides[1] = [(x + 3.0 * PT, line) for x, line in sides[1]]
        height = max(len(s) for s in sides) + 2
        if self.room() < height:
            self.new_page(continued=True)
        self.blank()
        self.put(CUE - 1.2 * PT, left.cue)
        self.put(CUE + 1.8 * PT, right.cue)
        top = self.y + LINE
        for side in sides:
            self.y = top
            for x, line in side:
                self.put(x, line)
                self.y += LINE
        self.y = top + (height - 2) * LINE

    def story(self, story: Story, big_title: bool) -> bytes:
        self.title_page(story, big_title)
        self.page = 0
        self.new_page()
        for block in story.blocks:
            if block.kind == "heading":
                self.heading(block)
            elif block.kind == "action":
                self.action(block.text)
            elif block.kind == "centered":
                self.action(block.text, centered=True)
            elif block.kind == "transition":
                self.transition(block.text)
            elif block.kind == "speech":
                self.speech(block.speeches[0])
            elif block.kind == "dual":
                self.dual(*block.speeches)
        return bytes(self.pdf.output())

    def title_page(self, story: Story, big_title: bool) -> None:
        self.pdf.add_page()
        middle = (ACTION + RIGHT) / 2
        if big_title:
            self.pdf.set_font("Courier", "B", 20)
        self.pdf.text(middle - self.pdf.get_string_width(story.title) / 2, 3.5 * PT, story.title)
        self.pdf.set_font("Courier", size=12)
        y = 4.0 * PT
        corner: list[str] = []
        for key, value in story.title_page:
            if key in ("Draft date", "Contact"):
                corner.extend(value.split("\\n"))
                continue
            for line in textwrap.wrap(value, 50):
                self.put(middle - len(line) * CHAR / 2, line, y)
                y += LINE
            y += LINE if key == "Author" else 0
        for i, line in enumerate(corner):
            self.put(ACTION, line, BOTTOM - (len(corner) - i) * LINE)


def _speech_rows(speech: Speech, width: int = 0, shift: float = 0.0) -> list[tuple[float, str]]:
    rows: list[tuple[float, str]] = []
    for kind, text in speech.parts:
        x = (PAREN if kind == "paren" else DIALOGUE) + shift
        wrap = width or WIDTHS[kind]
        rows.extend((x, line) for line in textwrap.wrap(text, wrap - (4 if kind == "paren" else 0)))
    return rows


# ---------------------------------------------------------------- the awkward story

NIGHT_FERRY = """\
Title: NIGHT FERRY
Credit: Written by
Author: Ida Marsh
Source: Based on a story nobody told
Draft date: 3/14/2025
Contact: 12 Pier Road\\nPort Ellery

FADE IN:

EXT. FERRY LANDING - NIGHT #1#

Fog over black water. A single bulb swings above the ticket booth. NORA VANCE, 30s,
waterproof coat, checks her watch for the third time.

McKAY, 60s, the ferryman, leans out of the booth.

McKAY
Last crossing's gone, miss.

NORA
(not looking at him, counting coins into her palm as if they might multiply)
Then I'll wait for the first one.

McKAY
That's six hours.

NORA
I've waited longer for worse.

INT. FERRY CABIN - NIGHT #2#

Wooden benches. A radio crackles on a shelf. McKay has relented: the engine throbs. Nora
sits by the window, watching the landing lights shrink.

McKAY
You're not from the island.

NORA
My brother is. Was. He kept the chandlery by the harbour until the winter took it.

NORA
(almost smiling)
Tell me about him. Not the cards. Everyone tells me about the cards.

McKay cuts the engine. He sits across from her.

McKAY
He came down to this landing every night for a year, you know. Every night. Rain or gale
or that fog you could lean on. He never bought a ticket. He'd stand where you stood and
watch the crossing go out and watch it come back, and when I asked him what he was waiting
for he said he was practising. Practising what, I said. Leaving, he said. He said a man
ought to get good at a thing before he does it for real. I laughed at him. Everybody
laughed at him. Then one night in March he bought a ticket, and he rode across and back,
and he got off on this side again and walked home, and he looked happier than I ever saw
him. He said he'd done it. He said that was enough. He never rode again. I think about
that every time the fog comes in. I think about a man who only needed to know the door
would open. He didn't need to walk through it. Most of us never find that out. We go
through every door there is and never once ask why. Your brother asked. That's the whole
of what I know about him, and it's more than I know about most.

Nora looks out at the water for a long time.

NORA
(quietly)
He wrote to me that spring. He said he'd learned to leave.

EXT. ISLAND HARBOUR - DAWN #2A#

The ferry bumps the quay. Gulls. Nora steps off with her bag.

NORA (V.O.)
I had come to close his shop. I stayed to open it.

> THE CHANDLERY <

McKAY (O.S.)
Miss! Your ticket!

She turns. He holds it out. She takes it, folds it, puts it in her coat.

NORA (CONT'D)
I'll keep it. For practice.

FADE OUT.
"""


SIGNAL_BOX = """\
Title: SIGNAL BOX
Credit: Written by
Author: The whosestory authors

INT. SIGNAL BOX - NIGHT

Levers in a row, brass worn pale. ODILE, 50s, logs the last train in pencil and
blows on the page as if the ink could smudge.

ODILE
Twenty-three fifty. On time, for once. Write that down somewhere they will see it.

THE TELEPHONE RINGS.

She lets it ring twice, then answers.

ODILE
Box four. Yes. I see him. No, he is not on the line, he is beside it, which is
worse.

.THE LAMP ROOM

Shelves of red and green lamps. BASTIEN, 17, the new lad, polishes one he has
polished already.

BASTIEN
Is it true nobody crosses at midnight? The driver said so, and he laughed when he
said it.

ODILE (O.S.)
Nobody sensible. Bring the red one, and the green, and your coat.

BASTIEN
(pulling it on)
Which coat? I have only the one.

EXT. LEVEL CROSSING - CONTINUOUS

A BARRIER.

It drops. A bicycle lamp wobbles up the lane and stops short of the rails.

ODILE
You there! The barrier is down for a reason, whatever the timetable tells you.

.ON THE PLATFORM

Bastien runs the length of it, a lamp swinging in each hand, shouting before he
has the breath for it.

BASTIEN
Stop! Stop the bell! There is someone on the crossing and she will not move.

THE BELL STOPS.

ODILE
Good lad. Now the green. Slowly, so he sees it and believes it.

FADE OUT.
"""


# ---------------------------------------------------------------- other files


def scanned_pdf() -> bytes:
    """A page that looks like a scan: a picture and grey bars, no text layer."""
    from PIL import Image

    pdf = FPDF(unit="pt", format="letter")
    pdf.set_creation_date(FIXED_DATE)
    pdf.add_page()
    image = Image.new("L", (64, 80), 235)
    for row in range(8, 72, 6):
        for col in range(8, 56):
            image.putpixel((col, row), 60)
    pdf.image(image, x=72, y=72, w=468, h=585)
    pdf.set_fill_color(90, 90, 90)
    for index in range(6):
        pdf.rect(108, 680 + index * 12, 300 - index * 30, 6, style="F")
    pdf.add_page()
    return bytes(pdf.output())


NOT_A_PDF = b"INT. NOWHERE - DAY\n\nThis is a text file with a .pdf name, not a PDF.\n"


def build(out: Path) -> dict[str, Path]:
    """Write every test file into `out` and return them by name."""
    out.mkdir(parents=True, exist_ok=True)
    keeper = parse_fountain(KEEPER.read_text(encoding="utf-8"))
    ferry = parse_fountain(NIGHT_FERRY)
    signal = parse_fountain(SIGNAL_BOX)
    late = parse_fountain((HERE / "the-long-way-round.fountain").read_text(encoding="utf-8"))
    files = {
        "the-keeper.pdf": Typesetter(False, True, False).story(keeper, big_title=False),
        "the-long-way-round.pdf": Typesetter(False, True, False).story(late, big_title=False),
        "night-ferry.pdf": Typesetter(True, True, True).story(ferry, big_title=True),
        "signal-box.pdf": Typesetter(False, False, False).story(signal, big_title=False),
        "signal-box-strong.pdf": Typesetter(False, False, False, strong=True).story(
            signal, big_title=False
        ),
        "scanned.pdf": scanned_pdf(),
        "not-a-pdf.pdf": NOT_A_PDF,
    }
    paths = {}
    for name, data in files.items():
        path = out / name
        path.write_bytes(data)
        paths[name] = path
    return paths


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE).values():
        print(f"{path} ({path.stat().st_size} bytes)")
