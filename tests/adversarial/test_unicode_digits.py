"""Numbers written with characters ``str.isdigit()`` takes but ``int()`` refuses (superscripts
such as "1²2") or with thousands of digits: read as "not a number", never a crash (exit 3)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from finops_gate.cli import main

POD = {
    "spec": {
        "containers": [{"name": "c", "resources": {"requests": {"cpu": "1", "memory": "1Gi"}}}]
    }
}


def _check(tmp_path: Path, head: dict[str, str]) -> Any:
    (tmp_path / "base").mkdir(parents=True)
    for rel, text in head.items():
        (tmp_path / "head" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "head" / rel).write_text(text, encoding="utf-8")
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert "internal error" not in result.stderr, result.stderr
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("value", ["1²2", "²", "٣", "1" * 5000])
def test_a_custom_resource_count_in_other_digits_is_no_crash(tmp_path: Path, value: str) -> None:
    rollout = {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "Rollout",
        "metadata": {"name": "api", "namespace": "shop"},
        "spec": {"replicas": value, "template": POD},
    }
    doc = _check(tmp_path, {"k8s/rollout.yaml": yaml.safe_dump(rollout)})
    (ro,) = doc["resources"]
    # not a count: unpriced naming the field, as any other text there is (never read as 1)
    assert ro["address"] == "Rollout/shop/api" and ro["status"] == "unpriced"
    assert "spec.replicas" in ro["reason"] and ro["monthly_after"] is None


@pytest.mark.parametrize("schedule", ["*/1²2 * * * *", "1²2 * * * *", "0 ٣ * * *"])
def test_a_cron_schedule_in_other_digits_is_unpriced_not_a_crash(
    tmp_path: Path, schedule: str
) -> None:
    cron = {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": "job", "namespace": "shop"},
        "spec": {"schedule": schedule, "jobTemplate": {"spec": {"template": POD}}},
    }
    doc = _check(tmp_path, {"k8s/cron.yaml": yaml.safe_dump(cron, allow_unicode=True)})
    (job,) = doc["resources"]
    assert job["status"] == "unpriced" and job["monthly_after"] is None
    assert "not understood" in job["reason"]


@pytest.mark.parametrize("value", ["1²2", "1" * 5000])
def test_a_model_token_cap_in_other_digits_is_no_cap_not_a_crash(
    tmp_path: Path, value: str
) -> None:
    env = "OPENAI_MODEL=gpt-4o-mini\n"
    (capped,) = _check(tmp_path / "a", {"app/.env": f"{env}OPENAI_MAX_TOKENS={value}\n"})[
        "resources"
    ]
    (uncapped,) = _check(tmp_path / "b", {"app/.env": env})["resources"]
    # not a number: no cap, priced as the same model without one
    assert capped["address"] == "app/.env#OPENAI_MODEL"
    assert capped["per_request_after"] == uncapped["per_request_after"] is not None
    assert capped["lines"] == uncapped["lines"]
