"""Kubernetes manifests -> Resources: documents, addresses, labels, bounds, rendering."""

from __future__ import annotations

import re
import shutil
import textwrap
import time
from pathlib import Path

import pytest

from finops_gate.config import Settings
from finops_gate.sources import kubernetes
from finops_gate.sources.tree import Tree


def _load(tmp_path: Path, files: dict[str, str], settings: Settings | None = None) -> dict:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    resources = kubernetes.load(Tree(tmp_path), settings or Settings())
    return {r.address: r for r in resources}


DEPLOY = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, labels: {finops/team: on-the-deployment}}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: web, finops/service: web}}
    spec:
      containers:
        - name: web
          resources: {requests: {cpu: 250m, memory: 512Mi}}
"""


def test_multi_document_file_gives_one_resource_per_object_and_skips_empty_documents(
    tmp_path: Path,
) -> None:
    text = DEPLOY + "---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n"
    got = _load(tmp_path, {"k8s/app.yaml": text})
    assert sorted(got) == ["ConfigMap/default/cfg", "Deployment/shop/web"]


def test_address_defaults_the_namespace_and_keeps_file_and_line(tmp_path: Path) -> None:
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n" + DEPLOY
    got = _load(tmp_path, {"app.yaml": text})
    assert got["ConfigMap/default/a"].line == 1
    web = got["Deployment/shop/web"]
    assert (web.file, web.line) == ("app.yaml", 6)


def test_kind_list_is_flattened_with_the_line_of_each_item(tmp_path: Path) -> None:
    text = """
    apiVersion: v1
    kind: List
    items:
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: one}
      - apiVersion: v1
        kind: Secret
        metadata: {name: two}
    """
    got = _load(tmp_path, {"list.yaml": text})
    assert got["ConfigMap/default/one"].line == 5
    assert got["Secret/default/two"].line == 8


def test_yaml_without_api_version_and_kind_is_not_a_manifest(tmp_path: Path) -> None:
    got = _load(tmp_path, {"config/app.yaml": "model: gpt-4o\nkind: chat\n", "a.yaml": DEPLOY})
    assert list(got) == ["Deployment/shop/web"]


def test_configured_paths_limit_which_files_are_read(tmp_path: Path) -> None:
    settings = Settings(raw={"version": 1, "sources": {"kubernetes": {"paths": ["k8s/**/*.yaml"]}}})
    got = _load(tmp_path, {"k8s/prod/a.yaml": DEPLOY, "other/b.yaml": DEPLOY}, settings)
    assert [r.file for r in got.values()] == ["k8s/prod/a.yaml"]


def test_workload_tags_are_pod_template_labels_merged_over_the_namespace_labels(
    tmp_path: Path,
) -> None:
    ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {finops/team: shop}}\n"
    got = _load(tmp_path, {"ns.yaml": ns, "app.yaml": DEPLOY})
    assert got["Deployment/shop/web"].tags == {
        "finops/team": "shop",
        "app": "web",
        "finops/service": "web",
    }


def test_a_label_on_the_deployment_object_alone_does_not_count(tmp_path: Path) -> None:
    got = _load(tmp_path, {"app.yaml": DEPLOY})
    assert "finops/team" not in (got["Deployment/shop/web"].tags or {})


def test_pvc_and_load_balancer_service_carry_their_own_labels_and_a_configmap_none(
    tmp_path: Path,
) -> None:
    text = """
    apiVersion: v1
    kind: PersistentVolumeClaim
    metadata: {name: data, labels: {finops/team: db}}
    spec: {storageClassName: gp3, resources: {requests: {storage: 10Gi}}}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: lb, labels: {finops/team: edge}}
    spec: {type: LoadBalancer}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: internal, labels: {finops/team: edge}}
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: c, labels: {finops/team: x}}
    """
    got = _load(tmp_path, {"a.yaml": text})
    assert got["PersistentVolumeClaim/default/data"].tags == {"finops/team": "db"}
    assert got["PersistentVolumeClaim/default/data"].attributes["size"] == "10Gi"
    assert got["Service/default/lb"].tags == {"finops/team": "edge"}
    assert got["Service/default/internal"].tags is None
    assert got["ConfigMap/default/c"].tags is None


def test_hpa_range_is_attached_to_its_target_workload(tmp_path: Path) -> None:
    hpa = """
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: web, namespace: shop}
    spec: {scaleTargetRef: {kind: Deployment, name: web}, minReplicas: 2, maxReplicas: 9}
    """
    got = _load(tmp_path, {"a.yaml": DEPLOY, "hpa.yaml": hpa})
    assert got["Deployment/shop/web"].attributes["hpa"] == [2, 9]


@pytest.mark.parametrize(
    ("bounds", "why"),
    [
        ('minReplicas: "3", maxReplicas: 9', "minReplicas '3' is not a count"),
        ("minReplicas: 2.5, maxReplicas: 9", "minReplicas '2.5' is not a count"),
        ("minReplicas: -1, maxReplicas: 9", "minReplicas -1 is not a count Kubernetes accepts"),
        ('minReplicas: 2, maxReplicas: "{{ .Values.max }}"', "maxReplicas '{{ .Values.max }}'"),
        ("minReplicas: 2", "maxReplicas unset (the API server requires it)"),
    ],
)
def test_an_hpa_count_the_api_server_refuses_leaves_its_target_unpriced_naming_it(
    tmp_path: Path, bounds: str, why: str
) -> None:
    # read as 1 replica before: a silent default under an HPA that cannot be applied
    hpa = f"""
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {{name: web-hpa, namespace: shop}}
    spec: {{scaleTargetRef: {{kind: Deployment, name: web}}, {bounds}}}
    """
    got = _load(tmp_path, {"a.yaml": DEPLOY, "hpa.yaml": hpa})
    (problem,) = got["Deployment/shop/web"].attributes["invalid"]
    assert problem.startswith("HorizontalPodAutoscaler/shop/web-hpa: ")
    assert why in problem


def test_init_sidecar_is_marked_by_restart_policy_always(tmp_path: Path) -> None:
    text = """
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      initContainers:
        - {name: setup}
        - {name: proxy, restartPolicy: Always, resources: {requests: {cpu: 100m}}}
      containers: [{name: app}]
    """
    pod = _load(tmp_path, {"p.yaml": text})["Pod/default/p"].attributes["pod"]
    assert [c["sidecar"] for c in pod["init"]] == [False, True]
    assert pod["init"][1]["requests"] == {"cpu": "100m"}


def test_unknown_kinds_and_odd_shapes_never_abort(tmp_path: Path) -> None:
    text = """
    apiVersion: example.com/v1
    kind: Widget
    metadata: {name: w}
    spec: [1, 2, 3]
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: odd}
    spec: {replicas: many, template: [not, a, mapping]}
    ---
    - just a list
    """
    got = _load(tmp_path, {"a.yaml": text})
    assert got["Widget/default/w"].kind == "Widget"
    assert got["Deployment/default/odd"].attributes["replicas"] == 1


def _refused(tmp_path: Path, files: dict[str, str]) -> str:
    """Load ``files``; the one file the source could not parse, as the tree recorded it (the
    check decides from both sides whether that is an error or a note)."""
    for rel, text in files.items():
        (tmp_path / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    tree = Tree(tmp_path)
    kubernetes.load(tree, Settings())
    (entry,) = tree.unreadable.values()
    assert "\n" not in entry.reason
    return f"{entry.rel}: {entry.reason}"


def test_unparseable_manifest_is_recorded_naming_file_and_line(tmp_path: Path) -> None:
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n"
    assert re.match(r"^bad\.yaml: line \d+: not valid YAML", _refused(tmp_path, {"bad.yaml": text}))


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["apiVersion: v1", "kind: ConfigMap", "metadata: {name: bomb}", 'a0: &a0 ["x","x"]']
    for i in range(1, 40):
        lines.append(f"a{i}: &a{i} [*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1}]")
    start = time.monotonic()
    assert "alias bomb" in _refused(tmp_path, {"bomb.yaml": "\n".join(lines) + "\n"})
    assert time.monotonic() - start < 5


def test_deeply_nested_document_is_refused_without_crashing(tmp_path: Path) -> None:
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + "[" * 200_000
    text += "]" * 200_000 + "\n"
    # Behaviour, not wording: our depth guard or libyaml's own limit may stop it first; either
    # way the input is refused with one line that names the file.
    assert _refused(tmp_path, {"deep.yaml": text}).startswith("deep.yaml")


def test_unchanged_files_are_parsed_once_across_base_and_head(tmp_path: Path) -> None:
    first = _load(tmp_path, {"a.yaml": DEPLOY})
    second = kubernetes.load(Tree(tmp_path), Settings())
    assert first["Deployment/shop/web"] == second[0]


def test_helm_chart_without_helm_installed_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    files = {
        "charts/api/Chart.yaml": "apiVersion: v2\nname: api\nversion: 0.1.0\n",
        "charts/api/templates/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\n{{ x }}\n",
    }
    got = _load(tmp_path, files)
    assert list(got) == ["HelmChart/charts/api"]
    assert got["HelmChart/charts/api"].attributes["not_rendered"] == "helm is not installed"


KUSTOMIZE = shutil.which("kustomize") or shutil.which("kubectl")


@pytest.mark.skipif(KUSTOMIZE is None, reason="neither kustomize nor kubectl is installed")
def test_kustomize_overlay_is_rendered_and_its_base_is_not_read_twice(tmp_path: Path) -> None:
    files = {
        "deploy/base/kustomization.yaml": "resources: [deployment.yaml]\n",
        "deploy/base/deployment.yaml": DEPLOY,
        "deploy/prod/kustomization.yaml": (
            "resources: [../base]\nnamespace: prod\nreplicas: [{name: web, count: 5}]\n"
        ),
    }
    got = _load(tmp_path, files)
    assert list(got) == ["Deployment/prod/web"]
    assert got["Deployment/prod/web"].attributes["replicas"] == 5
    assert got["Deployment/prod/web"].file == "deploy/prod (rendered)"


@pytest.mark.skipif(shutil.which("helm") is None, reason="helm is not installed")
def test_helm_chart_is_rendered_with_helm_template(tmp_path: Path) -> None:
    files = {
        "charts/api/Chart.yaml": "apiVersion: v2\nname: api\nversion: 0.1.0\n",
        "charts/api/values.yaml": "replicas: 4\n",
        "charts/api/templates/deploy.yaml": DEPLOY.replace(
            "replicas: 3", "replicas: {{ .Values.replicas }}"
        ),
    }
    got = _load(tmp_path, files)
    assert got["Deployment/shop/web"].attributes["replicas"] == 4


def test_remote_kustomize_base_is_not_fetched(tmp_path: Path) -> None:
    if KUSTOMIZE is None:
        pytest.skip("neither kustomize nor kubectl is installed")
    files = {"k/kustomization.yaml": "resources:\n  - https://github.com/acme/base?ref=v1\n"}
    got = _load(tmp_path, files)
    assert "not fetched" in got["Kustomization/k"].attributes["not_rendered"]


def test_configured_paths_also_limit_which_charts_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    settings = Settings(raw={"version": 1, "sources": {"kubernetes": {"paths": ["k8s/**"]}}})
    files = {
        "k8s/charts/api/Chart.yaml": "apiVersion: v2\nname: api\nversion: 0.1.0\n",
        "vendor-charts/other/Chart.yaml": "apiVersion: v2\nname: other\nversion: 0.1.0\n",
    }
    assert list(_load(tmp_path, files, settings)) == ["HelmChart/k8s/charts/api"]


def test_an_object_defined_in_two_files_keeps_both_copies_named_by_file(tmp_path: Path) -> None:
    got = _load(tmp_path, {"k8s/dev/web.yaml": DEPLOY, "k8s/prod/web.yaml": DEPLOY})
    assert sorted(got) == [
        "Deployment/shop/web#k8s/dev/web.yaml",
        "Deployment/shop/web#k8s/prod/web.yaml",
    ]


def test_an_integer_too_long_to_convert_is_an_input_error(tmp_path: Path) -> None:
    text = "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {n: " + "9" * 5000 + "}\n"
    assert _refused(tmp_path, {"big.yaml": text}).startswith("big.yaml: a value cannot be read")


def test_ingress_class_comes_from_the_spec_or_the_legacy_annotation(tmp_path: Path) -> None:
    text = """
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: a}
    spec: {ingressClassName: alb}
    ---
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: b, annotations: {kubernetes.io/ingress.class: gce}}
    """
    got = _load(tmp_path, {"ing.yaml": text})
    assert got["Ingress/default/a"].attributes["ingress_class"] == "alb"
    assert got["Ingress/default/b"].attributes["ingress_class"] == "gce"


def test_statefulset_claim_templates_and_cronjob_schedule_are_read(tmp_path: Path) -> None:
    text = """
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db}
    spec:
      replicas: 3
      template: {spec: {containers: [{name: pg}]}}
      volumeClaimTemplates:
        - metadata: {name: data}
          spec: {storageClassName: gp3, resources: {requests: {storage: 100Gi}}}
    ---
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: nightly}
    spec:
      schedule: "0 2 * * *"
      timeZone: Europe/Berlin
      suspend: true
      jobTemplate: {spec: {completions: 2, template: {spec: {containers: [{name: job}]}}}}
    """
    got = _load(tmp_path, {"a.yaml": text})
    assert got["StatefulSet/default/db"].attributes["claims"] == [
        {"name": "data", "storage_class": "gp3", "size": "100Gi"}
    ]
    cron = got["CronJob/default/nightly"].attributes
    assert (cron["schedule"], cron["time_zone"], cron["suspend"], cron["completions"]) == (
        "0 2 * * *",
        "Europe/Berlin",
        True,
        2,
    )


def test_gpu_node_affinity_terms_are_ored_so_every_accelerator_they_allow_is_listed(
    tmp_path: Path,
) -> None:
    # only the first term was read: a pod that may land on an H100 was priced as an A10G
    text = """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: infer}
    spec:
      template:
        spec:
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                  - matchExpressions:
                      - {key: karpenter.k8s.aws/instance-family, operator: In, values: [g5]}
                  - matchExpressions:
                      - {key: karpenter.k8s.aws/instance-family, operator: In, values: [p5, g5]}
          containers:
            - name: m
              resources: {limits: {cpu: "4", memory: 16Gi, nvidia.com/gpu: "1"}}
    """
    got = _load(tmp_path, {"a.yaml": text})
    hint = got["Deployment/default/infer"].attributes["pod"]["accelerator"]
    assert hint == {"label": "karpenter.k8s.aws/instance-family", "value": "g5,p5"}


def test_a_job_without_completions_is_marked_a_work_queue(tmp_path: Path) -> None:
    text = """
    apiVersion: batch/v1
    kind: Job
    metadata: {name: q}
    spec:
      parallelism: 5
      template:
        spec:
          containers: [{name: w, resources: {requests: {cpu: "1", memory: 1Gi}}}]
    ---
    apiVersion: batch/v1
    kind: Job
    metadata: {name: fixed}
    spec:
      completions: 3
      parallelism: 5
      template:
        spec:
          containers: [{name: w, resources: {requests: {cpu: "1", memory: 1Gi}}}]
    """
    got = _load(tmp_path, {"a.yaml": text})
    assert got["Job/default/q"].attributes["work_queue"] is True
    assert got["Job/default/q"].attributes["parallelism"] == 5
    assert "work_queue" not in got["Job/default/fixed"].attributes
