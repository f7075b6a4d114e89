"""The one home of screenplay conventions: cues, extensions, headings, transitions.

Every reader and the builder ask this module; no other module spells a cue rule.
"""

from __future__ import annotations

import functools
import re

from whosestory._lazy import LazyPattern
from whosestory.model import count_words as _count_words
from whosestory.model import record

# ---------------------------------------------------------------- cues
# A `LazyPattern` is compiled on first use: the plain-text reader's and the builder's
# fallbacks (off-screen extensions, possessive cues, rooms, prefixed and bracketed
# headings, slug lines, sequences) that a Fountain or FDX script never reaches.

_EXTENSION_RE = re.compile(r"\(([^()]*)\)")
_CONTD_RE = re.compile(r"\b(?:CONT['’`]?D|CONTINUED|CONT\.|CONTD)\b\.?", re.IGNORECASE)
_VOICE_OVER_RE = re.compile(
    r"^(?:V\.?\s*O\.?|V\s*/\s*O|VOICE[\s-]*OVER|VOICEOVER|NARRATING|NARRATION|NARRATOR|INTO\s+RECORDER)$",
    re.IGNORECASE,
)
_OFF_RE = LazyPattern(
    r"^(?:O\.?\s*S\.?|O\.?\s*C\.?|O\s*/\s*[SC]|OOV|OFF|OFF[\s-]*SCREEN|OFFSCREEN)$", re.IGNORECASE
)
_BARE_EXTENSION_RE = re.compile(
    r"\s(V\.\s?O\.?|O\.\s?S\.?|O\.\s?C\.?|V\s?/\s?O|O\s?/\s?[SC]|VO|OS|OC|OOV|VOICE[\s-]?OVER|VOICEOVER)"
    r"\s*$"
)
"""An extension written without parentheses at the end of a plain-text cue: ``CHER V.O.``,
``DENIS VO``, ``CAROL OOV`` (out of vision), ``JIM VOICE OVER``."""
POSSESSIVE = r"(?:'S|(?<=S)')"
"""A name's possessive ending in a cue: ``ALVY'S``, ``GITTES'``."""
_POSSESSIVE_END_RE = LazyPattern(POSSESSIVE + "$")
"""``ALVY'S`` of ``ALVY'S VOICE-OVER``, ``GITTES'`` of ``GITTES' VOICE-OVER``."""
_MEDIUM_RE = re.compile(
    r"\s*/\s*(?P<medium>(?:ON\s+)?(?:SCREEN|T\.?V\.?|TELEVISION|MONITOR|VIDEO(?:\s+IMAGE)?|TAPE|"
    r"RECORDING|RECORDER|SHIP|PHONE|TELEPHONE|SPEAKER(?:PHONE)?|INTERCOM|RADIO|WALKIE(?:[\s-]TALKIE)?|"
    r"P\.?A\.?|FILTERED))\s*$"
)
"""A medium after a slash, an extension written as part of the name: ``RATH/SCREEN``,
``MANAGER/PHONE`` are Rath and the manager, heard through it."""

_VOICE_PAREN_RE = re.compile(
    r"^\(?\s*(?:v\.?\s*o\.?|voice[\s-]*over|voiceover|narrating|as narrator)\b", re.IGNORECASE
)

# A cue name: capitals, digits and the punctuation names use. "Mc"/"Mac" and
# "'s" are the lowercase letters real cues contain (McCLANE, O'REILLY'S VOICE).
_CAPITAL = "[A-ZÀ-ÞА-Я]"
"""A capital letter, Latin or Cyrillic: a cue's name holds one (`_CUE_NAME_RE`)."""
_CUE_NAME_RE = re.compile(
    rf"^(?=.*{_CAPITAL})(?:Mc|Mac|[A-ZÀ-ÞА-ЯЁ0-9#'’&.,/\- ]|'s|’s|\b[a-z]{{1,3}}\b(?= [A-Z]))+$"
)
_CAPITAL_RE = re.compile(_CAPITAL)
"""Any capital: a line with none can hold no cue's name (its name is made of its letters)."""
_SENTENCE_RE = re.compile(r"[A-Z]{3,}[.!?]\s")
"""A word of three letters or more that ends a clause inside the line: a sentence, not a
name (``DR. EVIL`` and ``HARRY S. TRUMAN`` abbreviate shorter words)."""
SENTENCE_WORDS = 5
"""Words a cue-like line with a clause end inside needs to be read as a sentence."""
_NON_CUE_WORDS = frozenset(
    """THE END FADE IN OUT CUT TO DISSOLVE CONTINUED MORE INTERCUT BACK SCENE
    OMITTED TITLE SUPER CREDITS BLACK CLOSE ON ANGLE POV INSERT LATER MONTAGE
    SERIES OF SHOTS FLASHBACK END THE DAY NIGHT MORNING EVENING CONTINUOUS CONT'D""".split()
)
_CAMERA_NAME_RE = LazyPattern(
    r"(?:\bPOV|P\.O\.V\.?|\bANGLE|\bCLOSE[- ]?UP|\b(?:LONG|WIDE|CLOSE|MEDIUM|MED\.?|TWO|THREE|"
    r"FULL|ESTABLISHING|INSERT|REACTION|MASTER|OVERHEAD|TRACKING|HIGH|LOW|AERIAL|GROUP|"
    r"UNDERWATER|ANOTHER|NEW|STOCK|PROCESS|DOLLY|CRANE|MOVING|SPLIT)\s+SHOT)$"
)
"""A cue-like line that ends in a camera direction is a shot: ``HIS POV``, ``NEW ANGLE``."""
_CAMERA_NAME_ENDS = ("POV", "P.O.V", "P.O.V.", "ANGLE", "UP", "SHOT")
"""How a text that `_CAMERA_NAME_RE` finds ends (a cue's name holds no newline)."""
_CAMERA_MOVE_RE = LazyPattern(
    r"^(?:THE\s+|OUR\s+)?CAMERA(?:\s+(?:SLOWLY|QUICKLY|NOW|THEN|AGAIN))?(?:\s+(?:PANS?|"
    r"FOLLOWS|MOVES|TRACKS|TILTS|PUSHES|PULLS|HOLDS|RISES|DOLLIES|ZOOMS|BOOMS|CRANES|"
    r"STAYS|FINDS|REVEALS|SWINGS|WHIPS|CIRCLES|DRIFTS|SETTLES|LINGERS|RACKS|ARCS|SWEEPS|"
    r"GLIDES|HOVERS|DESCENDS|ASCENDS|ROTATES|TRAVELS|CONTINUES|STARTS|BEGINS|ENDS|STOPS|"
    r"MOVING|PANNING|TRACKING|FOLLOWING|PULLING|PUSHING)\b.*)?$"
)
"""The camera and its move, set in capitals as a cue would be: ``CAMERA PANS``, ``CAMERA
CRANES UP``, ``THE CAMERA``. A person named for it keeps a noun (``CAMERA GIRL``,
``CAMERAMAN``)."""
_DASHED_RE = re.compile(r"\s-+\s|--")
_ROOMS = tuple(
    "ROOM HALLWAY CORRIDOR KITCHEN BEDROOM BATHROOM APARTMENT LOBBY GARAGE BASEMENT CELLAR ATTIC "
    "STAIRWELL STAIRWAY PORCH DRIVEWAY BACKYARD BALCONY FOYER".split()
)
_ROOM_RE = LazyPattern(rf"(?:^|\s)(?:{'|'.join(_ROOMS)})$")
"""A cue-like line that ends in a room of a building is a place standing as a heading:
``LIVING ROOM``, ``THE HALLWAY``, ``TOM'S APARTMENT``. A speaker is named for who they are
(``ROOM SERVICE``, ``KITCHEN STAFF``, ``LOBBY GUARD``), never for the room alone."""
_IN_ROOM_RE = LazyPattern(r"\S\s+(?:ON|IN|AT|FROM|BY|NEAR|OUTSIDE|INSIDE)\s")
"""A person placed in the room: ``MAN ON PORCH``, ``GIRL IN KITCHEN``."""
_CUE_STOP_PREFIXES = (
    "ANGLE",
    "CLOSE",
    "WIDE",
    "INSERT",
    "BACK TO",
    "CUT TO",
    "FADE",
    "DISSOLVE",
    "SUPER",
    "TITLE",
    "INTERCUT",
    "MONTAGE",
    "FLASHBACK",
    "END OF",
    "THE END",
    "CONTINUED",
    "OMITTED",
    "POV",
    "SERIES OF",
    "LATER",
    "MOMENTS LATER",
    "SMASH CUT",
    "MATCH CUT",
    "PAN ",
    "TRACKING",
    "ON SCREEN",
    "TIGHT ON",
    "REVERSE",
    "EXTREME",
    "AERIAL",
    "OVER BLACK",
    "BLACK SCREEN",
    "CREDITS",
    "MORE",
    # a place or a camera's aim, not a name: "IN THE BATHROOM", "BEHIND THEM", "ON KIM"
    "ON ",
    "IN ",
    "INSIDE ",
    "OUTSIDE ",
    "ACROSS ",
    "FROM ",
    "AT ",
    "BEHIND ",
    "NEAR ",
    "OVER ",
    "UNDER ",
    "INTO ",
    "THROUGH ",
    "UP ",
    "WE SEE",
    "WE HEAR",
    # the subject of a sentence shouted in capitals: "YOU WANNA KNOW WHAT IT FEELS"
    "I ",
    "YOU ",
    "WE ",
    "HE ",
    "SHE ",
    "IT ",
    "WHEN ",
    "BUT ",
)
GROUP_NAMES = frozenset(
    """ALL BOTH EVERYONE EVERYBODY CROWD VOICES VOICE OTHERS TOGETHER GROUP CHORUS
    MEN WOMEN KIDS CHILDREN GIRLS BOYS GUARDS SOLDIERS COPS PEOPLE AUDIENCE CLASS
    STUDENTS ALL.  SEVERAL VARIOUS THEY BAND TEAM FANS MOB PASSENGERS CREW
    BROTHERS SISTERS TWINS PARENTS FAMILY COUPLE FRIENDS GUESTS NEIGHBORS TOWNSPEOPLE
    TOWNSFOLK VILLAGERS WORKERS AGENTS OFFICERS NURSES DOCTORS REPORTERS PRISONERS""".split()
)
RANKS = frozenset(
    """MR MISTER SIR LORD MRS MS MISS LADY MADAME DR DOCTOR PROFESSOR PROF CAPTAIN CAPT
    DETECTIVE DET AGENT OFFICER SERGEANT SGT LIEUTENANT LT COLONEL COL GENERAL GEN MAJOR
    CORPORAL CPL PRIVATE PVT ADMIRAL COMMANDER COMMODORE MATE ENSIGN INSPECTOR CHIEF
    MARSHAL SHERIFF DEPUTY SENATOR JUDGE GOVERNOR MAYOR PRESIDENT FATHER SISTER BROTHER
    REVEREND REV COACH NURSE PRINCE PRINCESS KING QUEEN COUNT COUNTESS DUKE DUCHESS BARON
    EMPEROR""".split()
)
"""Ranks and titles written before a name (``CAPTAIN SMITH``, ``FIRST OFFICER MURDOCH``)."""
_ORDINAL_RANK_RE = re.compile(r"^(?:FIRST|SECOND|THIRD|FOURTH|FIFTH)\s+(?P<rank>[A-Z.]+)\s+\S")
"""An ordinal rank before a name: ``FIRST OFFICER MURDOCH`` is one man, ``FIRST GUARD`` a
numbered minor speaker."""
_NUMBERED_RE = re.compile(
    r"(?:#\s*\d+|\b\d+|\s(?:ONE|TWO|THREE|FOUR|FIRST|SECOND|THIRD))$"
    r"|^(?:FIRST|SECOND|THIRD|FOURTH|FIFTH)\s"
)


@record
class Cue:
    """A character cue split into the name and its extensions."""

    name: str
    extensions: tuple[str, ...] = ()
    dual: bool = False
    forced: bool = False

    @property
    def voice_over(self) -> bool:
        return any(_VOICE_OVER_RE.match(e) for e in self.extensions)

    @property
    def off_screen(self) -> bool:
        return any(_OFF_RE.match(e) for e in self.extensions)


@functools.lru_cache(maxsize=8192)
def parse_cue(raw: str) -> Cue:
    """Split a cue as written (``@McCLANE (V.O.) (CONT'D) ^``) into name and extensions.

    CONT'D in any spelling is dropped; other extensions keep their text without
    parentheses. Whitespace inside the name is collapsed.
    """
    text = raw.strip()
    dual = text.endswith("^")
    if dual:
        text = text[:-1].rstrip()
    forced = text.startswith("@")
    if forced:
        text = text[1:].lstrip()
    extensions = []
    name = text
    if "(" in text:  # most cues have no parentheses: the patterns need one
        for match in _EXTENSION_RE.finditer(text):
            inner = " ".join(match.group(1).split())
            if inner and not _CONTD_RE.fullmatch(inner):
                extensions.append(inner)
        name = _EXTENSION_RE.sub(" ", text)
        name = name.split("(")[0]  # an unclosed "(" starts an extension too
    if "CONT" in name.upper():  # what `_CONTD_RE` matches holds it
        name = _CONTD_RE.sub(" ", name)
    name = name.rstrip(" ,:;-")  # a scan's stray comma after the cue
    bare = _BARE_EXTENSION_RE.search(name)
    if bare:  # "CHER V.O." in plain-text scripts: an extension without parentheses
        extension = bare.group(1).replace(" ", "")
        extensions.insert(0, extension)
        name = name[: bare.start()]
        if extension.startswith("VOICE"):  # ALVY'S VOICE-OVER is Alvy in voice-over
            name = _POSSESSIVE_END_RE.sub("", name.rstrip())
    medium = _MEDIUM_RE.search(name) if "/" in name else None
    if medium and medium.start() > 0:  # "RATH/SCREEN": Rath, on a screen
        extensions.insert(0, " ".join(medium.group("medium").split()))
        name = name[: medium.start()]
    name = " ".join(name.replace("’", "'").split()).strip(" .,:;-")
    return Cue(name=name, extensions=tuple(extensions), dual=dual, forced=forced)


def continued(raw: str) -> bool:
    """True when a cue as written says its speech goes on (``RYAN (CONT'D)``)."""
    return _CONTD_RE.search(raw) is not None


def looks_like_cue(line: str) -> bool:
    """True when a stripped line could be a character cue by its letters alone.

    Upper case (``C-3PO``, ``GUARD #2``, ``SARAH'S FRIEND``, ``McCLANE``), short,
    not a heading, transition or camera direction. Layout (indentation, the line
    after it) is for the reader to weigh.
    """
    text = line.strip()
    if not text or len(text) > 50 or (text.endswith((":", "!", "?")) and not text.endswith(")")):
        return False
    if text.startswith("@"):
        return True
    # the cheap refusals before `parse_cue`: a parenthetical in small letters, a page number,
    # a heading (a plain-text script's lines in capitals are as often these as cues)
    if not _CAPITAL_RE.search(text) or is_heading(text) or is_transition(text):
        return False
    cue = parse_cue(text)
    name = cue.name
    if not name or len(name) > 40 or not _CUE_NAME_RE.match(name):
        return False
    upper = name.upper()
    if upper in _NON_CUE_WORDS or upper.startswith(_CUE_STOP_PREFIXES):
        return False
    if len(name.split()) >= SENTENCE_WORDS and _SENTENCE_RE.search(name):
        return False  # "WHAT YOU WANT. I CAN GET US OUT": a line of dialogue in capitals
    # each pattern is asked only where a word it needs is (most cues: neither)
    if (upper.endswith(_CAMERA_NAME_ENDS) and _CAMERA_NAME_RE.search(upper)) or (
        "CAMERA" in upper and _CAMERA_MOVE_RE.match(upper)
    ):
        return False  # "HIS POV", "ANOTHER ANGLE", "LONG SHOT", "CAMERA PANS"
    if "-" in text and _DASHED_RE.search(text) and is_slug_line(text):
        return False  # "OFFICE - DAY" (not "MRS. DAY")
    if (
        not cue.extensions
        and upper.endswith(_ROOMS)
        and _ROOM_RE.search(upper)
        and not _IN_ROOM_RE.search(upper)
    ):
        return False  # "LIVING ROOM", "THE HALLWAY": a place (a voice from it has an extension)
    # `parse_cue` strips the name's final dot, so ask the line: "THE BELL RINGS." is a sentence.
    bare = _EXTENSION_RE.sub(" ", text).rstrip(" ^")
    bare = _BARE_EXTENSION_RE.sub("", bare)
    return not bare.endswith(".") or bare.endswith(("MR.", "MRS.", "MS.", "DR.", "JR.", "SR."))


def is_group_name(name: str) -> bool:
    """True for group and numbered minor speakers: ALL, CROWD, GUARD #2, COP 1, MAN TWO."""
    upper = name.upper()
    if upper.startswith(("A ", "AN ", "THE ")):
        upper = upper.split(" ", 1)[1]  # A VOICE, THE CROWD
    if upper in GROUP_NAMES or upper.rstrip(".") in GROUP_NAMES:
        return True
    ranked = _ORDINAL_RANK_RE.match(upper)
    rest = upper[ranked.end() - 1 :] if ranked else ""
    if ranked and ranked.group("rank").rstrip(".") in RANKS and not _NUMBERED_RE.search(rest):
        return False  # FIRST OFFICER MURDOCH: a rank, not a numbered speaker
    if _NUMBERED_RE.search(upper) and not re.fullmatch(r"[A-Z]-?\d+[A-Z]*\d*", upper):
        return True  # C-3PO and R2-D2 are names; GUARD #2 and COP 1 are not
    words = upper.split()
    if len(words) > 2 and ("AND" in words[1:-1] or "&" in words[1:-1]):
        return True  # a joint speech: EDWARD AND WILL
    return len(words) > 1 and words[0] in {"ALL", "BOTH", "SEVERAL", "VARIOUS", "MANY"}


def is_voice_over_parenthetical(text: str) -> bool:
    """True for a parenthetical that puts a speech in voice-over: ``(V.O.)``, ``(voice-over)``."""
    return bool(_VOICE_PAREN_RE.match(text.strip()))


# ---------------------------------------------------------------- headings

HEADING_RE = re.compile(
    r"^(?P<setting>INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|INT/EXT|I\.?/E|INT|EXT|EST|INTERIOR|EXTERIOR"
    r"|ИНТ\.?\s*/\s*НАТ|ИНТ|НАТ|ЭКСТ)"
    r"(?:\.|\s|:|-|—|$)",
    re.IGNORECASE,
)
_SCENE_NUMBER_FOUNTAIN_RE = re.compile(r"\s*#([\w.\-]+)#\s*$")
_TIME_SPLIT_RE = re.compile(r"\s+(?:-+|–|—)\s*")


@record
class Heading:
    """A scene heading split into its parts."""

    text: str
    setting: str | None
    location: str | None
    time: str | None
    number: str | None


def is_heading(text: str) -> bool:
    """True for a scene heading by its opening word (INT., EXT., EST., INT./EXT., I/E)."""
    return bool(HEADING_RE.match(text.strip()))


def parse_heading(text: str, number: str | None = None) -> Heading:
    """Split ``INT. WILL'S BEDROOM - NIGHT (1973) #12#`` into setting, location, time, number."""
    text = " ".join(text.split())
    match = _SCENE_NUMBER_FOUNTAIN_RE.search(text)
    if match:
        number = number or match.group(1)
        text = text[: match.start()].rstrip()
    head = HEADING_RE.match(text)
    if head is None:
        inner = _PREFIXED_HEADING_RE.match(text)
        if inner is not None and inner.start("heading") > 0:  # "FLASHBACK - INT. HOUSE"
            parts = parse_heading(text[inner.start("heading") :], number)
            return Heading(text, parts.setting, parts.location, parts.time, parts.number)
    setting = None
    rest = text
    if head:
        raw = head.group("setting").upper().replace(" ", "").rstrip(".")
        setting = {
            "INTERIOR": "INT",
            "EXTERIOR": "EXT",
            "I/E": "INT/EXT",
            "I./E": "INT/EXT",
            "INT./EXT": "INT/EXT",
            "EXT./INT": "INT/EXT",
            "EXT/INT": "INT/EXT",
            "ИНТ": "INT",  # Russian screenplays: интерьер, натура
            "НАТ": "EXT",
            "ЭКСТ": "EXT",
            "ИНТ./НАТ": "INT/EXT",
            "ИНТ/НАТ": "INT/EXT",
        }.get(raw, raw)
        rest = text[head.end() :].strip(" .-—:")
    parts = _TIME_SPLIT_RE.split(rest) if rest else []
    location = parts[0].strip() if parts else None
    time = " - ".join(p.strip() for p in parts[1:]) if len(parts) > 1 else None
    return Heading(text=text, setting=setting, location=location or None, time=time, number=number)


_TIME_PREFIX = (
    r"\(?(?:FLASH[\s-]*BACK|FLASH[\s-]*(?:AHEAD|FORWARD)|PRESENT(?:\s+DAY)?|BACK\s+TO|"
    r"DREAM(?:\s+SEQUENCE)?|MONTAGE)\)?"
)
_CAMERA_PREFIX = (
    r"(?:CUT|DISSOLVE|SMASH\s+CUT|MATCH\s+CUT)\s+TO:|(?:NEW\s+|REVERSE\s+|WIDE\s+)?ANGLE|"
    r"(?:MED(?:IUM)?\.?|LONG|WIDE|FULL|CLOSE|TIGHT|TWO|ESTABLISHING)\s*SHOT|CLOSE(?:[\s-]?UP)?"
)
_PREFIXED_HEADING_RE = LazyPattern(
    rf"^(?P<time>(?:{_TIME_PREFIX})\s*[-–—:,.]*\s*)?"
    rf"(?:(?:{_CAMERA_PREFIX})\s*[-–—:,.]*\s*)?"
    r"(?P<heading>(?:INT|EXT|INT\.?/EXT|EXT\.?/INT|I/E)\b[.,]?[-–—\s]*\S.*)$"
)


_BRACKETED_HEADING_RE = LazyPattern(
    r"^[^()]{2,60}?\s*\((?P<heading>(?:INT|EXT|INT\.?/EXT|EXT\.?/INT|I/E)\b[.,]?\s*[^()\s][^()]*)\)$"
)


def prefixed_heading(text: str) -> str | None:
    """The heading inside a line that opens with a time marker, a cut or a camera
    direction: ``FLASHBACK - INT. HOUSE - DAY`` keeps its marker (the frame layer
    reads it), ``CUT TO: INT. HALL``, ``ANGLE, INT THE CAR.`` and ``WITH ETHAN (INT.
    SAFEHOUSE)`` give the heading alone. None for a line that is not such a heading,
    or is a plain one (`is_heading`). Upper case and at most 90 characters, so prose
    is not read so.
    """
    text = " ".join(text.split())
    letters = list(filter(str.isalpha, text))  # in C: the same letters, the same count
    if len(text) > 90 or not letters or not letters[0].isupper() or is_heading(text):
        return None
    if sum(map(str.isupper, letters)) < 0.8 * len(letters):
        return None
    bracketed = _BRACKETED_HEADING_RE.match(text) if "(" in text else None
    if bracketed is not None:  # "WITH ETHAN (INT. SAFEHOUSE - NIGHT)": the shot's place
        return bracketed.group("heading")
    match = _PREFIXED_HEADING_RE.match(text)
    if match is None or (match.group("time") is None and match.start("heading") == 0):
        return None
    return text if match.group("time") else match.group("heading")


_SLUG_TIME_RE = LazyPattern(
    r"(?:\s-+\s*|--+\s*|[.,;]\s*|\s)"
    r"(?:(?:EARLY|LATE|NEXT|THAT|SAME|THE FOLLOWING)\s+)?(?:DAY|NIGHT|MORNING|EVENING|"
    r"AFTERNOON|DUSK|DAWN|SUNSET|SUNRISE|NOON|MIDNIGHT|NIGHTFALL|TWILIGHT|CONTINUOUS|"
    r"MOMENTS LATER|LATER|SAME TIME|MAGIC HOUR)(?:TIME)?"
    r"\s*\.?\s*(?:\([^()]*\)\s*\.?)?$"
)
_SLUG_TIME_WORDS = (
    "DAY",
    "NIGHT",
    "MORNING",
    "EVENING",
    "NOON",
    "DUSK",
    "DAWN",
    "SUN",
    "TWILIGHT",
    "CONTINUOUS",
    "LATER",
    "SAME TIME",
    "MAGIC HOUR",
)
"""A piece of each time of day `_SLUG_TIME_RE` ends with: a line holding none is no slug line."""


def is_slug_line(text: str) -> bool:
    """True for a heading written without INT./EXT.: ``LOUISIANA HIGHWAY - DAY (1963)``.

    Upper case, short, a place and then a time of day. Plain-text scripts in the
    wild often head scenes this way; a reader should also weigh the layout (the
    line stands alone at the action column).
    """
    text = " ".join(text.split())
    if len(text) > 80 or (text[-1:] not in ".)" and not text[-1:].isalpha()):
        return False
    if not any(map(text.__contains__, _SLUG_TIME_WORDS)):
        return False  # most lines: the pattern would try every space for nothing
    match = _SLUG_TIME_RE.search(text)
    if not match:
        return False
    place = text[: match.start()]
    return any(ch.isupper() for ch in place) and not any(ch.islower() for ch in place)


_SEQUENCE_RE = LazyPattern(
    r"\b(?:FLASH[\s-]*BACK|FLASH[\s-]*FORWARD|MONTAGE|SERIES OF SHOTS|DREAM|PRESENT|"
    r"(?:1[0-9]|20)[0-9]{2}|YEARS?\s+(?:LATER|EARLIER|AGO|BEFORE)|"
    r"(?:SCENE|ACT)\s+(?:[0-9]+|[IVXLC]+|ONE|TWO|THREE|FOUR|FIVE))\b",
    re.IGNORECASE,
)


_SHOT_PREFIXES = ("ANGLE", "CLOSE", "WIDE", "INSERT", "BACK TO", "POV", "EXTREME", "MEDIUM")


def is_shot(text: str) -> bool:
    """True for a camera direction standing alone: ``CLOSE - MALCOLM``, ``ANGLE ON THE DOOR``,
    ``HIS POV``: capitals, short, a shot word at its start or a camera direction at its end."""
    text = " ".join(text.split()).rstrip(".:")
    if not text or len(text) > 60 or any(ch.islower() for ch in text):
        return False
    return text.startswith(_SHOT_PREFIXES) or bool(_CAMERA_NAME_RE.search(text))


def is_secondary_heading(text: str) -> bool:
    """True for a heading with no setting and no time of day: a shot or a spot, ``ON THE TV``.

    Writers force such headings (Fountain's ``.AT THE DOOR``, ``.SNIPER SCOPE POV``)
    to mark a shot inside the scene they are in. A heading is a scene's own when it
    names a setting (``INT.``), a time of day (``KITCHEN - NIGHT``) or a sequence
    of its own (a flashback, a montage, a dream, a year, a numbered scene or act).
    """
    text = " ".join(text.split())
    return not (is_heading(text) or is_slug_line(text.upper()) or _SEQUENCE_RE.search(text))


def unmarked_heading(text: str) -> str | None:
    """The heading a line standing alone at the action column holds without opening
    with INT./EXT.: behind a marker, a cut or a camera direction (`prefixed_heading`,
    the cut dropped even when the line also ends in a time of day), else a place and
    a time of day (`is_slug_line`, ``HOSPITAL - NIGHT``). None otherwise. The layout
    (standing alone) is for the reader to check."""
    return prefixed_heading(text) or (text if is_slug_line(text) else None)


# ---------------------------------------------------------------- transitions

_TRANSITION_RE = re.compile(
    r"^(?:(?:[A-Z][A-Z .'\-]*\b)?TO:|FADE (?:IN|OUT|TO BLACK)[.:]?|FADE OUT\.?|CUT TO BLACK[.:]?|"
    r"SMASH CUT[.:]?|MATCH CUT[.:]?|JUMP CUT[.:]?|DISSOLVE[.:]?|IRIS (?:IN|OUT)[.:]?|"
    r"WIPE[.:]?|BACK TO (?:SCENE|PRESENT|REALITY)[.:]?|END FLASHBACK[.:]?|THE END\.?)$"
)


def is_transition(text: str) -> bool:
    """True for a transition: ``CUT TO:``, ``FADE OUT.``, ``SMASH CUT TO:``."""
    return bool(_TRANSITION_RE.match(" ".join(text.split())))


# ---------------------------------------------------------------- words


def count_words(text: str) -> int:
    """Words in a text: runs of letters, digits and apostrophes."""
    return _count_words(text)
