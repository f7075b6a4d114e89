"""List every divergence sentence whosestory writes on a set of stories, with its review.

    python tools/divergences.py FOLDER... [--reviews docs/divergence-reviews.tsv]
        [--out docs/divergences.md] [--workers 2]

Each story in the folders (screenplays and TEI plays) is analysed with the shipped
models; every story whose roles part gets one row: the sentence, the main character's
probability, and whether it was stated plainly or hedged. A reviews file (tab-separated:
``story``, ``sentence``, ``review`` = accept / arguable / reject, ``note``) adds a critic's
reading of each sentence, kept while the sentence stays the same, and the page counts how
many a critic would accept.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

SUFFIXES = (".fountain", ".fdx", ".txt", ".pdf", ".xml")


def _row(path: str) -> dict[str, str] | None:
    import whosestory
    from whosestory.roles import MAIN_CHARACTER

    try:
        analysis = whosestory.analyze(whosestory.load(path))
    except Exception as err:  # a story that fails to read is listed as such
        return {"story": _story(path), "title": "", "sentence": f"(not read: {err})"}
    if not analysis.divergence:
        return None
    main = analysis.roles[MAIN_CHARACTER]
    p = (main.probabilities or {}).get(main.character or "", 0.0)
    return {
        "story": _story(path),
        "title": analysis.story.title,
        "sentence": analysis.divergence,
        "p_main": f"{p:.0%}",
        "stated": _stated(analysis.divergence),
    }


def _stated(sentence: str) -> str:
    if "stays open" in sentence:
        return "open"
    return "hedged" if "may be" in sentence else "plain"


def _story(path: str) -> str:
    p = Path(path)
    return f"{p.parent.name}/{p.stem}"


def _claim(sentence: str) -> str:
    """The sentence without its percentages: what a critic judges is who is named, and
    whether it is stated plainly, hedged or left open, not the model's exact figure."""
    return re.sub(r"(?:over |under )?\d+%", "N%", " ".join(sentence.split()))


def _reviews(path: Path | None, rows: list[dict[str, str]]) -> dict[str, tuple[str, str]]:
    """Each story's review, kept only while the sentence names the same characters in the
    same way as the one reviewed (a review file with a ``sentence`` column: a sentence
    that names someone else, or moves between plain, hedged and open, is unreviewed again)."""
    if path is None or not path.is_file():
        return {}
    now = {r["story"]: _claim(r["sentence"]) for r in rows}
    with path.open(encoding="utf-8", newline="") as handle:
        found = list(csv.DictReader(handle, delimiter="\t"))
    kept: dict[str, tuple[str, str]] = {}
    for r in found:
        if not r.get("sentence") or _claim(r["sentence"]) == now.get(r["story"]):
            kept[r["story"]] = (r["review"].strip(), (r.get("note") or "").strip())
    return kept


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def render(rows: list[dict[str, str]], reviews: dict[str, tuple[str, str]]) -> str:
    from whosestory.roles import AHEAD, CLEAR_STORY

    counts = Counter(reviews.get(r["story"], ("unreviewed", ""))[0] for r in rows)
    by_stated = Counter(
        (r.get("stated", ""), reviews.get(r["story"], ("unreviewed", ""))[0]) for r in rows
    )
    reviewed = sum(v for k, v in counts.items() if k != "unreviewed")
    lines = [
        "# Divergence sentences",
        "",
        "Every sentence whosestory writes where the roles part, on the stories listed below,",
        "with the shipped models (`python tools/divergences.py`). A plain sentence is written",
        f"only when the main character is at least {CLEAR_STORY:.0%} likely (calibrated);",
        f"below that it is withheld when the main character leads the other by {AHEAD * 100:.0f}",
        'points (22 of 33 hedged sentences, "the story may be Y\'s", were accepted when they',
        "were written), and otherwise says whose story it is stays open.",
        "",
        f"- stories whose roles part: {len(rows)}",
        f"- reviewed: {reviewed}",
    ]
    for review in ("accept", "arguable", "reject", "unreviewed"):
        lines.append(f"- {review}: {counts.get(review, 0)}")
    if reviewed:
        accepted = counts.get("accept", 0) + counts.get("arguable", 0)
        strict = counts.get("accept", 0)
        lines.append(
            f"- a critic would accept (accept or arguable): {accepted}/{reviewed}"
            f" = {accepted / reviewed:.0%}; accept alone: {strict}/{reviewed}"
            f" = {strict / reviewed:.0%}"
        )
        for stated in ("plain", "hedged", "open"):
            n = sum(v for (s, r), v in by_stated.items() if s == stated and r != "unreviewed")
            ok = by_stated.get((stated, "accept"), 0) + by_stated.get((stated, "arguable"), 0)
            if n:
                lines.append(f"- {stated} sentences accepted: {ok}/{n} = {ok / n:.0%}")
    lines += [
        "",
        "| story | sentence | P(main) | stated | review | note |",
        "|---|---|---|---|---|---|",
    ]
    for r in sorted(rows, key=lambda r: r["story"]):
        review, note = reviews.get(r["story"], ("", ""))
        cells = (r["story"], r["sentence"], r.get("p_main", ""), r.get("stated", ""), review, note)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--reviews", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    files = sorted(
        str(f) for folder in args.folders for f in folder.rglob("*") if f.suffix in SUFFIXES
    )
    with ProcessPoolExecutor(args.workers) as pool:
        rows = [r for r in pool.map(_row, files, chunksize=4) if r]
    text = render(rows, _reviews(args.reviews, rows))
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"{len(rows)} divergences of {len(files)} stories -> {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
