"""Ties between one character and the others: who presses on the main character.

For a given character M, each other character X gets:

- shared_scenes: scenes in which both are present (the co-presence edge weight);
- exchanges: consecutive speeches between them (the conversation edge weight);
- talked_about: times M names X in M's own speeches (M thinks about X).

These feed the impact character (Dramatica's influence character: the one who
presses the main character to change), read here as the strongest tie.
"""

from __future__ import annotations

from collections import Counter

from whosestory.measures.network import Graph
from whosestory.model import SPOKEN_KINDS, Story


def _edge_weights(graph: Graph, name: str) -> dict[str, float]:
    return {other: float(weight) for other, weight in graph.get(name, {}).items()}


def named_by(story: Story, name: str) -> dict[str, int]:
    """Times `name` names each other character in its own speeches."""
    speakers = {
        (scene.index, element.line): element.speaker
        for scene in story.scenes
        for element in scene.elements
        if element.kind in SPOKEN_KINDS
    }
    counts: Counter[str] = Counter()
    for mention in story.mentions:
        if mention.via == "speech" and speakers.get((mention.scene, mention.line)) == name:
            counts[mention.character] += 1
    return dict(counts)


def ties(
    story: Story, name: str, copresence: Graph, conversation: Graph
) -> dict[str, dict[str, float]]:
    """shared_scenes, exchanges and talked_about from `name` to every other character."""
    others = [c.name for c in story.cast if not c.group and c.name != name]
    shared = _edge_weights(copresence, name)
    exchanges = _edge_weights(conversation, name)
    named = named_by(story, name)
    return {
        "shared_scenes": {o: shared.get(o, 0.0) for o in others},
        "exchanges": {o: exchanges.get(o, 0.0) for o in others},
        "talked_about": {o: float(named.get(o, 0)) for o in others},
    }
