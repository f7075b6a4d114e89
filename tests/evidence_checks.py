"""What a reader must never meet in the evidence: the checks the evidence tests share.

`problems(analysis)` walks the JSON of an analysis (the report view, and `argue`'s view
of a claim about each leading character of each role) and returns every evidence line
that is a zero, empty or unknown figure, and every quote that is a heading, empty, or
begins or ends inside a word of its source line.
"""

from __future__ import annotations

import json
import re
from typing import Any

from whosestory.analysis import Analysis
from whosestory.argue import argue
from whosestory.report.markdown import render_markdown
from whosestory.report.view import report_view
from whosestory.roles import MAIN_CHARACTER, phrase

EMPTY_FIGURE = re.compile(
    r"(?<![\d.,:])[+-]?0(?:\.0+)?(?![\d.,])(?!\s*to\s)|\bunknown\b|\(none\)|\bnan\b|\bNone\b"
)
"""A figure that says nothing: 0, 0.00, +0.00, 0% (but not "from 0 to" on a scale);
unknown, none, nan."""


def _line_problems(where: str, sentences: list[str]) -> list[str]:
    found = []
    for sentence in sentences:
        if not sentence.strip():
            found.append(f"{where}: an empty line")
        elif EMPTY_FIGURE.search(sentence.replace("-1 to +1", "")):
            found.append(f"{where}: {sentence}")
    return found


def _cut_word(text: str, lines: dict[int, list[str]], line: int) -> bool:
    """Whether a quote begins or ends inside a word of the text it was taken from (an
    ellipsis on that side says it was cut there on purpose, at a word)."""
    inner = text.strip("…").strip()
    for whole in lines.get(line, ()):
        at = whole.find(inner)
        if at < 0 or not inner:
            continue
        end = at + len(inner)
        starts_inside = at > 0 and whole[at - 1].isalnum() and inner[0].isalnum()
        ends_inside = end < len(whole) and whole[end].isalnum() and inner[-1].isalnum()
        return (starts_inside and not text.startswith("…")) or (
            ends_inside and not text.endswith("…")
        )
    return False


def _quote_problems(
    where: str,
    quotes: list[dict[str, Any]],
    headings: set[str],
    lines: dict[int, list[str]] | None = None,
) -> list[str]:
    found = []
    for quote in quotes:
        text = " ".join(quote["quote"].split())
        if not text:
            found.append(f"{where}: an empty quote")
        elif text == " ".join((quote["heading"] or "").split()) or text in headings:
            found.append(f"{where}: a heading quoted: {text}")
        elif lines is not None and _cut_word(text, lines, quote["line"]):
            found.append(f"{where}: a quote cut inside a word: {text}")
    return found


def _element_texts(analysis: Analysis) -> dict[int, list[str]]:
    """Each source line's element texts, on one line each."""
    lines: dict[int, list[str]] = {}
    for scene in analysis.story.scenes:
        for element in scene.elements:
            lines.setdefault(element.line, []).append(" ".join(element.text.split()))
    return lines


def _claim(role: str, name: str) -> str:
    return f"{name} is the {phrase(role)}" if role != MAIN_CHARACTER else f"{name}'s story"


def problems(analysis: Analysis, argued: int = 2) -> list[str]:
    """Every bad evidence line or quote of an analysis's report and of `argue` for the
    first `argued` characters of each role."""
    headings = {" ".join(s.heading.split()) for s in analysis.story.scenes if s.heading}
    view = json.loads(json.dumps(report_view(analysis)))
    lines = _element_texts(analysis)
    found: list[str] = []
    for role, case in view["evidence"].items():
        found += _line_problems(role, case["for"] + case["against"])
        found += _quote_problems(role, case["quotes"], headings, lines)
    frame = view.get("frame") or {}
    found += _quote_problems("frame", frame.get("evidence", []), headings, lines)
    for role, verdict in analysis.roles.items():
        for ranked in verdict.ranking[:argued]:
            claim = _claim(role, ranked.name)
            said = json.loads(json.dumps(argue(analysis, claim)))
            if said["claimed"] != ranked.name:
                found.append(f"{claim}: argued about {said['claimed']}")
            found += _line_problems(claim, said["case_for"] + said["case_against"])
            found += _quote_problems(claim, said["quotes"], headings, lines)
    for line in render_markdown(view).splitlines():
        if line.startswith("> “"):
            for heading in headings:
                if len(heading) > 8 and line.count(heading) > 1:
                    found.append(f"markdown prints a heading twice: {line}")
    return found
