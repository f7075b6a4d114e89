"""`argue` makes the case for the character a claim names, and says so when the facts are
against it; in every output format, with -v and --model as on `analyze`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import whosestory
from whosestory.analysis import Analysis
from whosestory.argue import argue
from whosestory.cli import main
from whosestory.roles import MAIN_CHARACTER, PROTAGONIST, SPOTLIGHT, phrase

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "the-keeper.fountain"
ROLE_WORDS = {SPOTLIGHT: "has the spotlight", PROTAGONIST: "is the hero"}


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return whosestory.analyze(whosestory.load(EXAMPLE))


def _claims(analysis: Analysis) -> list[tuple[str, str, str]]:
    """(claim, role, name) for the two leading characters of each role, as a writer puts it."""
    found = []
    for role, verdict in analysis.roles.items():
        for ranked in verdict.ranking[:2]:
            first = ranked.name.split()[0].lower()  # a first name, lower case
            if role == MAIN_CHARACTER:
                found.append((f"it's {first}'s film", role, ranked.name))
            elif role in ROLE_WORDS:
                found.append((f"{first.title()} {ROLE_WORDS[role]}", role, ranked.name))
            else:
                found.append((f"the impact character is {first}", role, ranked.name))
    return found


def test_the_case_is_about_the_character_the_claim_names(analysis: Analysis) -> None:
    for claim, role, name in _claims(analysis):
        view = argue(analysis, claim)
        holder = analysis.roles[role].character
        assert (view["role"], view["claimed"]) == (role, name), claim
        assert view["verdict"] == ("supported" if name == holder else "not supported"), claim
        for sentence in view["case_for"]:
            assert name in sentence, (claim, sentence)
        assert all(q["quote"] and q["quote"] != q["heading"] for q in view["quotes"]), claim
        if name != holder:  # the facts against the claim are the holder's
            assert any(holder in s for s in view["case_against"]), claim
            assert any(s.startswith(holder) for s in view["standing"]), claim


def test_the_standing_has_units(analysis: Analysis) -> None:
    main = analysis.roles[MAIN_CHARACTER]
    view = argue(analysis, f"{main.runner_up} is the main character")
    assert view["verdict"] == "not supported"
    assert f"likely to be the {phrase(MAIN_CHARACTER)}" in view["standing"][0]
    assert "score" not in " ".join(view["standing"])


def test_a_denial_alone_argues_against_the_one_denied(analysis: Analysis) -> None:
    holder = analysis.roles[PROTAGONIST].character
    view = argue(analysis, f"{holder} is not the protagonist")
    assert view["claimed"] is None and view["denied"] == holder
    assert view["verdict"] == "not supported"
    assert any(holder in s for s in view["case_against"])


@pytest.mark.parametrize("fmt", ["text", "json", "md", "html"])
def test_every_format_renders_the_claim(
    analysis: Analysis, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main_character = analysis.roles[MAIN_CHARACTER].character
    claim = f"the story belongs to {main_character}"
    assert not main(["argue", str(EXAMPLE), claim, "--format", fmt])
    out = capsys.readouterr().out
    if fmt == "json":
        assert json.loads(out)["verdict"] == "supported"
    else:
        assert "SUPPORTED" in out and main_character in out
    if fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and "<h2>For the claim</h2>" in out


def test_argue_takes_verbose_and_a_model(tmp_path: Path) -> None:
    story = tmp_path / "thin.fountain"
    story.write_text("INT. ROOM - DAY\n\nANNA\nHello.\n\nBEN\nHello, Anna.\n", encoding="utf-8")
    assert main(["argue", str(story), "Anna's story", "-v", "-o", str(tmp_path / "o")]) == 0
    bad = tmp_path / "model.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["argue", str(story), "Anna's story", "--model", str(bad)]) != 0


def test_an_unreadable_claim_exits_with_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["argue", str(EXAMPLE), "who knows"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "write it like" in err and "Traceback" not in err
