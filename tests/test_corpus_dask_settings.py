"""The dask cluster a corpus run starts itself: its workers' settings."""

from __future__ import annotations

import types
from typing import Any

import pytest

from whosestory.corpus import engines

dask = pytest.importorskip("dask")
KEY = "distributed.worker.profile.enabled"


class _Started(Exception):
    pass


def test_own_cluster_starts_with_the_profiler_off(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    before = dask.config.get(KEY, None)

    def local_cluster(**options: Any) -> None:
        # the nannies copy the config in force when they are made into their workers
        seen["profile"] = dask.config.get(KEY)
        seen["tick"] = dask.config.get("distributed.admin.tick.interval")
        raise _Started

    fake = types.SimpleNamespace(LocalCluster=local_cluster)
    monkeypatch.setattr(engines, "_distributed", lambda: fake)
    with pytest.raises(_Started):
        next(engines.dask_results(["a.fountain"], 2, None, False))
    assert seen == {"profile": False, "tick": "1s"}
    assert dask.config.get(KEY, None) == before  # only for that cluster


def test_a_given_scheduler_keeps_its_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def client(address: str) -> None:
        seen["address"] = address
        seen["profile"] = dask.config.get(KEY, None)
        raise _Started

    fake = types.SimpleNamespace(Client=client)
    monkeypatch.setattr(engines, "_distributed", lambda: fake)
    with pytest.raises(_Started):
        next(engines.dask_results(["a.fountain"], 2, "tcp://127.0.0.1:1", False))
    assert seen["address"] == "tcp://127.0.0.1:1" and seen["profile"] is not False


def test_own_cluster_unsets_dasks_trim_threshold() -> None:
    """Dask starts its workers with ``MALLOC_TRIM_THRESHOLD_=65536``; the cluster a run starts
    unsets it (a None in ``distributed.nanny.pre-spawn-environ`` is not set), keeping the rest."""
    config: dict[str, Any] = {
        "distributed": {
            "nanny": {"pre-spawn-environ": {"MALLOC_TRIM_THRESHOLD_": 65536, "OMP_NUM_THREADS": 1}}
        }
    }
    with dask.config.set(engines.LOCAL_CLUSTER_CONFIG, config=config):
        environ = config["distributed"]["nanny"]["pre-spawn-environ"]
        assert environ == {"MALLOC_TRIM_THRESHOLD_": None, "OMP_NUM_THREADS": 1}
    assert config["distributed"]["nanny"]["pre-spawn-environ"]["MALLOC_TRIM_THRESHOLD_"] == 65536
