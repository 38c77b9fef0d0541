"""Model settings found in YAML, JSON, TOML, .env and LiteLLM configs, with file and line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from finops_gate.config import Settings
from finops_gate.errors import InputError
from finops_gate.model import Resource
from finops_gate.sources.tree import Tree
from tests.sources.model_settings import load


def _tree(root: Path, files: dict[str, str | bytes]) -> Tree:
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return Tree(root)


def _load(
    root: Path, files: dict[str, str | bytes], settings: Settings | None = None
) -> dict[str, Resource]:
    tree = _tree(root, files)
    return {r.address: r for r in load(tree, settings or Settings())}


def test_yaml_setting_has_address_file_line_and_cap(tmp_path: Path) -> None:
    found = _load(
        tmp_path,
        {
            "config/assistant.yaml": (
                "# c\nchat:\n  temperature: 0.2\n  model: gpt-4o-mini\n  max_tokens: 800\n"
            )
        },
    )
    r = found["config/assistant.yaml#chat.model"]
    assert (r.source, r.kind, r.provider) == ("models", "llm_model", "llm")
    assert (r.file, r.line) == ("config/assistant.yaml", 4)
    assert r.attributes["model"] == "gpt-4o-mini"
    assert r.attributes["max_tokens"] == 800
    assert r.attributes["max_tokens_key"] == "max_tokens"


def test_json_setting_line_is_the_line_of_its_key(tmp_path: Path) -> None:
    text = (
        '{\n  "agents": [\n    {"name": "a"},\n    {\n'
        '      "defaultModel": "claude-3-5-sonnet-20241022",\n'
        '      "maxOutputTokens": 1024\n    }\n  ]\n}\n'
    )
    found = _load(tmp_path, {"agents.json": text})
    r = found["agents.json#agents.1.defaultModel"]
    assert r.line == 5
    assert r.attributes["max_tokens"] == 1024


def test_toml_setting_in_an_array_of_tables_has_its_line(tmp_path: Path) -> None:
    text = (
        '[app]\nname = "x"\n\n[[llm.routes]]\nmodel = "gpt-4o"\n\n'
        '[[llm.routes]]\nmodel = "o3-mini"\nmax_completion_tokens = 4000\n'
    )
    found = _load(tmp_path, {"pyproject.toml": text})
    assert found["pyproject.toml#llm.routes.0.model"].line == 5
    second = found["pyproject.toml#llm.routes.1.model"]
    assert second.line == 8
    assert second.attributes["max_tokens"] == 4000


def test_env_file_keys_name_models_and_caps_share_their_prefix(tmp_path: Path) -> None:
    text = (
        "# api\nexport OPENAI_MODEL=gpt-4o\nOPENAI_MAX_TOKENS=512\n"
        'AZURE_OPENAI_DEPLOYMENT="gpt-4o-mini"  # prod\nDATABASE_URL=postgres://db\n'
    )
    found = _load(tmp_path, {"services/api/.env": text, "deploy/prod.env": "LLM_MODEL=o1\n"})
    openai = found["services/api/.env#OPENAI_MODEL"]
    assert (openai.line, openai.attributes["max_tokens"]) == (2, 512)
    azure = found["services/api/.env#AZURE_OPENAI_DEPLOYMENT"]
    assert azure.attributes == {
        "model": "gpt-4o-mini",
        "provider_hints": ["azure"],
        "evidence": "value",
    }
    assert "deploy/prod.env#LLM_MODEL" in found
    assert not any("DATABASE_URL" in a for a in found)


def test_env_example_files_are_not_read(tmp_path: Path) -> None:
    assert _load(tmp_path, {".env.example": "OPENAI_MODEL=gpt-4o\n"}) == {}


def test_litellm_proxy_config_prices_litellm_params_model_not_the_alias(tmp_path: Path) -> None:
    text = """
model_list:
  - model_name: gpt-4
    litellm_params:
      model: azure/prod-gpt4
      base_model: azure/gpt-4-turbo
      max_tokens: 2000
  - model_name: fast
    litellm_params:
      model: bedrock/us.anthropic.claude-3-haiku-20240307-v1:0
    model_info:
      base_model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
"""
    found = _load(tmp_path, {"proxy/config.yaml": text})
    assert sorted(found) == [
        "proxy/config.yaml#model_list.0.litellm_params.model",
        "proxy/config.yaml#model_list.1.litellm_params.model",
    ]
    first = found["proxy/config.yaml#model_list.0.litellm_params.model"]
    assert first.attributes["base_model"] == "azure/gpt-4-turbo"
    assert first.attributes["max_tokens"] == 2000
    second = found["proxy/config.yaml#model_list.1.litellm_params.model"]
    assert second.attributes["base_model"] == "bedrock/anthropic.claude-3-haiku-20240307-v1:0"


def test_a_litellm_entry_whose_params_are_still_empty_has_no_model(tmp_path: Path) -> None:
    # stanfordnlp/dspy's reliability_conf.yaml: a template whose litellm_params are commented
    # out; its aliases ("judge", "gpt-o1") were unpriced "models" to check the name of
    text = """
model_list:
  - model_name: "judge"
    litellm_params:
      # model: "<litellm_provider>/<litellm_model_name>"
  - model_name: "gpt-o1"
    litellm_params:
  - model_name: fast
    litellm_params:
      model: openai/gpt-4o-mini
"""
    found = _load(tmp_path, {"reliability_conf.yaml": text})
    assert sorted(found) == ["reliability_conf.yaml#model_list.2.litellm_params.model"]


def test_a_saved_history_of_calls_is_not_a_setting(tmp_path: Path) -> None:
    # stanfordnlp/dspy's tests/teleprompt/gepa_dummy_lm.json: a saved LM history, 180 "sites"
    record = (
        '{"messages": [], "response": "ok", "outputs": ["ok"], "usage": {}, "cost": 0.0001,'
        ' "timestamp": "2025-08-13T18:20:44", "model": "openai/gpt-4.1-mini",'
        ' "response_model": "gpt-4.1-mini-2025-04-14", "model_type": "chat"}'
    )
    text = f'{{"lm": [{record}, {record}], "reflection_lm": [{record}]}}'
    trace = '[{"model": "gpt-4o", "completion": "hi", "latency": 0.4}]'
    found = _load(
        tmp_path,
        {
            "history.json": text,
            "trace.json": trace,
            "app.json": '{"llm": {"model": "gpt-4o", "timestamp": "2025-01-01"}}',
        },
    )
    assert sorted(found) == ["app.json#llm.model"]


def test_a_model_name_beside_a_model_id_is_a_label_not_a_second_model(tmp_path: Path) -> None:
    text = "chat:\n  model_id: meta-llama/Llama-3.1-8B-Instruct\n  model_name: Llama-3.1-8B-chat\n"
    found = _load(tmp_path, {"models.yaml": text, "only.yaml": "chat:\n  model_name: gpt-4o\n"})
    assert sorted(found) == ["models.yaml#chat.model_id", "only.yaml#chat.model_name"]


def test_unknown_model_under_a_model_key_is_kept_to_be_reported_unpriced(tmp_path: Path) -> None:
    found = _load(tmp_path, {"app.yaml": "assistant:\n  model: gpt-99-ultra\n"})
    assert found["app.yaml#assistant.model"].attributes["model"] == "gpt-99-ultra"


def test_a_model_key_that_is_not_about_ai_is_not_a_setting(tmp_path: Path) -> None:
    text = "orm:\n  model: User\ndata_model: relational\ndeployment: blue\nllm: openai\n"
    assert _load(tmp_path, {"app.yaml": text}) == {}


def test_env_reference_uses_its_default_or_stays_unknown(tmp_path: Path) -> None:
    text = "chat:\n  model: ${CHAT_MODEL:-gpt-4o-mini}\nsummary:\n  llm_model: ${SUMMARY_MODEL}\n"
    found = _load(tmp_path, {"app.yaml": text})
    chat = found["app.yaml#chat.model"]
    assert chat.attributes["model"] == "gpt-4o-mini"
    assert chat.attributes["model_from"] == "default of $CHAT_MODEL"
    summary = found["app.yaml#summary.llm_model"]
    assert summary.attributes["model"] is None
    assert summary.unknown == frozenset({"model"})


def test_env_key_expanding_one_set_above_in_the_file_is_that_model_on_one_stream(
    tmp_path: Path,
) -> None:
    # docker compose and python-dotenv expand ${LLM_MODEL} to the value the file sets above;
    # it was unpriced ("comes from $LLM_MODEL at run time") and a no-op when LLM_MODEL changed
    text = (
        "LLM_MODEL=gpt-4o-mini\nOPENAI_MODEL=${LLM_MODEL}\nCHAT_MODEL=$LLM_MODEL\n"
        "EARLY_MODEL=${LATE_MODEL}\nLATE_MODEL=gpt-4o\n"
    )
    found = _load(tmp_path, {"svc/.env": text})
    openai = found["svc/.env#OPENAI_MODEL"]
    assert openai.attributes["model"] == "gpt-4o-mini" and openai.unknown == frozenset()
    assert openai.attributes["model_from"] == "$LLM_MODEL, as svc/.env sets it"
    assert openai.attributes["stream"] == "svc/.env#LLM_MODEL"
    assert found["svc/.env#LLM_MODEL"].attributes["stream"] == "svc/.env#LLM_MODEL"
    assert openai.attributes["stream_size"] == 3
    assert found["svc/.env#CHAT_MODEL"].attributes["stream"] == "svc/.env#LLM_MODEL"
    # a key set further down is not expanded (dotenv reads top to bottom): still unknown
    assert found["svc/.env#EARLY_MODEL"].unknown == frozenset({"model"})


def test_env_key_expanding_a_chain_of_keys_above_is_the_first_keys_model_on_its_stream(
    tmp_path: Path,
) -> None:
    # C=${B}, B=${A}: dotenv expands in line order, so C is A's model; it was unpriced
    # ("give a default value"), though the file sets it
    text = (
        "LLM_MODEL=gpt-4o-mini\nOPENAI_MODEL=${LLM_MODEL}\nCHAT_MODEL=${OPENAI_MODEL}\n"
        "SUMMARY_MODEL=$CHAT_MODEL\n"
        # a cycle: each refers to a key set below (or to one unknown): left unknown
        "LOOP_A_MODEL=${LOOP_B_MODEL}\nLOOP_B_MODEL=${LOOP_A_MODEL}\n"
    )
    found = _load(tmp_path, {"svc/.env": text})
    for key in ("OPENAI_MODEL", "CHAT_MODEL", "SUMMARY_MODEL"):
        site = found[f"svc/.env#{key}"]
        assert site.attributes["model"] == "gpt-4o-mini" and site.unknown == frozenset(), key
        assert site.attributes["stream"] == "svc/.env#LLM_MODEL"
    assert found["svc/.env#CHAT_MODEL"].attributes["model_from"] == (
        "$OPENAI_MODEL, as svc/.env sets it"
    )
    assert found["svc/.env#LLM_MODEL"].attributes["stream_size"] == 4
    for key in ("LOOP_A_MODEL", "LOOP_B_MODEL"):
        assert found[f"svc/.env#{key}"].unknown == frozenset({"model"}), key
    assert found["svc/.env#LOOP_A_MODEL"].attributes["model_from"] == (
        "$LOOP_B_MODEL at run time: svc/.env sets it only below this line (dotenv expands the"
        " lines above only)"
    )
    assert found["svc/.env#LOOP_B_MODEL"].attributes["model_from"] == (
        "$LOOP_A_MODEL at run time: svc/.env sets it to a value it does not expand"
    )


def test_terraform_plans_and_lock_files_are_skipped(tmp_path: Path) -> None:
    # Kubernetes objects are read for their env and data settings: test_models_k8s.py
    files: dict[str, str | bytes] = {
        "plan.json": (
            '{"format_version": "1.2", "terraform_version": "1.9", "planned_values": {},'
            ' "model": "gpt-4o"}'
        ),
        "package-lock.json": '{"model": "gpt-4o"}',
        ".finops-gate.yml": "version: 1\nmodel: gpt-4o\n",
    }
    assert _load(tmp_path, files) == {}


def test_configured_paths_limit_the_files_read(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "config/a.yaml": "model: gpt-4o\n",
        "other/b.yaml": "model: gpt-4o\n",
    }
    settings = Settings(raw={"version": 1, "sources": {"models": {"paths": ["config/**/*.yaml"]}}})
    assert list(_load(tmp_path, files, settings)) == ["config/a.yaml#model"]


def test_yaml_anchors_and_merge_keys_are_followed(tmp_path: Path) -> None:
    text = "base: &b\n  model: gpt-4o\n  max_tokens: 100\nprod:\n  <<: *b\n  max_tokens: 300\n"
    found = _load(tmp_path, {"app.yaml": text})
    assert found["app.yaml#prod.model"].attributes["max_tokens"] == 300
    assert found["app.yaml#base.model"].line == 2


@pytest.mark.parametrize(
    ("name", "body", "where"),
    [
        ("bad.yaml", "chat:\n  model: gpt-4o\n  temperature: [0.2\n", "bad.yaml:4"),
        ("bad.json", '{\n  "model": "gpt-4o",\n}\n', "bad.json:3"),
        ("bad.toml", 'model = "gpt-4o"\nmax_tokens = \n', "bad.toml:2"),
        ("bad.env", "LLM_MODEL=gpt-4o\nthis is not a setting\n", "bad.env:2"),
        (".env", 'LLM_MODEL="gpt-4o\n', ".env:1"),
    ],
)
def test_malformed_config_is_an_input_error_naming_file_and_line(
    tmp_path: Path, name: str, body: str, where: str
) -> None:
    with pytest.raises(InputError) as info:
        _load(tmp_path, {name: body})
    assert str(info.value).startswith(where + ":")
    assert "\n" not in str(info.value)


def test_a_helm_template_that_is_not_yaml_is_skipped_with_a_note(tmp_path: Path) -> None:
    tree = _tree(
        tmp_path, {"chart/templates/cm.yaml": "{{- if .Values.llm }}\nmodel: x\n{{- end }}\n"}
    )
    assert load(tree, Settings()) == []
    assert "template" in tree.unreadable["chart/templates/cm.yaml"].reason


def test_a_file_that_is_not_utf8_is_recorded_as_unreadable(tmp_path: Path) -> None:
    tree = _tree(tmp_path, {"legacy.yaml": b"model: gpt-4o\ncomment: caf\xe9\n"})
    assert load(tree, Settings()) == []
    assert tree.unreadable["legacy.yaml"].reason.startswith("not UTF-8 text (byte 26)")


def test_a_symlink_out_of_the_tree_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("model: gpt-4o\n")
    root = tmp_path / "repo"
    root.mkdir()
    os.symlink(outside, root / "link.yaml")
    tree = Tree(root)
    assert load(tree, Settings()) == []
    assert "outside the tree" in tree.unreadable["link.yaml"].reason


def test_a_100_mb_file_is_recorded_as_unreadable_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.json"
    with big.open("wb") as fh:  # sparse: the test does not write 100 MB
        fh.truncate(100 * 1024 * 1024)
    (tmp_path / "small.yaml").write_text("model: gpt-4o\n")
    tree = Tree(tmp_path)
    assert [r.address for r in load(tree, Settings())] == ["small.yaml#model"]
    assert "larger than the 5 MB limit" in tree.unreadable["huge.json"].reason


def test_a_yaml_alias_bomb_does_not_hang(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["model"]']
    for i in range(1, 25):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    found = _load(tmp_path, {"bomb.yaml": "\n".join(lines) + "\nmodel: gpt-4o\n"})
    assert "bomb.yaml#model" in found


FIXTURE_TREE = Path(__file__).resolve().parents[1] / "fixtures" / "models" / "tree"


def test_every_setting_of_the_fixture_tree_snapshot(snapshot: Any) -> None:
    lines = []
    for r in load(Tree(FIXTURE_TREE), Settings()):
        attrs = ", ".join(f"{k}={v}" for k, v in sorted(r.attributes.items()))
        unknown = f" unknown={sorted(r.unknown)}" if r.unknown else ""
        lines.append(f"{r.address} (line {r.line}): {attrs}{unknown}")
    snapshot.assert_match("\n".join(lines) + "\n", "models_tree.txt")


def test_docker_compose_environment_list_items_are_settings(tmp_path: Path) -> None:
    text = "services:\n  w:\n    environment:\n      - A=1\n      - OPENAI_MODEL=gpt-4o\n"
    found = _load(tmp_path, {"docker-compose.yml": text})
    r = found["docker-compose.yml#services.w.environment.OPENAI_MODEL"]
    assert (r.line, r.attributes["model"], r.attributes["provider_hints"][0]) == (
        5,
        "gpt-4o",
        "openai",
    )


def test_a_compose_variable_forwarded_by_name_is_no_setting_and_no_crash(tmp_path: Path) -> None:
    # opentelemetry-demo's compose.agent.yaml: ``- LLM_MODEL`` passes the variable the .env
    # file sets; it was an internal error (KeyError), exit 2, on the whole repository
    text = (
        "services:\n  agent:\n    environment:\n      - LLM_BASE_URL\n      - LLM_MODEL\n"
        "      - OPENAI_API_KEY=${API_KEY}\n      - CHAT_MODEL=gpt-4o-mini\n"
    )
    found = _load(tmp_path, {"compose.agent.yaml": text, ".env": "LLM_MODEL=gpt-4o\n"})
    assert sorted(found) == [
        ".env#LLM_MODEL",
        "compose.agent.yaml#services.agent.environment.CHAT_MODEL",
    ]


def test_a_named_pipe_called_yaml_is_recorded_as_unreadable_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    tree = Tree(tmp_path)
    assert load(tree, Settings()) == []
    assert "named pipe" in tree.unreadable["pipe.yaml"].reason


def test_json_key_written_twice_gets_the_line_of_each_occurrence(tmp_path: Path) -> None:
    text = (
        '{\n  "chat": {\n    "model": "gpt-4o",\n    "tags": ["a", "b"]\n  },\n'
        '  "list": [\n    {"x": "{\\"model\\": 1}"},\n'
        '    {\n      "model": "gpt-4o-mini"\n    }\n  ]\n}\n'
    )
    found = _load(tmp_path, {"c.json": text})
    assert found["c.json#chat.model"].line == 3
    assert found["c.json#list.1.model"].line == 9


def test_example_env_files_are_not_settings_and_the_report_says_so(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from finops_gate.cli import main

    for side in ("base", "head"):
        (tmp_path / side).mkdir()
        (tmp_path / side / ".env.example").write_text(
            f"OPENAI_MODEL=gpt-4o{'-mini' * (side == 'head')}\n"
        )
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    doc = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    assert doc["resources"] == []
    assert any("example env file" in n and ".env.example" in n for n in doc["notes"])


def test_the_source_decides_by_shape_and_the_pricing_stage_by_the_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from finops_gate.catalogs.store import CatalogSet
    from finops_gate.estimate.engine import admit
    from finops_gate.sources import models

    files = {
        "orm.yaml": "admin:\n  model: User\n  deployment: blue-green\n",
        "agents.yaml": "writer:\n  model: magistral-medium\n",  # known, though no "gpt" in it
        "crew.yaml": "researcher:\n  llm: openai\n",  # a provider's name, not a model
        "svc/.env": "OPENAI_MODEL=gpt-4o\nCHAT_MODEL=acme-chat-7\nLLM_MODEL=openai\n",
    }
    tree = _tree(tmp_path, files)

    def no_catalog(*args: object, **kwargs: object) -> None:
        raise AssertionError("a source asked the price catalog")

    with monkeypatch.context() as patched:
        patched.setattr(CatalogSet, "llm", no_catalog)
        candidates = {r.address: r.attributes["evidence"] for r in models.load(tree, Settings())}
    assert candidates == {
        "orm.yaml#admin.model": "key",
        "orm.yaml#admin.deployment": "key",
        "agents.yaml#writer.model": "key",
        "crew.yaml#researcher.llm": "key",
        "svc/.env#OPENAI_MODEL": "value",
        "svc/.env#CHAT_MODEL": "llm key",
        "svc/.env#LLM_MODEL": "llm key",
    }
    kept = {r.address for r in admit(models.load(tree, Settings()), Settings())}
    # known names stay whatever their evidence; unknown ones only with more than a key;
    # a provider's own name is never a model
    assert kept == {"agents.yaml#writer.model", "svc/.env#OPENAI_MODEL", "svc/.env#CHAT_MODEL"}


def test_the_provider_hint_is_the_nearest_one_the_catalog_knows(tmp_path: Path) -> None:
    from finops_gate.estimate.models import provider_hint

    # "deployments" and "chat" are not providers; "azure" is
    text = "azure:\n  chat:\n    deployments:\n      deployment: gpt-4o\n"
    found = _load(tmp_path, {"app.yaml": text})
    r = found["app.yaml#azure.chat.deployments.deployment"]
    assert r.attributes["provider_hints"] == ["deployments", "chat", "azure"]
    assert provider_hint(r.attributes, Settings().catalogs.llm()) == "azure"
