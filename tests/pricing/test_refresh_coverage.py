"""Every price key an Azure or Google Cloud mapper can emit is produced by ``pricing refresh``
from a real-shaped sample, or listed here as not refreshable with the reason (the AWS list is
in test_refresh_aws_services.py).

"Can emit": what the mappers emit for every plan fixture of every registered type, plus every
key of the shipped catalog in force (built from golden rows through the mappers' own key
functions). Keys are compared by family (``vm.<size>``, ``disk.<tier>.<redundancy>``...): a
sample holds a few sizes, the rule that reads one reads them all."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.catalogs.refresh.output import read_whole
from finops_gate.catalogs.store import CatalogSet
from finops_gate.cli import main
from finops_gate.estimate.azure import REGISTRY as AZURE
from finops_gate.estimate.gcp import REGISTRY as GCP
from tests.estimate.plan_fixture import PLANS, resources, usage_file
from tests.pricing.fake_price_apis import GCP_KEY, FakePriceApi, serve

# (pattern, family), first match wins; a key no pattern matches is its own family
FAMILIES: dict[str, tuple[tuple[str, str], ...]] = {
    "azure": (
        (r"^vm\.[^.]+\.windows$", "vm.<size>.windows"),
        (r"^vm\.[^.]+$", "vm.<size>"),
        (r"^disk\.[pes]\d+\.(lrs|zrs)$", "disk.<tier>.<redundancy>"),
        (r"^app_service\.[^.]+\.(linux|windows)$", "app_service.<sku>.<os>"),
        (r"^postgresql_flexible\.(b|gp|mo)_standard_[^.]+$", "postgresql_flexible.<sku>"),
        (r"^storage\.storagev2\.standard\.[a-z]+\.[a-z]+$", "storage.storagev2.standard.*"),
        (r"^storage\.[^.]+\.[^.]+\.[^.]+\.[^.]+$", "storage.<other kind or tier>.*"),
        (r"^storage\.[^.]+\.[^.]+\.[^.]+\.[^.]+\.[a-z0-9_]+$", "storage.<account>.<meter>"),
        (r"^mssql\.license\.", "mssql.license.<tier>"),
        (r"^mssql\.", "mssql.*"),
    ),
    "gcp": (
        (r"^compute\.instance\.[^.]+\.spot$", "compute.instance.<type>.spot"),
        (r"^compute\.instance\.(a3-megagpu|g4)-", "compute.instance.<a3 mega or g4 type>"),
        (r"^compute\.instance\.(a2|a3|g2)-", "compute.instance.<gpu family type>"),
        (r"^compute\.instance\.[^.]+$", "compute.instance.<type>"),
        (r"^compute\.custom\.[^.]+\.(core|ram)$", "compute.custom.<family>.<core|ram>"),
        (r"^compute\.custom\.[^.]+\.extended_ram$", "compute.custom.<family>.extended_ram"),
        (r"^compute\.custom\..*\.spot$", "compute.custom.*.spot"),
        (r"^compute\.gpu\.[^.]+\.spot$", "compute.gpu.<type>.spot"),
        (r"^compute\.gpu\.[^.]+$", "compute.gpu.<type>"),
        (r"^(compute\.local_ssd|compute\.ip\.vm)\.spot$", "compute.*.spot"),
        (r"^compute\.disk\.(pd-extreme|hyperdisk-[a-z]+)(\.|$)", "compute.disk.<extreme>"),
        (r"^compute\.disk\.[^.]+(\.regional)?$", "compute.disk.<type>[.regional]"),
        (r"^gcs\.[a-z]+\.storage$", "gcs.<class>.storage"),
        (r"^gcs\.[a-z]+\.retrieval$", "gcs.<class>.retrieval"),
        (r"^gcs\.[a-z]+\.class_[ab]$", "gcs.<class>.<class A|B operations>"),
        (r"^gcs\.egress\.same_continent$", "gcs.egress.same_continent"),
        (r"^gcs\.egress\.", "gcs.egress.<destination>.<band>"),
        (r"^sql\.db-(f1-micro|g1-small)\.(zonal|regional)$", "sql.<shared-core>.<availability>"),
        (r"^sql\.db-[^.]+\.(zonal|regional)$", "sql.<tier>.<availability>"),
        (r"^sql\.(vcpu|memory)\.(zonal|regional)$", "sql.<vcpu|memory>.<availability>"),
        (r"^sql\.storage\.ssd\.(zonal|regional)$", "sql.storage.ssd.<availability>"),
        (r"^sql\.storage\.hdd\.(zonal|regional)$", "sql.storage.hdd.<availability>"),
        (r"^redis\.(basic|standard)\.m[1-5]$", "redis.<tier>.<capacity>"),
    ),
}

NOT_REFRESHED: dict[str, dict[str, str]] = {
    "azure": {},
    "gcp": {
        "gcs.egress.same_continent": "the inter-region rate within a continent has several "
        "tiers in Northern America and which one a bucket pays is not in the SKU",
    },
}
REGIONS = {"azure": ["eastus"], "gcp": ["us-central1", "us"]}
REGISTRIES: dict[str, Mapping[str, Any]] = {"azure": AZURE, "gcp": GCP}


def family(cloud: str, key: str) -> str:
    for pattern, name in FAMILIES[cloud]:
        if re.match(pattern, key):
            return name
    return key


def _emitted(cloud: str) -> Iterator[str]:
    registry = REGISTRIES[cloud]
    for path in sorted((PLANS / cloud).glob("*.json")):
        kind = path.name.removesuffix(".json")
        usage = usage_file(cloud, kind)
        for res in resources(cloud, kind):
            if res.kind not in registry:
                continue
            found = usage.for_resource(res.address, res.kind)
            for line in registry[res.kind](res, found):
                for asked in (line, line.fallback):
                    if asked is not None and asked.price_key:
                        yield asked.price_key
    yield from CatalogSet().price_catalog(cloud).everything()


@pytest.fixture(scope="module")
def api() -> Iterator[FakePriceApi]:
    yield from serve()


@pytest.fixture(autouse=True)
def _no_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("finops_gate.catalogs.refresh.http.time.sleep", lambda _s: None)


def _refreshed(api: FakePriceApi, out: Path, cloud: str) -> set[str]:
    args = ["pricing", "refresh", cloud, "--out", str(out), "--endpoint", api.url]
    for region in REGIONS[cloud]:
        args += ["--region", region]
    result = CliRunner(env={"FINOPS_GATE_GCP_API_KEY": GCP_KEY}).invoke(
        main, [*args, "--no-progress"]
    )
    assert result.exit_code == 0, result.stderr
    (index,) = sorted((out / cloud).glob("*.json"))
    return set(read_whole(index)["prices"])


@pytest.mark.parametrize("cloud", ["azure", "gcp"])
def test_every_key_family_a_mapper_emits_is_refreshed_or_listed_with_its_reason(
    cloud: str, api: FakePriceApi, tmp_path: Path
) -> None:
    wanted = {family(cloud, key) for key in _emitted(cloud)}
    produced = {family(cloud, key) for key in _refreshed(api, tmp_path, cloud)}
    listed = NOT_REFRESHED[cloud]
    assert sorted(wanted - produced - set(listed)) == [], (
        f"a {cloud} mapper emits keys no refresh rule produces: add a rule in "
        f"finops_gate/catalogs/refresh/{cloud}.py (and a sample), or list the family with a reason"
    )
    assert sorted(set(listed) & produced) == []  # a refreshed family is not listed as missing
    assert sorted(set(listed) - wanted) == []  # nor one no mapper emits
    assert all(reason.strip() for reason in listed.values())
    assert sorted(produced - wanted) == []  # every refreshed family is a key a mapper reads


def test_families_group_keys_as_the_rules_read_them() -> None:
    assert family("azure", "vm.standard_d2s_v3") == "vm.<size>"
    assert family("azure", "vm.standard_d2s_v3.windows") == "vm.<size>.windows"
    assert family("azure", "storage.storagev2.standard.ragrs.cool") == (
        "storage.storagev2.standard.*"
    )
    assert family("azure", "storage.blobstorage.standard.lrs.hot") == (
        "storage.<other kind or tier>.*"
    )
    assert family("gcp", "compute.instance.a2-highgpu-1g") == "compute.instance.<gpu family type>"
    assert family("gcp", "compute.instance.n2-standard-4") == "compute.instance.<type>"
    assert family("gcp", "compute.gpu.nvidia-l4") == "compute.gpu.<type>"
