"""Infracost's Azure and Google goldens as an oracle for the formulas of the types priced here.

Skips where ``../shared/reference-data`` is absent (the goldens are never copied into the repo).
Every remaining difference is explained in ``scripts/conformance_azgcp.py``'s docstring; this
test keeps the within-1% counts from sliding back and allows no silent $0.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.estimate.gcp.golden_oracle import goldens_dir, run_all

# per type: resources within 1% of the golden, as measured when the mappers landed
FLOORS = {
    "azure": {
        "azurerm_kubernetes_cluster": 2,
        "azurerm_lb": 6,
        "azurerm_linux_virtual_machine": 1,
        "azurerm_managed_disk": 3,
        "azurerm_nat_gateway": 2,
        "azurerm_postgresql_flexible_server": 5,
        "azurerm_public_ip": 16,
        "azurerm_public_ip_prefix": 2,
        "azurerm_virtual_machine": 227,
        "azurerm_windows_virtual_machine": 1,
    },
    "google": {
        "google_compute_address": 3,
        "google_compute_disk": 3,
        "google_compute_global_address": 1,
        "google_compute_instance": 1,
        "google_compute_router_nat": 3,
        "google_container_cluster": 1,
        "google_redis_instance": 10,
        "google_sql_database_instance": 36,
        "google_storage_bucket": 1,
    },
}


@pytest.mark.parametrize("cloud", ["azure", "google"])
def test_golden_resources_stay_within_one_percent_and_none_is_a_silent_zero(cloud: str) -> None:
    if not goldens_dir(cloud).is_dir():
        pytest.skip(f"{goldens_dir(cloud)}: Infracost goldens not found (../shared/reference-data)")
    outcomes = run_all(cloud)
    silent = [o.address for o in outcomes if o.verdict == "silent-zero"]
    assert silent == []
    matched = Counter(o.kind for o in outcomes if o.verdict == "match")
    below = {k: (matched[k], floor) for k, floor in FLOORS[cloud].items() if matched[k] < floor}
    assert below == {}
