"""An endpoint that cannot be reached fails fast (one retry), naming it; a server that answers
5xx/429 keeps its backoff (tests/pricing/test_refresh.py)."""

from __future__ import annotations

import socket
from typing import Any

import pytest
import requests
from click.testing import CliRunner

from finops_gate.catalogs.refresh import http
from finops_gate.cli import main


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waited: list[float] = []
    monkeypatch.setattr("finops_gate.catalogs.refresh.http.time.sleep", waited.append)
    return waited


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens there now: connection refused


@pytest.mark.parametrize("cloud", ["aws", "azure", "gcp"])
def test_a_refused_connection_is_exit_2_after_one_retry(
    cloud: str, sleeps: list[float], tmp_path: Any
) -> None:
    endpoint = f"http://127.0.0.1:{_closed_port()}"
    region = {"aws": "us-east-1", "azure": "westeurope", "gcp": "europe-west1"}[cloud]
    result = CliRunner(env={"FINOPS_GATE_GCP_API_KEY": "k"}).invoke(
        main,
        [
            "pricing",
            "refresh",
            cloud,
            "--region",
            region,
            "--out",
            str(tmp_path / "out"),
            "--endpoint",
            endpoint,
            "--no-progress",
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"{endpoint}: cannot connect (connection refused)" in result.stderr
    assert "--endpoint" in result.stderr and "Traceback" not in result.stderr
    assert sleeps == [1.0]  # one retry, no backoff
    assert not (tmp_path / "out" / cloud).exists()


def _failing(exc: Exception) -> Any:
    class Session:
        calls = 0

        def __init__(self) -> None:
            self.headers: dict[str, str] = {}

        def get(self, *args: Any, **kwargs: Any) -> Any:
            Session.calls += 1
            raise exc

    return Session()


def _resolution_error() -> requests.ConnectionError:
    try:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as inner:
            raise requests.ConnectionError("name resolution failed") from inner
    except requests.ConnectionError as outer:
        return outer


def test_a_name_that_does_not_resolve_fails_fast(sleeps: list[float]) -> None:
    client = http.Client()
    client._session = session = _failing(_resolution_error())
    with pytest.raises(http.RefreshError, match="does not resolve"):
        client.json("https://pricing.example.invalid/offers/v1.0/aws/index.json?key=secret")
    assert type(session).calls == 2 and sleeps == [1.0]


def test_a_connect_timeout_fails_fast_and_a_reset_keeps_the_backoff(sleeps: list[float]) -> None:
    client = http.Client()
    client._session = _failing(requests.exceptions.ConnectTimeout("no answer"))
    with pytest.raises(http.RefreshError, match="cannot connect") as caught:
        client.json("https://prices.example.com/api/retail/prices?$filter=x")
    assert "$filter" not in str(caught.value)  # the query (maybe a key) is never shown
    assert sleeps == [1.0]
    sleeps.clear()
    client = http.Client()
    client._session = session = _failing(requests.ConnectionError("connection reset by peer"))
    with pytest.raises(http.RefreshError, match="try again later"):
        client.json("https://prices.example.com/api/retail/prices")
    assert type(session).calls == http.RETRIES + 1
    assert sleeps == [1.0, 2.0, 4.0, 8.0, 16.0]
