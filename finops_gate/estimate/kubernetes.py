"""Price one side of a Kubernetes object: requests x replicas x hours, volumes, load balancers.

Rules (issue 5): requests are priced (limits stand in when a container has no request; GPUs
come from limits); a pod reserves max(init peak, app containers + sidecars) + overhead.
Deployment / ReplicaSet / StatefulSet / Pod: replicas x 730 h (an HPA's range picks replicas by
``usage.kubernetes.hpa_replicas``). DaemonSet: x ``usage.kubernetes.daemonset_nodes``. Job:
completions (a work queue's parallelism) x run hours. CronJob: runs per month x the Job's cost.
PVC: GiB of the disk provisioned (an EBS class in whole GiB, at least its minimum; a request
under 1 GiB of a class whose disk is not told is named, never priced as bytes) x its storage
class. Service LoadBalancer and cloud-backed Ingress: one load balancer.
Other kinds are free.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from finops_gate.catalogs.store import CatalogSet
from finops_gate.config import Settings
from finops_gate.estimate.k8s_cron import CronError, runs_per_month
from finops_gate.estimate.k8s_gpu import gpu_rate
from finops_gate.estimate.k8s_pod import GIB, PodShape, pod_shape, quantity
from finops_gate.estimate.k8s_rates import Rates, rates, with_price
from finops_gate.estimate.lines import price_lines, shared_quantities
from finops_gate.model import (
    HOURS_PER_MONTH,
    KUBERNETES_BUILTIN_GROUPS,
    MOVED_FROM,
    Assumption,
    CostLine,
    Resource,
    SideCost,
    Status,
)
from finops_gate.usage import merged

DEFAULT_ASSUMPTION = {"cpu": "100m", "memory": "128Mi"}
LB_INGRESS_CLASSES = ("alb", "gce", "gce-internal", "azure-application-gateway")
ALWAYS_ON = ("Deployment", "ReplicaSet", "ReplicationController", "StatefulSet", "Pod")
WORKLOADS = (*ALWAYS_ON, "DaemonSet", "Job", "CronJob")
# an object owned by one of these is priced through its owner (a Deployment's ReplicaSet,
# a CronJob's Job), never twice
CONTROLLERS = tuple(f"{k}/" for k in ("Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job"))


# custom resources that only configure something else (scrape targets, certificates, secrets,
# scaling rules, model-server templates): no cost of their own
FREE_CUSTOM = frozenset(
    {
        ("monitoring.coreos.com", "ServiceMonitor"),
        ("monitoring.coreos.com", "PodMonitor"),
        ("monitoring.coreos.com", "PrometheusRule"),
        ("monitoring.coreos.com", "Probe"),
        ("monitoring.coreos.com", "ScrapeConfig"),
        ("monitoring.coreos.com", "AlertmanagerConfig"),
        ("cert-manager.io", "Certificate"),
        ("cert-manager.io", "CertificateRequest"),
        ("cert-manager.io", "Issuer"),
        ("cert-manager.io", "ClusterIssuer"),
        ("external-secrets.io", "ExternalSecret"),
        ("external-secrets.io", "SecretStore"),
        ("external-secrets.io", "ClusterSecretStore"),
        ("keda.sh", "ScaledObject"),
        ("keda.sh", "TriggerAuthentication"),
        ("serving.kserve.io", "ServingRuntime"),
        ("serving.kserve.io", "ClusterServingRuntime"),
        ("argoproj.io", "AnalysisTemplate"),
        ("argoproj.io", "ClusterAnalysisTemplate"),
        ("autoscaling.k8s.io", "VerticalPodAutoscaler"),
        ("kustomize.config.k8s.io", "Kustomization"),
        # Flux's sources fetch artifacts, its notification and image kinds send alerts and
        # write commits: controllers already running do the work (a Flux Kustomization or
        # HelmRelease deploys what it points to, unread here: unsupported, not free)
        ("source.toolkit.fluxcd.io", "GitRepository"),
        ("source.toolkit.fluxcd.io", "HelmRepository"),
        ("source.toolkit.fluxcd.io", "HelmChart"),
        ("source.toolkit.fluxcd.io", "OCIRepository"),
        ("source.toolkit.fluxcd.io", "Bucket"),
        ("source.extensions.fluxcd.io", "ArtifactGenerator"),
        ("notification.toolkit.fluxcd.io", "Alert"),
        ("notification.toolkit.fluxcd.io", "Provider"),
        ("notification.toolkit.fluxcd.io", "Receiver"),
        ("image.toolkit.fluxcd.io", "ImageRepository"),
        ("image.toolkit.fluxcd.io", "ImagePolicy"),
        ("image.toolkit.fluxcd.io", "ImageUpdateAutomation"),
        # Gateway API routing rules and classes (a Gateway itself may create a load balancer
        # and proxies: unsupported, not free)
        ("gateway.networking.k8s.io", "GatewayClass"),
        ("gateway.networking.k8s.io", "HTTPRoute"),
        ("gateway.networking.k8s.io", "GRPCRoute"),
        ("gateway.networking.k8s.io", "TLSRoute"),
        ("gateway.networking.k8s.io", "TCPRoute"),
        ("gateway.networking.k8s.io", "UDPRoute"),
        ("gateway.networking.k8s.io", "ReferenceGrant"),
    }
)


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What pricing one workload reads: its usage, overrides, pricing settings, rates."""

    address: str
    usage: Mapping[str, Any]
    overrides: Mapping[str, Any]
    pricing: Mapping[str, Any]
    rates: Rates
    assume: Mapping[str, str]
    assume_origin: str
    catalogs: CatalogSet


def price_side(resource: Resource, settings: Settings) -> SideCost:
    """The monthly cost of one side of one Kubernetes object."""
    usage = settings.section("usage", "kubernetes")
    per = usage.get("workloads") or {}
    moved = resource.attributes.get(MOVED_FROM)  # a renamed workload keeps its usage entry
    moved_from = moved if isinstance(moved, str) else None
    overrides, origins = merged(
        per, resource.address, 'usage.kubernetes.workloads."{pattern}"', moved_from=moved_from
    )
    side = _price_side(resource, settings, overrides)
    ignored = _ignored(resource, overrides, origins)
    return dataclasses.replace(side, notes=(*side.notes, *ignored)) if ignored else side


def _ignored(r: Resource, overrides: Mapping[str, Any], origins: Mapping[str, str]) -> list[str]:
    """A usage.kubernetes.workloads key the object's estimate never reads (``replicas`` for a
    DaemonSet, ``nodes`` for a Deployment): said, never silently dropped."""
    if "pod_groups" in r.attributes or r.kind in ALWAYS_ON:
        reads: tuple[str, ...] = ("replicas",)
    elif r.kind == "DaemonSet":
        reads = ("nodes",)
    elif r.kind in ("Job", "CronJob"):
        reads = ("run_hours",)
    else:
        reads = ()
    wanted = f"; a {r.kind} reads {reads[0]}" if reads else ""
    exact = f'usage.kubernetes.workloads."{r.address}"'
    return [
        f"{r.address}: usage key '{key}' ({origins.get(key, exact)}) "
        f"is ignored: nothing in the {r.kind} estimate reads it{wanted}"
        for key in sorted(overrides)
        # a glob over a namespace also covers its Services and ConfigMaps: not worth a note
        if key not in reads and (reads or origins.get(key, exact).startswith(exact))
    ]


def _price_side(resource: Resource, settings: Settings, overrides: Mapping[str, Any]) -> SideCost:
    usage = settings.section("usage", "kubernetes")
    pricing = settings.section("pricing", "kubernetes")
    assume = usage.get("missing_requests")
    ctx = _Ctx(
        address=resource.address,
        usage=usage,
        overrides=overrides,
        pricing=pricing,
        rates=rates(pricing, settings.catalogs),
        assume={k: str(v) for k, v in (assume or DEFAULT_ASSUMPTION).items()},
        assume_origin="usage.kubernetes.missing_requests" if assume else "default",
        catalogs=settings.catalogs,
    )
    attrs = resource.attributes
    if "not_rendered" in attrs:
        return SideCost(Status.UNSUPPORTED, None, reason=f"not rendered: {attrs['not_rendered']}")
    if "pod_groups" in attrs:
        return _pod_groups(resource, ctx)
    if resource.kind in WORKLOADS and "pod" in attrs:
        return _workload(resource, ctx)
    if resource.kind == "PersistentVolumeClaim":
        return _claim(resource, ctx)
    if resource.kind == "Service" and attrs.get("type") == "LoadBalancer":
        return _load_balancer(ctx, "Load balancer (Service type LoadBalancer)")
    if resource.kind == "Ingress":
        cls = attrs.get("ingress_class")
        classes = ctx.pricing.get("load_balancer_ingress_classes", LB_INGRESS_CLASSES)
        if cls in classes:
            return _load_balancer(ctx, f"Load balancer (ingress class {cls})")
        why = f"ingress class {cls or 'unset'} is served by an in-cluster controller"
        return SideCost(Status.FREE, Decimal(0), reason=why)
    api = attrs.get("api_version")
    if isinstance(api, str) and "/" in api:
        group = api.rsplit("/", 1)[0]
        if (group, resource.kind) not in FREE_CUSTOM and group not in KUBERNETES_BUILTIN_GROUPS:
            why = (
                f"{resource.kind} ({api}) is not a kind finops-gate prices: if it creates pods "
                "or cloud resources, their cost is not included"
            )
            return SideCost(Status.UNSUPPORTED, None, reason=why)
    return SideCost(Status.FREE, Decimal(0), reason=f"{resource.kind}: no cost of its own")


def _workload(r: Resource, ctx: _Ctx) -> SideCost:
    attrs = r.attributes
    pod = pod_shape(attrs["pod"], ctx.assume)
    missing = tuple(pod.missing)
    owner = attrs.get("owned_by")
    if owner is not None and (r.kind == "Pod" or str(owner).startswith(CONTROLLERS)):
        why = f"managed by {owner}; priced there"
        return SideCost(Status.FREE, Decimal(0), reason=why, missing_requests=missing)
    scaled_down = attrs.get("scaled_down_by")
    if scaled_down is not None:  # Argo's migration: the Rollout runs these pods instead
        why = f"scaled to 0 by {scaled_down} once it is healthy; its pods are priced there"
        return SideCost(Status.FREE, Decimal(0), reason=why, missing_requests=missing)
    if pod.invalid or attrs.get("invalid"):
        why = "; ".join(
            [*(["bad quantity: " + "; ".join(pod.invalid)] if pod.invalid else []),
             *attrs.get("invalid", ())]
        )  # fmt: skip
        return SideCost(Status.UNPRICED, None, reason=why, missing_requests=missing)
    notes: list[Assumption] = list(ctx.rates.assumptions)
    if pod.missing:
        value = ", ".join(f"{k} {v}" for k, v in sorted(ctx.assume.items()))
        notes.append(Assumption(r.address, "missing requests", value, ctx.assume_origin))
    notes.extend(_limit_range_note(r.address, attrs["pod"]))
    count, label, problem = _pod_hours(r, ctx, notes)
    if problem is not None and problem[0] != Status.USAGE_UNKNOWN:
        status, why = problem
        money = Decimal(0) if status == Status.FREE else None
        return SideCost(
            status, money, reason=why, assumptions=tuple(notes), missing_requests=missing
        )
    lines, catalog = _gpu_aware_lines(pod, count, label, attrs["pod"], ctx, ctx.rates.catalog)
    storage_gib = Decimal(0)
    if r.kind == "StatefulSet":
        for claim in attrs.get("claims") or []:
            replicas = _replicas(r, ctx, [])
            line, gib, assumed = _volume_line(
                claim.get("storage_class"), claim.get("size"), replicas, ctx, str(claim["name"])
            )
            lines.append(line)
            storage_gib += gib
            notes.extend(_size_notes(r.address, assumed))
    side = price_lines(lines, catalog, None)
    if problem is not None:
        side = dataclasses.replace(side, reason=problem[1])
    qty = _quantities(r, ctx, pod, storage_gib)
    return dataclasses.replace(
        side, quantities=qty, assumptions=tuple(notes), missing_requests=missing
    )


def _limit_range_note(address: str, pod: Mapping[str, Any]) -> list[Assumption]:
    """Containers that left requests out get their namespace's LimitRange defaults: said."""
    given = pod.get("defaults_from")
    if not isinstance(given, Mapping):
        return []
    requests = given.get("requests") or {}
    value = ", ".join(f"{k} {v}" for k, v in sorted(requests.items())) or "limits only"
    return [Assumption(address, "requests left out", value, str(given.get("source")))]


def _pod_groups(r: Resource, ctx: _Ctx) -> SideCost:
    """A custom resource's pods (``sources.k8s_crds``): each group replicas x 730 h."""
    notes: list[Assumption] = list(ctx.rates.assumptions)
    lines: list[CostLine] = []
    quantities: dict[str, Decimal] = {}
    waiting: list[str] = []
    groups = r.attributes.get("pod_groups") or []
    if r.attributes.get("invalid"):  # e.g. the HPA that scales it has an unreadable count
        return SideCost(Status.UNPRICED, None, reason="; ".join(r.attributes["invalid"]))
    if not groups:
        return SideCost(Status.UNPRICED, None, reason=f"{r.kind}: no pod template found")
    catalog = ctx.rates.catalog
    for group in groups:
        name = str(group.get("name"))
        if "unpriced" in group:
            return SideCost(Status.UNPRICED, None, reason=str(group["unpriced"]))
        pod = pod_shape(group["pod"], ctx.assume)
        if pod.invalid:
            why = f"{name}: bad quantity: " + "; ".join(pod.invalid)
            return SideCost(Status.UNPRICED, None, reason=why)
        if pod.missing:
            value = ", ".join(f"{k} {v}" for k, v in sorted(ctx.assume.items()))
            notes.append(
                Assumption(f"{r.address} {name}", "missing requests", value, ctx.assume_origin)
            )
        notes.extend(_limit_range_note(f"{r.address} {name}", group["pod"]))
        replicas = group.get("replicas")
        hpa = r.attributes.get("hpa")
        if "replicas" in ctx.overrides:
            replicas = ctx.overrides["replicas"]
            notes.append(
                Assumption(r.address, "replicas", str(replicas), "usage.kubernetes.workloads")
            )
        elif hpa is not None and group.get("replicas_from") == "spec.replicas":
            # an HPA scaling an Argo Rollout sets its replicas, as it does a Deployment's
            picked = _hpa_pick(r.address, hpa, ctx, notes)
            replicas = int(picked) if picked == picked.to_integral_value() else picked
            if not picked:
                replicas = None
                group = {
                    **group,
                    "replicas_unknown": f"HPA minReplicas 0 (scales to zero, up to {hpa[1]})",
                }
        hours = None if replicas is None else Decimal(replicas) * HOURS_PER_MONTH
        if replicas is None:
            waiting.append(f"{name}: {group.get('replicas_unknown') or 'replicas unknown'}")
        label = f"{name}: {'?' if replicas is None else replicas} x 730 h"
        group_lines, catalog = _gpu_aware_lines(pod, hours, label, group["pod"], ctx, catalog)
        lines.extend(group_lines)
        for claim in group.get("claims") or []:
            line, gib, assumed = _volume_line(
                claim.get("storage_class"),
                claim.get("size"),
                Decimal(replicas or 0),
                ctx,
                f"{name} {claim.get('name')}",
            )
            notes.extend(_size_notes(r.address, assumed))
            lines.append(line if replicas is not None else dataclasses.replace(line, quantity=None))
            quantities["storage GiB"] = quantities.get("storage GiB", Decimal(0)) + gib
        per = Decimal(replicas or 0)
        for what, amount in (("vCPU", pod.cpu), ("GiB", pod.memory_gib), ("GPU", pod.gpu)):
            if amount:
                quantities[what] = quantities.get(what, Decimal(0)) + amount * per
    side = price_lines(lines, catalog, None)
    if waiting:
        why = "; ".join(waiting) + ": set usage.kubernetes.workloads[address].replicas"
        if side.status in (Status.USAGE_UNKNOWN, Status.PRICED):
            side = dataclasses.replace(side, reason=why)
    return dataclasses.replace(
        side, quantities={k: _num(v) for k, v in quantities.items()}, assumptions=tuple(notes)
    )


def _gpu_aware_lines(
    pod: PodShape,
    hours: Decimal | None,
    label: str,
    raw_pod: Mapping[str, Any],
    ctx: _Ctx,
    catalog: Any,
) -> tuple[list[CostLine], Any]:
    """The pod's lines; a GPU line priced by the accelerator its node label names, when it
    names one (the catalog returned holds that rate)."""
    lines = _pod_lines(pod, hours, label)
    hint = raw_pod.get("accelerator") if isinstance(raw_pod, Mapping) else None
    if not pod.gpu or not isinstance(hint, Mapping):
        return lines, catalog
    cpu = catalog.price("kubernetes.cpu", None) or Decimal(0)
    memory = catalog.price("kubernetes.memory", None) or Decimal(0)
    aws = ctx.catalogs.price_catalog("aws")
    rate = gpu_rate(str(hint["label"]), str(hint["value"]), cpu, memory, aws)
    gpu = lines[-1]
    if rate.price is None:
        return [*lines[:-1], dataclasses.replace(gpu, unknown_reason=rate.reason)], catalog
    key = f"kubernetes.gpu.{rate.accelerator}"
    catalog = with_price(catalog, key, rate.price, f"{rate.accelerator} ({rate.reason})")
    named = dataclasses.replace(
        gpu, name=gpu.name.replace("GPU (", f"GPU {rate.accelerator} (", 1), price_key=key
    )
    return [*lines[:-1], named], catalog


def _pod_hours(
    r: Resource, ctx: _Ctx, notes: list[Assumption]
) -> tuple[Decimal | None, str, tuple[Status, str] | None]:
    """Pod-hours per month (None: depends on usage), a label, and (status, reason) when the
    side is not simply priced."""
    attrs = r.attributes
    if r.kind in ALWAYS_ON:
        replicas = _replicas(r, ctx, notes)
        hpa = attrs.get("hpa")
        if replicas == 0 and hpa is not None and "replicas" not in ctx.overrides:
            # minReplicas 0 (HPAScaleToZero): idle it runs no pod, busy up to maxReplicas;
            # how long it runs is usage, as for a Knative service that scales to zero
            why = (
                f"HPA minReplicas 0 (scales to zero, up to {hpa[1]}): "
                f"set usage.kubernetes.workloads[address].replicas"
            )
            return None, "per replica", (Status.USAGE_UNKNOWN, why)
        return replicas * HOURS_PER_MONTH, f"{_num(replicas)} x 730 h", None
    if r.kind == "DaemonSet":
        nodes = ctx.overrides.get("nodes", ctx.usage.get("daemonset_nodes"))
        if nodes is None:
            why = "node count unknown: set usage.kubernetes.daemonset_nodes"
            return None, "per node", (Status.USAGE_UNKNOWN, why)
        origin = "workloads" if "nodes" in ctx.overrides else "daemonset_nodes"
        notes.append(Assumption(r.address, "nodes", str(nodes), f"usage.kubernetes.{origin}"))
        return Decimal(nodes) * HOURS_PER_MONTH, f"{nodes} nodes x 730 h", None
    hours = ctx.overrides.get("run_hours", ctx.usage.get("job_run_hours"))
    runs = Decimal(1)
    if r.kind == "CronJob":
        if attrs.get("suspend"):
            return None, "", (Status.FREE, "suspended: no runs")
        try:
            runs = runs_per_month(str(attrs.get("schedule") or ""), attrs.get("time_zone"))
        except CronError as exc:
            why = f"schedule {attrs.get('schedule')!r} not understood ({exc})"
            return None, "", (Status.UNPRICED, why)
    completions = Decimal(attrs.get("completions") or 1)
    if attrs.get("work_queue"):
        # completions unset: .spec.parallelism pods run at once, each for the run time
        # (https://kubernetes.io/docs/concepts/workloads/controllers/job/#parallel-jobs)
        completions = Decimal(attrs.get("parallelism", 1))
    if hours is None:
        why = "run time unknown: set usage.kubernetes.job_run_hours"
        return None, "per pod-hour", (Status.USAGE_UNKNOWN, why)
    origin = "workloads" if "run_hours" in ctx.overrides else "job_run_hours"
    notes.append(Assumption(r.address, "run hours", str(hours), f"usage.kubernetes.{origin}"))
    label = f"{_num(completions)} pods x {hours} h"
    if r.kind == "CronJob":
        label = f"{_num(runs)} runs x {label}"
    return runs * completions * Decimal(str(hours)), label, None


def _replicas(r: Resource, ctx: _Ctx, notes: list[Assumption]) -> Decimal:
    if "replicas" in ctx.overrides:
        return Decimal(ctx.overrides["replicas"])
    hpa = r.attributes.get("hpa")
    if r.kind == "Pod":
        return Decimal(1)
    if hpa is None:
        return Decimal(r.attributes.get("replicas", 1))
    return _hpa_pick(r.address, hpa, ctx, notes)


def _hpa_pick(address: str, hpa: Any, ctx: _Ctx, notes: list[Assumption]) -> Decimal:
    """The replicas an HPA's range gives by ``usage.kubernetes.hpa_replicas`` (min first)."""
    lo, hi = Decimal(hpa[0]), Decimal(hpa[1])
    pick = str(ctx.usage.get("hpa_replicas", "min"))
    value = {"min": lo, "max": hi, "mid": (lo + hi) / 2}.get(pick, lo)
    origin = "usage.kubernetes.hpa_replicas" if "hpa_replicas" in ctx.usage else "default"
    notes.append(
        Assumption(address, "replicas", f"{_num(value)} of {hpa[0]}-{hpa[1]} ({pick})", origin)
    )
    return value


def _pod_lines(pod: PodShape, hours: Decimal | None, label: str) -> list[CostLine]:
    def qty(per_pod: Decimal) -> Decimal | None:
        return None if hours is None else per_pod * hours

    lines = [
        CostLine(
            f"CPU ({_num(pod.cpu)} vCPU, {label})", "vCPU-hours", "kubernetes.cpu", qty(pod.cpu)
        ),
        CostLine(
            f"Memory ({_num(pod.memory_gib)} GiB, {label})",
            "GiB-hours",
            "kubernetes.memory",
            qty(pod.memory_gib),
        ),
    ]
    if pod.gpu:
        lines.append(
            CostLine(f"GPU ({_num(pod.gpu)}, {label})", "GPU-hours", "kubernetes.gpu", qty(pod.gpu))
        )
    return lines


# the smallest volume of each EBS type a class is priced as (kubernetes.storage_class.<type>),
# https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html; the EBS CSI driver
# creates volumes in whole GiB, rounding the request up
# (https://github.com/kubernetes-sigs/aws-ebs-csi-driver: RoundUpGiB)
EBS_MIN_GIB = {
    "gp2": Decimal(1),
    "gp3": Decimal(1),
    "io1": Decimal(4),
    "io2": Decimal(4),
    "st1": Decimal(125),
    "sc1": Decimal(125),
}


def _volume_line(
    cls: Any, size: Any, count: Decimal, ctx: _Ctx, name: str
) -> tuple[CostLine, Decimal, tuple[str, str] | None]:
    """One volume line (a PVC, or a StatefulSet claim template x replicas), its GiB and the
    assumption its size rests on. A claim is billed at the size of the disk its provisioner
    creates, not at the bytes requested: a class priced as an EBS type in whole GiB, at least
    the type's minimum (the request rounded up, stated as an assumption; under an io1/io2/st1/
    sc1 minimum EBS refuses the volume, so it is named, not priced); any other class (priced by
    pricing.kubernetes.storage_classes, or at the default rate) does not
    tell its disk's minimum, so a request under 1 GiB (less than any cloud disk: EBS 1 GiB,
    Persistent Disk and Azure disks more) is named, never priced as bytes."""
    raw = quantity(size) if isinstance(size, str) else None
    gib = Decimal(0) if raw is None else raw / GIB
    cls = cls or ctx.pricing.get("default_storage_class")
    key = f"kubernetes.storage_class.{cls}"
    priced_class = cls is not None and ctx.rates.catalog.price(key, None) is not None
    too_small: str | None = None
    assumed: tuple[str, str] | None = None
    if raw is not None and raw <= 0:
        # the API server refuses a claim of no storage: never a 1 GiB volume, nor a $0 line
        too_small = (
            f"storage request {size!r} is not above zero, which the API server refuses:"
            " the claim creates no volume to price"
        )
    elif raw is not None and priced_class and cls in EBS_MIN_GIB:
        floor = EBS_MIN_GIB[cls]
        whole = gib.to_integral_value(rounding="ROUND_CEILING")
        if gib < floor and floor > 1:
            too_small = (
                f"storage request {size!r} is under the {_num(floor)} GiB EBS allows for a {cls}"
                " volume: the CSI driver's volume is refused, not billed at that size"
            )
        elif whole != gib or gib < floor:
            billed = max(whole, floor)
            assumed = (
                f"{name} size",
                f"{size} requested: an EBS {cls} volume is created in whole GiB, at least"
                f" {_num(floor)} GiB: {_num(billed)} GiB billed",
            )
            gib = billed
    elif raw is not None and cls not in EBS_MIN_GIB and raw and gib < 1:
        too_small = (
            f"storage request {size!r} is under 1 GiB, and the disk its provisioner creates has"
            f" a minimum size (EBS 1 GiB, Persistent Disk and Azure disks more) that "
            + (f"storage class {cls}" if cls else "the default storage class")
            + " does not tell: set pricing.default_storage_class or a priced storageClassName"
        )
    if priced_class:
        line = CostLine(
            f"{name} ({_num(gib)} GiB x {_num(count)}, class {cls})", "GiB-months", key, gib * count
        )
    else:
        which = f"class {cls} has no price: default rate" if cls else "default storage rate"
        line = CostLine(
            f"{name} ({_num(gib)} GiB x {_num(count)}, {which})",
            "GiB-hours",
            "kubernetes.storage",
            gib * count * HOURS_PER_MONTH,
        )
    if raw is None:
        line = dataclasses.replace(line, unknown_reason=f"storage request {size!r} not readable")
    elif too_small is not None:
        line = dataclasses.replace(line, unknown_reason=too_small)
    return line, gib * count, assumed


def _size_notes(address: str, assumed: tuple[str, str] | None) -> list[Assumption]:
    """The assumption a volume's billed size rests on (``_volume_line``), as the report lists."""
    return [] if assumed is None else [Assumption(address, *assumed, "default")]


def _claim(r: Resource, ctx: _Ctx) -> SideCost:
    attrs = r.attributes
    line, gib, assumed = _volume_line(
        attrs.get("storage_class"), attrs.get("size"), Decimal(1), ctx, "Storage"
    )
    side = price_lines([line], ctx.rates.catalog, None)
    notes = (*ctx.rates.assumptions, *_size_notes(r.address, assumed))
    return dataclasses.replace(side, quantities={"GiB": _num(gib)}, assumptions=notes)


def _load_balancer(ctx: _Ctx, name: str) -> SideCost:
    line = CostLine(name, "hours", "kubernetes.load_balancer", HOURS_PER_MONTH)
    side = price_lines([line], ctx.rates.catalog, None)
    return dataclasses.replace(side, quantities={"load balancers": "1"})


def _quantities(r: Resource, ctx: _Ctx, pod: PodShape, storage: Decimal) -> dict[str, str]:
    out: dict[str, str] = {}
    if r.kind in ALWAYS_ON:
        n = _replicas(r, ctx, [])
        hpa = r.attributes.get("hpa")
        out["replicas"] = _num(n) if hpa is None else f"{_num(n)} ({hpa[0]}-{hpa[1]})"
        per = n
    else:
        per = Decimal(1)
        if r.kind == "DaemonSet":
            nodes = ctx.overrides.get("nodes", ctx.usage.get("daemonset_nodes"))
            out["nodes"] = "?" if nodes is None else str(nodes)
            per = Decimal(nodes) if nodes is not None else Decimal(1)
        elif r.kind == "CronJob" and not r.attributes.get("suspend"):
            try:
                runs = runs_per_month(str(r.attributes.get("schedule") or ""), None)
            except CronError:
                runs = None
            out["runs/month"] = "?" if runs is None else _num(runs)
    out["vCPU"] = _num(pod.cpu * per)
    out["GiB"] = _num(pod.memory_gib * per)
    if pod.gpu:
        out["GPU"] = _num(pod.gpu * per)
    if storage:
        out["storage GiB"] = _num(storage)
    return shared_quantities(out)


def _num(d: Decimal) -> str:
    text = (
        format(d.normalize(), "f")
        if d == d.to_integral_value()
        else format(d.quantize(Decimal("0.001")).normalize(), "f")
    )
    return text
