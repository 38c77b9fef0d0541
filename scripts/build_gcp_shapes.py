"""Build finops_gate/catalogs/refresh/gcp_shapes.json: what `pricing refresh gcp` composes machine
type prices from, reproducibly, from the public reference data.

Usage:  python scripts/build_gcp_shapes.py [REFERENCE_DATA_DIR]
        (default: ../shared/reference-data next to the repository)

Inputs (read-only, Apache-2.0, Cyclenerd/google-cloud-pricing-cost-calculator):
  cyclenerd-gcp-pricing/mapping.csv   which Cloud Billing Catalog SKU descriptions hold each
                                      family's on-demand core and RAM prices
  cyclenerd-gcp-pricing/pricing.yml   every predefined machine type's vCPUs and GiB of memory

A machine type's hourly list price is vCPUs x its family's core price + GiB x its RAM price, in
the region. A type sold with GPUs (A2, A3, G2, G4) adds its GPUs at the on-demand GPU SKU's price
and the local SSD it comes with at the local SSD rate (per GB-month / 730): each such type is
written as [family, vCPUs, GiB, GPU SKU name, GPUs, local SSD GB] (A3 Mega's H100 80GB Mega;
G4's RTX PRO 6000, a fraction of one in g4-standard-12 and -24). Types without a family
core/RAM pair (shared-core f1/g1, custom types) are left out: the refresh does not compose them,
so they stay unpriced rather than underpriced.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "finops_gate" / "catalogs" / "refresh" / "gcp_shapes.json"
# pricing.yml's GPU field -> the GPU's name in its on-demand SKU ("Nvidia <name> GPU running in...")
# (mapping.csv's gce.compute.gpu.* descriptions: "Nvidia H100 80GB Mega GPU running ...", and
# G4's "RTX 6000 96GB running ..." without "Nvidia"; a G4 type may hold a fraction of one)
GPUS = {
    "a100": "Tesla A100",
    "a100-80gb": "Tesla A100 80GB",
    "h100-80gb": "H100 80GB",
    "h100-80gb-mega": "H100 80GB Mega",
    "l4": "L4",
    "rtx6000": "RTX 6000 96GB",
}


def render(data: Path) -> str:
    """The shapes file's text, from the reference data folder ``data``."""
    source = data / "cyclenerd-gcp-pricing"
    parts: dict[str, dict[str, str]] = {}
    with (source / "mapping.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["MAPPING"].split(".")
            if len(name) != 4 or name[:2] != ["gce", "compute"] or name[2] not in ("cpu", "ram"):
                continue  # commitments, spot, reserved and other rows have 5 parts
            family = name[3]
            prefix = row["SKU_DESCRIPTION"].split("%", 1)[0].strip()
            parts.setdefault(family, {})["core" if name[2] == "cpu" else "ram"] = prefix
    families = {
        f: [p["core"], p["ram"]] for f, p in sorted(parts.items()) if "core" in p and "ram" in p
    }
    machines = yaml.safe_load((source / "pricing.yml").read_text(encoding="utf-8"))
    types = {}
    for name, spec in sorted(machines["compute"]["instance"].items()):
        # the longest family the name starts with (m4-ultramem-224 has its own SKUs, not m4's)
        family = max(
            (f for f in families if name == f or name.startswith(f"{f}-")), key=len, default=""
        )
        if not family or "custom" in name or "cpu" not in spec or "ram" not in spec:
            continue
        gpus = [(GPUS[field], spec[field]) for field in GPUS if field in spec]
        if gpus:
            ((gpu, count),) = gpus
            ssd = str(spec.get("local-ssd", 0))
            types[name] = [family, str(spec["cpu"]), str(spec["ram"]), gpu, str(count), ssd]
        else:
            types[name] = [family, str(spec["cpu"]), str(spec["ram"])]
    doc = {
        "source": "Cyclenerd/google-cloud-pricing-cost-calculator mapping.csv and pricing.yml "
        "(Apache-2.0), via ../shared/reference-data/cyclenerd-gcp-pricing",
        "generated": machines.get("about", {}).get("generated", ""),
        "build": "python scripts/build_gcp_shapes.py",
        "families": families,  # family -> [core SKU description prefix, RAM prefix]
        "types": types,  # machine type -> [family, vCPUs, GiB]
    }
    return json.dumps(doc, indent=1, sort_keys=True) + "\n"


def main() -> int:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference-data"
    text = render(data)
    OUT.write_text(text, encoding="utf-8")
    doc = json.loads(text)
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(doc['families'])} families, "
        f"{len(doc['types'])} machine types"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
