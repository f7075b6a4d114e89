"""Soliloquies (a speech alone on stage) and asides, the stage's interiority, in small plays of
our own in English, German, French and Russian."""

from __future__ import annotations

from pathlib import Path

import pytest

import whosestory
from tests.tei_plays import tei_play
from whosestory.measures.configurations import configurations
from whosestory.measures.soliloquy import inner_speeches
from whosestory.roles import MAIN_CHARACTER

LONG = {
    "en": "the night is long and I am tired of waiting for a letter that never comes "
    "and a friend who never writes and a town that never sleeps at all",
    "de": "die Nacht ist lang und ich bin es müde auf einen Brief zu warten der nie "
    "kommt und auf einen Freund der nie schreibt in dieser Stadt die nie schläft",
    "fr": "la nuit est longue et je suis las d'attendre une lettre qui ne vient jamais "
    "et un ami qui n'écrit jamais dans une ville qui ne dort jamais du tout",
    "ru": "ночь длинна и я устал ждать письма которое никогда не приходит и друга "
    "который никогда не пишет в этом городе который никогда не спит совсем и нигде",
}
WORDS = {
    "en": ("Enter Ann and Tom.", "Tom exits.", "Aside.", "Tom, you are late."),
    "de": ("Anna und Tom treten auf.", "Tom geht ab.", "beiseite", "Tom, du kommst spät."),
    "fr": ("Entrent Anne et Tom.", "Tom sort.", "à part", "Tom, tu es en retard."),
    "ru": ("Входят Анна и Том.", "Том уходит.", "в сторону", "Том, ты опоздал."),
}
NAMES = {"en": "Ann", "de": "Anna", "fr": "Anne", "ru": "Анна"}


def _play(tmp_path: Path, language: str) -> Path:
    enter, leave, aside, greeting = WORDS[language]
    body = f"""
<div type="scene"><head>1</head>
  <stage>{enter}</stage>
  <sp who="#tom"><speaker>TOM</speaker><p>{LONG[language][:40]}.</p></sp>
  <sp who="#ann"><speaker>ANN</speaker><stage>{aside}</stage><p>{greeting}</p></sp>
  <sp who="#tom"><speaker>TOM</speaker><p>{LONG[language][:30]}.</p></sp>
  <stage>{leave}</stage>
  <sp who="#ann"><speaker>ANN</speaker><p>{LONG[language]}.</p></sp>
</div>"""
    cast = {"ann": NAMES[language], "tom": "Tom" if language != "ru" else "Том"}
    return tei_play(tmp_path, f"alone-{language}", language, cast, body)


@pytest.mark.parametrize("language", ["en", "de", "fr", "ru"])
def test_a_speech_alone_is_a_soliloquy_and_a_marked_one_an_aside(
    tmp_path: Path, language: str
) -> None:
    story = whosestory.load(_play(tmp_path, language))
    found = [(s.character, s.kind) for s in inner_speeches(story)]
    ann = NAMES[language]
    assert found == [(ann, "aside"), (ann, "soliloquy")]
    analysis = whosestory.analyze(story)
    assert analysis.tables["soliloquies"][ann] == 1 and analysis.tables["asides"][ann] == 1
    tom = next(n for n in analysis.tables["soliloquies"] if n != ann)
    assert analysis.tables["soliloquies"][tom] == 0


def test_a_long_speech_with_someone_else_on_stage_is_no_soliloquy(tmp_path: Path) -> None:
    body = f"""<div type="scene"><head>1</head><stage>Enter Ann and Tom.</stage>
  <sp who="#tom"><speaker>TOM</speaker><p>Well.</p></sp>
  <sp who="#ann"><speaker>ANN</speaker><p>{LONG["en"]}.</p></sp></div>"""
    story = whosestory.load(tei_play(tmp_path, "together", "en", NAMES_EN, body))
    assert inner_speeches(story) == []


NAMES_EN = {"ann": "Ann", "tom": "Tom"}


def test_type_aside_marks_an_aside_without_the_word(tmp_path: Path) -> None:
    body = """<div type="scene"><head>1</head><stage>Enter Ann and Tom.</stage>
  <sp who="#ann"><speaker>ANN</speaker><stage type="aside">Looking at him.</stage>
  <p>He lies.</p></sp><sp who="#tom"><speaker>TOM</speaker><p>I do not.</p></sp></div>"""
    story = whosestory.load(tei_play(tmp_path, "typed", "en", NAMES_EN, body))
    assert [(s.character, s.kind) for s in inner_speeches(story)] == [("Ann", "aside")]


@pytest.mark.parametrize(
    "direction",
    ["He pushes the curtain aside.", "Leopold etwas beiseite nehmend.", "Tom sets it aside"],
)
def test_a_direction_that_only_uses_the_word_marks_no_aside(tmp_path: Path, direction: str) -> None:
    body = f"""<div type="scene"><head>1</head><stage>Enter Ann and Tom.</stage>
  <sp who="#ann"><speaker>ANN</speaker><stage>{direction}</stage><p>Well then.</p></sp>
  <sp who="#tom"><speaker>TOM</speaker><p>Yes.</p></sp></div>"""
    story = whosestory.load(tei_play(tmp_path, "used", "en", NAMES_EN, body))
    assert inner_speeches(story) == []


def test_a_screenplay_has_no_soliloquies() -> None:
    root = Path(__file__).resolve().parent.parent
    story = whosestory.load(root / "examples" / "the-keeper.fountain")
    assert inner_speeches(story) == []


def test_exits_in_the_third_person_take_the_character_off(tmp_path: Path) -> None:
    """Regression: "Tom exits." (the Folger editions' form) left Tom on stage."""
    story = whosestory.load(_play(tmp_path, "en"))
    last = configurations(story)[-1]
    assert last.characters == {"Ann"}


def test_the_case_for_a_play_character_hears_them_think_aloud(tmp_path: Path) -> None:
    analysis = whosestory.analyze(whosestory.load(_play(tmp_path, "en")))
    assert analysis.case_of is not None
    case = analysis.case_of(MAIN_CHARACTER, "Ann")
    assert any(s.startswith("We hear Ann think aloud: 1 soliloquy") for s in case.support)
    assert any(q.quote.startswith("Tom, you are late") for q in case.quotes) or case.quotes


ANSWERED = {
    # (opening direction, the listener's answer): a scene opening on a speech that the
    # listener answers, no word of their coming between
    "en": ("Ann, by the window.", "I heard you."),
    "de": ("Anna, am Fenster.", "Ich habe es gehört."),
    "fr": ("Anne, à la fenêtre.", "Je vous ai entendue."),
    "ru": ("Анна, у окна.", "Я слышал."),
}
KEPT = {
    # (a direction that says she is alone, one that brings Tom on without an entrance
    # word, one that puts his voice off stage)
    "en": ("Ann, alone.", "Tom runs in from the garden.", "Within."),
    "de": ("Anna, allein.", "Tom springt aus dem Garten heraus.", "Hinter der Szene."),
    "fr": ("Anne, seule.", "Tom, du jardin, accourt.", "Dans la coulisse."),
    "ru": ("Анна (одна).", "Том вбегает из сада.", "За сценой."),
}


def _answered_play(tmp_path: Path, language: str, opening: str, between: str, beside: str) -> Path:
    tom = "Tom" if language != "ru" else "Том"
    body = f"""<div type="scene"><head>1</head>
  <stage>{opening}</stage>
  <sp who="#ann"><speaker>ANN</speaker><p>{LONG[language]}.</p></sp>
  {f"<stage>{between}</stage>" if between else ""}
  <sp who="#tom"><speaker>TOM</speaker>{f"<stage>{beside}</stage>" if beside else ""}
  <p>{ANSWERED[language][1]}</p></sp></div>"""
    cast = {"ann": NAMES[language], "tom": tom}
    return tei_play(tmp_path, f"answered-{language}", language, cast, body)


@pytest.mark.parametrize("language", ["en", "de", "fr", "ru"])
def test_a_speech_answered_by_someone_who_never_came_on_is_no_soliloquy(
    tmp_path: Path, language: str
) -> None:
    """Regression: a scene that opens on a speech to a silent listener (no direction gives
    them) read the speech as said alone; the listener's answer shows they were there."""
    path = _answered_play(tmp_path, language, ANSWERED[language][0], "", "")
    assert inner_speeches(whosestory.load(path)) == []


@pytest.mark.parametrize("language", ["en", "de", "fr", "ru"])
@pytest.mark.parametrize("which", ["alone", "named coming", "off stage"])
def test_a_speech_alone_stays_one_when_the_answer_comes_from_elsewhere(
    tmp_path: Path, language: str, which: str
) -> None:
    alone, coming, offstage = KEPT[language]
    opening, between, beside = {
        "alone": (alone, "", ""),
        "named coming": (ANSWERED[language][0], coming, ""),
        "off stage": (ANSWERED[language][0], "", offstage),
    }[which]
    path = _answered_play(tmp_path, language, opening, between, beside)
    found = [(s.character, s.kind) for s in inner_speeches(whosestory.load(path))]
    assert found == [(NAMES[language], "soliloquy")]


def test_an_aside_printed_after_its_line_marks_that_speech(tmp_path: Path) -> None:
    """Regression: an "[aside]" that closes a speech inside its <sp> (as early printed
    plays set it, after the line) was read as marking the next speaker's speech."""
    body = """<div type="scene"><head>1</head><stage>Enter Ann and Tom.</stage>
  <sp who="#tom"><speaker>TOM</speaker><l>You look well, Ann.</l></sp>
  <sp who="#ann"><speaker>ANN</speaker><l>He lies, as ever.</l><stage>[aside]</stage></sp>
  <sp who="#tom"><speaker>TOM</speaker><l>What did you say?</l></sp>
  <sp who="#ann"><speaker>ANN</speaker><stage>Aside.</stage><l>Nothing he would hear.</l></sp>
  <sp who="#tom"><speaker>TOM</speaker><l>Then come.</l></sp></div>"""
    story = whosestory.load(tei_play(tmp_path, "closing", "en", NAMES_EN, body))
    found = [(s.character, s.elements[0].text, s.kind) for s in inner_speeches(story)]
    assert found == [
        ("Ann", "He lies, as ever.", "aside"),
        ("Ann", "Nothing he would hear.", "aside"),
    ]


SAYS_ALONE = {
    # a direction that says she is alone, and who comes later; Tom is still on stage as
    # far as the exits read (his exit is written in words no exit pattern knows)
    "en": ("Tom turns to the wall.", "Ann alone, then Tom."),
    "de": ("Tom dreht sich zur Wand.", "Anna allein, dann Tom."),
    "fr": ("Tom se tourne vers le mur.", "Anne seule, puis Tom."),
    "ru": ("Том отворачивается к стене.", "Анна одна, потом Том."),
}


@pytest.mark.parametrize("language", ["en", "de", "fr", "ru"])
def test_a_direction_that_says_the_speaker_is_alone_makes_a_soliloquy(
    tmp_path: Path, language: str
) -> None:
    """Regression: "allein." before a speech was not read when an exit before it was
    missed, so 77 of 259 such German speeches were no soliloquy."""
    enter = WORDS[language][0]
    unread_exit, alone = SAYS_ALONE[language]
    body = f"""<div type="scene"><head>1</head><stage>{enter}</stage>
  <sp who="#tom"><speaker>TOM</speaker><p>{LONG[language][:30]}.</p></sp>
  <stage>{unread_exit}</stage>
  <sp who="#ann"><speaker>ANN</speaker><stage>{alone}</stage><p>{LONG[language]}.</p></sp>
</div>"""
    cast = {"ann": NAMES[language], "tom": "Tom" if language != "ru" else "Том"}
    story = whosestory.load(tei_play(tmp_path, f"says-alone-{language}", language, cast, body))
    found = [(s.character, s.kind) for s in inner_speeches(story)]
    assert found == [(NAMES[language], "soliloquy")]


def test_alone_said_of_someone_else_is_no_soliloquy_of_the_speaker(tmp_path: Path) -> None:
    body = f"""<div type="scene"><head>1</head><stage>Enter Ann and Tom.</stage>
  <sp who="#tom"><speaker>TOM</speaker><p>Well.</p></sp>
  <stage>Tom alone in his thoughts.</stage>
  <sp who="#ann"><speaker>ANN</speaker><p>{LONG["en"]}.</p></sp></div>"""
    story = whosestory.load(tei_play(tmp_path, "other-alone", "en", NAMES_EN, body))
    assert inner_speeches(story) == []


@pytest.mark.parametrize("language", ["en", "de", "fr", "ru"])
def test_a_speech_goes_on_alone_after_the_others_leave_mid_speech(
    tmp_path: Path, language: str
) -> None:
    """Regression: "Leave me, friends." All but Hamlet exit. "'Tis now the very witching
    time..." is one speech split by a direction; it was judged by its first run, said
    before the others left, so the soliloquy after it was never found."""
    enter, leave, _, greeting = WORDS[language]
    body = f"""<div type="scene"><head>1</head><stage>{enter}</stage>
  <sp who="#tom"><speaker>TOM</speaker><p>{LONG[language][:30]}.</p></sp>
  <sp who="#ann"><speaker>ANN</speaker><p>{greeting}</p>
  <stage>{leave}</stage>
  <p>{LONG[language]}.</p></sp></div>"""
    cast = {"ann": NAMES[language], "tom": "Tom" if language != "ru" else "Том"}
    story = whosestory.load(tei_play(tmp_path, f"mid-{language}", language, cast, body))
    found = [(s.character, s.kind, s.elements[0].text) for s in inner_speeches(story)]
    assert found == [(NAMES[language], "soliloquy", f"{LONG[language]}.")]


def test_a_soliloquy_is_quoted_by_a_sentence_that_says_something(tmp_path: Path) -> None:
    """Regression: a soliloquy that opens "Ha! Ja!" was quoted as "Ha!"."""
    from whosestory.inner_evidence import _telling_quote

    body = f"""<div type="scene"><head>1</head><stage>Ann, alone.</stage>
  <sp who="#ann"><speaker>ANN</speaker>
  <p>Ha! Oh! Tom is late again, as every night. {LONG["en"]}.</p></sp></div>"""
    story = whosestory.load(tei_play(tmp_path, "ha", "en", NAMES_EN, body))
    (speech,) = inner_speeches(story)
    found = _telling_quote(story.scenes[speech.scene], speech.elements)
    assert found.quote == "Tom is late again, as every night."
    body = """<div type="scene"><head>1</head><stage>Ann, alone.</stage>
  <sp who="#ann"><speaker>ANN</speaker><p>Ha! Oh!</p></sp></div>"""
    story = whosestory.load(tei_play(tmp_path, "ha-only", "en", NAMES_EN, body))
    scene = story.scenes[0]
    spoken = [e for e in scene.elements if e.speaker == "Ann"]
    assert _telling_quote(scene, spoken).quote == "Ha!"


def test_alone_finds_what_the_plain_case_blind_pattern_finds() -> None:
    import random
    import re

    from whosestory.measures.soliloquy import ALONE

    plain = re.compile(
        r"\balone\b|\bsol(?:us|a)\b|\ballein\b|\bseule?\b|\bодин\b|\bодна\b", re.IGNORECASE
    )
    rng = random.Random(4)
    words = ["alone", "Solus", "sola", "ALLEIN", "seul", "Seule", "один", "Одна", "ſola", "ᲂдна"]
    alphabet = list("aslonueiд ,._-1ſᲂОоAS")
    for _ in range(20000):
        parts = [
            rng.choice(words) if rng.random() < 0.3 else "".join(rng.choices(alphabet, k=4))
            for _ in range(rng.randint(1, 5))
        ]
        text = rng.choice(["", " ", "-", "x"]).join(parts)
        found = [(m.span(), m.group()) for m in ALONE.finditer(text)]
        assert found == [(m.span(), m.group()) for m in plain.finditer(text)], repr(text)
