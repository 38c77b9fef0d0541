"""Kubernetes resource quantities and the pod's effective request.

Quantities follow the API's quantity grammar (``500m``, ``1.5``, ``2Gi``, ``512M``, ``1e3``).
A pod reserves max(the largest init container plus the sidecars started before it, the app
containers plus all sidecars) + overhead, per resource, as the scheduler computes it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

GIB = Decimal(1024**3)
_SUFFIX = {
    "": Decimal(1),
    "m": Decimal("0.001"),
    "k": Decimal(10**3),
    "M": Decimal(10**6),
    "G": Decimal(10**9),
    "T": Decimal(10**12),
    "P": Decimal(10**15),
    "E": Decimal(10**18),
    "Ki": Decimal(2**10),
    "Mi": Decimal(2**20),
    "Gi": Decimal(2**30),
    "Ti": Decimal(2**40),
    "Pi": Decimal(2**50),
    "Ei": Decimal(2**60),
}
# a number with either a decimal exponent or a suffix, never both: the API server refuses
# ``1e3m`` (``<quantity> ::= <signedNumber><suffix>``, the suffix one of the three forms)
_QUANTITY = re.compile(
    r"^([+]?[0-9]*\.?[0-9]+)(?:([eE][+-]?[0-9]{1,2})|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E))?$"
)
MAX_QUANTITY = Decimal(2**63 - 1)
GPU_RESOURCES = ("nvidia.com/gpu", "amd.com/gpu", "gpu.intel.com/i915")


def quantity(text: str | None) -> Decimal | None:
    """``"500m"`` -> 0.5, ``"2Gi"`` -> 2147483648; ``None`` when absent or not a quantity."""
    if text is None:
        return None
    m = _QUANTITY.match(text.strip())
    if m is None or len(text) > 40:
        return None
    try:
        value = Decimal(m.group(1) + (m.group(2) or "")) * _SUFFIX[m.group(3) or ""]
    except InvalidOperation:
        return None
    # the API server stores a quantity in an int64 of its base unit: anything larger is not a
    # size a cluster can hold (``1e30Ei``), so it is refused rather than priced
    return value if value <= MAX_QUANTITY else None


@dataclass(frozen=True, slots=True)
class PodShape:
    """What one pod requests (CPU, memory, GPUs), and what was missing or invalid."""

    cpu: Decimal  # vCPU
    memory_gib: Decimal
    gpu: Decimal
    missing: tuple[str, ...] = ()  # "container web: cpu, memory" (filled from the assumption)
    invalid: tuple[str, ...] = ()  # quantities that do not parse


@dataclass(frozen=True, slots=True)
class _Need:
    """CPU, memory and GPUs, summed over containers."""

    cpu: Decimal
    mem: Decimal
    gpu: Decimal

    def __add__(self, other: _Need) -> _Need:
        return _Need(self.cpu + other.cpu, self.mem + other.mem, self.gpu + other.gpu)

    def max(self, other: _Need) -> _Need:
        return _Need(max(self.cpu, other.cpu), max(self.mem, other.mem), max(self.gpu, other.gpu))


_ZERO = _Need(Decimal(0), Decimal(0), Decimal(0))


def pod_shape(pod: Mapping[str, Any], assume: Mapping[str, str]) -> PodShape:
    """The pod's reservation. ``assume`` holds the cpu/memory used for a container that sets
    neither a request nor a limit (the ``kubernetes.missing_requests`` assumption)."""
    missing: list[str] = []
    invalid: list[str] = []

    def need(c: Mapping[str, Any]) -> _Need:
        req, lim = c.get("requests") or {}, c.get("limits") or {}
        values: dict[str, Decimal] = {}
        gaps = []
        for res in ("cpu", "memory"):
            raw = req.get(res) if res in req else lim.get(res)
            if raw is None:
                gaps.append(res)
                raw = assume.get(res)
            q = quantity(raw)
            if q is None and raw is not None:
                invalid.append(f"container {c.get('name')}: {res} {raw!r}")
            values[res] = q or Decimal(0)
        if gaps:
            missing.append(f"container {c.get('name')}: no {' or '.join(gaps)} request or limit")
        gpu = Decimal(0)
        for res in GPU_RESOURCES:
            raw = lim.get(res, req.get(res))
            q = quantity(raw)
            if raw is not None and q is None:
                invalid.append(f"container {c.get('name')}: {res} {raw!r}")
            elif q is not None and q != q.to_integral_value():
                # an extended resource is a whole number: the API server refuses 0.5 GPU
                invalid.append(f"container {c.get('name')}: {res} {raw!r} is not a whole GPU")
                q = None
            gpu += q or Decimal(0)
        return _Need(values["cpu"], values["memory"] / GIB, gpu)

    init_peak, sidecars = _ZERO, _ZERO
    for c in _items(pod.get("init")):
        n = need(c)
        if c.get("sidecar"):
            sidecars = sidecars + n
            init_peak = init_peak.max(sidecars)
        else:
            init_peak = init_peak.max(sidecars + n)
    app = sidecars
    for c in _items(pod.get("containers")):
        app = app + need(c)
    total = init_peak.max(app)
    total = _pod_level(pod.get("resources"), total, invalid)
    level = pod.get("resources")
    if isinstance(level, Mapping) and all(
        r in (level.get("requests") or {}) or r in (level.get("limits") or {})
        for r in ("cpu", "memory")
    ):
        missing.clear()  # the pod as a whole declares what it needs
    overhead = pod.get("overhead") or {}
    extra = {}
    for res in ("cpu", "memory"):
        raw = overhead.get(res)
        extra[res] = quantity(raw)
        if raw is not None and extra[res] is None:  # never read as no overhead
            invalid.append(f"pod overhead: {res} {raw!r}")
    total = total + _Need(
        extra["cpu"] or Decimal(0), (extra["memory"] or Decimal(0)) / GIB, Decimal(0)
    )
    return PodShape(total.cpu, total.mem, total.gpu, tuple(missing), tuple(invalid))


def _pod_level(res: object, containers: _Need, invalid: list[str]) -> _Need:
    """Pod-level requests (limits when no request) replace the containers' sum for cpu and
    memory, as the scheduler does when ``spec.resources`` is set."""
    if not isinstance(res, Mapping):
        return containers
    req, lim = res.get("requests") or {}, res.get("limits") or {}
    values = {}
    for name in ("cpu", "memory"):
        raw = req.get(name, lim.get(name))
        q = quantity(raw)
        if raw is not None and q is None:
            invalid.append(f"pod: {name} {raw!r}")
        values[name] = q
    cpu = values["cpu"] if values["cpu"] is not None else containers.cpu
    mem = values["memory"] / GIB if values["memory"] is not None else containers.mem
    return _Need(cpu, mem, containers.gpu)


def _items(v: object) -> Sequence[Mapping[str, Any]]:
    return [c for c in v if isinstance(c, Mapping)] if isinstance(v, list) else []
