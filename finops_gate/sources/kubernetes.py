"""Kubernetes manifests -> Resource, one per object (``<Kind>/<namespace>/<name>``).

Manifests are found by content (YAML documents with ``apiVersion`` and ``kind``) or by
``sources.kubernetes.paths``; Helm charts and kustomize overlays are rendered when their tools
are installed (``k8s_render``). Only what pricing and the tag policy need is kept:
the pod template's container resources, replica counts, schedules, claims, and the effective
labels (a Namespace's labels in the same tree, overridden by the object's own).
"""

from __future__ import annotations

import dataclasses
import hashlib
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from finops_gate.config import Settings
from finops_gate.errors import InputError
from finops_gate.model import KUBERNETES_BUILTIN_GROUPS, Resource
from finops_gate.sources import k8s_render
from finops_gate.sources.k8s_crds import (
    CLUSTER_SCOPED,
    READERS,
    UnreadableCount,
    bad_count,
    group_of,
)
from finops_gate.sources.k8s_yaml import Doc, load_docs, load_json_docs
from finops_gate.sources.scope import JSONNET, JsonnetImports, by_name, may_hold_objects
from finops_gate.sources.tree import RENDERED_SUFFIX, Tree, Unreadable, glob_match

SOURCE = "kubernetes"
PROVIDER = "kubernetes"
# kind -> path from the object to its pod template
POD_TEMPLATES: dict[str, tuple[str, ...]] = {
    "Deployment": ("spec", "template"),
    "ReplicaSet": ("spec", "template"),
    "ReplicationController": ("spec", "template"),
    "StatefulSet": ("spec", "template"),
    "DaemonSet": ("spec", "template"),
    "Job": ("spec", "template"),
    "CronJob": ("spec", "jobTemplate", "spec", "template"),
}
_EXTENSIONS = (".yaml", ".yml", ".json")
# a manifest states both at the top level of a document (or of a JSON object)
_MANIFEST = re.compile(
    r"(?m)^(?:---[ \t]*\n)?"
    r'(?:apiVersion:[ \t]*[\w.\-/]+[ \t]*$|[ \t]*"apiVersion"[ \t]*:[ \t]*"[\w.\-/]+")'
)
# a custom kind with a built-in kind's name is shown as kubectl does, Kind.group
# (a Knative Service.serving.knative.dev is not a core Service)
_CORE_KIND_NAMES = frozenset(
    {
        "Service",
        "Pod",
        "Deployment",
        "StatefulSet",
        "DaemonSet",
        "Job",
        "CronJob",
        "Ingress",
        "ConfigMap",
        "Secret",
        "PersistentVolumeClaim",
        "ReplicaSet",
        "Namespace",
    }
)
_LINE_PREFIX = re.compile(r"^:(\d+): ")
_KIND_LINE = re.compile(
    r'(?m)^(?:kind:[ \t]*[A-Za-z]+[ \t]*$|[ \t]*"kind"[ \t]*:[ \t]*"[A-Za-z]+")'
)
_MAX_CACHE = 50_000


@dataclass(frozen=True, slots=True)
class _Obj:
    """One object as read from a file, before the tree-wide passes (namespaces, HPAs)."""

    kind: str
    namespace: str
    name: str
    line: int
    labels: dict[str, str]
    pod_labels: dict[str, str] | None
    attributes: dict[str, Any]
    hpa_target: tuple[str, str] | None = None  # (kind, name) scaled by this HPA
    hpa_range: tuple[int, int] | None = None


# Files unchanged between base and head are parsed once: path -> (digest of the text, objects);
# the digest, not the text, so the cache holds no second copy of every manifest.
_CACHE: dict[str, tuple[bytes, list[_Obj]]] = {}


def forget() -> None:
    """Drop what the cache holds once both sides are read (``sources.load_sides``): the
    resources keep what they need, and pricing and the report run without the rest."""
    _CACHE.clear()
    _SHARED.clear()
    _STRINGS.clear()


# A tree's manifests repeat the same pod specs, requests, labels and attributes: each distinct
# value (dict or list, built by this reader and never modified) is held once. Keyed by its
# items, each container child by the id of its own shared value (alive in this map, so the id
# stays its own until ``forget`` drops keys and values together).
_SHARED: dict[tuple[Any, ...], Any] = {}


def _held_once(o: _Obj) -> _Obj:
    if len(_SHARED) >= _MAX_CACHE:
        _SHARED.clear()
    return dataclasses.replace(
        o,
        labels=_one(o.labels),
        pod_labels=None if o.pod_labels is None else _one(o.pod_labels),
        attributes=_one(o.attributes),
    )


def _one(value: Any) -> Any:
    """The one held value equal to ``value`` (same items in the same order, same types)."""
    if isinstance(value, dict):
        out: Any = {}
        parts: list[tuple[Any, ...]] = [(dict,)]
        for k, v in value.items():
            out[k] = v = _one(v)
            parts.append((k, id(v)) if isinstance(v, dict | list) else (k, type(v), v))
    elif isinstance(value, list):
        out = [_one(v) for v in value]
        parts = [(list,), *((id(v),) if isinstance(v, dict | list) else (type(v), v) for v in out)]
    else:
        return value
    try:
        return _SHARED.setdefault(tuple(parts), out)
    except TypeError:  # an unhashable scalar (none in what this reader builds): kept as is
        return out


def load(tree: Tree, settings: Settings) -> list[Resource]:
    """Every Kubernetes object of one side of the change.

    A file that does not parse is recorded on the tree (``Tree.unreadable``) instead of
    stopping the check: unchanged on both sides it is a note; changed, it is an error when it
    clearly is a manifest (``apiVersion:`` and ``kind:`` at the top level) and a note when it
    is not (a doc template, a JSON with comments), unless the base held objects in it."""
    section = settings.section("sources", "kubernetes")
    paths = section.get("paths")
    exclude = section.get("exclude") or []
    files = tree.glob(paths) if paths else [f for f in tree.files() if f.endswith(_EXTENSIONS)]
    if exclude:
        files = [f for f in files if not any(glob_match(f, g) for g in exclude)]
    rendered = k8s_render.find_renderable(
        tree, files if paths else None, section.get("overlays") or None
    )
    skip = tuple("" if d == "." else f"{d}/" for d in rendered.dirs)
    found: list[tuple[str, _Obj]] = []
    for rel in files:
        if skip and rel.startswith(skip):
            continue
        try:
            text = tree.read_text(rel)
        except InputError:
            if paths:
                raise  # a configured manifest must be readable
            continue  # the tree recorded why; the check fails closed if it hides a change
        if not paths and not may_hold_objects(text):
            continue
        try:
            found.extend((rel, obj) for obj in _objects(rel, text))
        except InputError as exc:
            reason = _LINE_PREFIX.sub(r"line \1: ", str(exc).removeprefix(rel)).lstrip(": ")
            digest = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
            soft = not _MANIFEST.search(text) or not _KIND_LINE.search(text)
            if soft:
                reason += " (does not look like a Kubernetes manifest)"
            tree.unreadable[rel] = Unreadable(rel, reason, digest, soft=soft)
    out = list(rendered.unrendered)
    for item in k8s_render.render_all(tree, rendered):
        if isinstance(item, Resource):
            out.append(item)  # the tool failed on it
        else:
            label, docs = item
            found.extend((label, o) for o in (_object(d) for d in docs) if o is not None)
    for r in out:
        # unknown, not zero: what the base held or rendered here must not look deleted
        tree.unreadable_directory(
            r.file or ".",
            f"not rendered ({r.attributes['not_rendered']})",
            str(r.attributes.get("sha256", "")),
        )
    if not paths:
        # after the loop above: a directory of manifests that also holds Jsonnet still reads
        # its manifests (its objects are not "held" by the Jsonnet row)
        out.extend(_jsonnet(tree, skip))
    resources = _resources(found)
    if len(rendered.overlays) + len(rendered.charts) > 1:
        # overlays/{dev,staging,prod} are alternatives, not parts of one cluster: each is its
        # own project with its own total (sources.kubernetes.overlays picks which to check)
        resources = [
            dataclasses.replace(r, project=r.file.removesuffix(RENDERED_SUFFIX))
            if r.file and k8s_render.is_rendered_label(r.file)
            else r
            for r in resources
        ]
    return out + resources


_JSONNET_OBJECT = re.compile(r"\bapiVersion\b")


def _jsonnet(tree: Tree, skip: tuple[str, ...]) -> list[Resource]:
    """Jsonnet that builds Kubernetes objects (an Argo CD directory app, Tanka, kubecfg) is not
    evaluated here: each directory holding a ``.jsonnet`` file that names an ``apiVersion`` is
    one ``not rendered`` row whose digest covers its Jsonnet files and every file they import
    (a shared ``lib/`` or ``vendor/`` library too), so a change to any of them is a changed row
    with an unknown cost (a warning), never "No resource changes". Jsonnet with no
    ``apiVersion`` (a Grafana dashboard) is not a Kubernetes source."""
    every = tree.files()
    files = [f for f in every if f.endswith(JSONNET) and not (skip and f.startswith(skip))]
    texts: dict[str, str] = {}

    def text_of(rel: str) -> str:
        if rel not in texts:
            try:
                texts[rel] = tree.read_text(rel)
            except InputError:
                texts[rel] = ""  # the tree recorded why; its bytes are in the digest
        return texts[rel]

    dirs = {
        posixpath.dirname(rel) or "."
        for rel in files
        if rel.endswith(".jsonnet") and _JSONNET_OBJECT.search(text_of(rel))
    }
    imports = JsonnetImports(text_of, by_name(every))
    digests: dict[str, bytes] = {}  # each covered file's, once: rows share their libraries
    rows = []
    for d in sorted(dirs):
        prefix = "" if d == "." else f"{d}/"
        members = {f for f in files if f.startswith(prefix)}
        digest = hashlib.sha256()
        for rel in sorted(members | imports.closure(members)):
            found = digests.get(rel)
            if found is None:
                try:
                    data = tree.read_bytes(rel)
                except InputError as exc:  # (the tree records why; the digest says it changed)
                    data = f"unreadable: {exc}".encode()
                found = digests[rel] = hashlib.sha256(data).digest()
            digest.update(rel.encode("utf-8", "surrogatepass") + b"\0" + found)
        rows.append(
            k8s_render.unrendered_row(
                "Jsonnet",
                d,
                "Jsonnet is not evaluated, so the objects it builds are not priced",
                digest.hexdigest(),
            )
        )
    return rows


def _objects(rel: str, text: str) -> list[_Obj]:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    cached = _CACHE.get(rel)
    if cached is not None and cached[0] == digest:
        return cached[1]
    docs = load_json_docs(text, rel) if rel.endswith(".json") else load_docs(text, rel)
    objs = [_held_once(o) for o in (_object(d) for d in docs) if o is not None]
    if len(_CACHE) >= _MAX_CACHE:
        _CACHE.clear()
    _CACHE[rel] = (digest, objs)
    return objs


def _object(doc: Doc) -> _Obj | None:
    obj = doc.obj
    kind, api = obj.get("kind"), obj.get("apiVersion")
    meta = _map(obj.get("metadata"))
    name = meta.get("name")
    if not _scalar(name) and _scalar(meta.get("generateName")):
        # the API server appends a random suffix: one object per apply, named by its prefix
        name = f"{meta['generateName']}*"
    if not isinstance(kind, str) or not isinstance(api, str) or not _scalar(name):
        return None
    ns = meta.get("namespace")
    namespace = _short(str(ns)) if _scalar(ns) and ns != "" else "default"
    kind, api = _short(kind), _short(api)
    labels = _labels(meta)
    if kind in CLUSTER_SCOPED:
        namespace = ""  # addressed <Kind>/<name>
    group = group_of(api)
    reader = READERS.get((group, kind))
    if reader is not None:
        try:
            groups = reader(obj, _pod)
        except UnreadableCount as exc:
            groups = [{"name": kind, "unpriced": str(exc)}]
        attrs_crd: dict[str, Any] = {"api_version": api, "pod_groups": groups}
        template = _map(_map(obj.get("spec")).get("template"))
        crd_labels = {**labels, **_labels(_map(template.get("metadata")))}
        shown = f"{kind}.{group}" if kind in _CORE_KIND_NAMES else kind
        return _Obj(shown, namespace, str(name), doc.line, labels, crd_labels, attrs_crd)
    if group not in KUBERNETES_BUILTIN_GROUPS:
        # a custom resource finops-gate does not know: listed as unsupported, never free
        attrs_other = {"api_version": api}
        shown = f"{kind}.{group}" if kind in _CORE_KIND_NAMES else kind
        return _Obj(shown, namespace, str(name), doc.line, labels, None, attrs_other)
    spec = _map(obj.get("spec"))
    attrs: dict[str, Any] = {"api_version": api}
    pod_labels: dict[str, str] | None = None
    if kind in POD_TEMPLATES or kind == "Pod":
        template = obj if kind == "Pod" else _dig(obj, POD_TEMPLATES[kind])
        pod_labels = _labels(_map(template.get("metadata")))
        attrs["pod"] = _pod(_map(template.get("spec")))
        attrs.update(_workload(kind, spec, meta))
    elif kind == "PersistentVolumeClaim":
        attrs["storage_class"] = _str(spec.get("storageClassName"))
        attrs["size"] = _str(_dig(spec, ("resources", "requests")).get("storage"))
    elif kind == "Service":
        attrs["type"] = _str(spec.get("type")) or "ClusterIP"
    elif kind == "Ingress":
        annotations = _map(meta.get("annotations"))
        attrs["ingress_class"] = _str(spec.get("ingressClassName")) or _str(
            annotations.get("kubernetes.io/ingress.class")
        )
    elif kind == "LimitRange":
        defaults = _container_defaults(spec)
        if defaults is not None:
            attrs["container_defaults"] = defaults
    elif kind == "HorizontalPodAutoscaler":
        ref = _map(spec.get("scaleTargetRef"))
        problems: list[str] = []
        lo = _hpa_bound(spec, "minReplicas", problems)
        hi = _hpa_bound(spec, "maxReplicas", problems)
        if _scalar(ref.get("kind")) and _scalar(ref.get("name")):
            hpa_attrs: dict[str, Any] = {"min_replicas": lo, "max_replicas": hi}
            if problems:  # its target is unpriced naming the field, never priced as 1 replica
                where = f"HorizontalPodAutoscaler/{namespace}/{name}"
                hpa_attrs["invalid"] = [f"{where}: {p}" for p in problems]
            return _Obj(
                kind,
                namespace,
                str(name),
                doc.line,
                labels,
                None,
                hpa_attrs,
                (str(ref["kind"]), str(ref["name"])),
                (lo, max(lo, hi)),
            )
    return _Obj(kind, namespace, str(name), doc.line, labels, pod_labels, attrs)


def _container_defaults(spec: dict[str, Any]) -> dict[str, dict[str, str]] | None:
    """A LimitRange's defaults for containers: ``defaultRequest`` (else ``default``, as the API
    server fills it in) for the requests a container leaves out, ``default`` for its limits."""
    items = spec.get("limits")
    for item in items if isinstance(items, list) else []:
        item = _map(item)
        if _str(item.get("type")) not in (None, "Container"):
            continue
        limits = _quantities(item.get("default"))
        requests = {**limits, **_quantities(item.get("defaultRequest"))}
        if requests or limits:
            return {"requests": requests, "limits": limits}
    return None


def _limit_ranges(found: list[tuple[str, _Obj]]) -> dict[str, tuple[str, dict[str, Any]]]:
    """namespace -> (the LimitRange, its container defaults); with several in one namespace,
    the first by name."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for _, o in sorted(
        ((rel, o) for rel, o in found if o.kind == "LimitRange"), key=lambda p: p[1].name
    ):
        defaults = o.attributes.get("container_defaults")
        if defaults is not None and o.namespace not in out:
            out[o.namespace] = (f"LimitRange/{o.namespace}/{o.name}", defaults)
    return out


def _defaulted(pod: dict[str, Any], source: str, defaults: dict[str, Any]) -> dict[str, Any]:
    """The pod as the LimitRanger admits it: each container's missing requests and limits
    filled in from the namespace's LimitRange (a request it leaves out but whose limit it sets
    is that limit, as the API server defaults it, and is left alone)."""
    wanted = defaults.get("requests") or {}
    capped = defaults.get("limits") or {}
    changed = False

    def fill(containers: Any) -> list[Any]:
        nonlocal changed
        out = []
        for c in containers if isinstance(containers, list) else []:
            req, lim = c.get("requests") or {}, c.get("limits") or {}
            add_req = {k: v for k, v in wanted.items() if k not in req and k not in lim}
            add_lim = {k: v for k, v in capped.items() if k not in lim}
            if add_req or add_lim:
                changed = True
                c = {**c, "requests": {**req, **add_req}, "limits": {**lim, **add_lim}}
            out.append(c)
        return out

    filled = {**pod, "containers": fill(pod.get("containers")), "init": fill(pod.get("init"))}
    if not changed:
        return pod
    shown = {k: v for k, v in sorted(wanted.items()) if k in ("cpu", "memory")}
    filled["defaults_from"] = {"source": source, "requests": shown}
    return filled


def _workload(kind: str, spec: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    owners = meta.get("ownerReferences")
    if isinstance(owners, list):
        for ref in owners:
            ref = _map(ref)
            if _scalar(ref.get("kind")) and _scalar(ref.get("name")):
                out["owned_by"] = f"{ref['kind']}/{ref['name']}"
                break
    invalid: list[str] = []
    if kind in ("Deployment", "ReplicaSet", "ReplicationController", "StatefulSet"):
        out["replicas"] = _count(spec, "replicas", invalid)
    if kind == "StatefulSet":
        claims = []
        templates = spec.get("volumeClaimTemplates")
        for t in templates if isinstance(templates, list) else []:
            t = _map(t)
            tspec = _map(t.get("spec"))
            claims.append(
                {
                    "name": _str(_map(t.get("metadata")).get("name")) or "claim",
                    "storage_class": _str(tspec.get("storageClassName")),
                    "size": _str(_dig(tspec, ("resources", "requests")).get("storage")),
                }
            )
        out["claims"] = claims
    if kind == "Job":
        out.update(_job(spec, invalid))
    if kind == "CronJob":
        out["schedule"] = _str(spec.get("schedule"))
        out["time_zone"] = _str(spec.get("timeZone"))
        out["suspend"] = spec.get("suspend") is True
        out.update(_job(_dig(spec, ("jobTemplate", "spec")), invalid))
    if invalid:
        out["invalid"] = invalid  # unpriced with this reason, never a guessed count
    return out


def _job(spec: dict[str, Any], invalid: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "completions": _count(spec, "completions", invalid),
        "parallelism": _count(spec, "parallelism", invalid),
    }
    if spec.get("completions") is None:
        # a work-queue Job: parallelism pods run until one succeeds (completions unset)
        out["work_queue"] = True
    return out


def _count(spec: dict[str, Any], key: str, invalid: list[str]) -> int:
    """An int32 count (default 1 when unset); anything else the API server would refuse
    (negative, huge, a string, a float) is recorded in ``invalid``."""
    v = spec.get(key)
    if v is None:
        return 1
    if isinstance(v, int) and not isinstance(v, bool):
        problem = bad_count(key, v)
        if problem is None:
            return v
        invalid.append(problem)
    else:
        invalid.append(f"{key} {str(v)[:40]!r} is not a count")
    return 1


def _pod(spec: dict[str, Any]) -> dict[str, Any]:
    def containers(key: str) -> list[dict[str, Any]]:
        out = []
        items = spec.get(key)
        for c in items if isinstance(items, list) else []:
            c = _map(c)
            res = _map(c.get("resources"))
            entry: dict[str, Any] = {
                "name": _short(_str(c.get("name")) or "?"),
                "requests": _quantities(res.get("requests")),
                "limits": _quantities(res.get("limits")),
            }
            if key == "initContainers":
                entry["sidecar"] = c.get("restartPolicy") == "Always"
            out.append(entry)
        return out

    out: dict[str, Any] = {
        "containers": containers("containers"),
        "init": containers("initContainers"),
        "overhead": _quantities(spec.get("overhead")),
    }
    accelerator = _accelerator(spec)
    if accelerator is not None:
        out["accelerator"] = accelerator
    pod_level = _map(spec.get("resources"))  # pod-level resources (Kubernetes 1.32+)
    if pod_level:
        out["resources"] = {
            "requests": _quantities(pod_level.get("requests")),
            "limits": _quantities(pod_level.get("limits")),
        }
    return out


# node labels that name the GPU (or the instance type that carries it), most specific first
ACCELERATOR_LABELS = (
    "cloud.google.com/gke-accelerator",
    "nvidia.com/gpu.product",
    "karpenter.k8s.aws/instance-gpu-name",
    "node.kubernetes.io/instance-type",
    "beta.kubernetes.io/instance-type",
    "karpenter.k8s.aws/instance-family",
)


def _accelerator(spec: dict[str, Any]) -> dict[str, str] | None:
    """The node label a pod asks for that says which GPU it gets: from ``nodeSelector``, or a
    required node affinity term (``In`` with one value, or several: then each is listed)."""
    found: dict[str, str] = {}
    for key, value in _map(spec.get("nodeSelector")).items():
        if key in ACCELERATOR_LABELS and _str(value):
            found[str(key)] = str(value)
    terms: defaultdict[str, list[str]] = defaultdict(list)
    required = _dig(_map(spec.get("affinity")), ("nodeAffinity",)).get(
        "requiredDuringSchedulingIgnoredDuringExecution"
    )
    for term in _map(required).get("nodeSelectorTerms") or []:
        for item in _map(term).get("matchExpressions") or []:
            expr = _map(item)
            label, values = expr.get("key"), expr.get("values")
            if label in ACCELERATOR_LABELS and expr.get("operator") == "In" and values:
                values = values if isinstance(values, list) else [values]
                # terms are ORed: a pod that may land on a g5 or a p5 node lists both
                terms[str(label)].extend(str(v) for v in values if _str(v))
    for label, values in terms.items():
        if values:
            found.setdefault(label, ",".join(dict.fromkeys(values)))
    for key in ACCELERATOR_LABELS:
        if key in found:
            return {"label": key, "value": found[key]}
    return None


def _workload_refs(found: list[tuple[str, _Obj]]) -> list[tuple[str, _Obj]]:
    """Argo Rollouts with ``workloadRef``: the pods are the referenced workload's template (in
    the same namespace) x the Rollout's replicas; a Deployment that Argo scales down once the
    Rollout is healthy (``scaleDown: onsuccess|progressively``) is marked, so it is not
    counted twice. A reference to nothing in the files read leaves the Rollout unpriced."""
    refs = [(i, o) for i, (_, o) in enumerate(found) if _refs(o)]
    if not refs:
        return found
    targets = {(o.namespace, o.kind, o.name): i for i, (_, o) in enumerate(found)}
    out = list(found)
    for i, o in refs:
        groups = []
        pod_labels = o.pod_labels
        for group in o.attributes["pod_groups"]:
            ref = group.get("workload_ref")
            if ref is None:
                groups.append(group)
                continue
            j = targets.get((o.namespace, ref["kind"], ref["name"]))
            target = out[j][1] if j is not None else None
            if target is None or "pod" not in target.attributes:
                where = f"{ref['kind']}/{o.namespace}/{ref['name']}"
                why = f"pods from workloadRef {where}, which is not in the files read"
                groups.append({"name": group["name"], "unpriced": why})
                continue
            groups.append({**group, "pod": target.attributes["pod"]})
            pod_labels = {**(target.pod_labels or {}), **(pod_labels or {})}
            if ref["scale_down"] in ("onsuccess", "progressively") and j is not None:
                by = f"Rollout/{o.namespace}/{o.name} (workloadRef scaleDown: {ref['scale_down']})"
                attrs = {**target.attributes, "scaled_down_by": by}
                out[j] = (out[j][0], dataclasses.replace(target, attributes=attrs))
        attrs = {**o.attributes, "pod_groups": groups}
        out[i] = (out[i][0], dataclasses.replace(o, attributes=attrs, pod_labels=pod_labels))
    return out


def _refs(o: _Obj) -> bool:
    groups = o.attributes.get("pod_groups")
    return isinstance(groups, list) and any("workload_ref" in g for g in groups)


def _resources(found: list[tuple[str, _Obj]]) -> list[Resource]:
    found = _workload_refs(found)
    ns_labels = {o.name: o.labels for _, o in found if o.kind == "Namespace"}
    hpas = {
        (o.namespace, *o.hpa_target): o.hpa_range
        for _, o in found
        if o.hpa_target is not None and o.hpa_range is not None
    }
    hpa_invalid = {
        (o.namespace, *o.hpa_target): o.attributes["invalid"]
        for _, o in found
        if o.hpa_target is not None and o.attributes.get("invalid")
    }
    addresses = _addresses(found)
    limit_ranges = _limit_ranges(found)
    out: list[Resource] = []
    for (rel, o), address in zip(found, addresses, strict=True):
        attrs = o.attributes
        hpa = hpas.get((o.namespace, o.kind, o.name))
        if hpa is not None:
            attrs = {**attrs, "hpa": list(hpa)}
        bad_hpa = hpa_invalid.get((o.namespace, o.kind, o.name))
        if bad_hpa:
            attrs = {**attrs, "invalid": [*(attrs.get("invalid") or ()), *bad_hpa]}
        limit_range = limit_ranges.get(o.namespace) if limit_ranges else None
        if limit_range is not None and ("pod" in attrs or "pod_groups" in attrs):
            attrs = _with_defaults(attrs, *limit_range)
        out.append(
            Resource(
                address=address,
                source=SOURCE,
                kind=o.kind,
                provider=PROVIDER,
                attributes=attrs,
                tags=_tags(o, ns_labels.get(o.namespace, {})),
                file=rel,
                line=o.line if not k8s_render.is_rendered_label(rel) else None,
            )
        )
    return out


def _with_defaults(attrs: dict[str, Any], source: str, defaults: dict[str, Any]) -> dict[str, Any]:
    if "pod" in attrs:
        pod = _defaulted(attrs["pod"], source, defaults)
        return attrs if pod is attrs["pod"] else {**attrs, "pod": pod}
    groups = [
        {**g, "pod": _defaulted(g["pod"], source, defaults)}
        if isinstance(g.get("pod"), dict)
        else g
        for g in attrs["pod_groups"]
    ]
    return {**attrs, "pod_groups": groups}


def _addresses(found: list[tuple[str, _Obj]]) -> list[str]:
    """``<Kind>/<namespace>/<name>``; an object defined more than once in a tree (per-environment
    copies of a manifest) gets ``#<file>`` (and ``:<line>`` within one file) on every copy, so
    no copy silently replaces another and each matches its own copy on the other side."""
    plain = [
        f"{o.kind}/{o.namespace}/{o.name}" if o.namespace else f"{o.kind}/{o.name}"
        for _, o in found
    ]
    seen = Counter(plain)
    by_file = Counter((a, rel) for a, (rel, _) in zip(plain, found, strict=True))
    out = []
    for a, (rel, o) in zip(plain, found, strict=True):
        if seen[a] > 1:
            a = f"{a}#{rel}" if by_file[(a, rel)] == 1 else f"{a}#{rel}:{o.line}"
        out.append(a)
    return out


def _tags(o: _Obj, namespace: dict[str, str]) -> dict[str, str] | None:
    """Effective labels the tag policy reads: the pod template's for workloads (not the
    controller's own), the object's own for PVCs and load balancers; a Namespace's labels in
    the same tree count for everything in it."""
    own = o.pod_labels
    if own is None and (
        o.kind == "PersistentVolumeClaim"
        or (o.kind == "Service" and o.attributes.get("type") == "LoadBalancer")
    ):
        own = o.labels
    if own is None:
        return None
    return {**namespace, **own} if namespace else own  # never modified: no copy of each


def _scalar(v: object) -> bool:
    return isinstance(v, str | int | float) and not isinstance(v, bool)


def _str(v: object) -> str | None:
    return str(v) if isinstance(v, str | int | float) and not isinstance(v, bool) else None


def _hpa_bound(spec: dict[str, Any], key: str, problems: list[str]) -> int:
    """An HPA's ``minReplicas`` (1 when unset, as the API server defaults it) or
    ``maxReplicas`` (required); a value the API server refuses (a string, a float, a negative
    or huge number, an unrendered template) is recorded in ``problems``, never read as 1."""
    if key != "minReplicas" and spec.get(key) is None:
        problems.append(f"{key} unset (the API server requires it)")
        return 1
    return _count(spec, key, problems)


def _map(v: object) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


def _dig(obj: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    node: Any = obj
    for key in path:
        node = _map(node).get(key)
    return _map(node)


def _labels(meta: dict[str, Any]) -> dict[str, str]:
    raw = _map(meta.get("labels"))
    return {
        _short(str(k)): _short(str(v)) for k, v in raw.items() if _str(k) and _str(v) is not None
    }


def _quantities(v: object) -> dict[str, str]:
    return {
        _short(str(k)): _short(str(q))
        for k, q in _map(v).items()
        if _str(k) and _str(q) is not None
    }


def _short(text: str) -> str:
    """One object per distinct short string of a tree: the YAML loader makes a new one for
    every scalar, and thousands of manifests repeat the same label keys, values and sizes.
    (A dict of the reader's own, not sys.intern: the interpreter's table never shrinks; this
    one is dropped by ``forget``.)"""
    return _STRINGS.setdefault(text, text) if len(text) <= 100 else text


_STRINGS: dict[str, str] = {}
