"""Read every DraCor play under ../shared/data/plays/*dracor*/ and check it against DraCor.

    python benchmarks/bench_dracor.py [--root DIR ...] [--write docs/dracor.md]

For each play, the reference is computed here with lxml XPath, as DraCor
computes it: segments are ``//body//div[sp or (@type="scene" and not(.//sp))]``
(or the bodies when there is none); speaking characters are the distinct ids of
every ``sp/@who``, plus the ``<speaker>`` labels of speeches without ``who`` that
name no declared person (the reader's `LabelResolver` decides which labels name
one). A play matches when the story has as many scenes as segments, and as many
speaking characters as the reference. Prints per corpus how many plays were read
and matched, then every mismatch and failure. Exits 0 with a message when the
data folder is absent.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

import whosestory
from whosestory.model import SPOKEN_KINDS
from whosestory.readers import tei

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "plays"
TEI = {"t": tei.TEI_NS}
SEGMENTS = '//t:body//t:div[t:sp or (@type="scene" and not(.//t:sp))]'


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
        notes.append(f"speaking characters {len(speakers)} vs {len(ref.speakers)}")
    if notes:
        result.problems.append(f"{path.name}: " + "; ".join(notes))


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def table(results: list[CorpusResult]) -> list[str]:
    lines = [
        "| corpus | plays | read | scenes = segments | speakers = who ids + labels |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.plays} | {r.read} | {r.scenes_ok} ({percent(r.scenes_ok, r.plays)}) "
            f"| {r.speakers_ok} ({percent(r.speakers_ok, r.plays)}) |"
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
        head = [
            "# DraCor: scenes and speakers as DraCor counts them",
            "",
            "Written by `python benchmarks/bench_dracor.py --write docs/dracor.md`.",
            "The reference iscomputed in the benchmark with lxml XPath: segments are",
            '`//body//div[sp or (@type="scene" and not(.//sp))]` (else the bodies); speaking',
            "characters are the distinct `sp/@who` ids plus the `<speaker>` labels of speeches",
            "without `who` that name no declared person.",
            "",
        ]
        args.write.write_text("\n".join(head + lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
