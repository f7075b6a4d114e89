"""The measure registry: every per-character measure of an Analysis, declared once.

Each `Measure` says its name (the key in `Analysis.tables` and in the report's
``measures``), a label for reports, its unit, its JSON type (``integer`` or
``number``), what it means in one line, and the language support it needs:
``None`` when it reads only the structure (who speaks, where, with whom, when),
``"lexicon"`` when it reads words of a language (verbs, sentiment, stop words,
shot and marker words). The report labels, the schema, the corpus column types
and docs/measures.md (`markdown_table`) come from here; a test checks that the
analysis computes exactly these measures.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from whosestory.model import record


@record
class Measure:
    """One per-character measure: name, label, unit, JSON type, meaning, language support."""

    name: str
    label: str
    unit: str
    type: Literal["integer", "number"]
    meaning: str
    needs: Literal["lexicon"] | None = None


def _centralities(graph: str, label: str, what: str) -> tuple[Measure, ...]:
    return (
        Measure(
            f"{graph}_degree",
            f"{label} degree",
            "share",
            "number",
            f"Share of the other characters {what} (0..1).",
        ),
        Measure(
            f"{graph}_weighted_degree",
            f"{label} weighted degree",
            "count",
            "number",
            f"Sum of the weights of the character's edges in the {label} graph.",
        ),
        Measure(
            f"{graph}_betweenness",
            f"{label} betweenness",
            "share",
            "number",
            f"Share of shortest paths between others in the {label} graph through the character.",
        ),
        Measure(
            f"{graph}_closeness",
            f"{label} closeness",
            "score",
            "number",
            f"Closeness centrality in the {label} graph (nearer to everyone: higher).",
        ),
        Measure(
            f"{graph}_eigenvector",
            f"{label} eigenvector",
            "score",
            "number",
            f"Eigenvector centrality in the {label} graph (tied to the well tied: higher).",
        ),
    )


MEASURES: tuple[Measure, ...] = (
    Measure("cues", "cues", "speeches", "integer", "Speeches: a cue and what follows it."),
    Measure("words", "words", "words", "integer", "Words spoken, voice-over included."),
    Measure(
        "scenes_speaking", "scenes speaking", "scenes", "integer", "Scenes with a speech of theirs."
    ),
    Measure(
        "scenes_present",
        "scenes present",
        "scenes",
        "integer",
        "Scenes in which the character speaks or is named in the action.",
    ),
    Measure(
        "screen_time",
        "screen time (s)",
        "seconds",
        "number",
        "Estimated seconds on screen (or stage): the lengths of the scenes present in.",
    ),
    Measure(
        "screen_share", "screen share", "share", "number", "Screen time over running time (0..1)."
    ),
    Measure(
        "passive_presence",
        "talked about while absent",
        "mentions",
        "integer",
        "Times named in others' speeches in scenes the character is not present in.",
    ),
    Measure(
        "subject",
        "subject of actions",
        "verbs",
        "integer",
        "Action verbs with the character as subject.",
        "lexicon",
    ),
    Measure(
        "object",
        "object of actions",
        "verbs",
        "integer",
        "Action verbs with the character as object.",
        "lexicon",
    ),
    Measure(
        "agency",
        "agency",
        "share",
        "number",
        "(subject + 1) / (subject + object + 2): acts rather than is acted upon.",
        "lexicon",
    ),
    Measure(
        "scene_openers",
        "opens scenes",
        "scenes",
        "integer",
        "Scenes in which the character has the first speech.",
    ),
    Measure(
        "exchange_openers",
        "opens exchanges",
        "exchanges",
        "integer",
        "Exchanges opened: the first speech after action or a scene change.",
    ),
    Measure(
        "interiority",
        "interiority",
        "per scene",
        "number",
        "(Perception verbs + POV shots + voice-over scenes) / (scenes present + a prior).",
        "lexicon",
    ),
    Measure(
        "perception_verbs",
        "perception verbs",
        "verbs",
        "integer",
        "Perception or thought verbs (sees, realizes) with the character as subject.",
        "lexicon",
    ),
    Measure(
        "pov_shots",
        "POV shots",
        "shots",
        "integer",
        "POV, close and reaction shots on the character.",
        "lexicon",
    ),
    *_centralities("copresence", "co-presence", "the character shares a scene with"),
    *_centralities("conversation", "conversation", "the character exchanges speeches with"),
    Measure(
        "frame_share",
        "frame share",
        "share",
        "number",
        "Share of the frame layer's scenes the character is in, less a listener's share.",
        "lexicon",
    ),
    Measure(
        "listener_share",
        "listener share",
        "share",
        "number",
        "Share of the character's speeches in the frame layer that are questions.",
    ),
    Measure(
        "closing_voice",
        "closing voice",
        "score",
        "number",
        "Holding the last (1) or first (0.5) narration, by the voice's strength and its part"
        " in the story (0..1).",
    ),
    Measure(
        "voice_over_words", "voice-over words", "words", "integer", "Words spoken in voice-over."
    ),
    Measure(
        "voice_over_share",
        "voice-over share",
        "share",
        "number",
        "Share of all voice-over words (0..1).",
    ),
    Measure(
        "narrator_in_story",
        "in the story",
        "share",
        "number",
        "Scenes present outside narration, as a share of the most present character's (0..1).",
    ),
    Measure(
        "narration",
        "narration",
        "share",
        "number",
        "Voice-over share times part in the story: a witness narrator scores low (0..1).",
    ),
    Measure(
        "bookends",
        "bookends",
        "score",
        "number",
        "A quarter each for the opening scenes, closing scenes, first and last words (0..1).",
    ),
    Measure(
        "change",
        "change of tone",
        "compound sentiment",
        "number",
        "Size of the change of tone from start to end, when it has a shape (0 if flat).",
        "lexicon",
    ),
    Measure(
        "vocabulary_drift",
        "vocabulary drift",
        "divergence",
        "number",
        "Jensen-Shannon divergence of early and late speech, above chance.",
        "lexicon",
    ),
    Measure(
        "position_change",
        "position change",
        "share",
        "number",
        "Weighted co-presence degree share, second half minus first (-1..1).",
    ),
    Measure(
        "soliloquies",
        "soliloquies",
        "speeches",
        "integer",
        "Speeches of a play the character says alone on stage (entrances and exits read "
        "from the directions); 0 in a screenplay.",
        "lexicon",
    ),
    Measure(
        "asides",
        "asides",
        "speeches",
        "integer",
        "Speeches of a play marked as asides (aside, à part, beiseite, в сторону, "
        'type="aside"); 0 in a screenplay.',
        "lexicon",
    ),
)
"""Every measure, in the order `Analysis.tables` holds them."""

BY_NAME: Mapping[str, Measure] = {m.name: m for m in MEASURES}


def label(name: str) -> str:
    """A measure's label for reports; an undeclared key in words."""
    found = BY_NAME.get(name)
    return found.label if found else name.replace("_", " ")


def markdown_table() -> str:
    """docs/measures.md: every measure with its label, unit, type, meaning and needs."""
    lines = [
        "# Measures",
        "",
        "Generated from `whosestory/measure_registry.py` by "
        '`python -c "from whosestory.measure_registry import markdown_table; '
        "print(markdown_table(), end='')\" > docs/measures.md`; a test keeps it in step.",
        "Each is a value per character, in `Analysis.tables` and in the report's `measures`.",
        "`lexicon`: reads words of a language (absent for a language without the resource).",
        "",
        "| measure | label | unit | type | needs | meaning |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| `{m.name}` | {m.label} | {m.unit} | {m.type} | {m.needs or '-'} | {m.meaning} |"
        for m in MEASURES
    ]
    return "\n".join(lines) + "\n"
