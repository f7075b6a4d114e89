"""Put a claim to the tool: "X was Y's story, not Z's" -> the case for and against.

The claim is read by `claims.parse_claim` (names in any case, by any alias or a
first name; the role from its words, the main character when none). The answer:
**supported** when the claimed character holds the role (and the denied one
does not; a close call is said so beside it), **contested** when the claimed
character is the runner-up of a close call, **not supported** otherwise.

The case for the claim is always about the character it names: the case the
analysis would make for them in that role (`Analysis.case_of`). When the facts
are against the claim, that is the case against: the holder's strongest figures,
and the standing of each in words ("62% likely to be the protagonist").
"""

from __future__ import annotations

from typing import Any

from whosestory.analysis import Analysis
from whosestory.claims import Claim, UnknownCharacterError, parse_claim
from whosestory.report.view import quote_view
from whosestory.roles import label, phrase
from whosestory.verdict import Case, Verdict
from whosestory.wording import percent, probability

__all__ = ["Claim", "UnknownCharacterError", "argue", "parse_claim_of", "standing"]


def parse_claim_of(analysis: Analysis, text: str) -> Claim:
    """The claim about the analysed story: its individual cast, most present first."""
    by_name = {c.name: c for c in analysis.story.cast if not c.group}
    cast = [by_name[f.name] for f in analysis.figures if f.name in by_name]
    return parse_claim(cast, analysis.story.title, text)


def standing(verdict: Verdict, name: str) -> str:
    """Where `name` stands in a role, in words with units.

    "62% likely to be the protagonist" with a fitted model; otherwise the weighted
    score as a share of the leader's ("scores 47% of MAYA's impact character score").
    """
    role = phrase(verdict.role)
    if verdict.probabilities is not None:
        chance = float(verdict.probabilities.get(name, 0.0))
        return f"{name} is {probability(chance)} likely to be the {role}"
    scores = {r.name: r.score for r in verdict.ranking}
    leader = verdict.character
    if name == leader:
        return f"{name} leads the {label(verdict.role).lower()} ranking"
    top = scores.get(leader or "", 0.0) or 1.0
    score = scores.get(name)
    if score is None:
        return f"{name} is not among the {len(scores)} leading candidates for the {role}"
    return f"{name} scores {percent(score / top)} of {leader}'s {label(verdict.role).lower()} score"


def _answer(claim: Claim, verdict: Verdict) -> str:
    holder = verdict.character
    claimed_holds = claim.claimed is None or claim.claimed == holder
    denied_holds = claim.denied is not None and claim.denied == holder
    if claimed_holds and not denied_holds:
        return "supported"
    if verdict.close_call and claim.claimed is not None and claim.claimed == verdict.runner_up:
        return "contested"
    return "not supported"


def _case(analysis: Analysis, role: str, name: str) -> Case:
    if analysis.case_of is None:  # an Analysis built by hand: the holder's case only
        return analysis.roles[role].case
    return analysis.case_of(role, name)


def _standings(claim: Claim, verdict: Verdict) -> list[str]:
    """The claimed, denied and holding characters' standing, each once, holder first."""
    names = [verdict.character, claim.claimed, claim.denied]
    shown = [n for n in dict.fromkeys(names) if n]
    return [standing(verdict, n) + "." for n in shown]


def argue(analysis: Analysis, text: str) -> dict[str, Any]:
    """The verdict on a claim, the case for and against, and the figures, as plain data."""
    claim = parse_claim_of(analysis, text)
    verdict = analysis.roles[claim.role]
    holder = verdict.character
    answer = _answer(claim, verdict)
    subject = claim.claimed or claim.denied
    case = _case(analysis, claim.role, subject) if subject else verdict.case
    if claim.claimed is None and subject is not None:
        # "X is not the hero": the case for the claim is the case against X
        case_for, case_against = list(case.against), list(case.support)
        quotes: list[Any] = []
    else:
        case_for, case_against = list(case.support), list(case.against)
        quotes = [quote_view(q) for q in case.quotes]
    return {
        "claim": text,
        "role": claim.role,
        "role_label": label(claim.role),
        "claimed": claim.claimed,
        "denied": claim.denied,
        "holder": holder,
        "runner_up": verdict.runner_up,
        "verdict": answer,
        "margin": verdict.margin,
        "close_call": verdict.close_call,
        "standing": _standings(claim, verdict),
        "scores": {r.name: r.score for r in verdict.ranking},
        "probabilities": (
            None
            if verdict.probabilities is None
            else {r.name: r.probability for r in verdict.ranking}
        ),
        "case_for": case_for,
        "case_against": case_against,
        "quotes": quotes,
        "what_would_change": verdict.case.what_would_change,
        "divergence": analysis.divergence,
        "diagnostics": [
            {"line": d.line, "code": d.code, "message": d.message}
            for d in analysis.story.diagnostics
        ],
    }
