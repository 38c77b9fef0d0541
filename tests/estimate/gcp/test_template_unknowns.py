"""A managed instance group runs the VMs of its instance template: an argument of the template
that sets their price, written with a value known only after apply (a data source's
attribute), leaves the group unpriced naming it, from a plan and from ``.tf`` code alike, never
priced at Google's default for leaving it unset (pd-standard, on-demand, the image's size...).
The shared join carries the template's unknown markers to the group, as a launch template's
reach its autoscaling group."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Status
from finops_gate.sources.terraform_plan import plan_changes
from tests.sides import check_sides

GOOGLE = (
    'provider "google" {\n  project = "p"\n  region  = "us-central1"\n}\n'
    'data "google_client_config" "c" {}\n'
)
LATER = "data.google_client_config.c.id"
GROUP = "google_compute_instance_group_manager.g"
REGIONAL = "google_compute_region_instance_group_manager.g"

# case -> (template body with LATER, the path named)
CASES = {
    "disk type": (
        "  disk {\n    disk_size_gb = 20\n    disk_type = LATER\n  }\n",
        "disk.0.disk_type",
    ),
    "disk size": (
        '  disk {\n    disk_size_gb = LATER\n    disk_type = "pd-ssd"\n  }\n',
        "disk.0.disk_size_gb",
    ),
    "local SSD size": (
        '  disk {\n    disk_size_gb = 20\n  }\n  disk {\n    type = "SCRATCH"\n'
        '    disk_type = "local-ssd"\n    disk_size_gb = LATER\n  }\n',
        "disk.1.disk_size_gb",
    ),
    "extreme IOPS": (
        '  disk {\n    disk_size_gb = 500\n    disk_type = "pd-extreme"\n'
        "    provisioned_iops = LATER\n  }\n",
        "disk.0.provisioned_iops",
    ),
    "GPU count": (
        "  disk {\n    disk_size_gb = 20\n  }\n"
        '  guest_accelerator {\n    type = "nvidia-l4"\n    count = LATER\n  }\n',
        "guest_accelerator.0.count",
    ),
    "spot": (
        "  disk {\n    disk_size_gb = 20\n  }\n"
        "  scheduling {\n    provisioning_model = LATER\n  }\n",
        "scheduling.0.provisioning_model",
    ),
    "preemptible": (
        "  disk {\n    disk_size_gb = 20\n  }\n  scheduling {\n    preemptible = LATER\n  }\n",
        "scheduling.0.preemptible",
    ),
}


def _code(body: str, regional: bool = False) -> str:
    group = (
        'resource "google_compute_region_instance_group_manager" "g" {\n  region = "us-central1"\n'
        if regional
        else 'resource "google_compute_instance_group_manager" "g" {\n  zone = "us-central1-a"\n'
    )
    return (
        GOOGLE + 'resource "google_compute_instance_template" "t" {\n'
        '  machine_type = "n2-standard-2"\n'
        + body.replace("LATER", LATER)
        + '  network_interface {\n    network = "default"\n  }\n}\n'
        + group
        + '  name = "g"\n  base_instance_name = "g"\n  target_size = 2\n'
        "  version {\n    instance_template = google_compute_instance_template.t.id\n  }\n}\n"
    )


@pytest.mark.parametrize("regional", [False, True])
@pytest.mark.parametrize("case", sorted(CASES))
def test_code_a_templates_value_known_after_apply_is_named_on_the_group(
    tmp_path: Path, case: str, regional: bool
) -> None:
    body, path = CASES[case]
    doc = check_sides(tmp_path, {}, {"main.tf": _code(body, regional)})
    found = {r["address"]: r for r in doc["resources"]}[REGIONAL if regional else GROUP]
    assert found["status"] == "unpriced", found
    assert found["monthly_after"] is None
    assert f"template's {path} is unknown until apply" in found["reason"]


def test_code_the_same_template_with_known_values_is_priced(tmp_path: Path) -> None:
    body = CASES["disk type"][0].replace("LATER", '"pd-ssd"')
    doc = check_sides(tmp_path, {}, {"main.tf": _code(body)})
    found = {r["address"]: r for r in doc["resources"]}[GROUP]
    assert found["status"] == "priced", found


def _nest(path: str, leaf: Any) -> dict[str, Any]:
    """``{"disk": [{}, {"disk_size_gb": leaf}]}`` of ``disk.1.disk_size_gb``."""
    node: Any = leaf
    for part in reversed(path.split(".")):
        node = [*([{}] * int(part)), node] if part.isdigit() else {part: node}
    assert isinstance(node, dict)
    return node


def _plan_group(
    template: dict[str, Any], path: str | None, kind: str = GROUP, *, config: bool = True
) -> Any:
    """A plan creating a template and a group running it; the template's argument at ``path``
    is written with a data source's attribute, so the plan shows it unknown."""
    later = {"references": ["data.google_client_config.c.id", "data.google_client_config.c"]}
    tpl_config = _nest(path, later) if path and config else {}
    group_kind = kind.split(".")[0]
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.11.0",
        "resource_changes": [
            {
                "address": "google_compute_instance_template.t",
                "mode": "managed",
                "type": "google_compute_instance_template",
                "name": "t",
                "provider_name": "registry.terraform.io/hashicorp/google",
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": template,
                    "after_unknown": _nest(path, True) if path else {},
                },
            },
            {
                "address": kind,
                "mode": "managed",
                "type": group_kind,
                "name": "g",
                "provider_name": "registry.terraform.io/hashicorp/google",
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": {
                        "name": "g",
                        "target_size": 2,
                        **(
                            {"region": "us-central1"}
                            if "region" in group_kind
                            else {"zone": "us-central1-a"}
                        ),
                        "version": [{"name": "v1"}],
                    },
                    "after_unknown": {"version": [{"instance_template": True}]},
                },
            },
        ],
        "configuration": {
            "provider_config": {
                "google": {
                    "name": "google",
                    "expressions": {"region": {"constant_value": "us-central1"}},
                }
            },
            "root_module": {
                "resources": [
                    {
                        "address": "google_compute_instance_template.t",
                        "mode": "managed",
                        "type": "google_compute_instance_template",
                        "name": "t",
                        "provider_config_key": "google",
                        "expressions": tpl_config,
                    },
                    {
                        "address": kind,
                        "mode": "managed",
                        "type": group_kind,
                        "name": "g",
                        "provider_config_key": "google",
                        "expressions": _nest(
                            "version.0.instance_template",
                            {
                                "references": [
                                    "google_compute_instance_template.t.id",
                                    "google_compute_instance_template.t",
                                ]
                            },
                        ),
                    },
                ]
            },
        },
    }
    changes = plan_changes(json.loads(json.dumps(plan)), display="plan.json")
    group = next(c.current for c in changes if c.address == kind)
    assert group is not None
    return price_side(group, UsageFile(by_address={}))


def _without(values: dict[str, Any], path: str) -> dict[str, Any]:
    """``values`` with the argument at ``path`` left out, as a plan leaves an unknown one."""
    out = json.loads(json.dumps(values))
    parts = path.split(".")
    node = out
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    del node[parts[-1]]
    assert isinstance(out, dict)
    return out


PLANNED = {
    "machine_type": "n2-standard-2",
    "disk": [
        {"disk_size_gb": 20, "disk_type": "pd-balanced", "provisioned_iops": 0},
        {"type": "SCRATCH", "disk_type": "local-ssd", "disk_size_gb": 375},
    ],
    "guest_accelerator": [{"type": "nvidia-l4", "count": 1}],
    "scheduling": [{"preemptible": False, "provisioning_model": "STANDARD"}],
    "network_interface": [{"network": "default"}],
}


@pytest.mark.parametrize("kind", [GROUP, REGIONAL])
@pytest.mark.parametrize(
    "path",
    [
        "disk.0.disk_type",
        "disk.0.disk_size_gb",
        "disk.1.disk_size_gb",
        "guest_accelerator.0.count",
        "scheduling.0.provisioning_model",
        "scheduling.0.preemptible",
    ],
)
def test_plan_a_templates_value_known_after_apply_is_named_on_the_group(
    path: str, kind: str
) -> None:
    side = _plan_group(_without(PLANNED, path), path, kind)
    assert side.status is Status.UNPRICED and side.monthly is None
    reasons = " ".join(x.reason or "" for x in side.lines)
    assert f"template's {path} is unknown until apply" in reasons


def test_plan_the_template_with_every_value_known_is_priced() -> None:
    side = _plan_group(PLANNED, None)
    assert side.status is Status.PRICED and side.monthly is not None


@pytest.mark.parametrize("block", ["disk", "guest_accelerator", "network_interface"])
def test_plan_a_dynamic_block_unknown_as_a_whole_is_named(block: str) -> None:
    # a dynamic block: the configuration does not show it, the plan shows it unknown
    template = {k: v for k, v in PLANNED.items() if k != block}
    side = _plan_group(template, block, config=False)
    assert side.status is Status.UNPRICED
    reasons = " ".join(x.reason or "" for x in side.lines)
    assert f"template's {block} is unknown until apply" in reasons


def test_code_a_canary_templates_value_known_after_apply_is_named(tmp_path: Path) -> None:
    # two versions whose templates look alike in what is known: the canary's disk type is not
    template = (
        'resource "google_compute_instance_template" "NAME" {\n'
        '  machine_type = "n2-standard-2"\n  disk {\n    disk_size_gb = 20\n    TYPE\n  }\n'
        '  network_interface {\n    network = "default"\n  }\n}\n'
    )
    code = (
        GOOGLE
        + template.replace("NAME", "t").replace("TYPE", "")
        + template.replace("NAME", "c").replace("TYPE", f"disk_type = {LATER}")
        + 'resource "google_compute_instance_group_manager" "g" {\n  zone = "us-central1-a"\n'
        '  name = "g"\n  base_instance_name = "g"\n  target_size = 2\n'
        "  version {\n    instance_template = google_compute_instance_template.t.id\n  }\n"
        "  version {\n    instance_template = google_compute_instance_template.c.id\n"
        "    target_size {\n      fixed = 1\n    }\n  }\n}\n"
    )
    doc = check_sides(tmp_path, {}, {"main.tf": code})
    found = {r["address"]: r for r in doc["resources"]}[GROUP]
    assert found["status"] == "unpriced", found
    assert "second version's disk.0.disk_type is unknown until apply" in found["reason"]
