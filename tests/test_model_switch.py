"""The headline case end to end: examples/model-switch (gpt-4o-mini -> gpt-4-turbo)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.app import CheckRequest, check
from finops_gate.cli import main
from finops_gate.errors import InputError
from finops_gate.model import Action

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "model-switch"
ARGS = ["check", "--base", str(EXAMPLE / "base"), "--head", str(EXAMPLE / "head")]


def test_json_report_has_per_request_before_and_after_and_model_names() -> None:
    result = CliRunner().invoke(main, [*ARGS, "--format", "json"])
    assert result.exit_code == 1, result.output  # approval required and not given
    doc = json.loads(result.stdout)
    (chat,) = [r for r in doc["resources"] if r["address"] == "config/assistant.yaml#chat.model"]
    assert chat["action"] == "update" and chat["status"] == "priced"
    assert (chat["model_before"], chat["model_after"]) == ("gpt-4o-mini", "gpt-4-turbo")
    assert (chat["per_request_before"], chat["per_request_after"]) == ("0.00057", "0.034")
    assert (chat["monthly_before"], chat["monthly_after"]) == ("142.5", "8500")
    assert (chat["per_request_worst_before"], chat["per_request_worst_after"]) == (
        "0.00081",
        "0.067",
    )
    assert (chat["file"], chat["line"]) == ("config/assistant.yaml", 4)
    assert doc["catalogs"] == {"llm": "2026-12-03"}


def test_markdown_says_the_switch_in_one_line_with_the_usage_origins() -> None:
    result = CliRunner().invoke(main, [*ARGS, "--format", "markdown"])
    assert result.exit_code == 1
    text = result.stdout
    assert "**Projected cost increase: +5767.8%.**" in text
    assert "**Approval required from: <code>acme/engineering-leads</code>" in text
    assert (
        "<code>gpt-4o-mini</code> → <code>gpt-4-turbo</code>: $0.00057 → $0.034 per request "
        "(+5864.9%), $142.50 → $8,500.00 per month"
    ) in text
    assert "requests\\_per\\_month = 250000 (from usage.models.sites." in text


def test_a_malformed_config_file_is_exit_2_naming_file_and_line(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE / "head", tmp_path / "head")
    (tmp_path / "head" / "config" / "assistant.yaml").write_text("chat:\n  model: [gpt-4o\n")
    result = CliRunner().invoke(
        main, ["check", "--base", str(EXAMPLE / "base"), "--head", str(tmp_path / "head")]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("finops-gate: config/assistant.yaml:3: not valid YAML")


def test_a_new_file_the_head_cannot_read_fails_closed(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE / "head", tmp_path / "head")
    (tmp_path / "head" / "latin1.yaml").write_bytes(b"model: caf\xe9\n")
    with pytest.raises(InputError, match=r"^latin1\.yaml: not UTF-8 text .* in the head"):
        check(CheckRequest(base=EXAMPLE / "base", head=tmp_path / "head"))


def test_the_same_unreadable_file_on_both_sides_is_only_a_note(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE / "base", tmp_path / "base")
    shutil.copytree(EXAMPLE / "head", tmp_path / "head")
    for side in ("base", "head"):
        (tmp_path / side / "latin1.yaml").write_bytes(b"model: caf\xe9\n")
    report = check(CheckRequest(base=tmp_path / "base", head=tmp_path / "head"))
    assert any(n.startswith("latin1.yaml: not UTF-8 text") for n in report.notes)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_base_ref_compares_the_working_tree_with_a_commit(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE / "base", repo)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "add", "-A")
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "base")
    shutil.copy(EXAMPLE / "head" / "config" / "assistant.yaml", repo / "config" / "assistant.yaml")
    report = check(CheckRequest(root=repo, base_ref="HEAD"))
    (chat,) = [d for d in report.costs if d.change.action is Action.UPDATE]
    assert chat.change.address == "config/assistant.yaml#chat.model"
    assert report.totals.monthly_delta > 8000


def test_a_cap_change_alone_shows_the_new_worst_case(tmp_path: Path) -> None:
    for side, cap in (("base", 800), ("head", 4000)):
        root = tmp_path / side
        (root / "config").mkdir(parents=True)
        (root / "config" / "a.yaml").write_text(f"chat:\n  model: gpt-4o\n  max_tokens: {cap}\n")
    result = CliRunner().invoke(
        main, ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    )
    assert result.exit_code == 0
    assert (
        "config/a.yaml#chat.model: $0.0075 -> $0.0075 (0.0%); worst case $0.0105 -> $0.0425"
        in result.stdout
    )


def test_the_model_switch_json_validates_against_the_report_schema() -> None:
    import jsonschema

    schema_path = EXAMPLE.parent.parent / "finops_gate" / "schema" / "report.schema.json"
    result = CliRunner().invoke(main, [*ARGS, "--format", "json"])
    jsonschema.validate(json.loads(result.stdout), json.loads(schema_path.read_text()))


# langchain-ai/chat-langchain's shape: a registry of model configs, one picked as the default,
# passed to LangChain's init_chat_model in "provider:model" form
REGISTRY = """from dataclasses import dataclass

from langchain.chat_models import init_chat_model


@dataclass(frozen=True)
class ModelConfig:
    id: str
    name: str


MODELS: dict[str, ModelConfig] = {
    "mini": ModelConfig(id="openai:gpt-4o-mini", name="GPT-4o mini"),
    "turbo": ModelConfig(id="openai:gpt-4-turbo", name="GPT-4 Turbo"),
}
DEFAULT_MODEL = MODELS["{pick}"]
default_model = init_chat_model(model=DEFAULT_MODEL.id)
"""
APPROVAL = "version: 1\npolicies:\n  approval:\n    per_request_percent_increase: 25\n"


def _switched_site(tmp_path: Path, rel: str, sides: dict[str, str]) -> dict[str, Any]:
    """The one updated row of a check whose base and head hold ``sides``' text at ``rel``,
    with per-request approval configured: the verdict must be approval_required."""
    for side, text in sides.items():
        (tmp_path / side / rel).parent.mkdir(parents=True)
        (tmp_path / side / rel).write_text(text)
        (tmp_path / side / ".finops-gate.yml").write_text(APPROVAL)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert doc["verdict"] == "approval_required"
    (site,) = [r for r in doc["resources"] if r["action"] == "update"]
    assert site["per_request_after"] != site["per_request_before"]
    return site


def test_switching_the_default_of_a_model_registry_needs_approval(tmp_path: Path) -> None:
    sides = {
        side: REGISTRY.replace("{pick}", pick)
        for side, pick in (("base", "mini"), ("head", "turbo"))
    }
    site = _switched_site(tmp_path, "src/config.py", sides)
    assert site["address"] == "src/config.py#<module>.model"
    assert (site["model_before"], site["model_after"]) == (
        "openai:gpt-4o-mini",
        "openai:gpt-4-turbo",
    )


# a new call whose model the scan cannot follow: it costs money, so it is unpriced, never absent
NEW_CALLS = {
    "py": (
        "app/chat.py",
        "from openai import OpenAI\n"
        "from .settings import pick_model\n"
        "from vendor_llm.defaults import MODEL\n"
        "client = OpenAI()\n\n\n"
        "def ask(q, model):\n"  # the caller chooses: its call is the site, not this one
        "    return client.chat.completions.create(model=model, messages=[])\n\n\n"
        "def route(q):\n"
        "    return client.chat.completions.create(model=pick_model(q), messages=[])\n\n\n"
        "def vendor(q):\n"
        "    return client.chat.completions.create(model=MODEL, messages=[])\n",
        {"app/chat.py#route.model", "app/chat.py#vendor.model"},
    ),
    "ts": (
        "app/chat.ts",
        'import OpenAI from "openai";\n'
        'import { pickModel } from "./settings";\n'
        "const client = new OpenAI();\n"
        "export async function ask(q: string, model: string) {\n"
        "  return client.chat.completions.create({ model, messages: [] });\n"
        "}\n"
        "export async function route(q: string) {\n"
        "  return client.chat.completions.create({\n"
        '    model: (await pickModel(q)) as Params["model"], messages: [] });\n'
        "}\n",
        {"app/chat.ts#route.model"},
    ),
}


@pytest.mark.parametrize("language", sorted(NEW_CALLS))
def test_a_new_call_whose_model_is_computed_is_unpriced_not_absent(
    tmp_path: Path, language: str
) -> None:
    rel, code, expected = NEW_CALLS[language]
    (tmp_path / "base" / "app").mkdir(parents=True)
    (tmp_path / "base" / "app" / "other.txt").write_text("x\n")
    (tmp_path / "head" / rel).parent.mkdir(parents=True)
    (tmp_path / "head" / rel).write_text(code)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["verdict"] == "warn"  # not a pass: the new calls' cost is unknown
    found = {r["address"]: r for r in doc["resources"]}
    assert set(found) == expected
    for row in found.values():
        assert row["action"] == "create" and row["status"] == "unpriced"
        assert row["monthly_after"] is None and row["model_after"] is None
    assert any(f["policy"] == "pricing.unpriced" for f in doc["findings"])


# assafelovic/gpt-researcher's shape: the defaults are keys of a module-level dict
DEFAULTS = """from .base import BaseConfig

DEFAULT_CONFIG: BaseConfig = {
    "RETRIEVER": "tavily",
    "FAST_LLM": "openai:{fast}",
    "SMART_LLM": "openai:gpt-4o",
    "TEMPERATURE": 0.4,
}
"""


def test_switching_a_default_in_a_config_dict_needs_approval(tmp_path: Path) -> None:
    sides = {
        side: DEFAULTS.replace("{fast}", fast)
        for side, fast in (("base", "gpt-4o-mini"), ("head", "gpt-4-turbo"))
    }
    site = _switched_site(tmp_path, "app/config/default.py", sides)
    assert site["address"] == "app/config/default.py:DEFAULT_CONFIG.FAST_LLM"
    assert (site["model_before"], site["model_after"]) == (
        "openai:gpt-4o-mini",
        "openai:gpt-4-turbo",
    )


def _pin(tmp_path: Path, side: str, model: str) -> Path:
    root = tmp_path / side
    (root / "config").mkdir(parents=True)
    (root / "config" / "assistant.yaml").write_text(f"chat:\n  model: {model}\n")
    (root / ".finops-gate.yml").write_text(
        "version: 1\nusage:\n  models:\n    default: "
        "{requests_per_month: 10000, input_tokens: 1000, output_tokens: 500}\n"
    )
    return root


@pytest.mark.parametrize(
    ("as_of", "after", "catalog"),
    [
        # OpenAI prices the gpt-4o-2024-05-13 snapshot at $5 / $15 per 1M tokens, gpt-4o at
        # $2.50 / $10 (https://openai.com/api/pricing/): 1000 x $5/1M + 500 x $15/1M
        ("2026-12-03", "0.0125", "2026-12-03"),
        # the catalog before 2026-12-03 priced the snapshot as gpt-4o: no change then
        ("2026-12-01", "0.0075", "2026-12-01"),
    ],
)
def test_pinning_gpt_4o_to_its_may_2024_snapshot_costs_the_snapshot_price(
    tmp_path: Path, as_of: str, after: str, catalog: str
) -> None:
    base, head = _pin(tmp_path, "base", "gpt-4o"), _pin(tmp_path, "head", "gpt-4o-2024-05-13")
    args = ["check", "--base", str(base), "--head", str(head), "--format", "json"]
    result = CliRunner().invoke(main, [*args, "--as-of", as_of])
    doc = json.loads(result.stdout)
    (chat,) = [r for r in doc["resources"] if r["address"] == "config/assistant.yaml#chat.model"]
    assert (chat["model_before"], chat["model_after"]) == ("gpt-4o", "gpt-4o-2024-05-13")
    assert (chat["per_request_before"], chat["per_request_after"]) == ("0.0075", after)
    assert doc["catalogs"] == {"llm": catalog}
