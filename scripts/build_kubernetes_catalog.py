"""Build pricing/kubernetes/<VERSION>.json and the EC2 node shapes file, reproducibly.

Usage:  python scripts/build_kubernetes_catalog.py [REFERENCE_DATA_DIR]
        (default: ../shared/reference-data next to the repository)
        then: python scripts/update_digests.py

Inputs (read-only):
  opencost-default-pricing/default.json   OpenCost's default ("custom provider") rates:
                                          CPU per vCPU-hour, RAM per GiB-hour, GPU per GPU-hour,
                                          storage per GiB-hour (Apache-2.0)
  pricing/aws/<VERSION>.json              EBS per GB-month list prices in us-east-1, for the
                                          storage classes named after EBS volume types
  moto ec2/resources/instance_types.json.gz   vCPUs, memory and GPUs per EC2 instance type
                                          (Apache-2.0), written to
                                          finops_gate/estimate/data/ec2_shapes.json

Price keys (region "*": these defaults are cloud-neutral):
  kubernetes.cpu, kubernetes.memory, kubernetes.gpu     per vCPU-hour, GiB-hour, GPU-hour
  kubernetes.storage                                    per GiB-hour (PVC of an unpriced class)
  kubernetes.storage_class.<class>                      per GiB-month
  kubernetes.load_balancer                              per load balancer hour: OpenCost's
      LoadBalancerPricing() constant, $0.025 for the first five forwarding rules
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

VERSION = "2026-11-01"
RETRIEVED = "2026-11-22"
ROOT = Path(__file__).resolve().parent.parent
BUILD = (
    "python scripts/build_kubernetes_catalog.py ../shared/reference-data"
    " && python scripts/update_digests.py"
)
EBS_CLASSES = ("gp2", "gp3", "io1", "io2", "st1", "sc1")
OPENCOST_RATES = {  # key: (OpenCost field, unit, description)
    "kubernetes.cpu": ("CPU", "vCPU-hours", "CPU request, per vCPU-hour"),
    "kubernetes.memory": ("RAM", "GiB-hours", "Memory request, per GiB-hour"),
    "kubernetes.gpu": ("GPU", "GPU-hours", "GPU (limit), per GPU-hour"),
    "kubernetes.storage": ("storage", "GiB-hours", "Persistent volume, per GiB-hour"),
}


def build(reference: Path) -> dict[str, Any]:
    opencost = json.loads((reference / "opencost-default-pricing" / "default.json").read_text())
    prices: dict[str, Any] = {}
    for key, (field, unit, description) in OPENCOST_RATES.items():
        prices[key] = {
            "description": description,
            "regions": {"*": str(opencost[field])},
            "source": "opencost-default",
            "unit": unit,
        }
    prices["kubernetes.load_balancer"] = {
        "description": "Service type LoadBalancer or a cloud-backed Ingress, per hour",
        "regions": {"*": "0.025"},
        "source": "opencost-load-balancer",
        "unit": "hours",
    }
    aws = json.loads((ROOT / "pricing" / "aws" / f"{VERSION}.json").read_text())
    for cls in EBS_CLASSES:
        entry = aws["prices"][f"ebs.{cls}.storage"]
        prices[f"kubernetes.storage_class.{cls}"] = {
            "description": f"Storage class {cls} (EBS {cls} in us-east-1), per GiB-month",
            "regions": {"*": entry["regions"]["us-east-1"]},
            "source": "finops-gate-aws",
            "unit": "GiB-months",
        }
    return {
        "build": BUILD,
        "catalog": "kubernetes",
        "currency": "USD",
        "description": (
            "Cloud-neutral Kubernetes rates: OpenCost's default prices for CPU, memory, GPU and "
            "storage requests, OpenCost's load balancer hour, and storage classes named after "
            "EBS volume types at their us-east-1 list price. Config can derive CPU and memory "
            "rates from a node instance type instead (pricing.kubernetes.node_instance_type)."
        ),
        "hours_per_month": 730,
        "prices": prices,
        "sources": {
            "finops-gate-aws": {
                "licence": "see pricing/aws sources",
                "notes": "ebs.<class>.storage us-east-1 from the aws catalog of the same date",
                "path": f"pricing/aws/{VERSION}.json",
                "retrieved": RETRIEVED,
                "title": "finops-gate AWS catalog",
            },
            "opencost-default": {
                "commit": "26ec4a652674466755427b78fd8ed055b19a74c0",
                "licence": "Apache-2.0",
                "notes": "custom-provider defaults, described as GCP us-central1 based",
                "path": "configs/default.json",
                "retrieved": RETRIEVED,
                "title": "OpenCost default pricing",
                "url": "https://github.com/opencost/opencost",
            },
            "opencost-load-balancer": {
                "licence": "Apache-2.0",
                "notes": "LoadBalancerPricing(): first five forwarding rules at $0.025/hour",
                "retrieved": RETRIEVED,
                "title": "OpenCost cloud provider load balancer pricing",
                "url": "https://github.com/opencost/opencost",
            },
        },
        "version": VERSION,
    }


def shapes() -> dict[str, Any]:
    import moto

    path = Path(moto.__file__).parent / "ec2" / "resources" / "instance_types.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        raw = json.load(fh)
    types: dict[str, list[Any]] = {}
    for name, info in sorted(raw.items()):
        vcpu = info.get("VCpuInfo", {}).get("DefaultVCpus")
        mib = info.get("MemoryInfo", {}).get("SizeInMiB")
        if not vcpu or not mib:
            continue
        gpus = sum(g.get("Count", 0) for g in info.get("GpuInfo", {}).get("Gpus", []))
        types[name] = [vcpu, str(mib), gpus]  # vCPUs, MiB (exact), GPUs
    return {
        "source": "moto (getmoto/moto) moto/ec2/resources/instance_types.json.gz",
        "moto_version": moto.__version__,
        "licence": "Apache-2.0",
        "fields": ["vcpus", "memory_mib", "gpus"],
        "types": types,
    }


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    reference = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "reference-data"
    target = ROOT / "pricing" / "kubernetes" / f"{VERSION}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(build(reference)), encoding="utf-8")
    data = ROOT / "finops_gate" / "estimate" / "data" / "ec2_shapes.json"
    data.write_text(json.dumps(shapes(), sort_keys=True, separators=(",", ":")) + "\n")
    print(f"wrote {target.relative_to(ROOT)} and {data.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
