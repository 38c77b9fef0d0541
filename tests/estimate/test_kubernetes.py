"""Pricing Kubernetes objects: requests x replicas x 730 h at the OpenCost default rates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from finops_gate.config import Settings
from finops_gate.errors import ConfigError
from finops_gate.estimate import kubernetes as k8s
from finops_gate.estimate.engine import price_changes
from finops_gate.model import Action, Resource, ResourceChange, Status
from finops_gate.policies.kubernetes import findings as k8s_findings

CPU, RAM, GPU = Decimal("0.031611"), Decimal("0.004237"), Decimal("0.95")
H = Decimal(730)


def _c(name: str = "app", req: dict | None = None, lim: dict | None = None, **kw: Any) -> dict:
    return {"name": name, "requests": req or {}, "limits": lim or {}, **kw}


def _res(kind: str, address: str | None = None, **attrs: Any) -> Resource:
    return Resource(
        address=address or f"{kind}/default/x",
        source="kubernetes",
        kind=kind,
        provider="kubernetes",
        attributes=attrs,
    )


def _pod(*containers: dict, init: tuple = (), overhead: dict | None = None) -> dict:
    return {"containers": list(containers), "init": list(init), "overhead": overhead or {}}


def _settings(**usage: Any) -> Settings:
    raw: dict[str, Any] = {"version": 1, "usage": {"kubernetes": usage}}
    return Settings(raw=raw)


def _price(r: Resource, settings: Settings | None = None) -> Any:
    return k8s.price_side(r, settings or Settings())


ONE = _pod(_c(req={"cpu": "1", "memory": "1Gi"}))


def test_deployment_cost_is_requests_times_replicas_times_730_hours() -> None:
    side = _price(_res("Deployment", pod=ONE, replicas=3))
    assert side.status == Status.PRICED
    assert side.monthly == 3 * H * (CPU + RAM)
    assert side.quantities == {"replicas": "3", "vCPU": "3", "GiB": "3"}


def test_limits_stand_in_for_missing_requests_and_gpus_come_from_limits() -> None:
    pod = _pod(_c(lim={"cpu": "2", "memory": "4Gi", "nvidia.com/gpu": "1"}))
    side = _price(_res("Pod", pod=pod))
    assert side.monthly == H * (2 * CPU + 4 * RAM + GPU)
    assert side.quantities["GPU"] == "1"


def test_container_without_requests_or_limits_is_priced_with_the_shown_assumption() -> None:
    side = _price(_res("Pod", pod=_pod(_c())))
    assert side.monthly == H * (Decimal("0.1") * CPU + Decimal("0.125") * RAM)
    assert [(a.key, a.value, a.origin) for a in side.assumptions] == [
        ("missing requests", "cpu 100m, memory 128Mi", "default")
    ]


def test_missing_requests_assumption_is_configurable() -> None:
    settings = _settings(missing_requests={"cpu": "1", "memory": "2Gi"})
    side = _price(_res("Pod", pod=_pod(_c())), settings)
    assert side.monthly == H * (CPU + 2 * RAM)


def test_pod_reserves_the_larger_of_init_peak_and_app_plus_sidecars_plus_overhead() -> None:
    pod = _pod(
        _c(req={"cpu": "1", "memory": "1Gi"}),
        init=(
            _c("sidecar", req={"cpu": "500m", "memory": "1Gi"}, sidecar=True),
            _c("migrate", req={"cpu": "3", "memory": "1Gi"}, sidecar=False),
        ),
        overhead={"cpu": "250m", "memory": "512Mi"},
    )
    side = _price(_res("Pod", pod=pod))
    # cpu: init peak 3 + 0.5 sidecar = 3.5 > app 1 + 0.5; memory: app 1 + 1 = 2 = init 1 + 1
    assert side.quantities == {"replicas": "1", "vCPU": "3.75", "GiB": "2.5"}


def test_hpa_replicas_default_to_min_and_can_pick_max_or_mid() -> None:
    r = _res("Deployment", pod=ONE, replicas=1, hpa=[2, 10])
    assert _price(r).quantities["replicas"] == "2 (2-10)"
    assert _price(r, _settings(hpa_replicas="max")).monthly == 10 * H * (CPU + RAM)
    assert _price(r, _settings(hpa_replicas="mid")).monthly == 6 * H * (CPU + RAM)


def test_an_hpa_that_scales_to_zero_depends_on_usage_not_zero_dollars() -> None:
    # minReplicas 0 (HPAScaleToZero) was priced $0 as "0 x 730 h"
    r = _res("Deployment", pod=ONE, replicas=3, hpa=[0, 4])
    side = _price(r)
    assert side.status == Status.USAGE_UNKNOWN and side.monthly is None
    assert "minReplicas 0" in side.reason and "workloads[address].replicas" in side.reason
    assert _price(r, _settings(hpa_replicas="max")).monthly == 4 * H * (CPU + RAM)
    given = Settings(
        raw={
            "version": 1,
            "usage": {"kubernetes": {"workloads": {"Deployment/default/x": {"replicas": 2}}}},
        }
    )
    assert _price(r, given).monthly == 2 * H * (CPU + RAM)


def test_a_workload_whose_hpa_is_unreadable_is_unpriced() -> None:
    bad = ["HorizontalPodAutoscaler/default/x: minReplicas '3' is not a count"]
    side = _price(_res("Deployment", pod=ONE, replicas=1, hpa=[1, 1], invalid=bad))
    assert side.status == Status.UNPRICED and "minReplicas '3'" in side.reason
    groups = [{"name": "rollout", "pod": ONE, "replicas": 2}]
    crd = _price(
        _res("Rollout", pod_groups=groups, api_version="argoproj.io/v1alpha1", invalid=bad)
    )
    assert crd.status == Status.UNPRICED and "minReplicas '3'" in crd.reason


def test_daemonset_multiplies_by_configured_nodes_and_is_usage_unknown_without() -> None:
    r = _res("DaemonSet", pod=ONE)
    assert _price(r, _settings(daemonset_nodes=4)).monthly == 4 * H * (CPU + RAM)
    unknown = _price(r)
    assert unknown.status == Status.USAGE_UNKNOWN
    assert unknown.monthly is None
    assert "daemonset_nodes" in (unknown.reason or "")


def test_a_work_queue_job_runs_parallelism_pods() -> None:
    # completions unset: .spec.parallelism pods run; it was priced as one pod
    r = _res("Job", pod=ONE, completions=1, parallelism=5, work_queue=True)
    side = _price(r, _settings(job_run_hours=2))
    assert side.monthly == 5 * 2 * (CPU + RAM)


def test_job_cost_is_completions_times_run_hours() -> None:
    r = _res("Job", pod=ONE, completions=4, parallelism=2)
    assert _price(r, _settings(job_run_hours=0.5)).monthly == 2 * (CPU + RAM)
    assert _price(r).status == Status.USAGE_UNKNOWN


def test_cronjob_cost_uses_runs_per_month() -> None:
    r = _res("CronJob", pod=ONE, completions=1, schedule="0 * * * *", suspend=False)
    assert _price(r, _settings(job_run_hours=1)).monthly == H * (CPU + RAM)


def test_suspended_cronjob_costs_nothing_and_says_why() -> None:
    r = _res("CronJob", pod=ONE, completions=1, schedule="@daily", suspend=True)
    side = _price(r, _settings(job_run_hours=1))
    assert (side.status, side.monthly, side.reason) == (Status.FREE, 0, "suspended: no runs")


def test_cronjob_with_unknown_time_zone_is_reported() -> None:
    r = _res("CronJob", pod=ONE, schedule="@daily", time_zone="Mars/Olympus", suspend=False)
    assert "unknown time zone" in (_price(r, _settings(job_run_hours=1)).reason or "")


def test_replicaset_owned_by_a_deployment_is_priced_there() -> None:
    r = _res("ReplicaSet", pod=ONE, replicas=3, owned_by="Deployment/web")
    side = _price(r)
    assert (side.status, side.monthly) == (Status.FREE, 0)


def test_statefulset_prices_claim_templates_times_replicas() -> None:
    claims = [{"name": "data", "storage_class": "gp3", "size": "100Gi"}]
    side = _price(_res("StatefulSet", pod=ONE, replicas=3, claims=claims))
    assert side.monthly == 3 * H * (CPU + RAM) + 300 * Decimal("0.08")
    assert side.quantities["storage GiB"] == "300"


def test_pvc_uses_its_storage_class_price_or_the_default_rate() -> None:
    gp3 = _price(_res("PersistentVolumeClaim", storage_class="gp3", size="500Gi"))
    assert gp3.monthly == 500 * Decimal("0.08")
    other = _price(_res("PersistentVolumeClaim", storage_class="local", size="10Gi"))
    assert other.monthly == 10 * H * Decimal("0.00005479452")
    assert "class local has no price" in other.lines[0].name


@pytest.mark.parametrize(
    ("cls", "size", "billed"),
    [
        ("gp3", "100", 1),  # 100 bytes: EBS's smallest gp3 volume, 1 GiB
        ("gp2", "1500Mi", 2),  # the EBS CSI driver rounds up to whole GiB
        ("gp3", "10G", 10),  # 9.31 GiB
        ("io2", "4Gi", 4),
        ("st1", "130000Mi", 127),
    ],
)
def test_a_pvc_is_billed_at_the_ebs_volume_the_driver_creates(
    cls: str, size: str, billed: int
) -> None:
    # https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html: gp2/gp3 1 GiB to
    # 16 TiB, io1/io2 from 4 GiB, st1/sc1 from 125 GiB, in whole GiB
    side = _price(_res("PersistentVolumeClaim", storage_class=cls, size=size))
    assert side.status == Status.PRICED
    assert side.quantities["GiB"] == str(billed)
    rate = {"gp2": "0.10", "gp3": "0.08", "io2": "0.125", "st1": "0.045"}[cls]
    assert side.monthly == billed * Decimal(rate)
    if billed * 1024**3 != k8s.quantity(size):
        assert any("whole GiB" in a.value for a in side.assumptions), side.assumptions


@pytest.mark.parametrize(("cls", "size"), [("io1", "1Gi"), ("sc1", "100Gi")])
def test_a_pvc_under_the_ebs_minimum_is_named_not_priced(cls: str, size: str) -> None:
    side = _price(_res("PersistentVolumeClaim", storage_class=cls, size=size))
    assert side.status == Status.UNPRICED and side.monthly is None
    assert f"allows for a {cls} volume" in (side.reason or "")


@pytest.mark.parametrize("cls", ["local", "fast", None])
def test_a_pvc_of_bytes_whose_disk_is_not_told_is_named_never_priced_as_bytes(
    cls: str | None,
) -> None:
    settings = Settings(
        raw={"version": 1, "pricing": {"kubernetes": {"storage_classes": {"fast": 0.2}}}}
    )
    side = _price(_res("PersistentVolumeClaim", storage_class=cls, size="100"), settings)
    assert side.status == Status.UNPRICED and side.monthly is None
    assert "under 1 GiB" in (side.reason or "")


@pytest.mark.parametrize("cls", ["gp3", "io1", "local", None])
@pytest.mark.parametrize("size", ["0", "0Gi", "0.0Mi"])  # "-5Gi" is not read: named so
def test_a_pvc_of_no_storage_is_named_never_priced(cls: str | None, size: str) -> None:
    side = _price(_res("PersistentVolumeClaim", storage_class=cls, size=size))
    assert side.status == Status.UNPRICED and side.monthly is None
    assert f"storage request {size!r} is not above zero" in (side.reason or "")


def test_a_statefulset_claim_template_of_no_storage_is_named_never_priced() -> None:
    claims = [{"name": "data", "storage_class": "gp3", "size": "0"}]
    side = _price(_res("StatefulSet", pod=ONE, replicas=3, claims=claims))
    assert side.status != Status.PRICED and side.monthly is None
    assert "data (0 GiB x 3, class gp3): storage request '0' is not above zero" in (
        side.reason or ""
    )


def test_storage_class_prices_come_from_config() -> None:
    settings = Settings(
        raw={"version": 1, "pricing": {"kubernetes": {"storage_classes": {"fast": 0.2}}}}
    )
    side = _price(_res("PersistentVolumeClaim", storage_class="fast", size="10Gi"), settings)
    assert side.monthly == 10 * Decimal("0.2")


def test_load_balancer_service_is_one_load_balancer_and_cluster_ip_is_free() -> None:
    assert _price(_res("Service", type="LoadBalancer")).monthly == H * Decimal("0.025")
    assert _price(_res("Service", type="ClusterIP")).status == Status.FREE


def test_ingress_is_a_load_balancer_only_when_its_class_maps_to_a_cloud_one() -> None:
    assert _price(_res("Ingress", ingress_class="alb")).monthly == H * Decimal("0.025")
    nginx = _price(_res("Ingress", ingress_class="nginx"))
    assert (nginx.status, nginx.monthly) == (Status.FREE, 0)


@pytest.mark.parametrize("kind", ["ConfigMap", "Role", "Widget", "CustomResourceDefinition"])
def test_other_kinds_are_free(kind: str) -> None:
    assert _price(_res(kind)).status == Status.FREE


def test_unrendered_chart_is_unsupported_with_its_reason() -> None:
    side = _price(_res("HelmChart", not_rendered="helm is not installed"))
    assert (side.status, side.monthly) == (Status.UNSUPPORTED, None)
    assert "helm is not installed" in (side.reason or "")


def test_bad_quantity_is_unpriced_never_zero() -> None:
    side = _price(_res("Pod", pod=_pod(_c(req={"cpu": "lots", "memory": "1Gi"}))))
    assert (side.status, side.monthly) == (Status.UNPRICED, None)


def test_node_instance_type_derives_cpu_and_memory_rates_like_opencost() -> None:
    settings = Settings(
        raw={"version": 1, "pricing": {"kubernetes": {"node_instance_type": "m5.xlarge"}}}
    )
    node = _res("Pod", pod=_pod(_c(req={"cpu": "4", "memory": "16Gi"})))
    side = _price(node, settings)
    # the whole node's requests cost the node's hourly price ($0.192 in us-east-1)
    assert side.monthly is not None
    assert abs(side.monthly - H * Decimal("0.192")) < Decimal("0.0001")
    assert any(a.key == "cpu and memory rates" for a in side.assumptions)


def test_unknown_node_instance_type_is_a_config_error() -> None:
    settings = Settings(
        raw={"version": 1, "pricing": {"kubernetes": {"node_instance_type": "m5.giant"}}}
    )
    with pytest.raises(ConfigError, match="node_instance_type"):
        _price(_res("Pod", pod=ONE), settings)


def test_missing_requests_finding_is_raised_for_changed_workloads_only() -> None:
    bare = _res("Deployment", pod=_pod(_c("metrics")), replicas=1)
    created = ResourceChange(bare.address, Action.CREATE, None, bare)
    unchanged = ResourceChange("Deployment/default/old", Action.NOOP, bare, bare)
    found = k8s_findings(price_changes([created, unchanged], Settings()))
    assert [(f.policy, f.address) for f in found] == [
        ("kubernetes.missing_requests", "Deployment/default/x")
    ]
    assert "container metrics" in found[0].message


def test_missing_requests_finding_on_an_unpriced_workload_claims_no_assumption() -> None:
    # it read "(priced as  each)" when the side was unpriced and assumed nothing
    bare = _res("Deployment", pod=_pod(_c("metrics")), replicas=1, invalid=["replicas 'x'"])
    created = ResourceChange(bare.address, Action.CREATE, None, bare)
    (found,) = k8s_findings(price_changes([created], Settings()))
    assert found.message == "container metrics: no cpu or memory request or limit"


def test_config_schema_accepts_the_kubernetes_usage_and_pricing_keys() -> None:
    from finops_gate.config import parse_settings

    text = """
version: 1
usage:
  kubernetes:
    daemonset_nodes: 3
    hpa_replicas: mid
    job_run_hours: 0.25
    missing_requests: {cpu: 200m, memory: 256Mi}
    workloads: {"DaemonSet/kube-system/agent": {nodes: 12}}
pricing:
  kubernetes:
    node_instance_type: m5.xlarge
    storage_classes: {fast-ssd: 0.17}
    default_storage_class: gp3
    load_balancer_ingress_classes: [alb]
"""
    settings = parse_settings(text, display="cfg.yml")
    assert settings.section("usage", "kubernetes")["daemonset_nodes"] == 3
    with pytest.raises(ConfigError, match="hpa_replicas"):
        parse_settings(text.replace("mid", "most"), display="cfg.yml")


def test_job_owned_by_a_cronjob_is_priced_through_the_cronjob() -> None:
    r = _res("Job", pod=ONE, completions=1, owned_by="CronJob/nightly")
    side = _price(r, _settings(job_run_hours=1))
    assert (side.status, side.monthly) == (Status.FREE, 0)


def test_pod_owned_by_anything_is_not_priced_again() -> None:
    side = _price(_res("Pod", pod=ONE, owned_by="Widget/w"))
    assert (side.status, side.monthly) == (Status.FREE, 0)


def test_bare_replicaset_is_priced_like_a_deployment() -> None:
    assert _price(_res("ReplicaSet", pod=ONE, replicas=2)).monthly == 2 * H * (CPU + RAM)


def test_daemonset_override_per_address_beats_the_default_node_count() -> None:
    r = _res("DaemonSet", "DaemonSet/kube-system/agent", pod=ONE)
    settings = _settings(daemonset_nodes=3, workloads={r.address: {"nodes": 7}})
    side = _price(r, settings)
    assert side.monthly == 7 * H * (CPU + RAM)
    assert side.quantities["nodes"] == "7"
    assert [a.origin for a in side.assumptions] == ["usage.kubernetes.workloads"]


def test_usage_unknown_daemonset_gets_a_finding_naming_the_setting() -> None:
    r = _res("DaemonSet", pod=ONE)
    change = ResourceChange(r.address, Action.CREATE, None, r)
    found = k8s_findings(price_changes([change], Settings()))
    assert [f.policy for f in found] == ["kubernetes.usage_unknown"]
    assert "daemonset_nodes" in found[0].message


def test_unrendered_chart_gets_a_finding_on_every_run() -> None:
    r = _res("HelmChart", "HelmChart/charts/api", not_rendered="helm is not installed")
    change = ResourceChange(r.address, Action.NOOP, r, r)
    found = k8s_findings(price_changes([change], Settings()))
    assert [(f.policy, f.address) for f in found] == [
        ("kubernetes.not_rendered", "HelmChart/charts/api")
    ]


def test_cronjob_quantities_show_runs_per_month_and_per_pod_reservation() -> None:
    r = _res("CronJob", pod=ONE, completions=1, schedule="0 2 * * *", suspend=False)
    assert _price(r, _settings(job_run_hours=1)).quantities == {
        "runs/month": "30.417",
        "vCPU": "1",
        "GiB": "1",
    }


def test_pod_level_requests_replace_the_containers_sum() -> None:
    pod = _pod(_c(req={"cpu": "1", "memory": "1Gi"}), _c("b", req={"cpu": "1", "memory": "1Gi"}))
    pod["resources"] = {"requests": {"cpu": "3"}, "limits": {}}
    side = _price(_res("Pod", pod=pod))
    assert side.quantities == {"replicas": "1", "vCPU": "3", "GiB": "2"}


def test_pod_level_cpu_and_memory_satisfy_the_missing_requests_rule() -> None:
    pod = _pod(_c())
    pod["resources"] = {"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {}}
    side = _price(_res("Pod", pod=pod))
    assert side.monthly == H * (CPU + RAM)
    assert not side.assumptions


def test_a_workloads_usage_key_the_kind_never_reads_is_said_to_be_ignored() -> None:
    # replicas for a DaemonSet (it reads nodes) was accepted and silently dropped
    ds = _res("DaemonSet", address="DaemonSet/default/agent", pod=ONE)
    raw = {"DaemonSet/default/agent": {"replicas": 5}, "*": {"nodes": 2}}
    settings = Settings(raw={"version": 1, "usage": {"kubernetes": {"workloads": raw}}})
    side = _price(ds, settings)
    assert side.monthly == 2 * H * (CPU + RAM)
    assert side.notes == (
        "DaemonSet/default/agent: usage key 'replicas' "
        '(usage.kubernetes.workloads."DaemonSet/default/agent") is ignored: nothing in the '
        "DaemonSet estimate reads it; a DaemonSet reads nodes",
    )
    # a namespace-wide glob over a Service or ConfigMap is not worth a note
    assert _price(_res("ConfigMap"), settings).notes == ()


def test_an_hpa_scaling_an_argo_rollout_sets_its_replicas_as_for_a_deployment() -> None:
    # the Rollout's spec.replicas (4) was priced, its HPA's range (2-10) ignored
    groups = [{"name": "rollout", "pod": ONE, "replicas": 4, "replicas_from": "spec.replicas"}]
    api = "argoproj.io/v1alpha1"
    rollout = _res("Rollout", pod_groups=groups, api_version=api, hpa=[2, 10])
    assert _price(rollout).monthly == 2 * H * (CPU + RAM)
    assert _price(rollout, _settings(hpa_replicas="max")).monthly == 10 * H * (CPU + RAM)
    to_zero = _price(_res("Rollout", pod_groups=groups, api_version=api, hpa=[0, 5]))
    assert to_zero.status == Status.USAGE_UNKNOWN and "minReplicas 0" in to_zero.reason
