"""Benchmark: `finops-gate check --base B --head H` on 5,000 manifests against PyYAML's C loader.

Writes two trees of realistic manifests (each file: a Deployment, its Service and a ConfigMap;
the head scales a few Deployments and adds one), then prints the wall time of the gate divided
by the time of `python -c "yaml.load_all(..., CSafeLoader)"` parsing the same files: once over
the head tree, and over both trees (what the gate reads). Target: at most 3x.
Usage: python bench/bench_kubernetes.py [--manifests N] [--runs N] [--out DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

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


def timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{cmd[:3]} failed: {proc.stderr.strip()[:500]}")
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--manifests", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "k8s")
    args = ap.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    base, head = args.out / "base", args.out / "head"
    write_tree(base, args.manifests, head=False)
    write_tree(head, args.manifests, head=True)
    gate = [
        sys.executable,
        "-m",
        "finops_gate.cli",
        "check",
        "--base",
        str(base),
        "--head",
        str(head),
        "--format",
        "json",
        "--out",
        str(args.out / "report.json"),
    ]
    gate_s = timed(gate, args.runs)
    one_s = timed([sys.executable, "-c", PARSE, str(head)], args.runs)
    both_s = timed([sys.executable, "-c", PARSE, str(base), str(head)], args.runs)
    print(f"manifests: {args.manifests} files x 3 documents per side")
    print(f"finops-gate check --base --head: {gate_s:.2f}s")
    print(f"PyYAML CSafeLoader, head tree: {one_s:.2f}s; both trees: {both_s:.2f}s")
    print(
        f"time ratio: {gate_s / one_s:.2f}x the head tree, {gate_s / both_s:.2f}x both trees "
        "(target <= 3x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
