"""Config spellings real apps use, each with a false-positive test beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from finops_gate.config import Settings
from finops_gate.errors import InputError
from finops_gate.estimate.models import is_setting
from finops_gate.model import Resource
from finops_gate.sources.tree import Tree
from tests.sources.model_settings import load


def _load(root: Path, files: dict[str, str]) -> dict[str, Resource]:
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return {r.address: r for r in load(Tree(root), Settings())}


def _models(found: dict[str, Resource]) -> dict[str, str | None]:
    return {a: r.attributes["model"] for a, r in found.items()}


# --- crewAI: llm: and *_llm in files that never say "model" ---------------------------------------


def test_crewai_llm_and_manager_llm_are_settings(tmp_path: Path) -> None:
    found = _load(
        tmp_path,
        {
            "config/agents.yaml": "researcher:\n  role: R\n  goal: g\n  llm: gpt-4o-mini\n",
            "config/crew.yaml": "crew:\n  manager_llm: gpt-4.1\n  function_calling_llm: o3\n",
        },
    )
    assert _models(found) == {
        "config/agents.yaml#researcher.llm": "gpt-4o-mini",
        "config/crew.yaml#crew.function_calling_llm": "o3",
        "config/crew.yaml#crew.manager_llm": "gpt-4.1",
    }
    assert found["config/agents.yaml#researcher.llm"].line == 4


def test_llm_keys_with_flags_or_provider_names_are_not_settings(tmp_path: Path) -> None:
    text = "use_llm: 'yes'\nenable_llm: true\nllm: openai\nmanager_llm: enabled\n"
    assert _load(tmp_path, {"app.yaml": text}) == {}


def test_crewai_llm_block_is_read_as_a_block(tmp_path: Path) -> None:
    text = "writer:\n  llm:\n    model: anthropic/claude-3-5-haiku-20241022\n    temperature: 0\n"
    assert _models(_load(tmp_path, {"agents.yaml": text})) == {
        "agents.yaml#writer.llm.model": "anthropic/claude-3-5-haiku-20241022"
    }


# --- AnythingLLM *_MODEL_PREF ---------------------------------------------------------------------


def test_anythingllm_model_pref_is_a_setting(tmp_path: Path) -> None:
    text = (
        "LLM_PROVIDER=openai\nOPEN_MODEL_PREF=gpt-4o\nEMBEDDING_MODEL_PREF=text-embedding-3-small\n"
    )
    found = _load(tmp_path, {"server/.env": text})
    assert _models(found) == {
        "server/.env#EMBEDDING_MODEL_PREF": "text-embedding-3-small",
        "server/.env#OPEN_MODEL_PREF": "gpt-4o",
    }


def test_a_pref_key_that_is_not_a_model_is_not_a_setting(tmp_path: Path) -> None:
    assert _load(tmp_path, {".env": "THEME_PREF=dark\nLANG_PREF=en\n"}) == {}


# --- LibreChat *_MODELS and librechat.yaml models.default: the first is the default ---------------


def test_librechat_models_env_prices_the_first_entry_and_lists_all(tmp_path: Path) -> None:
    found = _load(tmp_path, {".env": "OPENAI_MODELS=gpt-4o,gpt-4o-mini, o3-mini\n"})
    r = found[".env#OPENAI_MODELS"]
    assert r.attributes["model"] == "gpt-4o"
    assert r.attributes["listed"] == ["gpt-4o", "gpt-4o-mini", "o3-mini"]
    assert r.attributes["list_rule"] == "first"
    assert len(found) == 1


def test_librechat_yaml_custom_endpoint_models_default(tmp_path: Path) -> None:
    text = (
        "version: 1.2.1\nendpoints:\n  custom:\n    - name: groq\n      apiKey: x\n"
        "      models:\n        default: ['llama3-70b-8192', 'mixtral-8x7b-32768']\n"
        "        fetch: false\n"
    )
    found = _load(tmp_path, {"librechat.yaml": text})
    r = found["librechat.yaml#endpoints.custom.0.models.default"]
    assert r.attributes["model"] == "llama3-70b-8192"
    assert r.attributes["listed"] == ["llama3-70b-8192", "mixtral-8x7b-32768"]
    assert r.line == 7


def test_a_models_key_with_names_that_are_not_models_is_not_a_setting(tmp_path: Path) -> None:
    text = "SUPPORTED_DATA_MODELS=relational,document\n"
    yaml = "orm:\n  models:\n    default: [User, Order]\n"
    assert _load(tmp_path, {".env": text, "orm.yaml": yaml}) == {}


# --- LobeChat *_MODEL_LIST: every enabled entry, sharing one stream -------------------------------


def test_lobechat_model_list_prices_each_enabled_entry(tmp_path: Path) -> None:
    text = "OPENAI_MODEL_LIST=-all,+gpt-4o,+gpt-4o-mini=GPT mini<128000:vision>,-gpt-4\n"
    found = _load(tmp_path, {".env": text})
    assert _models(found) == {
        ".env#OPENAI_MODEL_LIST.0": "gpt-4o",
        ".env#OPENAI_MODEL_LIST.1": "gpt-4o-mini",
    }
    for r in found.values():
        assert r.attributes["stream"] == ".env#OPENAI_MODEL_LIST"
        assert r.attributes["stream_size"] == 2
        assert r.line == 1


def test_a_model_list_that_only_hides_models_has_no_setting(tmp_path: Path) -> None:
    assert _load(tmp_path, {".env": "OPENAI_MODEL_LIST=-all,-gpt-4\n"}) == {}


# --- promptfoo providers --------------------------------------------------------------------------


def test_promptfoo_providers_are_settings_with_their_provider(tmp_path: Path) -> None:
    text = (
        "prompts: [prompt.txt]\nproviders:\n  - openai:gpt-4.1\n"
        "  - id: anthropic:messages:claude-sonnet-4-5\n    config: {temperature: 0}\n"
        "  - bedrock:us.anthropic.claude-3-5-haiku-20241022-v1:0\n"
        "  - file://providers/custom.py\n  - python:my_provider.py\n  - https://example.com/api\n"
    )
    found = _load(tmp_path, {"promptfooconfig.yaml": text})
    assert _models(found) == {
        "promptfooconfig.yaml#providers.0": "gpt-4.1",
        "promptfooconfig.yaml#providers.1": "claude-sonnet-4-5",
        "promptfooconfig.yaml#providers.2": "us.anthropic.claude-3-5-haiku-20241022-v1:0",
    }
    assert found["promptfooconfig.yaml#providers.0"].attributes["provider_hints"] == ["openai"]
    assert found["promptfooconfig.yaml#providers.2"].attributes["provider_hints"] == ["bedrock"]
    assert found["promptfooconfig.yaml#providers.1"].line == 4


def test_providers_outside_a_promptfoo_config_are_not_settings(tmp_path: Path) -> None:
    text = "providers:\n  - aws:us-east-1\n  - google:europe-west1\nterraform: {}\n"
    assert _load(tmp_path, {"infra.yaml": text}) == {}


# --- Spring / privateGPT ${VAR:default} -----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "model", "origin"),
    [
        ("${OPENAI_MODEL:gpt-4o-mini}", "gpt-4o-mini", "default of $OPENAI_MODEL"),
        ("${PGPT_LLM_MODEL:-gpt-4o}", "gpt-4o", "default of $PGPT_LLM_MODEL"),
        ("${spring.ai.model:o3-mini}", "o3-mini", "default of $spring.ai.model"),
        ("${OPENAI_MODEL:?set it}", None, "$OPENAI_MODEL at run time"),
        ("$OPENAI_MODEL", None, "$OPENAI_MODEL at run time"),
    ],
)
def test_spring_and_shell_references_use_their_default(
    tmp_path: Path, written: str, model: str | None, origin: str
) -> None:
    text = (
        "spring:\n  ai:\n    openai:\n      chat:\n        options:\n"
        f"          model: '{written}'\n"
    )
    r = _load(tmp_path, {"application.yaml": text})[
        "application.yaml#spring.ai.openai.chat.options.model"
    ]
    assert (r.attributes["model"], r.attributes["model_from"]) == (model, origin)


# --- aider's top-level list files -----------------------------------------------------------------


def test_aider_model_settings_list_names_models(tmp_path: Path) -> None:
    text = (
        "- name: gpt-4o\n  edit_format: diff\n  weak_model_name: gpt-4o-mini\n"
        "- name: anthropic/claude-sonnet-4-5\n  edit_format: diff\n"
    )
    found = _load(tmp_path, {".aider.model.settings.yml": text})
    assert _models(found) == {
        ".aider.model.settings.yml#0.name": "gpt-4o",
        ".aider.model.settings.yml#0.weak_model_name": "gpt-4o-mini",
        ".aider.model.settings.yml#1.name": "anthropic/claude-sonnet-4-5",
    }


def test_a_top_level_list_of_named_things_is_not_a_model_list(tmp_path: Path) -> None:
    text = "- name: web\n  image: nginx\n- name: worker\n  replicas: 2\n"
    assert _load(tmp_path, {"services.yml": text}) == {}


# --- Helm values.yaml -----------------------------------------------------------------------------


def test_helm_values_settings_are_read(tmp_path: Path) -> None:
    text = "image: {repository: app}\nenv:\n  OPENAI_MODEL: gpt-4o\nllm:\n  model: o3-mini\n"
    found = _load(tmp_path, {"chart/values.yaml": text})
    assert _models(found) == {
        "chart/values.yaml#env.OPENAI_MODEL": "gpt-4o",
        "chart/values.yaml#llm.model": "o3-mini",
    }


def test_helm_values_without_model_keys_give_nothing(tmp_path: Path) -> None:
    text = "image: {repository: app}\nreplicaCount: 2\nmodelRegistry: {url: x}\n"
    assert _load(tmp_path, {"chart/values.yaml": text}) == {}


# --- escaped keys ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("app.json", '{"chat": {"mod\\u0065l": "gpt-4o"}}'),
        ("app.yaml", 'chat:\n  "mod\\x65l": gpt-4o\n'),
        ("app.toml", '[chat]\n"mod\\u0065l" = "gpt-4o"\n'),
    ],
)
def test_an_escaped_key_is_the_key_it_spells(tmp_path: Path, rel: str, text: str) -> None:
    assert _models(_load(tmp_path, {rel: text})) == {f"{rel}#chat.model": "gpt-4o"}


def test_an_escaped_key_that_spells_something_else_is_not_a_setting(tmp_path: Path) -> None:
    assert _load(tmp_path, {"app.json": '{"chat": {"mod\\u0065": "gpt-4o"}}'}) == {}


# --- not settings: OpenAPI, JSON Schema, recorded responses, fixtures, JSONC ----------------------


def test_openapi_examples_are_not_settings(tmp_path: Path) -> None:
    text = (
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /chat:\n    post:\n"
        "      requestBody:\n        content:\n          application/json:\n"
        "            example: {model: gpt-4o}\n"
    )
    swagger = '{"swagger": "2.0", "definitions": {"Req": {"example": {"model": "o1"}}}}'
    assert _load(tmp_path, {"openapi.yaml": text, "swagger.json": swagger}) == {}


def test_a_schema_fragment_inside_config_is_skipped_but_the_config_is_read(
    tmp_path: Path,
) -> None:
    text = (
        "chat:\n  model: gpt-4o\nparams:\n  properties:\n    model:\n      type: string\n"
        "      default: o1\n      examples: [gpt-4]\n"
    )
    assert _models(_load(tmp_path, {"app.yaml": text})) == {"app.yaml#chat.model": "gpt-4o"}


def test_json_schema_documents_are_not_settings(tmp_path: Path) -> None:
    text = (
        '{"$schema": "http://json-schema.org/draft-07/schema#", "properties": '
        '{"model": {"type": "string", "default": "gpt-4o", "examples": ["o1"]}}}'
    )
    assert _load(tmp_path, {"config.schema.json": text}) == {}


def test_a_config_that_names_its_schema_is_still_read(tmp_path: Path) -> None:
    text = '{"$schema": "https://example.com/app-config.json", "model": "gpt-4o"}'
    assert _models(_load(tmp_path, {"app.json": text})) == {"app.json#model": "gpt-4o"}


def test_recorded_api_responses_are_not_settings(tmp_path: Path) -> None:
    openai = (
        '{"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o", "choices": [],'
        ' "usage": {"prompt_tokens": 1, "completion_tokens": 1}}'
    )
    anthropic = (
        '{"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",'
        ' "content": [], "usage": {"input_tokens": 1, "output_tokens": 1}}'
    )
    cassette = 'interactions:\n- request: {body: \'{"model": "gpt-4o"}\'}\n  response: {}\n'
    files = {"docs/resp.json": openai, "docs/msg.json": anthropic, "cassettes_x.yaml": cassette}
    assert _load(tmp_path, files) == {}


def test_a_config_with_a_usage_block_is_still_read(tmp_path: Path) -> None:
    text = "model: gpt-4o\nusage:\n  max_tokens: 100\n"
    assert _models(_load(tmp_path, {"app.yaml": text})) == {"app.yaml#model": "gpt-4o"}


def test_files_in_fixture_folders_are_left_out_with_a_note(tmp_path: Path) -> None:
    for rel in ("tests/fixtures/resp.yaml", "src/app.yaml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("model: gpt-4o\n", encoding="utf-8")
    tree = Tree(tmp_path)
    assert [r.address for r in load(tree, Settings())] == ["src/app.yaml#model"]
    assert any("1 file(s) in test fixture folders" in s for s in tree.skipped)


def test_jsonc_with_comments_is_read_and_tsconfig_is_not_a_setting(tmp_path: Path) -> None:
    jsonc = '{\n  // the assistant\n  "model": "gpt-4o", /* prod */\n  "x": [1,],\n}\n'
    tsconfig = '{\n  // c\n  "compilerOptions": {"model": "gpt-4o",},\n}\n'
    found = _load(tmp_path, {".vscode/settings.json": jsonc, "tsconfig.json": tsconfig})
    assert _models(found) == {".vscode/settings.json#model": "gpt-4o"}
    assert found[".vscode/settings.json#model"].line == 3


def test_a_json_file_with_only_a_trailing_comma_is_still_malformed(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"bad.json:3"):
        _load(tmp_path, {"bad.json": '{\n  "model": "gpt-4o",\n}\n'})


def test_a_comment_inside_a_string_does_not_make_json_lenient(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"bad.json"):
        _load(tmp_path, {"bad.json": '{"model": "http://x//y",}'})


def test_hostile_jsonc_and_huge_lists_stay_bounded(tmp_path: Path) -> None:
    """Unterminated comments after many commas, and a list of 20,000 models: linear work,
    a bounded number of sites (256 entries of one list)."""
    jsonc = '{"model": "gpt-4o", "x": [' + ",/*" * 100_000 + "]}\n// c\n"
    names = ",".join(f"+gpt-4o-{i}" for i in range(20_000))
    files = {"a.jsonc": jsonc, ".env": f"OPENAI_MODEL_LIST={names}\n"}
    for rel, body in files.items():
        (tmp_path / rel).write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.jsonc"):
        load(Tree(tmp_path), Settings())
    (tmp_path / "a.jsonc").unlink()
    found = load(Tree(tmp_path), Settings())
    assert len(found) == 256


def test_only_a_real_terraform_plan_is_skipped(tmp_path: Path) -> None:
    plan = (
        '{"format_version": "1.2", "terraform_version": "1.11.0", "planned_values": {},'
        ' "resource_changes": [{"change": {"after": {"model_id": "gpt-4o"}}}]}'
    )
    fake = '{"format_version": 1, "resource_changes": [], "model": "gpt-4o"}'
    found = _load(tmp_path, {"plan.json": plan, "app.json": fake})
    assert _models(found) == {"app.json#model": "gpt-4o"}


def test_a_model_mapping_names_its_model_or_is_listed_as_not_understood(tmp_path: Path) -> None:
    text = (
        "chat:\n  model: {name: gpt-4o, temperature: 0}\n"
        "summary:\n  llm: {provider: openai, temperature: 0.2}\n"
        "orm:\n  model: {table: users, primary_key: id}\n"
    )
    found = _load(tmp_path, {"app.yaml": text})
    assert _models(found) == {"app.yaml#chat.model.name": "gpt-4o", "app.yaml#summary.llm": None}
    unknown = found["app.yaml#summary.llm"]
    assert unknown.unknown == frozenset({"model"})
    assert "names no model" in unknown.attributes["model_from"]
    assert unknown.line == 4


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # an LLM word in the key, in a file whose name and text never say "model"
        ({"config/ai.json": '{"chat": "gpt-4o-mini", "embedding": "text-embedding-3-small"}'},
         {"config/ai.json#chat": "gpt-4o-mini",
          "config/ai.json#embedding": "text-embedding-3-small"}),
        # a mapping under a key that names models: kept when the catalog knows the name
        ({"tiers.yaml": "models:\n  fast: gpt-4o-mini\n  smart: claude-sonnet-4-5\n"
                        "  odd: gpt-unknown-9\n"},
         {"tiers.yaml#models.fast": "gpt-4o-mini", "tiers.yaml#models.smart": "claude-sonnet-4-5"}),
        # a .env variable that says LLM, not model; its neighbours are no models
        ({".env": "OPENAI_API_KEY=sk-x\nOPENAI_CHAT=gpt-4o-mini\nANTHROPIC_VERSION=2023-06-01\n"
                  "RELEASE_NAME=gpt-4o\n"},
         {".env#OPENAI_CHAT": "gpt-4o-mini"}),
        # an LLM block's other settings, and a model-like value nowhere models are set
        ({"app.yaml": "llm:\n  provider: ollama\n  base_url: http://llama:11434\n"
                      "release:\n  codename: gpt-4o\n"},
         {"app.yaml#llm": None}),  # (a block that names no model, as before: not understood)
    ],
)  # fmt: skip
def test_a_model_name_where_models_are_set_is_a_setting_whatever_its_key(
    tmp_path: Path, files: dict[str, str], expected: dict[str, str]
) -> None:
    """config/ai.json's chat: gpt-4o-mini -> gpt-4-turbo read "No resource changes", PASS."""
    found = _load(tmp_path, files)
    kept = {a for a, r in found.items() if is_setting(r, Settings())}
    assert {a: found[a].attributes["model"] for a in kept} == expected


def test_a_file_named_for_models_is_read_even_when_its_text_never_says_model(
    tmp_path: Path,
) -> None:
    text = "- name: grok-2\n  edit_format: diff\n"  # (no family the bytes pre-check knows)
    found = _load(tmp_path, {".aider.model.settings.yml": text, "other.yml": text})
    assert _models(found) == {".aider.model.settings.yml#0.name": "grok-2"}
