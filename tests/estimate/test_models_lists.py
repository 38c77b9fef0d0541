"""Lists of models, shared streams of requests and removed settings, priced."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.config import Settings
from finops_gate.estimate.models import price_side
from finops_gate.model import Resource, Status


def _setting(model: str | None, address: str, **attrs: Any) -> Resource:
    return Resource(
        address=address,
        source="models",
        kind="llm_model",
        provider="llm",
        attributes={"model": model, **attrs},
        file=address.partition("#")[0],
        line=1,
    )


def _settings(models: dict[str, Any]) -> Settings:
    return Settings(raw={"version": 1, "usage": {"models": models}})


TOKENS = {"input_tokens": 1000, "output_tokens": 500}
MENU = "proxy.yaml#model_list"


def _entry(i: int, model: str = "gpt-4o-mini", size: int = 4) -> Resource:
    return _setting(model, f"{MENU}.{i}.litellm_params.model", stream=MENU, stream_size=size)


def test_a_menu_splits_the_default_requests_over_its_sites() -> None:
    settings = _settings({"default": {"requests_per_month": 100000, **TOKENS}})
    sides = [price_side(_entry(i), settings) for i in range(4)]
    # 100,000 requests shared by 4 deployments: 25,000 each x $0.00045
    assert [s.monthly for s in sides] == [Decimal("11.25")] * 4
    assert sum(s.monthly or 0 for s in sides) == Decimal("45.00")
    (shared,) = [a for a in sides[0].assumptions if a.key == "requests_per_month"]
    assert shared.subject == MENU
    assert shared.value == "100000 / 4"
    assert "split over 4 sites" in shared.origin


def test_usage_given_for_the_list_applies_to_the_list_as_one_stream() -> None:
    settings = _settings({"sites": {MENU: {"requests_per_month": 8000, **TOKENS}}})
    side = price_side(_entry(0), settings)
    assert side.monthly == Decimal("0.9")  # 2,000 requests x $0.00045


def test_a_site_with_its_own_usage_is_not_split() -> None:
    address = f"{MENU}.0.litellm_params.model"
    settings = _settings(
        {"default": {"requests_per_month": 100000}, "sites": {address: {"requests_per_month": 10}}}
    )
    side = price_side(_entry(0), settings)
    assert side.monthly == Decimal("0.0045")


def test_a_site_outside_a_list_takes_the_whole_default() -> None:
    settings = _settings({"default": {"requests_per_month": 100000, **TOKENS}})
    side = price_side(_setting("gpt-4o-mini", "app.yaml#chat.model"), settings)
    assert side.monthly == Decimal("45")


def test_a_list_setting_says_which_entry_is_priced() -> None:
    r = _setting("gpt-4o", ".env#OPENAI_MODELS", listed=["gpt-4o", "o3-mini"], list_rule="first")
    side = price_side(r, _settings({}))
    assert side.quantities["models listed"] == "gpt-4o, o3-mini"
    assert side.quantities["priced entry"] == "the first of 2 (the default one)"
    each = _setting(
        "o3-mini", ".env#X_MODEL_LIST.1", listed=["gpt-4o", "o3-mini"], list_rule="each"
    )
    assert price_side(each, _settings({})).quantities["priced entry"] == (
        "each of 2, sharing one stream of requests"
    )


def test_a_removed_setting_is_unknown_not_zero() -> None:
    side = price_side(_setting("gpt-4o", "app.yaml#chat.model", removed=True), _settings({}))
    assert side.status is Status.UNPRICED
    assert side.monthly is None and side.per_request is None
    assert side.reason is not None and "removed" in side.reason and "not a saving" in side.reason


def test_removing_the_model_line_needs_approval_not_a_pass(tmp_path: Path) -> None:
    """End to end: the example's head drops ``chat.model``; with approval thresholds in the
    config the unknown cost requires approval (exit 1), and nothing reads as a saving."""
    example = Path(__file__).resolve().parents[2] / "examples" / "model-switch"
    shutil.copytree(example / "base", tmp_path / "head")
    config = tmp_path / "head" / "config" / "assistant.yaml"
    config.write_text(
        "\n".join(line for line in config.read_text().splitlines() if "model:" not in line)
    )
    args = ["check", "--base", str(example / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    (chat,) = [r for r in doc["resources"] if r["address"] == "config/assistant.yaml#chat.model"]
    assert (chat["action"], chat["status"]) == ("update", "unpriced")
    assert doc["verdict"] == "approval_required"
    assert not str(doc["totals"]["monthly_delta"]).startswith("-")
    assert "cost unknown" in json.dumps(doc["approval"])


def test_the_report_says_how_many_sites_share_a_default_and_a_menu(tmp_path: Path) -> None:
    menu = "model_list:\n" + "".join(
        f"  - model_name: m{i}\n    litellm_params:\n      model: openai/gpt-4o-mini\n"
        for i in range(3)
    )
    config = "version: 1\nusage:\n  models:\n    default: {requests_per_month: 90000}\n"
    for side, model in (("base", "gpt-4o-mini"), ("head", "gpt-4o")):
        root = tmp_path / side
        root.mkdir()
        (root / ".finops-gate.yml").write_text(config)
        (root / "proxy.yaml").write_text(menu.replace("gpt-4o-mini", model))
        (root / ".env").write_text(f"OPENAI_MODEL={model}\nSUMMARY_MODEL={model}\n")
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    doc = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    rows = {(a["subject"], a["key"]): a for a in doc["assumptions"]}
    split = rows[("proxy.yaml#model_list", "requests_per_month")]
    assert split["value"] == "90000 / 3"
    assert "split over 3 sites" in split["origin"]
    shared = rows[("every model setting", "requests_per_month")]
    assert shared["origin"] == "usage.models.default; shared by 2 resources"
    # 3 deployments share 90,000 requests: the menu costs what one stream of them costs
    menu_rows = [r for r in doc["resources"] if r["address"].startswith("proxy.yaml#")]
    assert sum(Decimal(r["monthly_after"]) for r in menu_rows) == Decimal("675")
