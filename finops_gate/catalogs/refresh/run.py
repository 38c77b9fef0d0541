"""One refresh end to end: read the provider's prices, build the dated document, write it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from finops_gate.catalogs.refresh import aws, azure, gcp, llm
from finops_gate.catalogs.refresh.http import Client, NotModified
from finops_gate.catalogs.refresh.output import Priced, Thresholds, Written, build, finish
from finops_gate.errors import RefreshError

ETAGS = ".finops-gate-etags.json"  # in the --out folder: ETags of the files last read
ENDPOINTS = {"aws": aws.ENDPOINT, "azure": azure.ENDPOINT, "gcp": gcp.ENDPOINT}
SERVICES = {"aws": sorted(aws.RULES), "azure": sorted(azure.SERVICES), "gcp": sorted(gcp.SERVICES)}
DESCRIPTIONS = {
    "aws": "AWS on-demand list prices (USD) from the Price List Bulk API, filtered to what the "
    "finops-gate mappers price. A region missing from a key is not priced, never borrowed.",
    "azure": "Azure pay-as-you-go list prices (USD) from the Retail Prices API (Consumption "
    "meters, primary meter region; Spot and Low Priority dropped).",
    "gcp": "Google Cloud on-demand list prices (USD) from the Cloud Billing Catalog API, and Spot "
    "prices under .spot keys; machine types composed from core and RAM SKUs; no sustained-use "
    "or committed-use discount.",
}
TITLES = {
    "aws": "AWS Price List Bulk API",
    "azure": "Azure Retail Prices API",
    "gcp": "Google Cloud Billing Catalog API v1",
}


@dataclass(frozen=True, slots=True)
class Request:
    """``pricing refresh``: which cloud, regions and services, and where to write."""

    cloud: str
    regions: tuple[str, ...]
    out: Path
    today: date
    services: tuple[str, ...] = ()
    endpoint: str | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    env: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a refresh wrote (None: nothing), from how many records, and its notes."""

    written: Written | None
    records: int
    kept: int
    unchanged: bool = False
    notes: tuple[str, ...] = ()


def refresh(request: Request, client: Client) -> Outcome:
    """Fetch, filter, check and write one cloud's catalog (a RefreshError leaves files as
    they were)."""
    if request.cloud not in ENDPOINTS:
        raise RefreshError(f"refresh {request.cloud}: unknown cloud; use aws, azure, gcp or llm")
    if not request.regions:
        raise RefreshError(f"refresh {request.cloud}: name at least one --region")
    services = list(request.services) or SERVICES[request.cloud]
    unknown = [s for s in services if s not in SERVICES[request.cloud]]
    if unknown:
        raise RefreshError(
            f"refresh {request.cloud}: unknown --service {', '.join(unknown)}; known: "
            f"{', '.join(SERVICES[request.cloud])}"
        )
    endpoint = (request.endpoint or ENDPOINTS[request.cloud]).rstrip("/")
    remembered = request.out / ETAGS
    if (request.out / request.cloud).is_dir():
        client.etags.update(_etags(remembered))  # only with a previous version to fall back on
    counter = client.counter  # records parsed: the progress line reads it too
    counter[0] = 0
    rows: list[Priced] = []
    published = ""
    notes: list[str] = []
    if request.cloud == "gcp":
        key = (request.env or {}).get(gcp.KEY_ENV)
        if not key:
            raise RefreshError(f"refresh gcp: set {gcp.KEY_ENV} to a Cloud Billing Catalog API key")
        rows, published = gcp.prices(
            client, endpoint, key, list(request.regions), counter, services
        )
    else:
        rows, published, unchanged = _regional(request, client, endpoint, services, counter, notes)
        if unchanged:
            return Outcome(None, counter[0], 0, unchanged=True)
    if request.cloud in ("azure", "gcp"):
        notes.extend(_missing(request.cloud, services, list(request.regions), rows))
    version = request.today.isoformat()
    source = {
        "title": TITLES[request.cloud],
        "url": endpoint,
        "licence": "provider list prices, public",
        "retrieved": version,
        "notes": f"regions {', '.join(request.regions)}; services {', '.join(services)}",
    }
    if published:
        source["price_date"] = published
    doc = build(
        request.cloud, rows, version=version, description=DESCRIPTIONS[request.cloud], source=source
    )
    if not rows:
        raise RefreshError(
            f"refresh {request.cloud}: no prices kept from {counter[0]} records for "
            f"{', '.join(request.regions)}; check the region names; nothing written"
        )
    written = finish(doc, request.out, regions=list(request.regions), thresholds=request.thresholds)
    _save_etags(remembered, client.etags)
    return Outcome(written, counter[0], len(rows), notes=tuple(notes))


def _missing(cloud: str, services: list[str], regions: list[str], rows: list[Priced]) -> list[str]:
    """A note per (service, region) for the expected keys no meter or SKU was found for."""
    expected = azure.EXPECTED if cloud == "azure" else gcp.EXPECTED
    found = {(p.key, p.region) for p in rows}
    notes = []
    for service in services:
        for region in regions:
            missing = [k for k in expected.get(service, ()) if (k, region) not in found]
            if missing:
                notes.append(
                    f"{cloud} {service} {region}: no price found for {', '.join(missing)}; "
                    "those keys stay unpriced there"
                )
    return notes


def _etags(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _save_etags(path: Path, etags: Mapping[str, str]) -> None:
    if not etags:
        return
    tmp = path.with_name(f"{path.name}.tmp")
    tmp.write_text(json.dumps(dict(sorted(etags.items())), indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)


def _regional(
    request: Request,
    client: Client,
    endpoint: str,
    services: list[str],
    counter: list[int],
    notes: list[str],
) -> tuple[list[Priced], str, bool]:
    """Every (service, region) file; ``unchanged`` when the server says none changed since the
    ETags remembered in ``client`` (then nothing is written). ``notes`` gains the usage types
    a file had no row for."""
    reader = aws.regional if request.cloud == "aws" else azure.regional
    rows: list[Priced] = []
    published = ""
    todo = [
        (s, r)
        for s in services
        for r in request.regions
        if not (request.cloud == "aws" and s in aws.GLOBAL_SERVICES and r != request.regions[0])
    ]  # a global service's one price list is read once, whatever the regions
    not_modified: list[tuple[str, str]] = []
    for service, region in todo:
        try:
            found, date_text = reader(client, endpoint, service, region, counter)
        except NotModified:
            not_modified.append((service, region))
            continue
        rows.extend(found)
        published = max(published, date_text)
        if request.cloud == "aws":
            missing = aws.unmatched(service, {p.key for p in found})
            if missing:
                notes.append(
                    f"aws {service} {region}: no price row for {', '.join(missing)}; "
                    "those keys stay unpriced there"
                )
    if not_modified and len(not_modified) == len(todo):
        return [], published, True
    for service, region in not_modified:  # others changed: this one is needed whole again
        client.etags.clear()
        found, date_text = reader(client, endpoint, service, region, counter)
        rows.extend(found)
        published = max(published, date_text)
    return rows, published, False


def refresh_llm(path: Path, out: Path, today: date, thresholds: Thresholds) -> Outcome:
    doc = llm.from_file(path, today)
    written = finish(doc, out, regions=[], thresholds=thresholds, merge_previous=False)
    return Outcome(written, 0, 0)
