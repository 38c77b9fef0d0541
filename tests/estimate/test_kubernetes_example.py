"""examples/kubernetes end to end: base vs head through the CLI, report JSON and table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kubernetes"


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, ["check", *args])


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    result = _run(
        "--base", str(EXAMPLE / "base"), "--head", str(EXAMPLE / "head"), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_example_report_names_the_kubernetes_catalog(doc: dict[str, Any]) -> None:
    assert doc["catalogs"] == {"kubernetes": "2026-11-01"}


def test_example_scale_up_shows_replicas_and_quantities_before_and_after(
    doc: dict[str, Any],
) -> None:
    web = next(r for r in doc["resources"] if r["address"] == "Deployment/shop/web")
    assert web["action"] == "update"
    assert web["quantities_before"] == {"replicas": "2", "vCPU": "1.2", "GiB": "2.25"}
    assert web["quantities_after"] == {"replicas": "6", "vCPU": "3.6", "GiB": "6.75"}
    assert web["monthly_delta"] == "69.3"


def test_example_gpu_deployment_shows_its_hpa_range_and_gpus(doc: dict[str, Any]) -> None:
    gpu = next(r for r in doc["resources"] if r["address"] == "Deployment/ml/llm-inference")
    assert gpu["quantities_after"]["replicas"] == "2 (2-6)"
    assert gpu["quantities_after"]["GPU"] == "2"
    missing = [f for f in doc["findings"] if f["policy"] == "kubernetes.missing_requests"]
    assert [(f["address"], f["line"]) for f in missing] == [("Deployment/ml/llm-inference", 1)]


def test_example_priced_resources_snapshot(doc: dict[str, Any], snapshot: Any) -> None:
    # the priced side only: findings and the verdict belong to the policies' tests
    priced = {k: doc[k] for k in ("catalogs", "totals", "resources", "assumptions")}
    snapshot.assert_match(
        json.dumps(priced, indent=1, sort_keys=True) + "\n", "kubernetes_example.json"
    )


def test_unparseable_manifest_is_exit_2_naming_file_and_line(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    base.mkdir()
    (head / "k8s").mkdir(parents=True)
    (head / "k8s" / "app.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n", encoding="utf-8"
    )
    result = _run("--base", str(base), "--head", str(head))
    assert result.exit_code == 2
    assert "k8s/app.yaml: line 5: not valid YAML" in result.stderr
    assert "Traceback" not in result.output


def test_example_report_validates_against_the_report_schema(doc: dict[str, Any]) -> None:
    import jsonschema

    schema = json.loads((ROOT / "finops_gate" / "schema" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(doc)
