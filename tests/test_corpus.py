"""Corpus runs: one row per story, error rows, identical engines, formats, kill and resume."""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import whosestory
from whosestory.corpus import (
    CorpusError,
    add_corpus_command,
    analyze_corpus,
    expand_paths,
    read_table,
    run_corpus,
    run_corpus_command,
    story_row,
)
from whosestory.corpus.rows import process_file

pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "stories"
EXAMPLE = ROOT / "examples" / "the-keeper.fountain"
TIMING = ["seconds"]


def make_corpus(folder: Path) -> Path:
    """Our own stories under several names, a nested folder, a broken and an empty file."""
    folder.mkdir(parents=True, exist_ok=True)
    for story in STORIES.iterdir():
        if story.is_file() and story.suffix != ".py":
            shutil.copy(story, folder / story.name)
    shutil.copy(EXAMPLE, folder / "keeper-a.fountain")
    (folder / "nested").mkdir()
    shutil.copy(EXAMPLE, folder / "nested" / "keeper-b.fountain")
    (folder / "broken.fdx").write_text('<?xml version="1.0"?><FinalDraft><Content><Para')
    (folder / "empty.fountain").write_text("")
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


def story_files(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*") if p.is_file())


def test_one_row_per_story_sorted_with_error_rows(corpus: Path, tmp_path: Path) -> None:
    table = run_corpus([corpus], tmp_path / "out.parquet", progress=False)
    assert table["file"].tolist() == story_files(corpus)
    errors = table.set_index("file")["error"]
    for bad in ("broken.fdx", "empty.fountain", "not-a-pdf.pdf", "scanned.pdf"):
        reason = errors[str(corpus / bad)]
        assert isinstance(reason, str) and bad in reason
    keeper = table.set_index("file").loc[str(corpus / "keeper-a.fountain")]
    analysis = whosestory.analyze(whosestory.load(EXAMPLE))
    for role, verdict in analysis.roles.items():
        assert keeper[role] == verdict.character
        assert keeper[f"{role}_margin"] == pytest.approx(verdict.margin)
    assert keeper["characters"] == sum(1 for c in analysis.story.cast if not c.group)
    assert keeper["scenes"] == len(analysis.story.scenes)
    assert pd.isna(keeper["error"])
    owner = getattr(getattr(analysis, "frame", None), "owner", None)
    assert keeper["frame_owner"] == owner or (owner is None and pd.isna(keeper["frame_owner"]))
    assert not (tmp_path / "out.parquet.parts").exists()


def test_columns_and_dtypes_are_stable(corpus: Path, tmp_path: Path) -> None:
    table = run_corpus([corpus], tmp_path / "out.parquet", progress=False)
    head = ["file", "title", "format", "scenes", "characters", "spotlight", "spotlight_score"]
    assert list(table.columns[: len(head)]) == head
    assert list(table.columns[-5:]) == [
        "main_differs_from_spotlight",
        "frame_owner",
        "thin_read",
        "seconds",
        "error",
    ]
    assert str(table["scenes"].dtype) == "Int64"
    assert str(table["spotlight_close_call"].dtype) == "boolean"
    assert str(table["thin_read"].dtype) == "boolean"
    assert not any(c.startswith("_") for c in table.columns)
    again = read_table(tmp_path / "out.parquet")
    pd.testing.assert_frame_equal(again, table, check_like=False)


def test_story_row_is_pure_and_handles_new_roles_generically() -> None:
    analysis = whosestory.analyze(whosestory.load(EXAMPLE))
    assert story_row(analysis, "x") == story_row(analysis, "x")
    spotlight = analysis.roles["spotlight"]
    other = next(r.name for r in spotlight.ranking if r.name != spotlight.character)
    roles = {
        **analysis.roles,
        "main_character": dataclasses.replace(spotlight, role="main_character", character=other),
        "zeitgeist": dataclasses.replace(spotlight, role="zeitgeist", character=None),
    }
    frame = dataclasses.replace(analysis.frame, owner="TOM")
    grown = dataclasses.replace(analysis, roles=roles, frame=frame)
    row = story_row(grown, "x")
    assert row["main_character"] == other and row["main_differs_from_spotlight"] is True
    assert row["zeitgeist"] is None and row["zeitgeist_close_call"] is None
    assert row["spotlight_probability"] is None  # weighted scores until a fitted model
    assert row["frame_owner"] == "TOM"
    keys = list(row)
    assert keys.index("protagonist") < keys.index("main_character") < keys.index("zeitgeist")
    real = story_row(analysis, "x")
    if "main_character" in analysis.roles:
        main = analysis.roles["main_character"].character
        assert real["main_differs_from_spotlight"] is (main != spotlight.character)
    else:
        assert real["main_differs_from_spotlight"] is None


def test_unexpected_exception_becomes_an_error_row(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(story: object) -> None:
        raise RuntimeError("boom")

    import whosestory.worker
    from whosestory.corpus import rows

    monkeypatch.setattr(rows, "_table_analysis", explode)
    # as in a worker, held to its budget already: the analysis runs in this process
    monkeypatch.setattr(whosestory.worker, "_bounded", True)
    row, characters = process_file(str(EXAMPLE), with_characters=True)
    assert row["error"] == "internal error (RuntimeError: boom)."
    assert characters == [] and row["seconds"] >= 0


def test_engines_give_identical_tables(corpus: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    runs = {}
    for name, options in {"one": {"workers": 1}, "two": {"workers": 2}}.items():
        runs[name] = run_corpus(
            [corpus],
            tmp_path / f"{name}.parquet",
            characters_out=tmp_path / f"{name}-characters.parquet",
            progress=False,
            **options,
        )
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        runs["dask"] = run_corpus(
            [corpus],
            tmp_path / "dask.parquet",
            engine="dask",
            scheduler=cluster.scheduler_address,
            characters_out=tmp_path / "dask-characters.parquet",
            progress=False,
        )
    base = runs["one"].drop(columns=TIMING)
    base_characters = read_table(tmp_path / "one-characters.parquet")
    assert len(base_characters) > len(base)
    for name in ("two", "dask"):
        pd.testing.assert_frame_equal(runs[name].drop(columns=TIMING), base)
        characters = read_table(tmp_path / f"{name}-characters.parquet")
        pd.testing.assert_frame_equal(characters, base_characters)
    peaks = runs["two"].attrs["worker_peak_rss_mb"]  # spawned workers: their own memory only
    # one worker may take every story on a loaded machine: at most two peaks, at least one
    assert 1 <= len(peaks) <= 2 and all(0 < mb < 300 for mb in peaks.values())


def test_dask_engine_starts_and_closes_its_own_cluster(corpus: Path) -> None:
    pytest.importorskip("distributed")
    local = analyze_corpus([corpus / "keeper-a.fountain", corpus / "broken.fdx"], progress=False)
    dask = analyze_corpus(
        [corpus / "keeper-a.fountain", corpus / "broken.fdx"],
        engine="dask",
        workers=1,
        progress=False,
    )
    pd.testing.assert_frame_equal(dask.drop(columns=TIMING), local.drop(columns=TIMING))


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_every_output_format_reads_back(corpus: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    characters = tmp_path / f"characters{suffix}"
    table = run_corpus([corpus], out, characters_out=characters, progress=False)
    back = read_table(out)
    assert back["file"].tolist() == table["file"].tolist()
    assert back["spotlight"].fillna("").tolist() == table["spotlight"].fillna("").tolist()
    assert back["error"].notna().sum() == table["error"].notna().sum()
    cast = read_table(characters)
    assert {"file", "character", "tier", "cues", "words", "scenes_present", "screen_time"} <= set(
        cast.columns
    )
    assert set(cast["file"]) == set(table.loc[table["error"].isna(), "file"])
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_analyze_corpus_in_memory_with_characters(corpus: Path) -> None:
    stories, characters = analyze_corpus([corpus], progress=False, with_characters=True)
    assert len(stories) == len(story_files(corpus))
    keeper = characters[characters["file"] == str(corpus / "keeper-a.fountain")]
    assert "MAYA" in set(keeper["character"])
    assert set(keeper["tier"].dropna()) <= {"main", "supporting", "minor"}


def test_paths_files_folders_and_globs(corpus: Path) -> None:
    by_glob = expand_paths([str(corpus / "*.fountain")])
    assert str(corpus / "keeper-a.fountain") in by_glob
    assert str(corpus / "nested" / "keeper-b.fountain") not in by_glob
    both = expand_paths([corpus / "nested", str(corpus / "**" / "keeper-*.fountain")])
    assert both == sorted(
        {str(corpus / "keeper-a.fountain"), str(corpus / "nested/keeper-b.fountain")}
    )
    missing = expand_paths([corpus / "no-such.fountain"])
    assert missing == [str(corpus / "no-such.fountain")]  # becomes an error row
    with pytest.raises(CorpusError, match="no files match"):
        expand_paths([str(corpus / "*.nothing")])


def test_bad_output_name_and_engine_are_one_sentence(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"\.parquet, \.csv or \.jsonl"):
        run_corpus([corpus], tmp_path / "out.xlsx", progress=False)
    with pytest.raises(CorpusError, match="unknown engine"):
        run_corpus([corpus], tmp_path / "out.csv", engine="spark", progress=False)


def test_missing_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(CorpusError, match=r"install whosestory\[corpus\]"):
        run_corpus([EXAMPLE], tmp_path / "out.csv", progress=False)


def test_import_stays_light() -> None:
    code = (
        "import sys, whosestory, whosestory.corpus; "
        "print(sorted(m for m in ('pandas', 'pyarrow', 'dask', 'distributed', 'tqdm') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip() == "[]", done.stderr


def test_corpus_command(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    add_corpus_command(parser.add_subparsers(dest="command"))
    out = tmp_path / "out.csv"
    args = parser.parse_args(["corpus", str(corpus), "--out", str(out), "--no-progress"])
    status, message = run_corpus_command(args)
    assert status == 0 and "stories (4 unreadable)" in message
    assert capsys.readouterr().err == ""  # the CLI prints, the command does not
    assert len(read_table(out)) == len(story_files(corpus))
    args = parser.parse_args(["corpus", str(corpus), "--out", str(tmp_path / "out.txt")])
    status, message = run_corpus_command(args)
    assert status == 1 and message.startswith("whosestory: ") and "\n" not in message


def test_killed_run_resumes_to_the_same_table(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(240):
        shutil.copy(EXAMPLE, folder / f"keeper-{i:03d}.fountain")
    (folder / "broken.fdx").write_text("<FinalDraft><Content>")
    out = tmp_path / "killed.parquet"
    parts = tmp_path / "killed.parquet.parts"
    code = (
        "from whosestory.corpus import run_corpus; "
        f"run_corpus([{str(folder)!r}], {str(out)!r}, progress=False, part_size=5)"
    )
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(parts.glob("part-*.parquet"))) < 4:
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert not out.exists()
    written = sorted(parts.glob("part-*.parquet"))
    assert 4 <= len(written) < 48, "the run was not killed half way"
    before = pd.concat([pd.read_parquet(p) for p in written])  # every visible part is whole
    resumed = run_corpus([folder], out, resume=True, progress=False, part_size=5)
    assert not parts.exists()
    kept = resumed.set_index("file").loc[before["file"], "seconds"]
    assert kept.tolist() == before["seconds"].tolist()  # done files were not analysed again
    whole = run_corpus([folder], tmp_path / "whole.parquet", progress=False)
    pd.testing.assert_frame_equal(resumed.drop(columns=TIMING), whole.drop(columns=TIMING))
    assert resumed["error"].notna().sum() == 1


def test_regression_corpus_output_onto_a_pipe_is_refused(tmp_path: Path) -> None:
    import os

    from whosestory.corpus.paths import CorpusError
    from whosestory.corpus.store import check_output

    pipe = tmp_path / "out.csv"
    os.mkfifo(pipe)
    with pytest.raises(CorpusError, match="not a regular file"):
        check_output(pipe)
    assert not pipe.is_file()


def test_a_spawned_worker_reports_its_own_peak_not_its_parents() -> None:
    # regression: ru_maxrss survives exec, so a worker spawned from a big parent reported the
    # parent's peak (305 MB for both workers of a small corpus inside a long test session)
    import multiprocessing

    from whosestory.corpus.rows import peak_rss_mb

    ballast = bytearray(400 * 1024 * 1024)  # the parent grows by 400 MB before spawning
    ballast[::4096] = b"x" * len(ballast[::4096])
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        child = pool.apply(peak_rss_mb)
    assert peak_rss_mb() > 400 and child < 200


def test_one_worker_takes_many_files_in_one_process_started_once(corpus: Path) -> None:
    from whosestory.corpus.engines import ONE_WORKER_POOL_FROM

    files = story_files(corpus)
    assert len(files) >= ONE_WORKER_POOL_FROM
    table = analyze_corpus(files, workers=1, progress=False)
    peaks = table.attrs["worker_peak_rss_mb"]  # by pid: one worker, not this process
    assert len(peaks) == 1 and os.getpid() not in peaks
    assert len(table) == len(files)


def test_rows_without_the_report_details_equal_rows_of_the_whole_analysis(corpus: Path) -> None:
    from whosestory.analysis import NO_CHARTS
    from whosestory.analysis import analyze as analyze_here
    from whosestory.corpus.rows import character_rows

    for name in ("keeper-a.fountain", "the-lamplighters.xml", "night-ferry.fdx"):
        story = whosestory.load(corpus / name)
        whole, lean = analyze_here(story), analyze_here(story, details=False)
        assert lean.stats is None and lean.charts == NO_CHARTS and whole.stats is not None
        assert story_row(lean, name) == story_row(whole, name)
        assert character_rows(lean, name) == character_rows(whole, name)
