"""Self-hosted models are their own status: no per-token price, never "check the name"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.config import Settings
from finops_gate.estimate.models import price_side
from finops_gate.model import Resource, Status
from finops_gate.sources.tree import Tree
from tests.sources.model_settings import load


def _load(root: Path, files: dict[str, str]) -> dict[str, Resource]:
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return {r.address: r for r in load(Tree(root), Settings())}


@pytest.mark.parametrize(
    ("rel", "text", "address", "served_by"),
    [
        ("app.yaml", "llm:\n  provider: ollama\n  model: llama3.1:8b\n", "app.yaml#llm.model",
         "ollama"),
        ("proxy.yaml", "model_list:\n  - model_name: local\n    litellm_params:\n"
         "      model: ollama/qwen2.5:14b\n", "proxy.yaml#model_list.0.litellm_params.model",
         "ollama"),
        ("proxy2.yaml", "model_list:\n  - model_name: l\n    litellm_params:\n"
         "      model: hosted_vllm/meta-llama/Llama-3.1-8B-Instruct\n",
         "proxy2.yaml#model_list.0.litellm_params.model", "hosted_vllm"),
        (".env", "OLLAMA_MODEL=mistral:7b\n", ".env#OLLAMA_MODEL", "ollama"),
        (".env", "LMSTUDIO_MODEL_PREF=phi-3\n", ".env#LMSTUDIO_MODEL_PREF", "lmstudio"),
        ("vllm.yaml", "model: meta-llama/Llama-3.1-8B-Instruct\ntensor_parallel_size: 2\n",
         "vllm.yaml#model", "a model server"),
        ("rag.yaml", "embed:\n  model: BAAI/bge-small-en\n  base_url: http://localhost:8080\n",
         "rag.yaml#embed.model", "a local endpoint"),
        ("rag.yaml", "chat:\n  model: gpt-4o\n  api_base: http://vllm.ml.svc.cluster.local/v1\n",
         "rag.yaml#chat.model", "a local endpoint"),
        ("promptfooconfig.yaml", "prompts: [p]\nproviders: [ollama:chat:llama3.1]\n",
         "promptfooconfig.yaml#providers.0", "ollama"),
        ("settings.yaml", "ollama:\n  llm_model: llama3.1\n", "settings.yaml#ollama.llm_model",
         "ollama"),
        ("chain.yaml", "chat:\n  model: ollama:llama3.1\n", "chain.yaml#chat.model", "ollama"),
    ],
)  # fmt: skip
def test_self_hosted_models_are_recognised(
    tmp_path: Path, rel: str, text: str, address: str, served_by: str
) -> None:
    found = _load(tmp_path, {rel: text})
    assert found[address].attributes["self_hosted"] == served_by
    side = price_side(found[address], Settings())
    assert side.status is Status.SELF_HOSTED
    assert side.monthly is None and side.per_request is None
    assert side.reason is not None and "not in the llm catalog" not in side.reason
    assert side.quantities["served by"] == served_by


@pytest.mark.parametrize(
    "text",
    [
        # an API model next to an unrelated local URL: still the API's price
        "chat:\n  model: gpt-4o\n  database_url: postgres://localhost/db\n",
        # a hosted provider's endpoint
        "chat:\n  model: gpt-4o\n  base_url: https://api.openai.com/v1\n",
        # a provider key that names a cloud provider
        "chat:\n  provider: openai\n  model: gpt-4o\n",
    ],
)
def test_api_models_are_not_called_self_hosted(tmp_path: Path, text: str) -> None:
    (r,) = _load(tmp_path, {"app.yaml": text}).values()
    assert "self_hosted" not in r.attributes
    assert price_side(r, Settings()).status is Status.USAGE_UNKNOWN


def test_a_switch_to_ollama_is_reported_self_hosted_in_json_and_markdown(tmp_path: Path) -> None:
    for side, body in (("base", "llm:\n  model: gpt-4o\n"), ("head", OLLAMA)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "app.yaml").write_text(body)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    (r,) = json.loads(result.stdout)["resources"]
    assert (r["status"], r["monthly_after"], r["monthly_delta"]) == ("self_hosted", None, None)
    markdown = CliRunner().invoke(main, [*args, "--format", "markdown"]).stdout
    assert "(self hosted)" in markdown
    assert "-100" not in markdown


OLLAMA = "llm:\n  provider: ollama\n  model: llama3.1:8b\n"


# smolagents' and LangChain's shapes: a model served by Ollama or a local server, in code
CODE_SITES = {
    "agent.py": (
        "import litellm\n"
        "from smolagents import LiteLLMModel\n"
        "from langchain_ollama import ChatOllama\n"
        'OLLAMA_MODEL = "llama3.2"\n'
        'r = litellm.completion("ollama/llama3", [])\n'
        'm = LiteLLMModel(model_id="ollama_chat/llama3.2", api_base="http://localhost:11434")\n'
        'c = ChatOllama(model="llama3.1")\n\n\n'
        "def ask():\n"
        '    return litellm.completion(model="qwen2.5:7b", messages=[],\n'
        '                              api_base="http://vllm.ml.svc.cluster.local:8000/v1")\n\n\n'
        "def paid():\n"
        '    return litellm.completion(model="gpt-4o", messages=[],\n'
        '                              api_base="https://api.openai.com/v1")\n'
    ),
    "web/chat.ts": (
        'import ollama from "ollama";\n'
        'import { ChatOllama } from "@langchain/ollama";\n'
        "export async function ask() {\n"
        '  return ollama.chat({ model: "llama3.1", messages: [] });\n'
        "}\n"
        'const llm = new ChatOllama({ model: "mistral:7b", baseUrl: "http://localhost:11434" });\n'
    ),
}


def test_models_in_code_served_by_a_local_server_are_self_hosted(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    for rel, body in CODE_SITES.items():
        (tmp_path / "head" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "head" / rel).write_text(body)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    found = {r["address"]: r for r in json.loads(result.stdout)["resources"]}
    assert {a: r["status"] for a, r in found.items()} == {
        "agent.py:OLLAMA_MODEL": "self_hosted",
        "agent.py#<module>.model": "self_hosted",
        "agent.py#<module>.model[2]": "self_hosted",
        "agent.py#<module>.model_id": "self_hosted",
        "agent.py#ask.model": "self_hosted",
        "agent.py#paid.model": "usage_unknown",  # the provider's own API: its price
        "web/chat.ts#ask.model": "self_hosted",
        "web/chat.ts#<module>.model": "self_hosted",
    }
    assert "not in the llm catalog" not in result.stdout


def test_a_client_pointed_at_a_local_server_serves_its_calls_models(tmp_path: Path) -> None:
    # Ollama and vLLM through the OpenAI SDK: the endpoint is on the client, the model on the call
    (tmp_path / "base").mkdir()
    (tmp_path / "head").mkdir()
    (tmp_path / "head" / "m.py").write_text(LOCAL_CLIENT_PY)
    (tmp_path / "head" / "c.ts").write_text(LOCAL_CLIENT_TS)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    found = {r["address"]: r["status"] for r in json.loads(result.stdout)["resources"]}
    assert found == {
        "m.py#ask.model": "self_hosted",
        "m.py#local.model": "self_hosted",
        "m.py#paid.model": "usage_unknown",
        "c.ts#ask.model": "self_hosted",
        "c.ts#local.model": "self_hosted",
        "c.ts#paid.model": "usage_unknown",
    }


LOCAL_CLIENT_PY = """from openai import OpenAI

client = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")
cloud = OpenAI()


def ask(q):
    return client.chat.completions.create(model="llama3.2", messages=[])


def paid(q):
    return cloud.chat.completions.create(model="gpt-4o", messages=[])


def local(q):
    c = OpenAI(base_url="http://vllm.ml.svc.cluster.local:8000/v1")
    return c.chat.completions.create(model="meta-llama/Llama-3.1-8B-Instruct", messages=[])
"""
LOCAL_CLIENT_TS = """import OpenAI from "openai";
const client = new OpenAI({ baseURL: "http://localhost:11434/v1", apiKey: "ollama" });
const cloud = new OpenAI();
export async function ask() {
  return client.chat.completions.create({ model: "llama3.2", messages: [] });
}
export async function paid() {
  return cloud.chat.completions.create({ model: "gpt-4o", messages: [] });
}
export async function local() {
  const c = new OpenAI({ baseURL: "http://vllm.ml.svc.cluster.local:8000/v1" });
  return c.chat.completions.create({ model: "qwen2.5-7b", messages: [] });
}
"""
