"""The members of `whosestory.model.Kind` as module names, for the loops over every element.

On Python 3.11 an attribute of an Enum class goes through its metaclass's ``__getattr__``
hook (`enum.EnumType.__getattr__`, gone in 3.12): ``Kind.STAGE`` costs 110 ns, a module's
global 10. The readers, the builder and the measures ask for one at every element they
look at: in an analysis of Kraus's *Die letzten Tage der Menschheit* the hook took 4 % of
the instructions. They import the member from here instead.
"""

from __future__ import annotations

from whosestory.model import Kind

HEADING, ACTION, DIALOGUE, VOICE_OVER = Kind.HEADING, Kind.ACTION, Kind.DIALOGUE, Kind.VOICE_OVER
PARENTHETICAL, TRANSITION, CENTERED = Kind.PARENTHETICAL, Kind.TRANSITION, Kind.CENTERED
LYRIC, NOTE, SECTION, SYNOPSIS = Kind.LYRIC, Kind.NOTE, Kind.SECTION, Kind.SYNOPSIS
PAGE_BREAK, STAGE = Kind.PAGE_BREAK, Kind.STAGE
