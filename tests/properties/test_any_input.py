"""Any input a pull request controls gives a verdict or a one-line exit 2: never exit 3, never a
hang. Each property writes generated content where a source reads it and runs the real CLI."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st

from finops_gate.cli import main

# numbers a hostile file can hold: negative, absurd, NaN/Infinity, huge integers
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 10**300, 1e300, -1e300, 2**63, 0.5]),
)
SCALARS = st.one_of(NUMBERS, st.text(max_size=20), st.booleans(), st.none())
KEYS = st.sampled_from(
    ["apiVersion", "kind", "metadata", "name", "spec", "replicas", "template", "containers",
     "resources", "requests", "cpu", "memory", "storage", "model", "max_tokens", "type",
     "count", "instance_type", "x"]
)  # fmt: skip
TREES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)  # fmt: skip


def _deployment(replicas: Any, cpu: Any, extra: Any) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "api", "namespace": "shop"},
        "spec": {
            "replicas": replicas,
            "template": {
                "spec": {
                    "containers": [
                        {"name": "c", "image": "x", "resources": {"requests": {"cpu": cpu}}}
                    ]
                }
            },
            "x": extra,
        },
    }


def _text(value: Any) -> str:
    try:
        return yaml.safe_dump(value, allow_unicode=True)
    except (ValueError, OverflowError):
        return repr(value)


CONTENT = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300),
    TREES.map(_text),
    st.builds(_deployment, SCALARS, SCALARS, TREES).map(_text),
    TREES.map(lambda v: json.dumps(v, default=str)),
)
PLACES = st.sampled_from(
    ["k8s/app.yaml", "config/app.yaml", "config/app.json", "app.toml", ".env", "main.tf"]
)


def _run(base: Path, head: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["check", "--base", str(base), "--head", str(head), "--format", "json", *extra]
    )
    return result.exit_code, result.stderr


def _assert_handled(code: int, stderr: str) -> None:
    assert code in (0, 1, 2), stderr
    if code == 2:
        assert len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr


@given(PLACES, CONTENT, CONTENT)
# found by the long profile: a list where a response's `type` string was looked up in a set
# (exit 3), and a reader error whose message spans two lines
@example("config/app.yaml", b"", "MODEL:\ntype: []")
@example("k8s/app.yaml", b"", "MODEL\x1f")
def test_any_file_on_either_side_gives_a_verdict_or_exit_2(
    place: str, before: str | bytes, after: str | bytes
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base, head = Path(tmp) / "base", Path(tmp) / "head"
        for side, content in ((base, before), (head, after)):
            (side / place).parent.mkdir(parents=True, exist_ok=True)
            data = content if isinstance(content, bytes) else content.encode("utf-8", "replace")
            (side / place).write_bytes(data)
        _assert_handled(*_run(base, head))


@given(st.one_of(st.binary(max_size=300), TREES.map(_text)))
def test_any_config_in_the_base_gives_a_verdict_or_exit_2(config: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base, head = Path(tmp) / "base", Path(tmp) / "head"
        for side in (base, head):
            side.mkdir()
            (side / "k8s.yaml").write_text(_text(_deployment(2, "1", None)))
        data = config if isinstance(config, bytes) else ("version: 1\n" + config).encode()
        (base / ".finops-gate.yml").write_bytes(data)
        _assert_handled(*_run(base, head))


PLAN_CHANGE = st.fixed_dictionaries(
    {
        "address": st.sampled_from(["aws_instance.a", "aws_ebs_volume.v", "aws_lambda_function.f"]),
        "type": st.sampled_from(["aws_instance", "aws_ebs_volume", "aws_lambda_function"]),
        "name": st.just("a"),
        "mode": st.just("managed"),
        "provider_name": st.just("registry.terraform.io/hashicorp/aws"),
        "change": st.fixed_dictionaries(
            {
                "actions": st.sampled_from([["create"], ["update"], ["delete"], ["no-op"]]),
                "before": st.none() | st.dictionaries(KEYS, SCALARS, max_size=4),
                "after": st.dictionaries(
                    st.sampled_from(["instance_type", "size", "iops", "count", "memory_size"]),
                    SCALARS,
                    max_size=4,
                ),
            }
        ),
    }
)


@given(st.lists(PLAN_CHANGE, max_size=4), st.sampled_from(["1.2", "1.0", "0.1", 1.2, None]))
def test_any_plan_gives_a_verdict_or_exit_2(changes: list[Any], version: Any) -> None:
    doc = {"format_version": version, "resource_changes": changes}
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / "plan.json"
        plan.write_text(json.dumps(doc, default=str, allow_nan=True))
        result = CliRunner().invoke(main, ["check", "--plan", str(plan), "--format", "json"])
        _assert_handled(result.exit_code, result.stderr)
        if result.exit_code in (0, 1):
            for r in json.loads(result.stdout)["resources"]:
                for key in ("monthly_before", "monthly_after"):
                    assert r[key] is None or not r[key].startswith("-"), r
