"""Renderings of `whosestory argue`: the verdict on a claim, for and against, with quotes."""

from __future__ import annotations

from typing import Any

_ROLE_WORDS = {
    "main_character": "main character (whose story it is)",
    "protagonist": "protagonist",
    "spotlight": "spotlight",
    "impact_character": "impact character",
}


def _headline(view: dict[str, Any]) -> str:
    role = _ROLE_WORDS.get(view["role"], view["role"])
    verdict = view["verdict"].upper()
    holder = view["holder"] or "nobody"
    close = " It is a close call." if view["close_call"] else ""
    runner = f", ahead of {view['runner_up']} by {view['margin']:.2f}" if view["runner_up"] else ""
    return f"{verdict}. The {role} is {holder}{runner}.{close}"


def render_argument_text(view: dict[str, Any]) -> str:
    """The claim, the answer, the case for and against and the quotes, for a terminal."""
    lines = [f"Claim: {view['claim']}", _headline(view), ""]
    if view.get("divergence"):
        lines += [view["divergence"], ""]
    lines.append("The case for the claim:")
    lines += [f"  + {s}" for s in view["case_for"]] or ["  (none)"]
    lines += [f"    “{q['quote']}” (scene {q['scene']}, line {q['line']})" for q in view["quotes"]]
    lines.append("The case against:")
    lines += [f"  - {s}" for s in view["case_against"]] or ["  (none)"]
    if view.get("what_would_change"):
        lines += ["", f"What would change it: {view['what_would_change']}"]
    scores = ", ".join(f"{name} {score:.2f}" for name, score in view["scores"].items())
    lines += ["", f"Scores: {scores}"]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


def render_argument_markdown(view: dict[str, Any]) -> str:
    """The same as Markdown, to paste into a forum thread."""
    lines = [f"> {_md(view['claim'])}", "", f"**{_md(_headline(view))}**", ""]
    if view.get("divergence"):
        lines += [_md(view["divergence"]), ""]
    lines.append("**For the claim**")
    lines += [f"- {_md(s)}" for s in view["case_for"]] or ["- (none)"]
    lines += [
        f"  > “{_md(q['quote'])}” (scene {_md(str(q['scene']))}, line {q['line']})"
        for q in view["quotes"]
    ]
    lines += ["", "**Against**"]
    lines += [f"- {_md(s)}" for s in view["case_against"]] or ["- (none)"]
    if view.get("what_would_change"):
        lines += ["", f"*What would change it:* {_md(view['what_would_change'])}"]
    lines += ["", "| character | score |", "|---|---|"]
    lines += [f"| {_md(name)} | {score:.2f} |" for name, score in view["scores"].items()]
    return "\n".join(lines) + "\n"
