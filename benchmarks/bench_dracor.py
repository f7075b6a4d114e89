"""Read every DraCor play under ../shared/data/plays/*dracor*/ and check it against DraCor.

    python benchmarks/bench_dracor.py [--root DIR ...] [--write docs/dracor.md]

For each play, the reference is computed here with lxml XPath, as DraCor
computes it: segments are ``//body//div[sp or (@type="scene" and not(.//sp))]``
(or the bodies when there is none); speaking characters are the distinct ids of
every ``sp/@who``, plus the ``<speaker>`` labels of speeches without ``who`` that
name no declared person (the reader's `LabelResolver` decides which labels name
one). A play matches when the story has as many scenes as segments, and as many
speaking characters as the reference. Prints per corpus how many plays were read
and matched, how many plays have 5 segments or fewer and how many configurations
(`whosestory.measures.configurations`) those get, then every mismatch and failure.
Exits 0 with a message when the data folder is absent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

import whosestory
from whosestory.measures.configurations import configurations
from whosestory.model import SPOKEN_KINDS
from whosestory.readers import tei

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "plays"
TEI = {"t": tei.TEI_NS}
COARSE = 5
"""A play with this many segments or fewer is segmented by its configurations."""
SEGMENTS = '//t:body//t:div[t:sp or (@type="scene" and not(.//t:sp))]'


DOC_HEAD = """# DraCor: scenes and speakers as DraCor counts them

Written by `python benchmarks/bench_dracor.py --write docs/dracor.md`. The reference is
computed in the benchmark with lxml XPath: segments are
`//body//div[sp or (@type="scene" and not(.//sp))]` (else the bodies); speaking
characters are the distinct `sp/@who` ids plus the `<speaker>` labels of speeches
without `who` that name no declared person.

How the story is read: one scene per segment, in document order, each with the
play's own act and scene number (`Scene.act`, `Scene.number`); speeches in
`<front>`, `<back>`, `<floatingText>`, songs and `<group><text>` are kept; a joint
speech (`who="#a #b"`) credits its whole text to every speaker, as DraCor does; a
speech that holds only a stage direction counts as a speech with no words. Where a
speaker count differs, the line says why: the builder compares cue names in upper
case without trailing dots (`cast.key_of`), so two ids that differ only so are one
character.

Plays with {coarse} segments or fewer are segmented more finely by their
configurations (`whosestory.measures.configurations`: who is on stage between one
entrance or exit and the next, read from stage directions in English, German,
French and Russian).
"""


@dataclass
class Reference:
    segments: int
    speakers: frozenset[str]


@dataclass
class CorpusResult:
    name: str
    plays: int = 0
    read: int = 0
    scenes_ok: int = 0
    speakers_ok: int = 0
    problems: list[str] = field(default_factory=list)
    coarse: list[int] = field(default_factory=list)
    """Configurations of each play with 5 segments or fewer."""


def reference(path: Path) -> Reference:
    """DraCor's segment count and speaking characters of one play."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.parse(str(path), parser).getroot()
    segments = len(root.xpath(SEGMENTS, namespaces=TEI)) or len(
        root.xpath("//t:body", namespaces=TEI)
    )
    speakers = {
        ref.lstrip("#") for who in root.xpath("//t:sp/@who", namespaces=TEI) for ref in who.split()
    }
    persons = {
        p.get(tei.XML_ID): [
            " ".join("".join(n.itertext()).split())
            for n in p.xpath("t:persName|t:name", namespaces=TEI)
        ]
        for p in root.xpath("//t:particDesc//t:person|//t:particDesc//t:personGrp", namespaces=TEI)
        if p.get(tei.XML_ID)
    }
    used: dict[str, Counter[str]] = {}
    for sp in root.xpath("//t:sp[@who]", namespaces=TEI):
        ids = sp.get("who").split()
        label = " ".join("".join(sp.xpath("string(t:speaker)", namespaces=TEI)).split()).rstrip(
            " .:"
        )
        if len(ids) == 1 and label:
            used.setdefault(ids[0].lstrip("#"), Counter())[label] += 1
    resolve = tei.LabelResolver(persons, used)
    for sp in root.xpath("//t:sp[not(@who)]", namespaces=TEI):
        label = " ".join(sp.xpath("string(t:speaker)", namespaces=TEI).split())
        if label:
            speakers.add(resolve(label))
    return Reference(segments, frozenset(s for s in speakers if s))


def check(path: Path, result: CorpusResult) -> None:
    result.plays += 1
    try:
        story = whosestory.load(path)
    except whosestory.WhosestoryError as err:
        result.problems.append(f"{path.name}: FAILED to read: {err}")
        return
    result.read += 1
    ref = reference(path)
    speakers = {e.speaker for e in story.elements() if e.kind in SPOKEN_KINDS and e.speaker}
    notes = []
    if len(story.scenes) == ref.segments:
        result.scenes_ok += 1
    else:
        notes.append(f"scenes {len(story.scenes)} vs DraCor {ref.segments}")
    if len(speakers) == len(ref.speakers):
        result.speakers_ok += 1
    else:
        notes.append(
            f"speaking characters {len(speakers)} vs {len(ref.speakers)}"
            + _speaker_difference(story, ref.speakers)
        )
    if notes:
        result.problems.append(f"{path.name}: " + "; ".join(notes))
    if ref.segments <= COARSE:
        result.coarse.append(len(configurations(story)))


def _speaker_difference(story: whosestory.Story, reference: frozenset[str]) -> str:
    """Which reference speakers the story joined into one character, or lost."""
    character_of = {e.cue: e.speaker for e in story.elements() if e.kind in SPOKEN_KINDS}
    joined: dict[str, list[str]] = {}
    for ident in sorted(reference):
        if character_of.get(ident):
            joined.setdefault(character_of[ident] or "", []).append(ident)
    parts = [f"{' + '.join(ids)} are one character" for ids in joined.values() if len(ids) > 1]
    lost = sorted(i for i in reference if not character_of.get(i))
    parts += [f"no speech read for {', '.join(lost)}"] if lost else []
    return f" ({'; '.join(parts)})" if parts else ""


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def table(results: list[CorpusResult]) -> list[str]:
    lines = [
        "| corpus | plays | read | scenes = segments | speakers = who ids + labels "
        f"| plays with <= {COARSE} segments | their median configurations (min) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        coarse = f"{statistics.median(r.coarse):g} ({min(r.coarse)})" if r.coarse else "-"
        lines.append(
            f"| {r.name} | {r.plays} | {r.read} | {r.scenes_ok} ({percent(r.scenes_ok, r.plays)}) "
            f"| {r.speakers_ok} ({percent(r.speakers_ok, r.plays)}) | {len(r.coarse)} | {coarse} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--root", type=Path, nargs="*", help="corpus folders (default: all *dracor*)"
    )
    parser.add_argument("--write", type=Path, help="also write the figures as Markdown")
    args = parser.parse_args(argv)
    roots = args.root or sorted(d for d in DATA.glob("*dracor*") if d.is_dir())
    if not any(list(root.glob("*.xml")) for root in roots):
        print(f"no plays under {DATA}; nothing to measure")
        return 0
    results = []
    for root in roots:
        result = CorpusResult(root.name)
        for path in sorted(root.glob("*.xml")):
            check(path, result)
        results.append(result)
    lines = table(results)
    problems = [p for r in results for p in (f"{r.name}/{q}" for q in r.problems)]
    lines += ["", f"Mismatches and failures ({len(problems)}):", ""]
    lines += [f"- {p}" for p in problems] or ["- none"]
    print("\n".join(lines))
    if args.write:
        head = [*DOC_HEAD.format(coarse=COARSE).splitlines(), ""]
        args.write.write_text("\n".join(head + lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
