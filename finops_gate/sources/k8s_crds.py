"""Custom resources that create pods, read into the same pod shapes as the built-in workloads.

Each reader turns an object's spec into pod groups: ``{"name", "pod", "replicas", "claims"}``
(``replicas`` None: the count depends on traffic, e.g. a Knative service that scales to zero).
The readers are keyed by (API group, kind): a Knative ``Service`` is not a core ``Service``.

- Argo Rollouts ``Rollout``: ``spec.template`` x ``spec.replicas`` (default 1); with
  ``spec.workloadRef``, the referenced Deployment's pod template x the Rollout's replicas (a
  Deployment that Argo scales down, ``scaleDown: onsuccess|progressively``, costs nothing of
  its own once the Rollout is healthy).
- Knative ``Service``: ``spec.template.spec`` x the ``autoscaling.knative.dev/min-scale``
  annotation (default 0: scales to zero).
- KServe ``InferenceService``: predictor, transformer and explainer, each ``minReplicas``
  (default 1) pods of its containers or of its model server's ``resources``; a multi-node
  ``workerSpec`` leaves it unpriced (the worker count depends on the ServingRuntime).
- KServe ``LLMInferenceService``: ``spec.template`` x ``spec.replicas``; with ``spec.worker``,
  a LeaderWorkerSet: ``replicas`` groups of ``parallelism`` size (data / dataLocal, else
  pipeline) pods, the leader from ``template``; the same for ``spec.prefill``.
- prometheus-operator ``Prometheus`` (replicas x shards), ``Alertmanager``, ``ThanosRuler``:
  ``spec.resources`` for the main container and ``spec.storage`` per pod.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PodReader = Callable[[dict[str, Any]], dict[str, Any]]  # a PodSpec -> the pod attributes

KSERVE_FRAMEWORKS = (
    "model",
    "sklearn",
    "xgboost",
    "lightgbm",
    "tensorflow",
    "pytorch",
    "triton",
    "onnx",
    "huggingface",
    "pmml",
    "paddle",
    "mlflow",
)
KNATIVE_MIN_SCALE = ("autoscaling.knative.dev/min-scale", "autoscaling.knative.dev/minScale")


def group_of(api_version: str) -> str:
    """``apps/v1`` -> ``apps``; ``v1`` -> ``""`` (the core group)."""
    return api_version.rsplit("/", 1)[0] if "/" in api_version else ""


def _map(v: object) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


INT32_MAX = 2**31 - 1  # replica counts are int32 in every Kubernetes API


class UnreadableCount(ValueError):
    """A count the manifest sets to something that is not a whole number (``"three"``, 2.5,
    a template left unrendered): the object is unpriced naming it, never counted as one."""


def _count(v: object, default: int | None, what: str) -> int | None:
    """A count as written (negative and huge ones included: ``_group`` refuses them);
    ``default`` when unset; ``what`` names the field when it is set to no whole number."""
    if v is None:
        return default
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)  # 3.0: the API server's integer validation takes it
    if isinstance(v, str):
        text = v.strip()
        # ASCII digits only: isdigit() also takes "²", which int() refuses (a crash, exit 3)
        if text.isascii() and text.isdigit():
            if len(text) <= 12:
                return int(text)
            raise UnreadableCount(
                f"{what} is a {len(text)}-digit number, not a count Kubernetes accepts "
                f"(0 to {INT32_MAX})"
            )
    shown = repr(v)[:40] if isinstance(v, (str, int, float)) else type(v).__name__
    raise UnreadableCount(f"{what} is {shown}, not a whole number; fix the manifest")


def bad_count(what: str, n: int | None) -> str | None:
    """Why ``n`` is not a count the API server accepts (None when it is, or is unset)."""
    if n is None or 0 <= n <= INT32_MAX:
        return None
    shown = str(n) if len(str(n)) <= 20 else f"{n:.3e}"
    return f"{what} {shown} is not a count Kubernetes accepts (0 to {INT32_MAX})"


def _group(name: str, pod: dict[str, Any], replicas: int | None, why: str) -> dict[str, Any]:
    problem = bad_count(f"{name}: {why}", replicas)
    if problem is not None:
        return {"name": name, "unpriced": problem}
    return {"name": name, "pod": pod, "replicas": replicas, "replicas_from": why, "claims": []}


def rollout(obj: dict[str, Any], pod: PodReader) -> list[dict[str, Any]]:
    spec = _map(obj.get("spec"))
    template = _map(spec.get("template"))
    replicas = _count(spec.get("replicas"), 1, "spec.replicas")
    if not template and spec.get("workloadRef"):
        # the pods are the referenced Deployment's template x the Rollout's replicas: the pod
        # is filled in by the tree-wide pass (``kubernetes.resolve_workload_refs``)
        ref = _map(spec.get("workloadRef"))
        group = _group("rollout", {}, replicas, "spec.replicas")
        if "unpriced" not in group:
            del group["pod"]
            group["workload_ref"] = {
                "kind": str(ref.get("kind") or "Deployment"),
                "name": str(ref.get("name") or ""),
                "scale_down": str(ref.get("scaleDown") or "never"),
            }
        return [group]
    return [_group("rollout", pod(_map(template.get("spec"))), replicas, "spec.replicas")]


def knative_service(obj: dict[str, Any], pod: PodReader) -> list[dict[str, Any]]:
    template = _map(_map(obj.get("spec")).get("template"))
    annotations = _map(_map(template.get("metadata")).get("annotations"))
    raw = next((annotations[k] for k in KNATIVE_MIN_SCALE if k in annotations), None)
    low = _count(raw, 0, "the min-scale annotation")
    replicas = low if low else None  # 0: scales to zero, the pod-hours depend on traffic
    group = _group("revision", pod(_map(template.get("spec"))), replicas, "min-scale")
    if replicas is None:
        group["replicas_unknown"] = "scales to zero (no min-scale)"
    return [group]


def inference_service(obj: dict[str, Any], pod: PodReader) -> list[dict[str, Any]]:
    spec = _map(obj.get("spec"))
    groups = []
    for name in ("predictor", "transformer", "explainer"):
        comp = _map(spec.get(name))
        if not comp:
            continue
        podspec = dict(comp)
        containers = comp.get("containers")
        model = next((k for k in KSERVE_FRAMEWORKS if isinstance(comp.get(k), dict)), None)
        if model is not None:
            server = {"name": "kserve-container", "resources": _map(comp[model]).get("resources")}
            podspec["containers"] = [server, *(containers if isinstance(containers, list) else [])]
        replicas = _count(comp.get("minReplicas"), 1, f"{name}.minReplicas")
        group = _group(name, pod(podspec), replicas or None, "minReplicas")
        if not replicas:
            group["replicas_unknown"] = "minReplicas 0: scales to zero"
        groups.append(group)
        worker = _map(comp.get("workerSpec"))
        if worker:
            # multi-node (Ray): KServe sizes the worker nodes from tensorParallelSize x
            # pipelineParallelSize GPUs and the GPUs of the ServingRuntime's worker container,
            # which this reader does not see: unknown, never left out of the total
            sizes = [
                _count(worker.get(k), 1, f"{name}.workerSpec.{k}")
                for k in ("tensorParallelSize", "pipelineParallelSize")
            ]
            total = "x".join(str(n) for n in sizes)
            why = (
                f"{name} workerSpec: multi-node workers for {total} GPUs (tensor x pipeline), "
                "sized by the ServingRuntime's worker GPUs; not priced here"
            )
            groups.append({"name": f"{name} workers", "unpriced": why})
    return groups


def llm_inference_service(obj: dict[str, Any], pod: PodReader) -> list[dict[str, Any]]:
    """Decode (``spec``) and prefill (``spec.prefill``), as KServe's controller deploys them:
    without ``worker``, one Deployment of ``template`` x ``replicas``; with ``worker``, a
    LeaderWorkerSet of ``replicas`` groups of ``lws_size`` pods each — the leader runs
    ``template`` (when given) and the others ``worker``."""
    spec = _map(obj.get("spec"))
    groups = []
    for prefix, part in (("decode", spec), ("prefill", _map(spec.get("prefill")))):
        template, worker = _map(part.get("template")), _map(part.get("worker"))
        if prefix == "prefill" and not template and not worker:
            continue
        replicas = _count(part.get("replicas"), 1, f"{prefix} replicas")
        if not worker:
            groups.append(_group(prefix, pod(template), replicas, "spec.replicas"))
            continue
        size, why = lws_size(_map(part.get("parallelism")))
        if size == 0:
            # KServe refuses a worker without data or pipeline parallelism (it may come from a
            # baseRefs config this reader cannot see): how many pods run is not known
            groups.append({"name": f"{prefix} worker", "unpriced": why})
            continue
        workers = size - 1 if template else size
        if template:
            groups.append(_group(prefix, pod(template), replicas, "spec.replicas (leaders)"))
        per_group = None if replicas is None else replicas * workers
        if per_group is None or per_group > 0:
            groups.append(
                _group(f"{prefix} worker", pod(worker), per_group, f"spec.replicas x {why}")
            )
    return groups


def lws_size(parallelism: dict[str, Any]) -> tuple[int, str]:
    """Pods per LeaderWorkerSet group, leader included, as KServe's ParallelismSpec.GetSize:
    data parallel: data / dataLocal (at least 1); else pipeline; else 0 (not known: KServe
    requires one of them when a worker is given)."""
    data, local = (
        _count(parallelism.get("data"), 0, "parallelism.data") or 0,
        _count(parallelism.get("dataLocal"), 0, "parallelism.dataLocal") or 0,
    )
    pipeline = _count(parallelism.get("pipeline"), 0, "parallelism.pipeline") or 0
    if data > 0 or local > 0:
        size = max(max(data, 1) // max(local, 1), 1)
        return (
            size,
            f"{size} pods per group (parallelism.data {data or 1} / dataLocal {local or 1})",
        )
    if pipeline > 0:
        return pipeline, f"{pipeline} pods per group (parallelism.pipeline)"
    return 0, "a worker needs parallelism.data or parallelism.pipeline to say how many pods run"


def _operator_pods(obj: dict[str, Any], pod: PodReader, main: str) -> list[dict[str, Any]]:
    spec = _map(obj.get("spec"))
    replicas = _count(spec.get("replicas"), 1, "spec.replicas")
    shards = _count(spec.get("shards"), 1, "spec.shards") if main == "prometheus" else 1
    podspec = {
        "containers": [{"name": main, "resources": spec.get("resources")}],
        "nodeSelector": spec.get("nodeSelector"),
        "affinity": spec.get("affinity"),
    }
    for what, n in (("replicas", replicas), ("shards", shards)):
        problem = bad_count(f"{main}: {what}", n)
        if problem is not None:
            return [{"name": main, "unpriced": problem}]
    pods = None if replicas is None or shards is None else replicas * shards
    group = _group(main, pod(podspec), pods, "replicas x shards" if shards != 1 else "replicas")
    claim = _map(_map(_map(spec.get("storage")).get("volumeClaimTemplate")).get("spec"))
    if claim:
        requests = _map(_map(claim.get("resources")).get("requests"))
        group["claims"] = [
            {
                "name": "storage",
                "storage_class": claim.get("storageClassName"),
                "size": str(requests["storage"]) if "storage" in requests else None,
            }
        ]
    return [group]


def prometheus(obj: dict[str, Any], pod: PodReader) -> list[dict[str, Any]]:
    return _operator_pods(obj, pod, "prometheus")


def alertmanager(obj: dict[str, Any], pod: PodReader) -> list[dict[str, Any]]:
    return _operator_pods(obj, pod, "alertmanager")


def thanos_ruler(obj: dict[str, Any], pod: PodReader) -> list[dict[str, Any]]:
    return _operator_pods(obj, pod, "thanos-ruler")


READERS: dict[tuple[str, str], Callable[[dict[str, Any], PodReader], list[dict[str, Any]]]] = {
    ("argoproj.io", "Rollout"): rollout,
    ("monitoring.coreos.com", "Alertmanager"): alertmanager,
    ("monitoring.coreos.com", "Prometheus"): prometheus,
    ("monitoring.coreos.com", "ThanosRuler"): thanos_ruler,
    ("serving.knative.dev", "Service"): knative_service,
    ("serving.kserve.io", "InferenceService"): inference_service,
    ("serving.kserve.io", "LLMInferenceService"): llm_inference_service,
}

# Kinds with no namespace: addressed <Kind>/<name>
CLUSTER_SCOPED = frozenset(
    {
        "APIService",
        "CSIDriver",
        "CSINode",
        "CertificateSigningRequest",
        "ClusterIssuer",
        "ClusterPolicy",
        "ClusterRole",
        "ClusterRoleBinding",
        "ClusterSecretStore",
        "ClusterServingRuntime",
        "CustomResourceDefinition",
        "EC2NodeClass",
        "FlowSchema",
        "GatewayClass",
        "IngressClass",
        "MutatingWebhookConfiguration",
        "Namespace",
        "Node",
        "NodePool",
        "PersistentVolume",
        "PriorityClass",
        "PriorityLevelConfiguration",
        "RuntimeClass",
        "StorageClass",
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding",
        "ValidatingWebhookConfiguration",
        "VolumeAttachment",
        "VolumeSnapshotClass",
    }
)
