"""What carried a fitted verdict, in words: the model's coefficient times each feature.

A role with a fitted model (`whosestory.rolemodel`) ranks the cast by a linear score of
named features, so what puts one character ahead of another is the sum, feature by
feature, of the coefficient times the difference of their values (`contributions`, in
log-odds). Summed by feature family (`whosestory.features.FAMILIES`), that is what a case
says carried the verdict: "Camiola is carried by the title and words and speeches".
Part of the analysis stage: it reads the features of the `Signals`, never a measure.
"""

from __future__ import annotations

from collections.abc import Mapping

from whosestory.features import FAMILIES, declared_title
from whosestory.model import Story
from whosestory.rolemodel import RoleModel, contributions
from whosestory.wording import percent

LABELS: dict[str, str] = {
    "counts": "words and speeches",
    "time": "when they are on stage (the first and last scenes, the ending)",
    "network": "their place among the others (shared scenes, talk)",
    "talk": "what the others say of them",
    "title": "the title",
    "frame": "the telling (frame, narration, closing voice)",
    "openers": "opening scenes and exchanges",
    "agency": "agency",
    "lexicon": "interiority and change",
    "soliloquy": "soliloquies and asides",
    "verse": "speaking in verse",
    "cast_list": "the list of persons (who serves whom)",
}
"""Each feature family in the words of a case."""

AT_LEAST = 0.05
"""A family counts as carrying a verdict when it raises the score by this much (log-odds):
below it a family's share is rounding, not a reason."""


def family_gains(
    model: RoleModel, features: Mapping[str, Mapping[str, float]], name: str, other: str
) -> dict[str, float]:
    """How much each feature family of the model raises `name`'s score over `other`'s
    (log-odds, to 4 places; below 0 where `other` leads on it)."""
    if name not in features or other not in features:
        return {}
    parts = contributions(model, features, name, other)
    return {
        family: round(sum(parts[feature] for feature in members if feature in parts), 4)
        for family, members in FAMILIES.items()
        if any(feature in parts for feature in members)
    }


def ahead(gains: Mapping[str, float], sign: float = 1.0) -> list[str]:
    """The families of `family_gains` that raise the character over its rival, most first;
    with `sign` -1, those that raise the rival over the character."""
    leading = [family for family, gain in gains.items() if sign * gain >= AT_LEAST]
    return sorted(leading, key=lambda family: -sign * gains[family])


def title_sentence(
    story: Story, features: Mapping[str, Mapping[str, float]], name: str
) -> str | None:
    """How the title names the character (the title features' reading): by the epithet the
    play's list of persons gives it (`Character.epithets`), or by a name; None when not."""
    title = declared_title(story)
    if title is None or not features.get(name, {}).get("title_names"):
        return None
    character = next((c for c in story.cast if c.name == name), None)
    if character is not None and title in character.epithets:
        return f"The title, {title}, is what the list of persons calls {name}."
    return f"The title, {title}, names {name}."


def attendant_sentence(story: Story, *names: str) -> str | None:
    """What the list of persons says of the first of `names` it makes a servant, a friend or
    a confidant (`Character.attendant`); None when it makes none of them one."""
    for name in names:
        character = story.character(name)
        if character is not None and character.attendant is not None:
            return f"The list of persons calls {name} “{character.attendant}”."
    return None


def verse_sentence(features: Mapping[str, Mapping[str, float]], name: str) -> str | None:
    """The share of the character's words set as verse, when it has any."""
    share = features.get(name, {}).get("verse_share", 0.0)
    if not share:
        return None
    return f"{name} speaks {percent(share)} of their words in verse."
