"""Model settings in Kubernetes objects: container env, ConfigMap and Secret data."""

from __future__ import annotations

import base64
import json
import textwrap
from pathlib import Path

from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.config import Settings
from finops_gate.sources.tree import Tree
from tests.sources.model_settings import load

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {{name: api, namespace: chat}}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/api:1
          env:
            - {{name: LOG_LEVEL, value: info}}
            - name: OPENAI_MODEL
              value: {model}
            - name: FROM_MAP
              valueFrom: {{configMapKeyRef: {{name: llm, key: LLM_MODEL}}}}
"""


def _models(root: Path, files: dict[str, str]) -> dict[str, tuple[object, int | None]]:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text))
    return {r.address: (r.attributes["model"], r.line) for r in load(Tree(root), Settings())}


def test_container_env_is_a_setting_addressed_by_object_and_container(tmp_path: Path) -> None:
    found = _models(tmp_path, {"k8s/api.yaml": DEPLOYMENT.format(model="gpt-4o-mini")})
    assert found == {
        "k8s/api.yaml#Deployment/chat/api.containers.web.env.OPENAI_MODEL": ("gpt-4o-mini", 13)
    }


def test_configmap_and_secret_data_are_settings(tmp_path: Path) -> None:
    encoded = base64.b64encode(b"claude-3-5-haiku-latest").decode()
    found = _models(tmp_path, {"k8s/config.yaml": f"""\
        apiVersion: v1
        kind: ConfigMap
        metadata: {{name: llm}}
        data:
          LLM_MODEL: gpt-4.1
          LOG_LEVEL: debug
        ---
        apiVersion: v1
        kind: Secret
        metadata: {{name: keys, namespace: chat}}
        data:
          ANTHROPIC_MODEL: {encoded}
          ANTHROPIC_API_KEY: c2VjcmV0
        stringData:
          EMBEDDING_MODEL: text-embedding-3-small
        """})  # fmt: skip
    assert {k: v[0] for k, v in found.items()} == {
        "k8s/config.yaml#ConfigMap/default/llm.data.LLM_MODEL": "gpt-4.1",
        "k8s/config.yaml#Secret/chat/keys.data.ANTHROPIC_MODEL": "claude-3-5-haiku-latest",
        "k8s/config.yaml#Secret/chat/keys.stringData.EMBEDDING_MODEL": "text-embedding-3-small",
    }


def test_reordering_containers_or_env_entries_is_not_a_change(tmp_path: Path) -> None:
    first = _models(tmp_path / "a", {"d.yaml": DEPLOYMENT.format(model="gpt-4o")})
    reordered = (
        DEPLOYMENT.format(model="gpt-4o").replace(
            "            - {name: LOG_LEVEL, value: info}\n", ""
        )
        + "            - {name: LOG_LEVEL, value: info}\n"
    )
    second = _models(tmp_path / "b", {"d.yaml": reordered})
    assert {k: v[0] for k, v in first.items()} == {k: v[0] for k, v in second.items()}


def test_manifests_without_model_settings_and_non_model_env_are_not_settings(
    tmp_path: Path,
) -> None:
    assert _models(tmp_path, {"svc.yaml": """\
        apiVersion: v1
        kind: Service
        metadata: {name: model-server}
        spec: {ports: [{port: 80}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: web
                  env: [{name: DJANGO_MODEL_BACKEND, value: postgres}, {name: MODEL_DIR, value: /m}]
        """}) == {}  # fmt: skip


def test_a_document_with_apiversion_and_kind_but_no_object_shape_is_read_as_config(
    tmp_path: Path,
) -> None:
    found = _models(tmp_path, {"assistant.yaml": """\
        apiVersion: 2
        kind: assistant
        chat: {model: gpt-4o}
        """})  # fmt: skip
    assert list(found) == ["assistant.yaml#chat.model"]


def test_a_model_switch_in_a_deployment_env_is_gated(tmp_path: Path) -> None:
    for side, model in (("base", "gpt-4o-mini"), ("head", "gpt-4o")):
        (tmp_path / side).mkdir()
        (tmp_path / side / "deploy.yaml").write_text(DEPLOYMENT.format(model=model))
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    doc = json.loads(result.stdout)
    (site,) = [r for r in doc["resources"] if r["kind"] == "llm_model"]
    assert site["action"] == "update"
    assert (site["model_before"], site["model_after"]) == ("gpt-4o-mini", "gpt-4o")
    assert doc["totals"]["per_request_increase_percent"] is not None


def test_a_manifest_unreadable_on_the_head_side_only_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "head").mkdir()
    (tmp_path / "base" / "deploy.yaml").write_text(DEPLOYMENT.format(model="gpt-4o"))
    (tmp_path / "head" / "deploy.yaml").write_bytes(b"\x80\x81 OPENAI_MODEL: gpt-4o\n")
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "deploy.yaml" in result.stderr


def test_a_custom_resource_spec_model_is_a_setting(tmp_path: Path) -> None:
    """kagent's ModelConfig, an operator's own kind: spec.model is read like config."""
    text = (
        "apiVersion: kagent.dev/v1alpha1\nkind: ModelConfig\nmetadata:\n  name: default\n"
        "  namespace: kagent\nspec:\n  provider: OpenAI\n  model: gpt-4o\n"
        "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n"
    )
    (tmp_path / "k8s").mkdir()
    (tmp_path / "k8s" / "models.yaml").write_text(text)
    found = {r.address: r for r in load(Tree(tmp_path), Settings())}
    assert list(found) == ["k8s/models.yaml#ModelConfig/kagent/default.spec.model"]
    r = found["k8s/models.yaml#ModelConfig/kagent/default.spec.model"]
    assert (r.attributes["model"], r.line) == ("gpt-4o", 8)
