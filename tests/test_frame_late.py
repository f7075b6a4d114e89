"""A story told from a place it reaches only after its opening act.

*The Long Way Round* (tests/stories, written for these tests) opens on five scenes of
the told story, BEN's; then ANNA talks "to an unseen person" in a doctor's office, and
the story keeps returning there: twice as a heading and "Improvised scene.", once as a
heading alone, and for her closing words. The office is the frame, ANNA its teller, and
her claim to the story weighs against BEN's larger presence in it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import whosestory
from whosestory.measures import frame

STORIES = Path(__file__).resolve().parent / "stories"
OFFICE = "DR. HALE'S OFFICE"


@pytest.mark.parametrize("suffix", ["fountain", "fdx", "txt", "pdf"])
def test_the_late_frame_is_found_in_every_format(suffix: str) -> None:
    story = whosestory.load(STORIES / f"the-long-way-round.{suffix}")
    layer = frame.frame_layer(story)
    office = {s.index for s in story.scenes if OFFICE in s.heading}
    assert len(office) == 5 and min(office) > 3  # first visited after the opening act
    assert layer.scenes == frozenset(office)  # the placeholder visits are the frame's too
    assert f"recurring place: {OFFICE}" in layer.how
    assert layer.owner == "ANNA"
    # the visits that hold no one do not thin their teller's share of the frame
    assert layer.presence["ANNA"] == 1.0 and layer.presence["BEN"] == 0.0


@pytest.mark.parametrize("suffix", ["fountain", "fdx", "txt", "pdf"])
def test_the_teller_holds_the_story_against_the_larger_co_lead(suffix: str) -> None:
    result = whosestory.analyze(whosestory.load(STORIES / f"the-long-way-round.{suffix}"))
    assert result.roles["spotlight"].character == "BEN"
    assert result.roles["main_character"].character == "ANNA"


def test_the_teller_holds_against_a_co_lead_with_three_times_her_words(tmp_path: Path) -> None:
    # the seed's own case is held back: its teller's claim must weigh against a co-lead who
    # talks far more. With every speech of Ben's said once and a half he has about three
    # times Anna's words (77%). Session 13's model held to about 2.5 times, session 14's at 3.8;
    # session 15's, refitted once a late inner voice no longer closes the telling, holds at 3.5
    # (68%) and not at 3.8
    text = (STORIES / "the-long-way-round.fountain").read_text(encoding="utf-8")

    def louder(match: re.Match[str]) -> str:
        words = match[2].split()
        return f"{match[1]}{' '.join(words + words[: len(words) // 2])}\n"

    path = tmp_path / "louder.fountain"
    path.write_text(re.sub(r"(\nBEN\n)([^\n]+)\n", louder, text), encoding="utf-8")
    result = whosestory.analyze(whosestory.load(path))
    words = result.tables["words"]
    assert words["BEN"] >= 2.7 * words["ANNA"]
    assert result.roles["main_character"].character == "ANNA"


@pytest.mark.parametrize(
    "listener",
    ["talking to her doctor, whom we never see", "talking to the doctor, who remains unseen"],
)
def test_the_teller_holds_the_story_when_the_listener_is_written_otherwise(
    listener: str, tmp_path: Path
) -> None:
    text = (STORIES / "the-long-way-round.fountain").read_text(encoding="utf-8")
    path = tmp_path / "otherwise.fountain"
    path.write_text(text.replace("talking to an unseen person", listener), encoding="utf-8")
    story = whosestory.load(path)
    assert frame.frame_layer(story).owner == "ANNA"
    assert whosestory.analyze(story).roles["main_character"].character == "ANNA"


def _without_listener(tmp_path: Path) -> Path:
    text = (STORIES / "the-long-way-round.fountain").read_text(encoding="utf-8")
    path = tmp_path / "no-teller.fountain"
    path.write_text(text.replace(", talking to an unseen person.", "."), encoding="utf-8")
    return path


def test_a_place_reached_late_with_no_one_telling_is_no_frame(tmp_path: Path) -> None:
    # the same visits without the unseen listener: a place the story returns to, no frame
    layer = frame.frame_layer(whosestory.load(_without_listener(tmp_path)))
    assert not layer.scenes and layer.owner is None


@pytest.mark.parametrize(
    "line",
    [
        "Anna sits in a worn armchair, talking to an unseen person.",
        "He speaks to someone we don't see.",
        "She talks to an off-screen man, calm now.",
        "Tom, to an unseen interviewer: no.",
        "She speaks to the unseen Dr. Hale.",
        "He talks to someone off camera.",
        "She answers, to an off-camera interviewer.",
        "Sera, on the couch, speaking to a therapist we never see.",
        "She talks to a person we can't see.",
        "He talks to somebody off-screen.",
        "ANNA addresses someone unseen.",
        "Nan is addressing the audience from down front.",
        "She talks to her doctor, whom we never see.",
        "Tom talks to the doctor, who remains unseen.",
        "Sera, talking to unseen doctor.",  # a parenthetical's terse "(to unseen doctor)"
    ],
)
def test_a_listener_the_story_does_not_show(line: str, tmp_path: Path) -> None:
    assert frame.unseen_listener(_one_scene(tmp_path, line))


@pytest.mark.parametrize(
    "line",
    [
        "He walks to the man.",
        "She turns to the window.",
        "Dad talks to the neighbour.",
        # a hand or a force the story does not show is no listener
        "The door is pulled open by an unseen hand.",
        "It sweeps the shadows with unseen eyes.",
        "She lifts her head as a signal to someone out of shot.",
        # a sentence's end is no listener's: "a trolley. We do not see" is two sentences
        "They lift him on to a trolley. We do not see the porters' faces.",
    ],
)
def test_an_ordinary_line_is_no_listener(line: str, tmp_path: Path) -> None:
    assert not frame.unseen_listener(_one_scene(tmp_path, line))


@pytest.mark.parametrize(
    "line",
    [
        "At the bottom a man stands with his back to us.",
        "The two of them sit with their backs to us like the old friends they are.",
        "Sits behind his desk, BACK TO CAMERA.",
        "Back to the camera, she waits by the door.",
    ],
)
def test_regression_a_back_turned_to_us_is_no_telling(line: str, tmp_path: Path) -> None:
    # "his back to us" matched "to us": three such shots made a film's "unseen listener"
    # (the frame's evidence quoted them), where a back to the camera is only staging
    assert not frame.unseen_listener(_one_scene(tmp_path, line))


def test_turning_back_to_the_camera_to_speak_is_still_speaking_to_it(tmp_path: Path) -> None:
    assert frame.unseen_listener(_one_scene(tmp_path, "Rob turns back to camera and talks."))
    line = "He stands with his back to us, then talks to us."
    assert frame.unseen_listener(_one_scene(tmp_path, line))


@pytest.mark.parametrize(
    "line",
    [
        "Cerrito runs TO CAMERA through the kids playing.",
        "The kid looks directly INTO THE CAMERA and smiles.",
        "Steven is walked to a police car and put inside.",
        "He reaches stealthily for the cop's holster.",
        "Lou pops out and fires wildly at the camera.",
    ],
)
def test_regression_a_shot_toward_the_camera_is_no_telling(line: str, tmp_path: Path) -> None:
    # runs "TO CAMERA", looks "INTO THE CAMERA", a walk "to a police car": three such shots
    # gave eighteen films a frame told to an unseen listener (The French Connection's made
    # Russo its main character, where it is Doyle's)
    assert not frame.unseen_listener(_one_scene(tmp_path, line))


@pytest.mark.parametrize(
    "line",
    [
        "She turns to the camera and talks to us.",
        "Joey tells his story to the police.",
        "Kaufman talks to the therapist.",
    ],
)
def test_a_line_spoken_to_camera_or_a_listener_is_a_telling(line: str, tmp_path: Path) -> None:
    assert frame.unseen_listener(_one_scene(tmp_path, line))


def test_a_parenthetical_to_camera_marks_its_speech(tmp_path: Path) -> None:
    path = tmp_path / "aside.fountain"
    path.write_text("INT. BEDROOM - DAY\n\nFERRIS\n(to camera)\nNever had one lesson!\n")
    assert frame.unseen_listener(whosestory.load(path))


def _one_scene(tmp_path: Path, line: str) -> whosestory.Story:
    path = tmp_path / "one.fountain"
    path.write_text(f"INT. OFFICE - DAY\n\n{line}\n\nTOM\nWell.\n", encoding="utf-8")
    return whosestory.load(path)


def _returning(tmp_path: Path, office_line: str) -> whosestory.Story:
    # a kitchen the story opens in, returns to twice and closes in, among ten other scenes
    told = [f"EXT. ROAD {n} - DAY\n\nTom walks.\n\nTOM\nOn we go, {n}.\n\n" for n in range(10)]
    kitchen = f"INT. KITCHEN - DAY\n\n{office_line}\n\nMAY\nTea?\n\n"
    text = kitchen + "".join(told[:4]) + kitchen + "".join(told[4:8]) + kitchen
    text += "".join(told[8:]) + kitchen
    path = tmp_path / "returning.fountain"
    path.write_text(text, encoding="utf-8")
    return whosestory.load(path)


def test_a_recurring_place_is_no_frame_unless_someone_tells_from_it(tmp_path: Path) -> None:
    # the issue: a place the story keeps returning to is not a frame unless someone tells
    # the story from it (narrates, talks to a listener, or the story's time moves)
    home = frame.frame_layer(_returning(tmp_path, "May pours tea."))
    assert not home.scenes and home.owner is None
    told = frame.frame_layer(_returning(tmp_path, "May pours tea, talking to an unseen guest."))
    assert told.owner == "MAY" and len(told.scenes) == 4
    narrated = _returning(tmp_path, "MAY (V.O.)\nIt was the year the road flooded.")
    assert frame.frame_layer(narrated).owner == "MAY"
