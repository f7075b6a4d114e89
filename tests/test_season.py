"""Seasons: several files read as the episodes of one work, on a season of our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from view_schema import assert_valid

from whosestory.cli import main
from whosestory.errors import InputError
from whosestory.report.view import season_view
from whosestory.season import Season, analyze_season, episode_paths

EPISODES = {
    "harbour-1.fountain": """Title: Harbour: Storm

INT. BOATHOUSE - NIGHT

TOM hammers a plank. NELL watches from the door.

TOM
This hull will float by morning.

NELL
You said that last week.

TOM
Last week I was wrong.

EXT. PIER - NIGHT

Tom drags the boat to the water.

TOM
Float, you stubborn thing.
""",
    "harbour-2.fountain": """Title: Harbour: Tide

INT. BOATHOUSE - DAY

Nell and Tom paint the hull.

NELL
Blue, like the bay.

TOM
Red, like a warning.

NELL
Blue wins.
""",
    "harbour-10.fountain": """Title: Harbour: Calm

EXT. PIER - DAY

NELL sails the boat alone. Tom waves from the pier.

NELL (V.O.)
I learned to sail the summer he stopped.

NELL
Goodbye, harbour.

INT. BOATHOUSE - DAY

Nell hangs up the hammer.

NELL (V.O.)
Some boats float because someone believed.
""",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("harbour")
    for name, text in EPISODES.items():
        (path / name).write_text(text, encoding="utf-8")
    (path / "notes.md").write_text("not an episode", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def season(folder: Path) -> Season:
    return analyze_season([folder])


def test_a_folder_is_its_scripts_in_natural_order(folder: Path) -> None:
    names = [p.name for p in episode_paths([folder])]
    assert names == ["harbour-1.fountain", "harbour-2.fountain", "harbour-10.fountain"]


def test_a_folder_without_scripts_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no script in it"):
        episode_paths([tmp_path])


def test_the_whole_season_is_one_story_with_episodes_as_acts(season: Season) -> None:
    story = season.whole.story
    assert story.title == "Harbour"  # the episodes' common title
    assert [s.act for s in story.scenes] == ["E1", "E1", "E2", "E3", "E3"]
    assert {c.name for c in story.cast} == {"TOM", "NELL"}


def test_words_and_scenes_per_episode_by_hand(season: Season) -> None:
    # TOM: 6 + 5 + 4 words in E1, 4 in E2, none in E3; NELL: 5, then 4 + 2, then 8 + 2 + 6
    assert season.words == {"TOM": (15, 4, 0), "NELL": (5, 6, 16)}
    # NELL is in the first scene of E1 only; TOM waves in the first scene of E3
    assert season.scenes == {"TOM": (2, 1, 1), "NELL": (1, 1, 2)}


def test_per_episode_and_whole_season_roles(season: Season) -> None:
    assert season.holders["spotlight"][0] == "TOM"  # 15 of 20 words, both scenes
    assert season.holders["spotlight"][2] == "NELL"  # every word of E3
    assert all(len(held) == 3 for held in season.holders.values())
    assert season.whole.roles["spotlight"].character in {"TOM", "NELL"}


def test_the_view_says_where_the_roles_shift(season: Season) -> None:
    view = season_view(season)
    assert [e["index"] for e in view["episodes"]] == [1, 2, 3]
    spotlight = next(s for s in view["shifts"] if s.startswith("Spotlight"))
    assert "TOM in E1" in spotlight and "NELL in" in spotlight and "E3" in spotlight
    nell = next(c for c in view["characters"] if c["name"] == "NELL")
    assert nell["shares"] == [0.25, 0.6, 1.0]  # 5 of 20, 6 of 10, 16 of 16
    assert view["season"]["title"] == "Harbour"


def test_analyze_a_folder_in_every_format(folder: Path, tmp_path: Path) -> None:
    for output in ("text", "md", "html", "json", "gexf", "graphml"):
        path = tmp_path / f"season.{output}"
        assert main(["analyze", str(folder), "--format", output, "-o", str(path)]) == 0, output
    html = (tmp_path / "season.html").read_text(encoding="utf-8")
    assert "Whose season is it?" in html and 'class="text shift"' in html
    assert "chart shares" in html and "The whole season as one story" in html
    data = json.loads((tmp_path / "season.json").read_text(encoding="utf-8"))
    assert len(data["episodes"]) == 3 and data["season"]["scenes"] == 5
    assert_valid(data["season"])  # the whole season's report is a report like any other
    assert "Whose season" in (tmp_path / "season.text").read_text(encoding="utf-8")


def test_several_files_are_a_season_and_one_file_is_not(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(folder / "harbour-1.fountain"), str(folder / "harbour-2.fountain")]
    assert main(["analyze", *files, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["episodes"]) == 2
    assert main(["analyze", files[0], "--format", "json"]) == 0
    assert "episodes" not in json.loads(capsys.readouterr().out)
