"""Benchmark: `finops-gate check --base B --head H` on 5,000 manifests against PyYAML's C loader.

Writes two trees of realistic manifests (each file: a Deployment, its Service and a ConfigMap;
the head scales a few Deployments and adds one), then prints the wall time of the gate divided
by the time of `python -c "yaml.load_all(..., CSafeLoader)"` parsing the same files: once over
the head tree. A second run with --all-resources reads every manifest of both sides (as budgets
need) against the loader over both trees (--no-whole skips it). Target: at most 3x. Peak memory
is counted above the same command on one manifest (_measure.memory_line).
Usage: python bench/bench_kubernetes.py [--manifests N] [--runs N] [--out DIR] [--no-whole]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import gate, median_cpu_runs, memory_line

MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-{i}
  namespace: team-{team}
  labels: {{app: svc-{i}, app.kubernetes.io/part-of: shop}}
  annotations:
    deployment.kubernetes.io/revision: "{rev}"
spec:
  replicas: {replicas}
  revisionHistoryLimit: 5
  selector:
    matchLabels: {{app: svc-{i}}}
  strategy:
    type: RollingUpdate
    rollingUpdate: {{maxSurge: 25%, maxUnavailable: 0}}
  template:
    metadata:
      labels:
        app: svc-{i}
        finops/team: team-{team}
        finops/service: svc-{i}
        finops/environment: prod
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
    spec:
      serviceAccountName: svc-{i}
      securityContext: {{runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001}}
      containers:
        - name: app
          image: registry.example.com/team-{team}/svc-{i}:1.{rev}.0
          ports: [{{containerPort: 8080, name: http}}, {{containerPort: 9090, name: metrics}}]
          env:
            - {{name: LOG_LEVEL, value: info}}
            - {{name: DB_HOST, valueFrom: {{secretKeyRef: {{name: db-{team}, key: host}}}}}}
            - {{name: OTEL_EXPORTER_OTLP_ENDPOINT, value: "http://otel-collector:4317"}}
          envFrom: [{{configMapRef: {{name: svc-{i}-config}}}}]
          resources:
            requests: {{cpu: {cpu}m, memory: {mem}Mi}}
            limits: {{memory: {mem}Mi}}
          readinessProbe:
            httpGet: {{path: /healthz, port: http}}
            periodSeconds: 10
          livenessProbe:
            httpGet: {{path: /livez, port: http}}
            initialDelaySeconds: 15
          volumeMounts: [{{name: tmp, mountPath: /tmp}}]
      volumes: [{{name: tmp, emptyDir: {{}}}}]
---
apiVersion: v1
kind: Service
metadata:
  name: svc-{i}
  namespace: team-{team}
spec:
  selector: {{app: svc-{i}}}
  ports:
    - {{name: http, port: 80, targetPort: http}}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: svc-{i}-config
  namespace: team-{team}
data:
  FEATURE_FLAGS: "checkout-v2,search-v3"
  CACHE_TTL_SECONDS: "300"
  UPSTREAM_URL: "http://svc-{up}.team-{team}.svc.cluster.local"
"""


def write_tree(root: Path, n: int, *, head: bool) -> None:
    for i in range(n):
        team = i % 23
        replicas = 2 + i % 4
        if head and i % 500 == 0:
            replicas *= 3  # the change: a few scale-ups
        text = MANIFEST.format(
            i=i,
            team=team,
            rev=i % 40,
            replicas=replicas,
            cpu=100 + 50 * (i % 8),
            mem=128 * (1 + i % 6),
            up=(i + 1) % n,
        )
        path = root / "k8s" / f"team-{team}" / f"svc-{i}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if head:
        (root / "k8s" / "new.yaml").write_text(
            MANIFEST.format(i=n, team=0, rev=1, replicas=3, cpu=500, mem=512, up=0),
            encoding="utf-8",
        )


PARSE = (
    "import sys, yaml, pathlib\n"
    "for root in sys.argv[1:]:\n"
    "    for p in sorted(pathlib.Path(root).rglob('*.yaml')):\n"
    "        list(yaml.load_all(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader))\n"
)


def _pair(out: Path, n: int) -> tuple[Path, Path]:
    base, head = out / "base", out / "head"
    write_tree(base, n, head=False)
    write_tree(head, n, head=True)
    return base, head


def _check(base: Path, head: Path, report: Path, *extra: str) -> list[str]:
    return [
        *gate(),
        "check",
        str(head),
        "--base",
        str(base),
        "--head",
        str(head),
        "--format",
        "json",
        "--out",
        str(report),
        *extra,
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--manifests", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    ap.add_argument(
        "--no-whole", action="store_true", help="skip the --all-resources run (every file read)"
    )
    args = ap.parse_args()
    out = args.out.resolve() / "k8s"
    shutil.rmtree(out, ignore_errors=True)
    base, head = _pair(out, args.manifests)
    small_base, small_head = _pair(out / "small", 1)
    size = sum(p.stat().st_size for p in head.rglob("*.yaml"))
    gate_s, gate_cpu, peak = median_cpu_runs(_check(base, head, out / "report.json"), args.runs)
    _, _, fixed = median_cpu_runs(_check(small_base, small_head, out / "small.json"), args.runs)
    one_s, one_cpu, _ = median_cpu_runs([sys.executable, "-c", PARSE, str(head)], args.runs)
    print(f"manifests: {args.manifests} files x 3 documents per side, {size / 1e6:.1f} MB")
    print(f"finops-gate check --base --head (the changed manifests' projects): {gate_s:.2f}s")
    print(f"PyYAML CSafeLoader, head tree: {one_s:.2f}s")
    print(
        f"time ratio: {gate_s / one_s:.2f}x the head tree (target <= 3x)"
        f"   CPU time ratio: {gate_cpu / one_cpu:.2f}x"
    )
    print(memory_line(peak, fixed, size, "the head's manifest bytes"))
    if args.no_whole:
        return 0
    whole = _check(base, head, out / "whole.json", "--all-resources")
    w, w_cpu, w_peak = median_cpu_runs(whole, args.runs)
    small = _check(small_base, small_head, out / "small.json", "--all-resources")
    _, _, w_fixed = median_cpu_runs(small, args.runs)
    both_s, both_cpu, _ = median_cpu_runs(
        [sys.executable, "-c", PARSE, str(base), str(head)], args.runs
    )
    print(
        f"--all-resources (every manifest of both sides): {w:.2f}s;"
        f" PyYAML CSafeLoader, both trees: {both_s:.2f}s"
    )
    print(
        f"whole-tree time ratio: {w / one_s:.2f}x the head tree, {w / both_s:.2f}x both trees"
        f"   CPU time ratio: {w_cpu / both_cpu:.2f}x both trees"
    )
    print("whole-tree " + memory_line(w_peak, w_fixed, size, "the head's manifest bytes"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
