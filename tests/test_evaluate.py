"""Label matching, label sets and the eval command on stories of our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whosestory.cli import main
from whosestory.evalfigures import figures, interval, model_features
from whosestory.evaluate import (
    Candidate,
    Collected,
    Label,
    matches,
    read_labels,
    set_name,
    story_roots,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("label", "names", "hit"),
    [
        ("Ben", ["BEN SANDERSON"], True),
        ("ben", ["Ben"], True),
        ("Gillis", ["JOE", "JOE GILLIS"], True),
        ("Ben", ["BENNY"], False),
        ("Sera", ["BEN"], False),
        # regression: a possessive is its own word (WILL'S DATE is not Will)
        ("Will", ["WILL'S DATE"], False),
        ("Will", ["WILL’S DATE"], False),
        ("O'Brien", ["O'BRIEN"], True),
        ("O", ["O'BRIEN"], False),
        ("Parnassus", ["DR. PARNASSUS"], True),
    ],
)
def test_name_labels_match_whole_words(label: str, names: list[str], hit: bool) -> None:
    assert matches(label, Candidate(names[0], tuple(names))) is hit


def test_an_id_label_matches_only_that_id() -> None:
    duchess = Candidate("Duchess", ("Duchess",), ("eng000247-duchess",))
    cardinal = Candidate("Cardinal", ("Cardinal",), ("eng000247-cardinal",))
    assert matches("eng000247-duchess", duchess, tei=True)
    assert matches("ENG000247-Duchess", duchess, tei=True)
    # the regression: every id of the play shares the word eng000247
    assert not matches("eng000247-duchess", cardinal, tei=True)
    assert not matches("eng000247", duchess, tei=True)


def test_ids_never_take_part_in_name_matching() -> None:
    hamlet = Candidate("Hamlet", ("Hamlet",), ("Hamlet_Ham",))
    assert not matches("Ham", hamlet)
    assert matches("Hamlet", hamlet)


@pytest.mark.parametrize(
    ("answer", "accepted"),
    [
        ("Hamlet_Ham", (0,)),  # the id
        ("Hamlet", (0,)),  # a name, not an id: a scholar's own labels of a TEI play
        ("horatio", (1,)),
        ("Hamlet_Hamx", ()),  # an id the play does not have is no name
        ("Ham", ()),  # nor a fragment of an id
        ("eng000247", ()),
    ],
)
def test_a_tei_play_takes_its_ids_and_names_that_are_no_id(
    answer: str, accepted: tuple[int, ...]
) -> None:
    cast = (
        Candidate("Hamlet", ("Hamlet",), ("Hamlet_Ham",)),
        Candidate("Horatio", ("Horatio",), ("Horatio_Ham",)),
    )
    item = Collected(Label("hamlet", Path("hamlet.xml"), (answer,)), cast, tei=True)
    assert item.accepted() == accepted


def test_regression_a_label_that_names_no_one_says_so() -> None:
    # a play labelled by a mistyped id reported "expected Hamlet_Hamx, got Hamlet" and no more
    from whosestory.report.evaluation import _miss_line

    miss = {"set": "s", "file": "hamlet", "expected": "Hamlet_Hamx", "got": "Hamlet"}
    assert "names no character" in _miss_line({**miss, "unmatched": True}, 1)
    assert "names no character" not in _miss_line(miss, 1)


def _labels(tmp_path: Path, text: str, name: str = "labels.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_read_labels_finds_columns_and_alternatives(tmp_path: Path) -> None:
    path = _labels(tmp_path, "play\tmain_character\tnot\nthe-keeper\tMaya|Tom\tLucy\n")
    (label,) = read_labels(path, ROOT / "examples")
    assert label.expected == ("Maya", "Tom")
    assert label.rival == ("Lucy",)
    assert label.path == ROOT / "examples" / "the-keeper.fountain"
    assert label.set == f"{tmp_path.name}/labels"


def test_stories_are_found_in_the_subfolder_named_by_the_labels_file(tmp_path: Path) -> None:
    (tmp_path / "gercorpus").mkdir()
    (tmp_path / "gercorpus" / "a-play.xml").write_text("<TEI/>", encoding="utf-8")
    path = _labels(tmp_path, "play\tmain_character\na-play\tx\n", "gercorpus-main-characters.tsv")
    assert story_roots(path)[0] == tmp_path / "gercorpus"
    (label,) = read_labels(path)
    assert label.path == tmp_path / "gercorpus" / "a-play.xml"
    assert set_name(path) == f"{tmp_path.name}/gercorpus-main-characters"


def _eval(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["eval", *args, "--workers", "1"])
    return code, capsys.readouterr().out


def test_eval_json_reports_baselines_per_set_and_pooled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _labels(
        tmp_path,
        "file\thero\ttitle\n"
        "the-keeper.fountain\tTom\tThe Keeper\n"
        "the-keeper.fountain\tLucy\tThe Keeper\n"
        "missing.fountain\tNobody\tMissing\n",
    )
    code, out = _eval(
        [str(path), "--root", str(ROOT / "examples"), "--format", "json", "--role", "spotlight"],
        capsys,
    )
    data = json.loads(out)
    assert code == 0
    (one, pooled) = data["sets"]
    assert pooled["set"] == "pooled" and one["n"] == pooled["n"] == 3
    assert one["errors"] == 1
    assert one["verdict"] == pytest.approx(1 / 3, abs=1e-3)
    for baseline in ("most_words", "most_speeches", "most_scenes", "mean_rank"):
        assert 0 <= one[baseline] <= 1
    assert one["best_baseline"] in ("most_words", "most_speeches", "most_scenes", "mean_rank")
    assert one["gain"] == pytest.approx(one["verdict"] - one[one["best_baseline"]], abs=1e-3)
    assert one["cv"] is None  # the spotlight has no fitted model
    errors = [m for m in data["misses"] if m.get("error")]
    assert errors and "missing.fountain" in errors[0]["error"]
    assert any(m.get("expected") == "Lucy" for m in data["misses"])


def test_eval_takes_several_label_sets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _labels(tmp_path, "file\thero\nthe-keeper.fountain\tTom\n", "a.tsv")
    second = _labels(tmp_path, "file\thero\nthe-keeper.fountain\tLucy\n", "b.tsv")
    code, out = _eval(
        [str(first), str(second), "--root", str(ROOT / "examples"), "--format", "md"], capsys
    )
    assert code == 0
    assert f"| {tmp_path.name}/a |" in out and f"| {tmp_path.name}/b |" in out
    assert "| pooled |" in out and "most words" in out


def test_eval_text_lists_misses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _labels(tmp_path, "file\thero\nthe-keeper.fountain\tLucy\n")
    code, out = _eval([str(path), "--root", str(ROOT / "examples"), "--role", "spotlight"], capsys)
    assert code == 0
    assert "misses (1)" in out and "Lucy" in out and "most words" in out


def test_eval_without_a_label_column_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _labels(tmp_path, "file\tsomething\nx\ty\n")
    assert main(["eval", str(path)]) == 1
    err = capsys.readouterr().err
    assert "no expected character column" in err


def _collected(n: int, noise: int) -> list[Collected]:
    """n stories of three candidates; the labelled one leads `words_top` except in every
    `noise`-th story, where another leads it."""
    result = []
    for i in range(n):
        leader = 1 if i % noise == 0 else 0
        rows = tuple(
            {f: 0.0 for f in model_features("main_character")}
            | {"words_top": 1.0 if j == leader else 0.3 + 0.1 * j}
            for j in range(3)
        )
        result.append(
            Collected(
                label=Label(
                    f"s{i}", Path(f"s{i}.fountain"), ("ANNA",), set="one" if i % 2 else "two"
                ),
                candidates=tuple(Candidate(name, (name,)) for name in ("ANNA", "BEN", "CARL")),
                features=rows,
                rankings={"verdict": ("ANNA", "BEN", "CARL")},
            )
        )
    return result


def test_repeated_cross_validation_pools_every_run_and_keeps_each() -> None:
    collected = _collected(60, noise=5)
    once = figures("main_character", collected, folds=3)
    thrice = figures("main_character", collected, folds=3, repeats=3)
    assert once["repeats"] == 1 and len(once["runs"]) == 1
    assert thrice["repeats"] == 3 and [r["seed"] for r in thrice["runs"]] == [0, 1, 2]
    assert thrice["runs"][0] == once["runs"][0]  # the first run is the single run
    pooled = next(row for row in thrice["sets"] if row["set"] == "pooled")
    mean = sum(r["top1"] for r in thrice["runs"]) / 3
    assert pooled["cv"] == pytest.approx(mean, abs=1e-3)
    assert sum(row["n"] for row in thrice["calibration"]["table"]) == 3 * 60
    for miss in thrice["misses"]:
        assert 1 <= miss["missed_in"] <= 3
    low, high = pooled["cv_interval"]
    assert low <= pooled["cv"] <= high and high - low < 0.3


def test_a_bootstrap_interval_by_hand() -> None:
    assert interval([[True, True]] * 10) == [1.0, 1.0]
    assert interval([[False]] * 10) == [0.0, 0.0]
    low, high = interval([[True], [False]] * 50)
    assert low < 0.5 < high and 0.15 < high - low < 0.25  # about 2 x 1.96 x sqrt(.25 / 100)
    assert interval([]) is None


def test_eval_refuses_folds_or_repeats_out_of_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _labels(tmp_path, "file\thero\nthe-keeper.fountain\tTom\n")
    assert main(["eval", str(path), "--repeats", "0"]) == 1
    assert "--repeats must be 1 or more" in capsys.readouterr().err
    assert main(["eval", str(path), "--folds", "1"]) == 1
    assert "--folds must be 2 or more" in capsys.readouterr().err


def test_eval_model_option_gives_the_shipped_column_that_model_s_verdicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --model was taken by every command but eval, whose "shipped" column could only
    # show the shipped model
    labels = _labels(tmp_path, "file\thero\nthe-keeper.fountain\tTom\n")
    args = [str(labels), "--root", str(ROOT / "examples"), "--format", "json"]
    shipped = json.loads(_eval(args, capsys)[1])["sets"][0]["verdict"]
    quietest = {
        "role": "protagonist",
        "features": ["words_top"],
        "coefficients": [-8.0],
        "mean": [0.0],
        "scale": [1.0],
    }
    model = tmp_path / "quietest.json"
    model.write_text(json.dumps(quietest), encoding="utf-8")
    code, out = _eval([*args, "--model", str(model)], capsys)
    assert code == 0
    assert shipped == 1.0
    assert json.loads(out)["sets"][0]["verdict"] == 0.0


def test_regression_eval_of_fewer_stories_than_folds_is_no_internal_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # one labelled story left every training fold empty, and the fit raised an internal error
    labels = _labels(tmp_path, "file\thero\nthe-keeper.fountain\tTom\n")
    code, out = _eval([str(labels), "--root", str(ROOT / "examples"), "--format", "json"], capsys)
    (one, _) = json.loads(out)["sets"]
    assert code == 0
    assert one["cv"] is None and one["cv_interval"] is None and one["verdict"] == 1.0
