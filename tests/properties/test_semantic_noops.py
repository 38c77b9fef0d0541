"""A semantic no-op never changes the verdict: re-encoding, key escaping, whitespace, comments,
key order, flow or block style, moving the file."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from finops_gate.cli import main


def _manifest(replicas: int, cpu: str, memory: str) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "api", "namespace": "shop", "labels": {"app": "api"}},
        "spec": {
            "replicas": replicas,
            "template": {
                "metadata": {"labels": {"app": "api"}},
                "spec": {
                    "containers": [
                        {
                            "name": "api",
                            "image": "shop/api:1",
                            "resources": {"requests": {"cpu": cpu, "memory": memory}},
                        }
                    ]
                },
            },
        },
    }


def _escaped_json(doc: dict[str, Any]) -> bytes:
    # every key written with \u escapes: the same object to any JSON reader
    def esc(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: esc(v) for k, v in value.items()}
        if isinstance(value, list):
            return [esc(v) for v in value]
        return value

    text = json.dumps(esc(doc), indent=2)
    for key in ("kind", "replicas", "cpu"):
        text = text.replace(f'"{key}"', '"' + "".join(f"\\u{ord(c):04x}" for c in key) + '"')
    return text.encode()


VARIANTS: dict[str, Callable[[dict[str, Any]], tuple[str, bytes]]] = {
    "block": lambda d: ("k8s/api.yaml", yaml.safe_dump(d, sort_keys=False).encode()),
    "flow": lambda d: ("k8s/api.yaml", yaml.safe_dump(d, default_flow_style=True).encode()),
    "sorted keys, wide indent": lambda d: (
        "k8s/api.yaml",
        yaml.safe_dump(d, sort_keys=True, indent=6).encode(),
    ),
    "comments and blank lines": lambda d: (
        "k8s/api.yaml",
        ("# owned by shop\n\n---\n" + yaml.safe_dump(d).replace("\n", "  # note\n", 3)).encode(),
    ),
    "utf-16": lambda d: ("k8s/api.yaml", yaml.safe_dump(d).encode("utf-16")),
    "utf-8 bom, crlf": lambda d: (
        "k8s/api.yaml",
        b"\xef\xbb\xbf" + yaml.safe_dump(d).replace("\n", "\r\n").encode(),
    ),
    "moved file": lambda d: ("deploy/prod/shop/api.yml", yaml.safe_dump(d).encode()),
}
ESCAPED = "escaped json keys"


def _verdict(base_doc: dict[str, Any], head: tuple[str, bytes]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        base_dir, head_dir = Path(tmp) / "base", Path(tmp) / "head"
        (base_dir / "k8s").mkdir(parents=True)
        (base_dir / "k8s" / "api.yaml").write_text(yaml.safe_dump(base_doc))
        rel, data = head
        (head_dir / rel).parent.mkdir(parents=True)
        (head_dir / rel).write_bytes(data)
        result = CliRunner().invoke(
            main, ["check", "--base", str(base_dir), "--head", str(head_dir), "--format", "json"]
        )
        assert result.exit_code in (0, 1), result.stderr
        doc = json.loads(result.stdout)
        return {
            "verdict": doc["verdict"],
            "totals": doc["totals"],
            "resources": sorted(
                (r["address"], r["action"], r["monthly_after"]) for r in doc["resources"]
            ),
        }


@given(
    st.integers(min_value=0, max_value=50),
    st.sampled_from(["100m", "250m", "1", "2", "3500m"]),
    st.sampled_from(["128Mi", "1Gi", "4Gi"]),
    st.sampled_from(sorted(VARIANTS)),
)
def test_a_re_written_manifest_gives_the_same_verdict(
    replicas: int, cpu: str, memory: str, variant: str
) -> None:
    base = _manifest(2, "500m", "1Gi")
    head = _manifest(replicas, cpu, memory)
    assert _verdict(base, VARIANTS[variant](head)) == _verdict(base, VARIANTS["block"](head))


def _escaped_yaml(doc: dict[str, Any], escape: Callable[[str], str]) -> bytes:
    # the keys written as double-quoted YAML scalars with escapes: the same mapping to any reader
    text = yaml.safe_dump(doc, sort_keys=False)
    for key in ("apiVersion", "kind", "replicas", "cpu"):
        text = text.replace(f"{key}:", f'"{escape(key)}":')
    return text.encode()


def _explicit_keys(doc: dict[str, Any]) -> bytes:
    # kind and apiVersion as explicit keys (``? "ki\<newline> nd"``) continued over two lines
    text = yaml.safe_dump(doc, sort_keys=False)
    for key in ("apiVersion", "kind"):
        text = text.replace(f"{key}:", f'? "{key[:2]}\\\n  {key[2:]}"\n:', 1)
    return text.encode()


ESCAPES: dict[str, Callable[[dict[str, Any]], tuple[str, bytes]]] = {
    "json \\u escapes": lambda d: ("k8s/api.json", _escaped_json(d)),
    "yaml \\x escapes": lambda d: (
        "k8s/api.yaml",
        _escaped_yaml(d, lambda k: "".join(f"\\x{ord(c):02x}" for c in k)),
    ),
    "yaml \\u escapes": lambda d: (
        "k8s/api.yaml",
        _escaped_yaml(d, lambda k: "".join(f"\\u{ord(c):04x}" for c in k)),
    ),
    "yaml \\U escapes": lambda d: (
        "k8s/api.yml",
        _escaped_yaml(d, lambda k: "".join(f"\\U{ord(c):08x}" for c in k)),
    ),
    "yaml line continuation": lambda d: ("k8s/api.yaml", _explicit_keys(d)),
}


@pytest.mark.parametrize("style", sorted(ESCAPES))
def test_a_manifest_with_escaped_keys_gives_the_same_verdict(style: str) -> None:
    # no text pre-filter may skip a manifest whose "kind" or "apiVersion" is spelled by escapes
    base, head = _manifest(2, "500m", "1Gi"), _manifest(6, "2", "4Gi")
    escaped = ESCAPES[style](head)
    assert b"kind" not in escaped[1]
    expected = _verdict(base, VARIANTS["block"](head))
    assert expected["totals"]["monthly_delta"] not in ("0", "0.00")
    assert _verdict(base, escaped) == expected


def test_an_escaped_manifest_is_the_same_object_to_a_yaml_reader() -> None:
    head = _manifest(6, "2", "4Gi")
    for style, make in ESCAPES.items():
        assert yaml.safe_load(make(head)[1].decode()) == head, style
