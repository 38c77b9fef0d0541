"""Azure mappers, one small module per resource kind (each names the price page it models).

``REGISTRY`` maps a Terraform resource type to its mapper; ``FREE`` (read from ``free.txt``,
reviewed data) lists the types that cost nothing by themselves. Anything in neither is reported
``unsupported``, never as $0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from finops_gate.estimate.azure import (
    kubernetes,
    managed_disk,
    mssql_database,
    network,
    scale_set,
    services,
    virtual_machine,
)
from finops_gate.estimate.gcp import read_free_list
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

REGISTRY: dict[str, Callable[[Resource, Usage], Sequence[CostLine]]] = {
    "azurerm_app_service_plan": services.service_plan_lines,
    "azurerm_kubernetes_cluster": kubernetes.cluster_lines,
    "azurerm_kubernetes_cluster_node_pool": kubernetes.node_pool_lines,
    "azurerm_lb": network.lb_lines,
    "azurerm_linux_virtual_machine": virtual_machine.cost_lines,
    "azurerm_linux_virtual_machine_scale_set": scale_set.cost_lines,
    "azurerm_managed_disk": managed_disk.cost_lines,
    "azurerm_mssql_database": mssql_database.cost_lines,
    "azurerm_nat_gateway": network.nat_gateway_lines,
    "azurerm_orchestrated_virtual_machine_scale_set": scale_set.cost_lines,
    "azurerm_postgresql_flexible_server": services.postgresql_flexible_lines,
    "azurerm_public_ip": network.public_ip_lines,
    "azurerm_public_ip_prefix": network.public_ip_prefix_lines,
    "azurerm_service_plan": services.service_plan_lines,
    "azurerm_storage_account": services.storage_account_lines,
    "azurerm_virtual_machine": virtual_machine.cost_lines,
    "azurerm_windows_virtual_machine": virtual_machine.cost_lines,
    "azurerm_windows_virtual_machine_scale_set": scale_set.cost_lines,
}

FREE: frozenset[str] = read_free_list(Path(__file__).with_name("free.txt"))
