"""Verdicts: measures -> roles, each with a ranking, its evidence and its margin.

Pure functions over the measure tables an `Analysis` holds. Every score is a
weighted mean of "share of the top value" tables (`ranking.combine`),
so the leader of each measure scores 1 and a margin reads as a share of it.
The weights are documented in docs/verdicts.md, with why.

- spotlight: cues, words, scenes present and estimated screen time, equally;
- protagonist: presence (0.5), network centrality (0.3) and agency (0.2): whom
  the plot follows is who is on screen (scenes present counted twice, screen
  time and cues once; words are left out, since a talkative sidekick or
  mentor out-talks many heroes and a silent hero says little), sits at the
  centre of the web of scenes and exchanges, and acts rather than is acted upon.

A margin under `CLOSE_CALL` (a tenth of the leader's score) is reported as a
close call, with the runner-up's figures beside the winner's.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import field

from whosestory.model import record
from whosestory.ranking import combine, order, share_of_top

CLOSE_CALL = 0.10
CLOSE_PROBABILITY = 0.20
"""With a fitted model, a verdict is a close call when the winner's probability is less than
this far ahead of the runner-up's."""
RANKING_SIZE = 5

SPOTLIGHT_WEIGHTS: Mapping[str, float] = {
    "cues": 1.0,
    "words": 1.0,
    "scenes_present": 1.0,
    "screen_time": 1.0,
}
NETWORK_WEIGHTS: Mapping[str, float] = {
    "copresence_weighted_degree": 1.0,
    "copresence_degree": 1.0,
    "copresence_betweenness": 1.0,
    "copresence_closeness": 1.0,
    "copresence_eigenvector": 1.0,
    "conversation_weighted_degree": 1.0,
}
AGENCY_WEIGHTS: Mapping[str, float] = {"subject": 1.0, "scene_openers": 1.0}
PRESENCE_WEIGHTS: Mapping[str, float] = {"scenes_present": 2.0, "screen_time": 1.0, "cues": 1.0}
PROTAGONIST_WEIGHTS: Mapping[str, float] = {"presence": 0.5, "network": 0.3, "agency": 0.2}


@record
class Ranked:
    """A character's place in a role's ranking: its score, and its probability once a
    fitted model gives one (None until then)."""

    name: str
    score: float
    probability: float | None = None


@record
class Quote:
    """A quotable reference: scene number (as written, else its position), heading, line;
    `citation`: where a play's edition puts it (``"5.2.118"``, ``"act 2, scene 3"``)."""

    scene: str
    heading: str
    line: int
    quote: str
    citation: str | None = None


@record
class Component:
    """One weighted component of a verdict: its weight, the winner's and runner-up's value."""

    weight: float
    winner: float
    runner_up: float


@record
class Case:
    """The argued case of a verdict: sentences and quotes for it, sentences against it,
    what would flip a close call (None otherwise), and the components that carried it.

    `carried`: for a role ranked by a fitted model, how much each feature family raised the
    character's score over its rival's, in log-odds (`whosestory.carried`); empty otherwise.
    """

    support: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    against: tuple[str, ...] = ()
    what_would_change: str | None = None
    components: Mapping[str, Component] = field(default_factory=dict)
    carried: Mapping[str, float] = field(default_factory=dict)


@record
class Verdict:
    """Who takes a role, the ranking behind it, the figures that decided it, and its case.

    `evidence` maps each measure to (winner's value, runner-up's value);
    `margin` is the winner's score minus the runner-up's; `probabilities` is a
    probability per character when the role's scorer is a fitted model (None
    while it is a weighted score).
    """

    role: str
    character: str | None
    ranking: tuple[Ranked, ...]
    evidence: Mapping[str, tuple[float, float]]
    margin: float
    close_call: bool
    runner_up: str | None = None
    probabilities: Mapping[str, float] | None = None
    case: Case = field(default_factory=Case)


def _pick(
    tables: Mapping[str, Mapping[str, float]], names: Sequence[str]
) -> dict[str, dict[str, float]]:
    return {key: {n: float(table.get(n, 0.0)) for n in names} for key, table in tables.items()}


def _score(
    names: Sequence[str],
    tables: Mapping[str, Mapping[str, float]],
    weights: Mapping[str, float],
) -> dict[str, float]:
    """The weighted mean of the tables named in `weights`, each as a share of its top."""
    return combine(_pick({k: tables[k] for k in weights}, names), weights)


def decide(
    role: str,
    scores: Mapping[str, float],
    evidence_tables: Mapping[str, Mapping[str, float]],
    probabilities: Mapping[str, float] | None = None,
) -> Verdict:
    """A verdict from a score per character and the tables to quote as evidence.

    With `probabilities` (a fitted model's probability per character), each ranked
    character carries its probability beside its score.
    """
    ranked = order(scores)
    if not ranked:
        return Verdict(role, None, (), {}, 0.0, False)
    winner = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    margin = scores[winner] - (scores[runner] if runner else 0.0)
    evidence = {
        key: (float(table.get(winner, 0.0)), float(table.get(runner, 0.0)) if runner else 0.0)
        for key, table in evidence_tables.items()
    }
    top = scores[winner] or 1.0
    return Verdict(
        role=role,
        character=winner,
        ranking=tuple(
            Ranked(n, round(scores[n], 4), _probability(probabilities, n))
            for n in ranked[:RANKING_SIZE]
        ),
        evidence=evidence,
        margin=round(margin, 4),
        close_call=runner is not None
        and (
            margin / top < CLOSE_CALL
            if probabilities is None
            else _probability(probabilities, winner) - _probability(probabilities, runner)
            < CLOSE_PROBABILITY
        ),
        runner_up=runner,
        probabilities=probabilities,
    )


def _probability(probabilities: Mapping[str, float] | None, name: str) -> float | None:
    if probabilities is None:
        return None
    return round(float(probabilities.get(name, 0.0)), 4)


def spotlight_scores(
    names: Sequence[str], tables: Mapping[str, Mapping[str, float]]
) -> dict[str, float]:
    """The spotlight score: the count measures, equally weighted."""
    return _score(names, tables, SPOTLIGHT_WEIGHTS)


def network_scores(
    names: Sequence[str], tables: Mapping[str, Mapping[str, float]]
) -> dict[str, float]:
    """The network score: centralities of the co-presence and conversation graphs."""
    return _score(names, tables, NETWORK_WEIGHTS)


def agency_scores(
    names: Sequence[str], tables: Mapping[str, Mapping[str, float]]
) -> dict[str, float]:
    """The agency score: how often a character acts, and opens scenes."""
    return _score(names, tables, AGENCY_WEIGHTS)


def presence_scores(
    names: Sequence[str], tables: Mapping[str, Mapping[str, float]]
) -> dict[str, float]:
    """Presence: scenes present (twice), screen time and cues; words left out (see above)."""
    return _score(names, tables, PRESENCE_WEIGHTS)


def shares(
    names: Sequence[str],
    tables: Mapping[str, Mapping[str, float]],
    weights: Mapping[str, float],
) -> dict[str, dict[str, float]]:
    """The components of a weighted score: each table in `weights` as a share of its top."""
    return {
        key: share_of_top(table)
        for key, table in _pick({k: tables[k] for k in weights}, names).items()
    }


def protagonist_parts(
    names: Sequence[str], tables: Mapping[str, Mapping[str, float]]
) -> dict[str, dict[str, float]]:
    """The protagonist's components (presence, network, agency), each as a share of its top."""
    return {
        "presence": share_of_top(presence_scores(names, tables)),
        "network": share_of_top(network_scores(names, tables)),
        "agency": share_of_top(agency_scores(names, tables)),
    }


PROTAGONIST_MEASURES = (*PRESENCE_WEIGHTS, *NETWORK_WEIGHTS, *AGENCY_WEIGHTS)
"""The measures the protagonist score reads, quoted as the verdict's figures."""


def protagonist_scores(
    names: Sequence[str], tables: Mapping[str, Mapping[str, float]]
) -> dict[str, float]:
    """The protagonist score: spotlight, network and agency, weighted."""
    return combine(protagonist_parts(names, tables), PROTAGONIST_WEIGHTS)


# ---------------------------------------------------------------- whose story it is

MAIN_WEIGHTS: Mapping[str, float] = {
    "prior": 0.35,
    "telling": 0.45,
    "narration": 0.05,
    "interiority": 0.10,
    "change": 0.05,
}
"""Main character: the telling carries most (see docs/verdicts.md); the protagonist is the prior."""

FULL_INTERIORITY = 0.6
"""Interiority (signals a scene present) that scores 1: absolute, not a share of the top, so a
sparse signal (two perception verbs in a play) does not become a full score."""

FULL_CHANGE = 0.3
"""A change of tone (compound sentiment, -1..1) from start to end that scores 1."""

TELLING_FRAME = 0.6
"""Within the telling: owning the frame layer (0.6) against holding the closing voice (0.4)."""

IMPACT_WEIGHTS: Mapping[str, float] = {"shared_scenes": 0.4, "exchanges": 0.3, "talked_about": 0.3}
"""Impact character: the tie to the main character, each component weighed by `standing`."""


def main_character_parts(
    names: Sequence[str], tables: Mapping[str, Mapping[str, float]]
) -> dict[str, dict[str, float]]:
    """The main-character components per character, each 0..1.

    prior: the protagonist score as a share of the top one (whom the plot follows:
    presence, centrality, agency), which the telling can overturn; telling:
    TELLING_FRAME x frame share (less a listener's share) + the rest x closing voice;
    narration: voice-over share x part in the story (a witness narrator scores low);
    interiority and change:
    on absolute scales (`FULL_INTERIORITY`, `FULL_CHANGE`), capped at 1.
    """
    prior = share_of_top(protagonist_scores(names, tables))
    telling = {
        n: TELLING_FRAME * tables["frame_share"].get(n, 0.0)
        + (1 - TELLING_FRAME) * tables["closing_voice"].get(n, 0.0)
        for n in names
    }
    narration = {n: tables["narration"].get(n, 0.0) for n in names}
    return {
        "prior": prior,
        "telling": telling,
        "narration": narration,
        "interiority": {
            n: min(1.0, tables["interiority"].get(n, 0.0) / FULL_INTERIORITY) for n in names
        },
        "change": {n: min(1.0, tables["change"].get(n, 0.0) / FULL_CHANGE) for n in names},
    }


def weighted(
    parts: Mapping[str, Mapping[str, float]], weights: Mapping[str, float]
) -> dict[str, float]:
    """The weighted sum of component tables (components are already 0..1)."""
    names = {n for table in parts.values() for n in table}
    return {n: sum(weights[k] * parts[k].get(n, 0.0) for k in weights) for n in names}


def flip_condition(
    parts: Mapping[str, Mapping[str, float]],
    weights: Mapping[str, float],
    winner: str,
    runner: str,
) -> str:
    """What would have to change for the runner-up to win, in one sentence."""
    gap = sum(weights[k] * (parts[k].get(winner, 0) - parts[k].get(runner, 0)) for k in weights)
    leads = {
        k: weights[k] * (parts[k].get(winner, 0) - parts[k].get(runner, 0))
        for k in weights
        if parts[k].get(winner, 0) > parts[k].get(runner, 0)
    }
    if not leads:
        return f"{runner} would win on any small change; the two are level."
    key = max(leads, key=lambda k: leads[k])
    needed = gap / weights[key]
    return (
        f"{runner} would win if {winner}'s {key} score were {needed:.2f} lower "
        f"(it is {parts[key].get(winner, 0):.2f} against {parts[key].get(runner, 0):.2f}), "
        f"or if {key} weighed {gap / leads[key]:.0%} less than it does."
    )


def standing(names: Sequence[str], words: Mapping[str, float]) -> dict[str, float]:
    """Each character's standing: the square root of their words as a share of the words of
    whoever of `names` speaks most (1 for everyone where nobody speaks).

    The impact character is a principal with a line of their own, not an attendant: a
    confidant who follows the main character about shares every scene and trades every
    exchange, and a tie weighed by standing ranks them below the rival, the lover or the
    tempter the story sets against the main character (Horatio's tie to Hamlet, Nerissa's
    to Portia, the Provost's to the Duke).
    """
    top = max((float(words.get(n, 0.0)) for n in names), default=0.0)
    if top <= 0:
        return dict.fromkeys(names, 1.0)
    return {n: math.sqrt(max(0.0, float(words.get(n, 0.0))) / top) for n in names}


def impact_parts(
    main: str,
    names: Sequence[str],
    ties: Mapping[str, Mapping[str, float]],
    words: Mapping[str, float],
    serving: Collection[str] = (),
) -> dict[str, dict[str, float]]:
    """The impact components of everyone but `main`: each tie (`IMPACT_WEIGHTS`) as a share
    of the strongest, times the character's `standing`; 0 for those `serving` the main
    character (the play's list of persons makes them its servant or confidant,
    `roles.serving_main`: at the main character's side, not the one who presses them)."""
    others = [n for n in names if n != main]
    weight = standing(others, words)
    weight.update(dict.fromkeys(set(serving) & weight.keys(), 0.0))
    return {
        key: {n: value * weight[n] for n, value in table.items()}
        for key, table in shares(others, ties, IMPACT_WEIGHTS).items()
    }


def impact_scores(
    main: str | None,
    names: Sequence[str],
    ties: Mapping[str, Mapping[str, float]],
    words: Mapping[str, float],
) -> dict[str, float]:
    """Strength of each character's tie to the main character, weighed by their standing
    (the main excluded)."""
    if main is None:
        return {}
    return weighted(impact_parts(main, names, ties, words), IMPACT_WEIGHTS)
