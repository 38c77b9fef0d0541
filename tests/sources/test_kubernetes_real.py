"""Kubernetes as clusters run it: pod-creating custom resources, GPUs by accelerator, cluster
scope, generateName, JSON manifests, and files that must not stop the gate."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.config import Settings
from finops_gate.estimate.kubernetes import price_side
from finops_gate.model import Resource, Status
from finops_gate.sources import kubernetes
from finops_gate.sources.tree import Tree
from tests.sides import check_sides

FIXTURES = Path(__file__).parents[1] / "fixtures" / "k8s"


def _tree(tmp_path: Path, *names: str) -> dict[str, Resource]:
    for name in names:
        shutil.copy(FIXTURES / name, tmp_path / name)
    return {r.address: r for r in kubernetes.load(Tree(tmp_path), Settings())}


def _check(base: Path, head: Path, *extra: str) -> Any:
    return CliRunner().invoke(
        main, ["check", "--base", str(base), "--head", str(head), "--format", "json", *extra]
    )


def _sides(tmp_path: Path) -> tuple[Path, Path]:
    base, head = tmp_path / "base", tmp_path / "head"
    for side in (base, head):
        (side / "k8s").mkdir(parents=True)
        for f in FIXTURES.glob("*.yaml"):
            shutil.copy(f, side / "k8s" / f.name)
    return base, head


def test_kube_prometheus_crd_with_an_equals_enum_reads_as_the_string(tmp_path: Path) -> None:
    res = _tree(tmp_path, "crd-prometheusrules.yaml")
    crd = res["CustomResourceDefinition/alertmanagerconfigs.monitoring.coreos.com"]
    assert price_side(crd, Settings()).status is Status.FREE


def test_doubling_the_gpus_of_kserve_services_is_priced_by_accelerator(tmp_path: Path) -> None:
    base, head = _sides(tmp_path)
    text = (head / "k8s" / "inference.yaml").read_text()
    (head / "k8s" / "inference.yaml").write_text(text.replace('gpu: "1"', 'gpu: "2"'))
    doc = json.loads(_check(base, head).output)
    rows = {r["address"]: r for r in doc["resources"] if r["action"] == "update"}
    assert set(rows) == {"InferenceService/ml/llama3-8b", "InferenceService/ml/reranker"}
    h100 = Decimal(rows["InferenceService/ml/reranker"]["monthly_delta"])
    l4 = Decimal(rows["InferenceService/ml/llama3-8b"]["monthly_delta"])
    # one more H100 for one pod, one more L4 for each of two pods: never one rate for both
    assert h100 > 3 * l4 > 0
    assert doc["verdict"] != "pass" or Decimal(doc["totals"]["monthly_delta"]) > 4000


def test_each_pod_creating_custom_resource_is_priced_from_its_pods(tmp_path: Path) -> None:
    res = _tree(tmp_path, "platform.yaml", "inference.yaml")
    settings = Settings()
    rollout = price_side(res["Rollout/shop/checkout"], settings)
    assert rollout.status is Status.PRICED and rollout.quantities["vCPU"] == "2.5"
    knative = price_side(res["Service.serving.knative.dev/shop/hello"], settings)
    assert knative.status is Status.PRICED and knative.quantities["vCPU"] == "2"
    prom = price_side(res["Prometheus/monitoring/k8s"], settings)
    assert prom.status is Status.PRICED
    assert prom.quantities == {"vCPU": "8", "GiB": "32", "storage GiB": "400"}
    llm = price_side(res["LLMInferenceService/ml/qwen-72b"], settings)
    assert llm.status is Status.PRICED and llm.quantities["GPU"] == "8"  # leader + worker
    assert any("A100" in line.name for line in llm.lines)


def test_dispatch_is_on_api_group_and_kind_so_a_core_service_stays_free(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "platform.yaml", tmp_path / "platform.yaml")
    found = kubernetes.load(Tree(tmp_path), Settings())
    services = [r for r in found if r.kind in ("Service", "Service.serving.knative.dev")]
    assert len(services) == 2
    by_api = {r.attributes["api_version"]: price_side(r, Settings()) for r in services}
    assert by_api["v1"].status is Status.FREE
    assert by_api["serving.knative.dev/v1"].status is Status.PRICED
    assert {r.address for r in services} == {
        "Service/shop/hello",
        "Service.serving.knative.dev/shop/hello",
    }


def test_unknown_custom_kinds_are_unsupported_and_config_crs_free(tmp_path: Path) -> None:
    res = _tree(tmp_path, "platform.yaml")
    queue = price_side(res["GpuJobQueue/ml/nightly"], Settings())
    assert queue.status is Status.UNSUPPORTED and queue.monthly is None
    assert "example.com/v1" in (queue.reason or "")
    monitor = price_side(res["ServiceMonitor/monitoring/checkout"], Settings())
    assert monitor.status is Status.FREE


def test_cluster_scoped_objects_have_no_namespace_and_generate_name_is_kept(
    tmp_path: Path,
) -> None:
    res = _tree(tmp_path, "platform.yaml")
    assert "ClusterRole/reader" in res
    assert "Job/shop/db-migrate-*" in res


def test_an_unknown_accelerator_is_unpriced_with_the_reason_not_the_generic_rate(
    tmp_path: Path,
) -> None:
    text = (FIXTURES / "inference.yaml").read_text().replace("nvidia-l4", "nvidia-tesla-p100")
    (tmp_path / "i.yaml").write_text(text)
    res = {r.address: r for r in kubernetes.load(Tree(tmp_path), Settings())}
    side = price_side(res["InferenceService/ml/llama3-8b"], Settings())
    assert side.status is Status.UNPRICED and "nvidia-tesla-p100" in (side.reason or "")


def test_knative_scale_to_zero_depends_on_usage_and_a_replica_count_prices_it(
    tmp_path: Path,
) -> None:
    text = (FIXTURES / "platform.yaml").read_text().replace('min-scale: "2"', 'min-scale: "0"')
    (tmp_path / "p.yaml").write_text(text)
    found = kubernetes.load(Tree(tmp_path), Settings())
    (svc,) = [r for r in found if r.attributes.get("api_version") == "serving.knative.dev/v1"]
    side = price_side(svc, Settings())
    assert side.monthly is None and "scales to zero" in (side.reason or "")
    usage = {"workloads": {svc.address: {"replicas": 3}}}
    settings = Settings(raw={"version": 1, "usage": {"kubernetes": usage}})
    assert price_side(svc, settings).quantities["vCPU"] == "3"


def test_json_manifests_are_read_like_yaml(tmp_path: Path) -> None:
    deploy = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "api", "namespace": "shop"},
        "spec": {
            "replicas": 3,
            "template": {
                "spec": {
                    "containers": [
                        {"name": "a", "resources": {"requests": {"cpu": "1", "memory": "1Gi"}}}
                    ]
                }
            },
        },
    }
    (tmp_path / "api.json").write_text(json.dumps(deploy))
    (tmp_path / "tsconfig.json").write_text('{"compilerOptions": {} // comment\n}')
    (res,) = kubernetes.load(Tree(tmp_path), Settings())
    assert res.address == "Deployment/shop/api" and res.attributes["replicas"] == 3


def test_an_unparseable_file_unchanged_on_both_sides_is_a_note_not_exit_2(tmp_path: Path) -> None:
    base, head = _sides(tmp_path)
    bad = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ .name }}}\n"
    for side in (base, head):
        (side / "k8s" / "broken.yaml").write_text(bad)
    text = (head / "k8s" / "platform.yaml").read_text()
    (head / "k8s" / "platform.yaml").write_text(text.replace("replicas: 5", "replicas: 6"))
    result = _check(base, head)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    # unchanged, so not even read (the scope note says so); if read, it is said unchanged
    assert all("unchanged" in n for n in doc["notes"] if "k8s/broken.yaml" in n)
    assert any("not read nor priced again" in n for n in doc["notes"])
    (changed,) = [r for r in doc["resources"] if r["action"] == "update"]
    assert changed["address"] == "Rollout/shop/checkout"


def test_a_changed_doc_template_is_a_note_but_a_changed_manifest_is_exit_2(tmp_path: Path) -> None:
    base, head = _sides(tmp_path)
    (head / "docs").mkdir()
    (head / "docs" / "example.yaml").write_text(
        "# apiVersion and kind go here\n{name}: {value}\n  kind: [\n"
    )
    result = _check(base, head)
    assert result.exit_code == 0, result.output
    assert any("docs/example.yaml" in n for n in json.loads(result.output)["notes"])
    (head / "k8s" / "platform.yaml").write_text(
        (head / "k8s" / "platform.yaml").read_text().replace("replicas: 5", "replicas: [5")
    )
    result = _check(base, head)
    assert result.exit_code == 2 and "k8s/platform.yaml" in result.output


def test_exclude_globs_leave_files_out_of_the_kubernetes_source(tmp_path: Path) -> None:
    base, head = _sides(tmp_path)
    (head / "k8s" / "platform.yaml").write_text("apiVersion: v1\nkind: [\n")
    cfg = "version: 1\nsources:\n  kubernetes:\n    exclude: ['k8s/platform.yaml']\n"
    for side in (base, head):
        (side / ".finops-gate.yml").write_text(cfg)
    result = _check(base, head)
    assert result.exit_code == 0, result.output
    addresses = {r["address"] for r in json.loads(result.output)["resources"]}
    assert not any(a.startswith("Rollout/") for a in addresses)


@pytest.mark.parametrize(
    ("label", "value", "accelerator"),
    [
        ("cloud.google.com/gke-accelerator", "nvidia-tesla-t4", "T4"),
        ("cloud.google.com/gke-accelerator", "nvidia-h100-80gb", "H100"),
        ("cloud.google.com/gke-accelerator", "nvidia-a100-80gb", "A100-80GB"),
        ("nvidia.com/gpu.product", "NVIDIA-A10G", "A10G"),
        ("nvidia.com/gpu.product", "Tesla-T4", "T4"),
        ("karpenter.k8s.aws/instance-gpu-name", "l40s", "L40S"),
        ("node.kubernetes.io/instance-type", "g6.12xlarge", "L4"),
        ("karpenter.k8s.aws/instance-family", "p5", "H100"),
        ("cloud.google.com/gke-accelerator", "nvidia-tesla-p100", None),
    ],
)
def test_accelerator_names_from_node_labels(
    label: str, value: str, accelerator: str | None
) -> None:
    from finops_gate.estimate.k8s_gpu import accelerator as named

    assert named(label, value) == accelerator


# fluxcd/flux2-kustomize-helm-example's shape: sources and a Gateway API class configure
# controllers already running; a HelmRelease, a Flux Kustomization and a Gateway deploy
# something this check does not read
FLUX = """apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata: {name: podinfo, namespace: podinfo}
spec: {interval: 24h, url: "https://stefanprodan.github.io/podinfo"}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata: {name: cert-manager, namespace: cert-manager}
spec: {interval: 24h, url: "oci://quay.io/jetstack/charts/cert-manager"}
---
apiVersion: source.extensions.fluxcd.io/v1beta1
kind: ArtifactGenerator
metadata: {name: flux-system, namespace: flux-system}
spec: {sources: []}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: envoy}
spec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: podinfo, namespace: podinfo}
spec: {parentRefs: [{name: envoy}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: envoy, namespace: envoy-gateway-system}
spec: {gatewayClassName: envoy, listeners: [{name: http, port: 80, protocol: HTTP}]}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: podinfo, namespace: podinfo}
spec: {chart: {spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: podinfo}}}}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, namespace: flux-system}
spec: {path: ./apps/production, sourceRef: {kind: GitRepository, name: flux-system}}
"""


def test_flux_sources_and_gateway_routes_are_free_what_they_deploy_is_not(tmp_path: Path) -> None:
    (tmp_path / "flux.yaml").write_text(FLUX)
    found = {r.address: r for r in kubernetes.load(Tree(tmp_path), Settings())}
    statuses = {a: price_side(r, Settings()).status for a, r in found.items()}
    assert statuses == {
        "HelmRepository/podinfo/podinfo": Status.FREE,
        "OCIRepository/cert-manager/cert-manager": Status.FREE,
        "ArtifactGenerator/flux-system/flux-system": Status.FREE,
        "GatewayClass/envoy": Status.FREE,
        "HTTPRoute/podinfo/podinfo": Status.FREE,
        "Gateway/envoy-gateway-system/envoy": Status.UNSUPPORTED,
        "HelmRelease/podinfo/podinfo": Status.UNSUPPORTED,
        "Kustomization/flux-system/apps": Status.UNSUPPORTED,
    }


JSONNET_APP = (
    '{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" },\n'
    "  spec: { replicas: REPLICAS, template: { spec: { containers: [\n"
    '    { name: "c", image: "x", resources: { requests: { cpu: "1" } } } ] } } } }\n'
)


def test_a_change_to_jsonnet_that_builds_objects_is_a_changed_row_not_no_changes(
    tmp_path: Path,
) -> None:
    """An Argo CD directory app in Jsonnet is not evaluated: its change is unknown (warn)."""
    base, head = tmp_path / "base", tmp_path / "head"
    for side, replicas in ((base, "2"), (head, "200")):
        (side / "apps" / "web").mkdir(parents=True)
        (side / "apps" / "web" / "main.jsonnet").write_text(
            JSONNET_APP.replace("REPLICAS", replicas)
        )
        (side / "apps" / "web" / "lib.libsonnet").write_text("{ cpu: '1' }\n")
        (side / "dashboards").mkdir()  # a Grafana dashboard names no apiVersion: not a source
        (side / "dashboards" / "d.jsonnet").write_text(f"{{ title: 'd', panels: {replicas} }}\n")
        (side / "web.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    result = _check(base, head)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    (row,) = [r for r in doc["resources"] if r["action"] != "no-op"]
    assert (row["address"], row["action"], row["status"]) == (
        "Jsonnet/apps/web",
        "update",
        "unsupported",
    )
    assert doc["verdict"] == "warn"
    assert "kubernetes.not_rendered" in {f["policy"] for f in doc["findings"]}
    # the same Jsonnet on both sides is no change
    (head / "apps" / "web" / "main.jsonnet").write_text(JSONNET_APP.replace("REPLICAS", "2"))
    doc = json.loads(_check(base, head).output)
    assert all(r["action"] == "no-op" for r in doc["resources"])


JSONNET_TREE = {
    "apps/web/main.jsonnet": JSONNET_APP.replace(
        "REPLICAS", '(import "shared.libsonnet").replicas, note: importstr "../../conf/c.txt"'
    ),
    "apps/web/lib.libsonnet": "{ cpu: '1' }\n",
    "vendor/lib/shared.libsonnet": "{ replicas: 2 }\n",
    "conf/c.txt": "a\n",
    "conf/other.txt": "b\n",
}


@pytest.mark.parametrize(
    ("rel", "text", "changed"),
    [
        ("apps/web/lib.libsonnet", "{ cpu: '8' }\n", True),  # beside the app
        ("vendor/lib/shared.libsonnet", "{ replicas: 200 }\n", True),  # through a library path
        ("conf/c.txt", "z\n", True),  # importstr
        ("conf/other.txt", "z\n", False),  # imported by nothing
    ],
)
def test_a_change_to_a_file_a_jsonnet_app_imports_changes_its_row(
    tmp_path: Path, rel: str, text: str, changed: bool
) -> None:
    """Only the library changed: the app's own files are the same, its objects may not be."""
    doc = check_sides(tmp_path, JSONNET_TREE, {**JSONNET_TREE, rel: text})
    rows = [(r["address"], r["action"]) for r in doc["resources"] if r["action"] != "no-op"]
    assert rows == ([("Jsonnet/apps/web", "update")] if changed else [])
    assert doc["verdict"] == ("warn" if changed else "pass")


@pytest.mark.parametrize("rel", ["apps/web/main.jsonnet", "vendor/lib/shared.libsonnet"])
def test_jsonnet_unreadable_in_the_head_fails_closed_and_in_the_base_warns(
    tmp_path: Path, rel: str
) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    for side in (base, head):
        for name, text in JSONNET_TREE.items():
            (side / name).parent.mkdir(parents=True, exist_ok=True)
            (side / name).write_text(text)
    (head / rel).write_bytes(b"\xff{ replicas: 200 }\n")
    result = _check(base, head)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert rel in line
    (head / rel).write_text(JSONNET_TREE[rel])
    (base / rel).write_bytes(b"\xff{ replicas: 2 }\n")
    result = _check(base, head)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["verdict"] == "warn"
    assert [r["address"] for r in doc["resources"] if r["action"] != "no-op"] == [
        "Jsonnet/apps/web"
    ]


LIMIT_RANGE = """apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
  - type: Container
    default: {cpu: %s, memory: %s}
"""
WORKER = """apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, namespace: shop}
spec:
  replicas: 3
  template:
    spec:
      containers:
      - {name: w, image: w:1}
      - {name: s, image: s:1, resources: {limits: {cpu: 250m}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: elsewhere, namespace: other}
spec:
  template:
    spec:
      containers:
      - {name: e, image: e:1}
"""


def test_a_limit_range_gives_containers_without_requests_its_defaults(tmp_path: Path) -> None:
    # a LimitRange's default (limits, and requests when it has no defaultRequest) is what the
    # cluster gives a container that sets none: priced as 100m/128Mi it was 1/20 of the cost
    base, head = tmp_path / "base", tmp_path / "head"
    for side, (cpu, memory) in ((base, ("500m", "512Mi")), (head, ('"2"', "4Gi"))):
        (side / "platform").mkdir(parents=True)
        (side / "apps").mkdir()
        (side / "platform" / "limits.yaml").write_text(LIMIT_RANGE % (cpu, memory))
        (side / "apps" / "worker.yaml").write_text(WORKER)
    doc = json.loads(_check(base, head).output)  # only the LimitRange's file changed
    rows = {r["address"]: r for r in doc["resources"]}
    worker = rows["Deployment/shop/worker"]
    assert worker["action"] == "update"
    # per pod: w gets the default (0.5 -> 2 cpu, 0.5 -> 4 GiB); s keeps its own 250m limit as
    # its cpu request and gets the default memory
    assert (worker["quantities_before"]["vCPU"], worker["quantities_after"]["vCPU"]) == (
        "2.25",
        "6.75",
    )
    assert (worker["quantities_before"]["GiB"], worker["quantities_after"]["GiB"]) == ("3", "24")
    # another namespace: not its defaults
    assert rows["Deployment/other/elsewhere"]["monthly_delta"] in (None, "0")
    assumed = [a for a in doc["assumptions"] if a["subject"] == "Deployment/shop/worker"]
    assert {(a["key"], a["value"], a["origin"]) for a in assumed} == {
        ("requests left out", "cpu 2, memory 4Gi", "LimitRange/shop/defaults"),
        ("requests left out", "cpu 500m, memory 512Mi", "LimitRange/shop/defaults"),
    }
    assert not any(
        f["policy"] == "kubernetes.missing_requests" and "shop/worker" in f["message"]
        for f in doc["findings"]
    )


def test_a_jsonnet_app_with_more_imports_than_the_bound_still_changes_with_its_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the bound on import strings, a row covers every Jsonnet file: a pull request that
    writes more imports than that cannot hide a library's change behind them."""
    from finops_gate.sources import scope

    monkeypatch.setattr(scope, "_MAX_IMPORTS", 10)
    filler = "".join(f'local n{i} = import "none{i}.libsonnet";\n' for i in range(11))
    app = filler + JSONNET_TREE["apps/web/main.jsonnet"]
    tree = {**JSONNET_TREE, "apps/web/main.jsonnet": app}
    doc = check_sides(tmp_path, tree, {**tree, "vendor/lib/shared.libsonnet": "{ replicas: 9 }\n"})
    rows = [(r["address"], r["action"]) for r in doc["resources"] if r["action"] != "no-op"]
    assert rows == [("Jsonnet/apps/web", "update")]
