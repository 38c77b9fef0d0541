"""Print finops-gate's agreement with Infracost's Azure and Google golden test cases, per type.

    python scripts/conformance_azgcp.py [--details]

Goldens are read from ../shared/reference-data/infracost-goldens/{azure,google} (or
$FINOPS_GOLDENS); only the resource types finops-gate prices are compared, through the .tf
reader (no azurerm/google provider is available offline for terraform plan).

Why the remaining differences are not defects here (reviewed 2026-11-30):
- GCP machine types, custom types and GPUs: Infracost applies sustained-use discounts (30% N1,
  20% N2/N2D) to full-month rows; finops-gate prices list rates and says so in the assumptions.
- GCP instances with an ``access_config``: the external IPv4 address in use is billed hourly
  since 2024; finops-gate adds that line, Infracost does not.
- GCP disks and boot disks whose size comes from the image (or the API's blank-disk default) are
  unknown to the .tf reader: "depends on usage" here, Infracost assumes a size.
- Static addresses: Infracost prices an address used by a VM at the in-use rate from the
  instance's reference; the address alone cannot tell, so it is priced at the reserved rate.
- GKE node pools: the default boot disk is pd-balanced (GKE's default since 1.24), not
  pd-standard; a regional pool without node_locations runs in 3 zones.
- Cloud SQL: Infracost adds "IP address (if unused)"; an address in use is free. SQL Server
  licences and the db-standard/db-highmem/db-lightweight tiers are not in the catalog (unpriced).
- Azure VMs and scale sets: an OS disk sized by the image depends on usage (os_disk_size_gb);
  Infracost assumes a size. Windows rates exist only where the goldens show them.
- AKS: a default pool whose node_count the code leaves unset is unknown (unpriced).
- App Service plans, SQL databases and storage accounts: no reference price data here, so
  unpriced with the missing key named.
- Instance group managers: the .tf reader does not join the instance template (plan mode does).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.estimate.gcp.golden_oracle import Outcome, goldens_dir, run_all


def table(outcomes: list[Outcome]) -> str:
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for o in outcomes:
        by_kind[o.kind][o.verdict] += 1
    rows = [f"{'type':<52} {'total':>5} {'within 1%':>9} {'off':>4} {'unpriced':>8} {'$0':>3}"]
    for kind, c in sorted(by_kind.items()):
        total = sum(c.values())
        rows.append(
            f"{kind:<52} {total:>5} {c['match']:>9} {c['off']:>4} {c['unpriced']:>8}"
            f" {c['silent-zero']:>3}"
        )
    all_ = Counter(o.verdict for o in outcomes)
    rows.append(
        f"{'ALL':<52} {len(outcomes):>5} {all_['match']:>9} {all_['off']:>4}"
        f" {all_['unpriced']:>8} {all_['silent-zero']:>3}"
    )
    return "\n".join(rows)


def details(outcomes: list[Outcome]) -> str:
    rows = []
    for o in outcomes:
        if o.verdict != "match":
            rows.append(
                f"{o.verdict:<8} {o.case}: {o.address} golden={o.golden} ours={o.ours}"
                f" ({o.status}) {o.reason[:160]}"
            )
    return "\n".join(rows)


def main() -> int:
    for cloud in ("azure", "google"):
        if not goldens_dir(cloud).is_dir():
            print(f"{goldens_dir(cloud)}: goldens not found", file=sys.stderr)
            return 2
        outcomes = run_all(cloud)
        print(f"== {cloud}")
        print(table(outcomes))
        if "--details" in sys.argv:
            print(details(outcomes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
