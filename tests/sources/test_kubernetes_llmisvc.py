"""KServe LLMInferenceService as KServe's controller deploys it: without a worker, template x
replicas; with a worker, a LeaderWorkerSet of replicas groups whose size comes from the
parallelism (data / dataLocal, else pipeline), the leader running the template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from finops_gate.config import Settings
from finops_gate.estimate.kubernetes import price_side
from finops_gate.model import Status
from finops_gate.sources.kubernetes import load
from finops_gate.sources.tree import Tree

GPU_POD = {"containers": [{"name": "main", "resources": {"limits": {
    "cpu": "8", "memory": "64Gi", "nvidia.com/gpu": "4"}}}]}  # fmt: skip


def _price(tmp_path: Path, spec: dict[str, Any]) -> Any:
    doc = {
        "apiVersion": "serving.kserve.io/v1alpha1",
        "kind": "LLMInferenceService",
        "metadata": {"name": "llm", "namespace": "ml"},
        "spec": spec,
    }
    (tmp_path / "llm.yaml").write_text(yaml.safe_dump(doc))
    (resource,) = load(Tree(tmp_path), Settings())
    return price_side(resource, Settings())


@pytest.mark.parametrize(
    ("spec", "gpus"),
    [
        ({"replicas": 3, "template": GPU_POD}, 12),  # single node: 3 pods
        # leader + (pipeline - 1) workers per replica
        ({"replicas": 2, "template": GPU_POD, "worker": GPU_POD,
          "parallelism": {"tensor": 4, "pipeline": 4}}, 2 * 4 * 4),
        # data 8 / dataLocal 2 = 4 pods per group
        ({"replicas": 1, "template": GPU_POD, "worker": GPU_POD,
          "parallelism": {"data": 8, "dataLocal": 2}}, 4 * 4),
        # no leader template: every pod of the group runs the worker
        ({"replicas": 2, "worker": GPU_POD, "parallelism": {"pipeline": 3}}, 2 * 3 * 4),
        # data parallel wins over pipeline, as in KServe's GetSize
        ({"template": GPU_POD, "worker": GPU_POD,
          "parallelism": {"data": 2, "pipeline": 8}}, 2 * 4),
        # prefill has its own replicas and parallelism
        ({"replicas": 1, "template": GPU_POD,
          "prefill": {"replicas": 2, "template": GPU_POD, "worker": GPU_POD,
                      "parallelism": {"pipeline": 2}}}, 4 + 2 * 2 * 4),
    ],
)  # fmt: skip
def test_parallelism_multiplies_the_pods_and_gpus(
    tmp_path: Path, spec: dict[str, Any], gpus: int
) -> None:
    side = _price(tmp_path, spec)
    assert side.status is Status.PRICED, side.reason
    assert side.quantities["GPU"] == str(gpus)


def test_doubling_the_pipeline_doubles_the_worker_cost(tmp_path: Path) -> None:
    spec = {"template": GPU_POD, "worker": GPU_POD, "parallelism": {"pipeline": 2}}
    two = _price(tmp_path, spec).monthly
    spec["parallelism"] = {"pipeline": 4}
    four = _price(tmp_path, spec).monthly
    assert two is not None and four is not None and four == 2 * two


def test_a_worker_without_data_or_pipeline_parallelism_is_unpriced(tmp_path: Path) -> None:
    # KServe refuses it (the parallelism may come from a baseRefs config not read here)
    side = _price(tmp_path, {"template": GPU_POD, "worker": GPU_POD, "parallelism": {"tensor": 4}})
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "parallelism" in (side.reason or "")


def test_a_multi_node_inference_service_is_unpriced_not_its_head_alone(tmp_path: Path) -> None:
    # KServe InferenceService workerSpec (Ray): how many worker nodes run depends on the
    # ServingRuntime's worker GPUs; pricing the head alone would be a silent undercount
    doc = {
        "apiVersion": "serving.kserve.io/v1beta1",
        "kind": "InferenceService",
        "metadata": {"name": "llama", "namespace": "ml"},
        "spec": {
            "predictor": {
                "model": {"modelFormat": {"name": "huggingface"},
                          "resources": {"limits": {"nvidia.com/gpu": "2"}}},
                "workerSpec": {"tensorParallelSize": 2, "pipelineParallelSize": 3},
            }
        },
    }  # fmt: skip
    (tmp_path / "isvc.yaml").write_text(yaml.safe_dump(doc))
    (resource,) = load(Tree(tmp_path), Settings())
    side = price_side(resource, Settings())
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "workerSpec" in (side.reason or "") and "2x3" in (side.reason or "")
