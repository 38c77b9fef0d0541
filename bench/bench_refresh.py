"""Benchmark: `finops-gate pricing refresh aws` streaming a large regional price list.

Writes a synthetic EC2 regional CSV offer file in the real Bulk API layout (5 metadata rows,
the header, one row per price dimension; most rows are Reserved, Spot, Windows+SQL or other
families the filter drops, as in the real file), serves it with the offer and region indexes
from a loopback server, runs the refresh and prints its peak memory against the file size
(target: bounded, far below the file size) and the time against reading the file with `csv`.

Then the loading side: a team catalog of ``--keys`` keys in ``--regions`` regions, written whole
(one file) and split by region (what refresh writes), and for each the wall time and peak
memory of ``pricing list`` and of a one-region ``check`` (one EC2 instance in eu-central-1):
the split version reads the index and one region's part, the whole one every region.
Usage: python bench/bench_refresh.py [--rows N] [--keys N] [--regions N] [--runs N] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HEADER = [
    "SKU", "OfferTermCode", "RateCode", "TermType", "PriceDescription", "EffectiveDate",
    "StartingRange", "EndingRange", "Unit", "PricePerUnit", "Currency", "RelatedTo",
    "LeaseContractLength", "PurchaseOption", "OfferingClass", "Product Family", "serviceCode",
    "Location", "Location Type", "Instance Type", "vCPU", "Memory", "Tenancy",
    "Operating System", "License Model", "usageType", "operation", "CapacityStatus",
    "Pre Installed S/W", "Volume API Name", "Region Code",
]  # fmt: skip
VERSION = "20261120180412"
EC2 = "/offers/v1.0/aws/AmazonEC2"


def write_offer(root: Path, rows: int) -> Path:
    base = root / "offers" / "v1.0" / "aws"
    regional = base / "AmazonEC2" / VERSION / "us-east-1"
    regional.mkdir(parents=True, exist_ok=True)
    (base / "index.json").write_text(
        json.dumps(
            {
                "offers": {
                    "AmazonEC2": {
                        "offerCode": "AmazonEC2",
                        "currentRegionIndexUrl": f"{EC2}/current/region_index.json",
                    }
                }
            }
        )
    )
    (base / "AmazonEC2" / "current").mkdir(parents=True, exist_ok=True)
    (base / "AmazonEC2" / "current" / "region_index.json").write_text(
        json.dumps(
            {
                "publicationDate": "2026-11-20T18:04:12Z",
                "regions": {
                    "us-east-1": {"currentVersionUrl": f"{EC2}/{VERSION}/us-east-1/index.json"}
                },
            }
        )
    )
    path = regional / "index.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        for meta in (
            ("FormatVersion", "v1.0"),
            ("Disclaimer", "..."),
            ("Publication Date", "2026-11-20T18:04:12Z"),
            ("Version", VERSION),
            ("OfferCode", "AmazonEC2"),
        ):
            handle.write(",".join(f'"{m}"' for m in meta) + "\n")
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(HEADER)
        # as the real file: per instance type, products (operating system, licence, software,
        # tenancy, capacity status; most of them sold in shapes the filter drops), each with one
        # on-demand row and twelve reserved ones (1 and 3 years, three payment options, two
        # offering classes); one row of Spot use per type. A product kept gives one on-demand
        # key and four no-upfront reserved ones: about 11% of the rows become keys.
        products = [
            ("Linux", "NA", "No License required", "Shared", "Used"),  # kept
            ("Windows", "NA", "No License required", "Shared", "Used"),  # kept
            ("RHEL", "NA", "No License required", "Shared", "Used"),  # kept
            ("SUSE", "NA", "No License required", "Shared", "Used"),  # kept
            ("Windows", "SQL Std", "No License required", "Shared", "Used"),  # kept
            ("Linux", "NA", "No License required", "Dedicated", "Used"),  # kept
            ("Windows", "NA", "Bring your own license", "Shared", "Used"),
            ("Windows", "SQL Ent", "Bring your own license", "Shared", "Used"),
            ("RHEL", "SQL Std", "No License required", "Shared", "Used"),
            ("Linux", "NA", "No License required", "Host", "Used"),
            ("Linux", "NA", "No License required", "Shared", "UnusedCapacityReservation"),
            ("Linux", "NA", "No License required", "Shared", "AllocatedCapacityReservation"),
            ("Windows", "NA", "No License required", "Shared", "UnusedCapacityReservation"),
            ("Windows", "NA", "No License required", "Dedicated", "AllocatedCapacityReservation"),
            ("RHEL", "NA", "No License required", "Host", "Used"),
            ("SUSE", "NA", "No License required", "Dedicated", "UnusedCapacityReservation"),
            ("Linux", "SQL Web", "No License required", "Shared", "Used"),
            ("Ubuntu Pro", "SQL Std", "No License required", "Shared", "Used"),
            (
                "Red Hat Enterprise Linux with HA",
                "SQL Ent",
                "No License required",
                "Shared",
                "Used",
            ),
            ("Windows", "NA", "No License required", "Host", "Used"),
        ]
        terms = [("", "", "")] + [
            (lease, option, offering)
            for lease in ("1yr", "3yr")
            for option in ("No Upfront", "Partial Upfront", "All Upfront")
            for offering in ("standard", "convertible")
        ]
        i = 0
        while i < rows:
            itype = f"m{i // 261}.{('large', 'xlarge', '2xlarge')[i % 3]}"
            for os_name, sw, licence, tenancy, status in products:
                for lease, option, offering in terms:
                    if i >= rows:
                        break
                    i += 1
                    usage = f"{'DedicatedUsage' if tenancy == 'Dedicated' else 'BoxUsage'}:{itype}"
                    writer.writerow(_row(i, itype, os_name, sw, licence, tenancy, status, usage,
                                         lease, option, offering))  # fmt: skip
            if i < rows:
                i += 1
                writer.writerow(_row(i, itype, "Linux", "NA", "No License required", "Shared",
                                     "Used", f"SpotUsage:{itype}", "", "", ""))  # fmt: skip
    return path


def _row(
    i: int,
    itype: str,
    os_name: str,
    sw: str,
    licence: str,
    tenancy: str,
    status: str,
    usage: str,
    lease: str,
    option: str,
    offering: str,
) -> list[str]:
    return [
        f"SKU{i:012d}",
        "JRTCKXETXF",
        "6YS6EN2CT7",
        "Reserved" if lease else "OnDemand",
        f"$0.{i % 1000:03d} per {os_name} {itype} Instance Hour",
        "2026-11-01",
        "0",
        "Inf",
        "Hrs",
        f"0.{(i * 7919) % 100000:05d}",
        "USD",
        "",
        lease,
        option,
        offering,
        "Compute Instance",
        "AmazonEC2",
        "US East (N. Virginia)",
        "AWS Region",
        itype,
        "2",
        "8 GiB",
        tenancy,
        os_name,
        licence,
        usage,
        "RunInstances",
        status,
        sw,
        "",
        "us-east-1",
    ]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _serve(root: Path) -> ThreadingHTTPServer:
    handler = partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _run(cmd: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, rusage = os.wait4(proc.pid, 0)[1:]
    proc.wait()
    return time.perf_counter() - start, rusage.ru_maxrss * 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keys", type=int, default=1500)
    parser.add_argument("--regions", type=int, default=30)
    parser.add_argument("--out", type=Path, default=Path("/tmp/finops-gate-bench-refresh"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    served = args.out / "api"
    offer = write_offer(served, args.rows)
    size = offer.stat().st_size
    server = _serve(served)
    endpoint = f"http://127.0.0.1:{server.server_address[1]}"
    runs = []
    for i in range(args.runs):
        target = args.out / f"catalog-{i}"
        shutil.rmtree(target, ignore_errors=True)
        runs.append(
            _run(
                [
                    sys.executable,
                    "-m",
                    "finops_gate.cli",
                    "pricing",
                    "refresh",
                    "aws",
                    "--region",
                    "us-east-1",
                    "--service",
                    "AmazonEC2",
                    "--out",
                    str(target),
                    "--endpoint",
                    endpoint,
                    "--no-progress",
                ]
            )
        )
    read = [
        _run(
            [
                sys.executable,
                "-c",
                f"import csv; sum(1 for _ in csv.reader(open({str(offer)!r})))",
            ]
        )
        for _ in range(args.runs)
    ]
    server.shutdown()
    g = statistics.median(t for t, _ in runs)
    b = statistics.median(t for t, _ in read)
    peak = max(m for _, m in runs)
    print(f"offer file: {args.rows} rows, {size / 1e6:.1f} MB")
    print(f"csv.reader: {b:.3f} s   pricing refresh aws: {g:.3f} s   (median of {args.runs})")
    print(f"time ratio: {g / b:.2f}x")
    print(
        f"peak memory: {peak / 1e6:.0f} MB = {peak / size:.2f}x the file size (streamed: bounded)"
    )
    _loading(args.out, args.keys, args.regions, args.runs)
    return 0


def _loading(out: Path, keys: int, regions: int, runs: int) -> None:
    """``pricing list`` and a one-region check over a whole vs a split team catalog."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench._measure import gate, median_runs
    from finops_gate.catalogs.refresh.output import Thresholds, finish

    names = ["eu-central-1"] + [f"xx-region-{i}" for i in range(regions - 1)]
    prices: dict[str, dict[str, object]] = {}
    for k in range(keys):
        key = "ec2.instance.m5.large" if k == 0 else f"ec2.instance.bench{k}.large"
        prices[key] = {
            "unit": "hours",
            "source": "bench",
            "regions": {r: f"0.{(k * 7 + i) % 1000 + 1:03d}" for i, r in enumerate(names)},
        }
    prices["ebs.gp3.storage"] = {
        "unit": "GB",
        "source": "bench",
        "regions": {"eu-central-1": "0.095"},
    }
    doc = {
        "catalog": "aws",
        "version": "2026-11-30",
        "currency": "USD",
        "hours_per_month": 730,
        "description": "benchmark team catalog",
        "sources": {"bench": {"title": "synthetic", "licence": "none", "retrieved": "2026-11-30"}},
        "prices": prices,
    }
    whole, split = out / "team-whole", out / "team-split"
    shutil.rmtree(whole, ignore_errors=True)
    shutil.rmtree(split, ignore_errors=True)
    (whole / "aws").mkdir(parents=True)
    (whole / "aws" / "2026-11-30.json").write_text(json.dumps(doc, indent=1), encoding="utf-8")
    finish(doc, split, regions=names, thresholds=Thresholds())
    plan = out / "eu-plan.json"
    example = json.loads(
        (
            Path(__file__).resolve().parent.parent / "examples" / "terraform-plan" / "plan.json"
        ).read_text(encoding="utf-8")
    )
    example["resource_changes"] = [
        rc for rc in example["resource_changes"] if rc["address"] == "aws_instance.dr_replica"
    ]
    plan.write_text(json.dumps(example), encoding="utf-8")
    size = (whole / "aws" / "2026-11-30.json").stat().st_size
    print(f"team catalog: {keys} keys x {regions} regions, {size / 1e6:.1f} MB whole")
    for label, argv in (
        ("pricing list", ["pricing", "list", "--catalog-dir"]),
        ("one-region check", ["check", "--plan", str(plan), "--format", "json", "--catalog-dir"]),
    ):
        t_whole, m_whole = median_runs([*gate(), *argv, str(whole)], runs)
        t_split, m_split = median_runs([*gate(), *argv, str(split)], runs)
        print(
            f"{label}: whole {t_whole:.3f} s {m_whole / 1e6:.0f} MB   split by region "
            f"{t_split:.3f} s {m_split / 1e6:.0f} MB   ratio {t_split / t_whole:.2f}x time, "
            f"{m_split / m_whole:.2f}x memory"
        )


if __name__ == "__main__":
    raise SystemExit(main())
