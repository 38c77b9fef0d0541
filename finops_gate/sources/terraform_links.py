"""Related resources of a Terraform plan: what a resource's price depends on elsewhere.

An autoscaling group runs the instance type of its launch template, a table's provisioned
capacity is set by the ``aws_appautoscaling_target`` that points at it, an ECS service runs the
task size of its task definition. The plan's ``configuration`` says who refers to whom
(``expressions.<argument>.references``); ``resource_changes`` hold the planned values. This module
joins the two and hands each resource the planned values of what it depends on, under
``LINK_KEY`` in its attributes (no Terraform attribute starts with ``_``):

    {"_related": {"launch_template": {...planned values...},
                  "autoscaling_targets": [{..., "_address": "aws_appautoscaling_target.t"}]}}

- *Forward* links (``FORWARD``): an argument of this resource refers to one resource of the
  listed types (``launch_template.0.id`` -> ``aws_launch_template.web``). A reference from a
  ``count``/``for_each`` resource that also names ``count.index``/``each.key`` picks the target
  with the same index; a reference to a group of several instances otherwise is ambiguous and
  is left out (the mapper then says what it could not read, never guesses).
- *Backward* links (``BACKWARD``): resources of a type whose argument refers to this one
  (``aws_appautoscaling_target.resource_id`` -> the table), every instance of each.
- A value the plan cannot follow (a template named through a local value or a variable) joins
  by value: the one target whose planned attribute holds the planned name. When that name is
  unknown until apply too (the template's ``name_prefix``), it can only come from something the
  apply creates: the one target the plan creates with that attribute unknown is joined; several
  are named, never picked.
- Each side reads the same side of its related resources (``before`` with ``before``), falling
  back to the other side when the related resource is created or deleted in this plan; a
  related resource's own links are joined one level further (a snapshot copy -> its snapshot
  -> the volume; an ECS service -> its cluster -> the cluster's capacity providers), no deeper.

Google and Azure joins are the same links: an instance group manager runs the instance template
its first ``version`` names, is sized by the autoscaler whose ``target`` names it and grows by
one VM per ``google_compute_per_instance_config``; a GKE node pool runs where its ``cluster``
runs; an AKS node pool and a SQL database live in their parent's region.

Both Terraform readers use this one implementation: the plan reader through ``Links`` (the
configuration's references), the ``.tf`` reader through ``join_code`` (the references written in
the code, ``code_references``). Neither believes a ``LINK_KEY`` the input wrote itself.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from finops_gate.frozen import frozen
from finops_gate.model import UNKNOWN_ARGUMENTS, WRITTEN_UNKNOWN, Resource

LINK_KEY = "_related"
# the address of a backward-linked resource, beside its planned values: usage written for that
# address (an autoscaling target's ``capacity``) reaches the resource it points at
ADDRESS_KEY = "_address"
# beside a link name (``launch_template_candidates``): the addresses of the several resources a
# value names when none is joined (a template name planned by two templates), for the mapper
# to name them
CANDIDATES = "_candidates"
# where the .tf reader hands join_code the expressions written at the link paths (dropped by it)
WRITTEN_KEY = "__references__"
_DEPTH = 2


@frozen
class Link:
    """A resource's reference to the resources it is joined to (its launch template, AMI...)."""

    name: str  # key under LINK_KEY
    paths: tuple[str, ...]  # dotted expression paths in the configuration (list index 0)
    targets: tuple[str, ...]  # resource types referred to
    # (planned path, target attribute): without a reference the plan shows (a template named
    # through a local value or a variable), the one target whose planned attribute holds the
    # value planned at the path (``launch_template.0.name = "web"`` -> the template named web);
    # none, or several, join nothing
    by_value: tuple[tuple[str, str], ...] = ()


@frozen
class Backlink:
    """A resource joined from resources that refer to it (an autoscaling target's table)."""

    name: str
    source: str  # the referring resource type
    paths: tuple[str, ...]
    # (source attribute, literal prefix, target attribute): without a reference, a source whose
    # planned attribute is prefix + the target's planned attribute also refers to it
    # (``resource_id = "table/GameScores"`` -> the table named GameScores)
    by_value: tuple[str, str, str] | None = None
    # joined only to a resource without count or for_each: the join does not read which
    # instance of a counted one a reference names (``aws_instance.w[0]``), so it joins none
    single: bool = False


_LT = ("aws_launch_template",)
# the AMI an instance boots: a data source read at plan time tells its platform (Windows, RHEL...),
# as does the public SSM parameter naming the latest image of a family (sources/aws_ami.py)
_AMI = (
    "data.aws_ami",
    "data.aws_ssm_parameter",
    "aws_ami",
    "aws_ami_copy",
    "aws_ami_from_instance",
)
_LAUNCH_TEMPLATE = Link(
    "launch_template",
    (
        "launch_template.0.id",
        "launch_template.0.name",
        "mixed_instances_policy.0.launch_template.0.launch_template_specification.0"
        ".launch_template_id",
        "mixed_instances_policy.0.launch_template.0.launch_template_specification.0"
        ".launch_template_name",
    ),
    _LT,
    (
        ("launch_template.0.name", "name"),
        ("launch_template.0.id", "id"),
        (
            "mixed_instances_policy.0.launch_template.0.launch_template_specification.0"
            ".launch_template_name",
            "name",
        ),
        (
            "mixed_instances_policy.0.launch_template.0.launch_template_specification.0"
            ".launch_template_id",
            "id",
        ),
    ),
)


def _scaling_targets(by_value: tuple[str, str, str] | None = None) -> Backlink:
    return Backlink("autoscaling_targets", "aws_appautoscaling_target", ("resource_id",), by_value)


_GOOGLE_TEMPLATES = ("google_compute_instance_template", "google_compute_region_instance_template")
_INSTANCE_TEMPLATE = Link("instance_template", ("version.0.instance_template",), _GOOGLE_TEMPLATES)
# a group's second version (a canary): some of its VMs run that template
_CANARY_TEMPLATE = Link("canary_template", ("version.1.instance_template",), _GOOGLE_TEMPLATES)
_NAT_IPS = tuple(f"network_interface.{i}.access_config.0.nat_ip" for i in range(4))
_ROUTER_NAT_IPS = tuple(f"nat_ips.{i}" for i in range(16))
FORWARD: dict[str, tuple[Link, ...]] = {
    "aws_instance": (
        _LAUNCH_TEMPLATE,
        Link("host", ("host_id",), ("aws_ec2_host",)),
        Link("ami", ("ami",), _AMI),
    ),
    "aws_launch_template": (Link("ami", ("image_id",), _AMI),),
    "aws_launch_configuration": (Link("ami", ("image_id",), _AMI),),
    "aws_autoscaling_group": (
        _LAUNCH_TEMPLATE,
        Link("launch_configuration", ("launch_configuration",), ("aws_launch_configuration",)),
    ),
    "aws_eks_node_group": (_LAUNCH_TEMPLATE,),
    "aws_ebs_snapshot": (Link("volume", ("volume_id",), ("aws_ebs_volume",)),),
    # a global-table replica bills the capacity and billing mode of the table it replicates
    "aws_dynamodb_table_replica": (
        Link(
            "table", ("global_table_arn",), ("aws_dynamodb_table",), (("global_table_arn", "arn"),)
        ),
    ),
    "aws_ebs_snapshot_copy": (
        Link("snapshot", ("source_snapshot_id",), ("aws_ebs_snapshot", "aws_ebs_snapshot_copy")),
    ),
    "aws_ecs_service": (
        Link("task_definition", ("task_definition",), ("aws_ecs_task_definition",)),
        Link("cluster", ("cluster",), ("aws_ecs_cluster",)),
    ),
    "aws_lambda_provisioned_concurrency_config": (
        Link("function", ("function_name",), ("aws_lambda_function",)),
    ),
    # a read replica runs its source's engine, version, licence and (by default) storage
    "aws_db_instance": (Link("source_db", ("replicate_source_db",), ("aws_db_instance",)),),
    # an Aurora instance is billed at I/O-Optimized rates when its cluster's storage is
    "aws_rds_cluster_instance": (
        Link(
            "cluster",
            ("cluster_identifier",),
            ("aws_rds_cluster",),
            (("cluster_identifier", "cluster_identifier"),),
        ),
    ),
    # DocumentDB and Neptune instances are billed at I/O-Optimized rates when their cluster's
    # storage is
    "aws_docdb_cluster_instance": (
        Link(
            "cluster",
            ("cluster_identifier",),
            ("aws_docdb_cluster",),
            (("cluster_identifier", "cluster_identifier"),),
        ),
    ),
    "aws_neptune_cluster_instance": (
        Link(
            "cluster",
            ("cluster_identifier",),
            ("aws_neptune_cluster",),
            (("cluster_identifier", "cluster_identifier"),),
        ),
    ),
    # an HSM is billed at the rate of its cluster's hsm_type
    "aws_cloudhsm_v2_hsm": (Link("cluster", ("cluster_id",), ("aws_cloudhsm_v2_cluster",)),),
    # a VM whose access config uses a reserved address: the address bills it, in use
    "google_compute_instance": (Link("nat_address", _NAT_IPS, ("google_compute_address",)),),
    "google_compute_instance_group_manager": (_INSTANCE_TEMPLATE, _CANARY_TEMPLATE),
    "google_compute_region_instance_group_manager": (_INSTANCE_TEMPLATE, _CANARY_TEMPLATE),
    "google_container_node_pool": (Link("cluster", ("cluster",), ("google_container_cluster",)),),
    # azurerm children without a location of their own live in their parent's region
    "azurerm_kubernetes_cluster_node_pool": (
        Link("cluster", ("kubernetes_cluster_id",), ("azurerm_kubernetes_cluster",)),
    ),
    "azurerm_mssql_database": (
        Link("server", ("server_id",), ("azurerm_mssql_server", "azurerm_sql_server")),
    ),
}
BACKWARD: dict[str, tuple[Backlink, ...]] = {
    # an Elastic IP associated with an instance replaces the public IPv4 address the instance
    # would be given (one address billed, on the aws_eip)
    "aws_instance": (
        Backlink("elastic_ips", "aws_eip", ("instance",), single=True),
        Backlink("eip_associations", "aws_eip_association", ("instance_id",), single=True),
    ),
    # a reserved address bills by what uses it (https://cloud.google.com/vpc/network-pricing):
    # a VM (in use), a forwarding rule (no charge), a Cloud NAT gateway (in use)
    "google_compute_address": (
        Backlink("users", "google_compute_instance", _NAT_IPS),
        Backlink("forwarding_rules", "google_compute_forwarding_rule", ("ip_address",)),
        Backlink("nat_gateways", "google_compute_router_nat", _ROUTER_NAT_IPS),
    ),
    "google_compute_global_address": (
        Backlink("forwarding_rules", "google_compute_global_forwarding_rule", ("ip_address",)),
    ),
    "google_compute_instance_group_manager": (
        Backlink("autoscalers", "google_compute_autoscaler", ("target",)),
        Backlink(
            "per_instance_configs",
            "google_compute_per_instance_config",
            ("instance_group_manager",),
        ),
    ),
    "google_compute_region_instance_group_manager": (
        Backlink("autoscalers", "google_compute_region_autoscaler", ("target",)),
        Backlink(
            "per_instance_configs",
            "google_compute_region_per_instance_config",
            ("region_instance_group_manager",),
        ),
    ),
    "aws_dynamodb_table": (_scaling_targets(("resource_id", "table/", "name")),),
    "aws_elasticache_replication_group": (
        _scaling_targets(("resource_id", "replication-group/", "replication_group_id")),
    ),
    "aws_msk_cluster": (_scaling_targets(),),
    "aws_ecs_service": (_scaling_targets(),),
    "aws_ecs_cluster": (
        Backlink("capacity_providers", "aws_ecs_cluster_capacity_providers", ("cluster_name",)),
    ),
    "aws_sns_topic": (Backlink("subscriptions", "aws_sns_topic_subscription", ("topic_arn",)),),
    "aws_grafana_workspace": (
        Backlink("licenses", "aws_grafana_license_association", ("workspace_id",)),
    ),
    "aws_kinesisanalyticsv2_application": (
        Backlink(
            "snapshots",
            "aws_kinesisanalyticsv2_application_snapshot",
            ("application_name",),
            ("application_name", "", "name"),
        ),
    ),
}
_TARGET_TYPES = (
    frozenset(t for links in FORWARD.values() for link in links for t in link.targets)
    | frozenset(b.source for links in BACKWARD.values() for b in links)
    | frozenset(BACKWARD)  # their own planned values, for the by-value match
)
_BACK_SOURCES = frozenset(b.source for links in BACKWARD.values() for b in links)
_PATHS: dict[str, tuple[str, ...]] = {}
for _kind, _links in FORWARD.items():
    _PATHS[_kind] = tuple(p for link in _links for p in link.paths)
for _backlinks in BACKWARD.values():
    for _back in _backlinks:
        _PATHS[_back.source] = (*_PATHS.get(_back.source, ()), *_back.paths)


def link_paths(kind: str) -> tuple[str, ...]:
    """The argument paths whose references a join of ``kind`` reads (either direction)."""
    return tuple(dict.fromkeys(_PATHS.get(kind, ())))


_PROVIDERS = r"(?:aws|azurerm|google)_"
# The patterns of this module are each compiled at their first use, not at import: a plan
# whose resources join nothing never runs them, and compiling one costs about a million
# instructions of a small run (start-up, issue 18).


@functools.cache
def _ref() -> re.Pattern[str]:
    return re.compile(rf"^((?:data\.)?{_PROVIDERS}[a-z0-9_]+\.[A-Za-z0-9_-]+)((?:\[[^\]]*\])?)")


_REPEAT = ("count.index", "each.key", "each.value")


# the resource part at the end of an address, ``(data.)type.name[index]``
# (``aws_x.name[1]`` of ``module.m["a"].aws_x.name[1]``), read backwards from the end: the
# longest such tail, in one anchored match (a search for it from every position of the address
# took ~15 us per address)
@functools.cache
def _resource_part_reversed() -> re.Pattern[str]:
    return re.compile(r"(?:\][^\]]*\[)?[A-Za-z0-9_-]+\.[a-z0-9_]*[a-z](?:\.atad)?")


def _resource_part(address: str) -> tuple[str, str] | None:
    """(module part, resource part) of an address, None when it ends in no resource part."""
    found = _PARTS.get(address, _UNSEEN)
    if found is _UNSEEN:
        found = _memo(_PARTS, address, _resource_part_of(address))
    return found  # type: ignore[return-value]


def _memo(memo: dict[str, Any], address: str, value: Any) -> Any:
    if len(memo) >= _MEMO_MAX:  # (bounded: a whole tree of addresses passes through)
        memo.clear()
    memo[address] = value
    return value


# address -> what ``_resource_part`` and ``bare`` make of it: the joins ask both of the same
# address several times (remembering it, picking it, joining it), a few microseconds each for a
# module instance's address (``module.m["k1"].aws_x.y``)
_PARTS: dict[str, tuple[str, str] | None] = {}
_BARE: dict[str, str] = {}
_MEMO_MAX = 200_000
_UNSEEN = object()


def _resource_part_of(address: str) -> tuple[str, str] | None:
    text = address[:-1] if address.endswith("\n") else address  # (where ``$`` would match)
    found = _resource_part_reversed().match(text[::-1])
    if found is None:
        return None
    start = len(text) - found.end()
    return text[:start], text[start:]


def _module_of(address: str) -> str:
    """``module.m["a"].`` of ``module.m["a"].aws_x.name[1]`` (``""`` in the root module)."""
    parts = _resource_part(address)
    return "" if parts is None else parts[0]


def bare(address: str) -> str:
    """The address without its count/for_each indexes, as the configuration names it:
    ``module.a["x"].aws_instance.b[0]`` -> ``module.a.aws_instance.b``.

    Every ``[...]`` the pattern ``\\[(?:"(?:[^"\\\\]|\\\\.)*"|[^\\]]*)\\]`` matches is cut,
    found in one pass: a ``[`` opens a quoted key followed by ``]``, or else runs to the next
    ``]``; with no ``]`` left, nothing further matches (the pattern itself tried every ``[`` to
    the end: a plan's address of many unclosed ``[`` took time in its length squared, 24 s for
    100 KB, on every read of it)."""
    start = address.find("[")
    if start < 0:
        return address
    if address.find("]") == len(address) - 1 and address.find("[", start + 1) < 0:
        return address[:start]  # one index, at the end (most addresses): what the pattern cuts
    found = _BARE.get(address)
    if found is None:
        found = _memo(_BARE, address, _bare_of(address, start))
    return found


def _bare_of(address: str, start: int) -> str:
    kept: list[str] = []
    done = 0
    while start >= 0:
        quoted = _quoted_index().match(address, start + 1)
        if quoted is not None:
            end = quoted.end()
        else:
            close = address.find("]", start + 1)
            if close < 0:
                break
            end = close + 1
        kept.append(address[done:start])
        done = end
        start = address.find("[", end)
    kept.append(address[done:])
    return "".join(kept)


# the rest of a quoted index key after its "[": the quoted string (escapes in it) and the "]"
@functools.cache
def _quoted_index() -> re.Pattern[str]:
    return re.compile(r'"(?:[^"\\]|\\.)*"\]')


_bare = bare


def _index(address: str) -> str:
    """``'[1]'`` of ``module.m.aws_x.y[1]`` (the last index), else ``''``."""
    if not address.endswith("]"):
        return ""
    start = address.rfind("[")
    return address[start:] if start > address.rfind(".") else ""


def at_path(expressions: Any, path: str) -> Any:
    """The value at a dotted path (list index ``0``) of a configuration or ``.tf`` body."""
    node = expressions
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit():
            node = node[int(part)] if int(part) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
        if node is None:
            return None
    return node


def _references(expressions: Any, path: str) -> list[str]:
    expr = at_path(expressions, path)
    refs = expr.get("references") if isinstance(expr, dict) else None
    return [r for r in refs if isinstance(r, str)] if isinstance(refs, list) else []


def data_sources(state: Any) -> dict[str, Any] | None:
    """``prior_state`` cut down to the data sources some resource's price may depend on (all
    modules flattened: their addresses are already full), so a large state is not kept."""
    values = state.get("values") if isinstance(state, dict) else None
    pending = [values.get("root_module") if isinstance(values, dict) else None]
    kept: list[Any] = []
    while pending:
        module = pending.pop()
        if not isinstance(module, dict):
            continue
        resources = module.get("resources")
        for res in resources if isinstance(resources, list) else []:
            if (
                isinstance(res, dict)
                and res.get("mode") == "data"
                and f"data.{res.get('type')}" in _TARGET_TYPES
            ):
                kept.append(res)
        children = module.get("child_modules")
        pending.extend(children if isinstance(children, list) else [])
    return {"values": {"root_module": {"resources": kept}}} if kept else None


def _own(values: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """Planned values without top-level keys starting with ``_`` (only the readers write those)."""
    # a key that starts with "_" sorts below "`" (the next character): in C, and no
    # attribute (lowercase) does
    if values is None or not values or min(values) >= "`":
        return values
    return {k: v for k, v in values.items() if not k.startswith("_")}


_SIDES = (("before", "before_sensitive"), ("after", "after_sensitive"))


class Links:
    """Collects the configuration's references and the planned values, then joins them."""

    def __init__(self) -> None:
        # referring bare address -> link name -> (referred bare address, index ref, repeats)
        self._forward: dict[str, dict[str, tuple[str, str, bool]]] = {}
        # referred bare address -> link name -> referring bare addresses
        self._backward: dict[str, dict[str, list[str]]] = {}
        self._kinds: dict[str, str] = {}  # bare address -> type, for the referred resources
        # address (with index) -> (before, after) planned values
        self._planned: dict[str, tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]] = {}
        self._instances: dict[str, list[str]] = {}  # bare address -> addresses with index
        self._by_kind: dict[str, list[str]] = {}  # type -> addresses with index
        self._pointing: set[str] = set()  # backlink sources whose argument holds a reference
        # indexes, so that a join costs the same whatever the size of the plan (a module with
        # for_each over thousands of keys): (bare address, module instance) -> addresses with
        # index; bare address -> the same as a set; (type, attribute, side) -> planned value
        # -> addresses (for the by-value backlinks, built on first use)
        self._in_module: dict[tuple[str, str], list[str]] = {}
        self._instance_set: dict[str, set[str]] = {}
        self._by_value_index: dict[tuple[str, str, bool], dict[str, list[str]]] = {}
        # (address, type) of the planned values noted and not yet in the indexes above (and
        # _kinds): they are indexed when a join first reads one (``_indexed``), so a plan whose
        # joins never look a target up (no configuration, no value to match) never builds them
        self._unindexed: list[tuple[str, str]] = []
        # referring bare address -> link name -> the by-value paths whose expression refers to
        # no resource of the link's types (a local value, a variable): see _by_unknown
        self._indirect: dict[str, dict[str, tuple[str, ...]]] = {}
        # configuration address -> the links whose blocks its configuration does not show
        # (a ``dynamic "launch_template"`` block: ``terraform show -json`` leaves it out)
        self._unwritten: dict[str, set[str]] = {}
        # the types of the planned values noted; the target types of a link -> whether any
        # resource of them is planned (_any_planned)
        self._kinds_planned: set[str] = set()
        self._any: dict[tuple[str, ...], bool] = {}
        self._nothing: dict[str, bool] = {}  # type -> _joins_nothing

    def note_config(self, res: Mapping[str, Any], prefix: str) -> None:
        kind, address, expressions = res.get("type"), res.get("address"), res.get("expressions")
        if not isinstance(kind, str) or not isinstance(address, str):
            return
        if not isinstance(expressions, dict):
            return
        here = prefix + address
        for link in FORWARD.get(kind, ()):
            indirect = []
            for path in link.paths:
                refs = _references(expressions, path)
                target = self._target(refs, link.targets)
                if target is not None:
                    repeats = any(r in _REPEAT for r in refs)
                    self._forward.setdefault(here, {})[link.name] = (
                        prefix + target[0],
                        target[1],
                        repeats,
                    )
                    break
                if refs and (path, "name") in link.by_value:
                    indirect.append(path)
            else:
                if indirect:
                    self._indirect.setdefault(here, {})[link.name] = tuple(indirect)
                elif link.by_value and not any(p.split(".")[0] in expressions for p in link.paths):
                    self._unwritten.setdefault(here, set()).add(link.name)
        if kind in _BACK_SOURCES:
            for target_kind, backlinks in BACKWARD.items():
                for back in backlinks:
                    if back.source != kind:
                        continue
                    for path in back.paths:
                        for ref in _references(expressions, path):
                            found = _ref().match(ref)
                            if found:
                                self._pointing.add(here)  # refers by reference, not by value
                                self._by_value_index.clear()
                            if found and found.group(1).startswith(target_kind + "."):
                                names = self._backward.setdefault(prefix + found.group(1), {})
                                referrers = names.setdefault(back.name, [])
                                if here not in referrers:
                                    referrers.append(here)

    @staticmethod
    def _target(refs: list[str], targets: tuple[str, ...]) -> tuple[str, str] | None:
        for ref in refs:
            found = _ref().match(ref)
            if found and found.group(1).rsplit(".", 1)[0] in targets:
                return found.group(1), found.group(2)
        return None

    def note_state(self, state: Any, redact: Any) -> None:
        """Data sources read while planning (``prior_state``): an AMI's platform, for one."""
        values = state.get("values") if isinstance(state, dict) else None
        module = values.get("root_module") if isinstance(values, dict) else None
        pending = [module]
        while pending and len(self._planned) < 1_000_000:
            module = pending.pop()
            if not isinstance(module, dict):
                continue
            for res in module.get("resources") or []:
                if not isinstance(res, dict) or res.get("mode") != "data":
                    continue
                kind, address, planned = res.get("type"), res.get("address"), res.get("values")
                name = f"data.{kind}"
                if name not in _TARGET_TYPES or not isinstance(address, str):
                    continue
                if isinstance(planned, dict) and address not in self._planned:
                    planned = redact(planned, res.get("sensitive_values"))
                    self._remember(address, name, planned, planned)
                    own = self._planned[address][0]
                    found = None
                    if own is not None and kind == "aws_ssm_parameter":
                        # imported here: a plan that reads no SSM parameter never needs the
                        # AMI names (start-up, issue 18)
                        from finops_gate.sources.aws_ami import platform_of

                        found = platform_of(kind, own)
                    if own is not None and found is not None:  # the latest AMI of a family
                        self._planned[address] = ({**own, **found}, {**own, **found})
            children = module.get("child_modules")
            pending.extend(children if isinstance(children, list) else [])

    def wanted(self, kinds: set[str]) -> frozenset[str]:
        """Of ``kinds`` (a plan's resource types), those whose planned values a join of a
        resource of ``kinds`` can read, once the configuration is noted: a link's targets
        where a reference of the configuration can name one (``note_config``) or the link
        joins by value; a backlink's sources, and a type's own values for a backlink by value.
        The planned values of the other types are never read (``note_planned`` need not keep
        them: a large plan's volumes, where nothing in it snapshots one)."""
        out: set[str] = set()
        for kind in kinds:
            for link in FORWARD.get(kind, ()):
                if self._forward or link.by_value:
                    out.update(link.targets)
            for back in BACKWARD.get(kind, ()):
                if self._backward or back.by_value is not None:
                    out.add(back.source)
                if back.by_value is not None:
                    out.add(kind)
        return frozenset(out.intersection(kinds))

    def note_planned(
        self, entry: Mapping[str, Any], redact: Any, written: frozenset[str] = frozenset()
    ) -> None:
        """Remember the planned values of a resource some other resource may depend on;
        ``written``: the arguments its code sets to a value known only at apply (the plan
        leaves them out of ``after``), kept with its planned values under ``WRITTEN_UNKNOWN``
        so that a mapper tells them from arguments left unset (a cluster's ``storage_type``);
        every argument the plan shows unknown as a whole under ``UNKNOWN_ARGUMENTS`` (a block
        no provider computes, unknown only when written so: a dynamic block the
        configuration does not show)."""
        kind, address = entry.get("type"), entry.get("address")
        if kind not in _TARGET_TYPES or not isinstance(address, str):
            return
        if entry.get("mode", "managed") != "managed" or entry.get("deposed"):
            return
        change = entry.get("change")
        if not isinstance(change, dict):
            return
        sides = []
        for side, mask in _SIDES:
            values = change.get(side)
            sides.append(redact(values, change.get(mask)) if isinstance(values, dict) else None)
        assert isinstance(kind, str)
        self._remember(address, kind, sides[0], sides[1])
        after = self._planned[address][1]
        flags = change.get("after_unknown")
        unknown: frozenset[str] = (
            frozenset(k for k, v in flags.items() if v is True and isinstance(k, str))
            if isinstance(flags, dict)
            else frozenset()
        )
        if (written or unknown) and after is not None:
            extra: dict[str, Any] = {WRITTEN_UNKNOWN: written} if written else {}
            if unknown:
                extra[UNKNOWN_ARGUMENTS] = unknown
            self._planned[address] = (self._planned[address][0], {**after, **extra})

    def _remember(
        self,
        address: str,
        kind: str,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
    ) -> None:
        # what a related resource carries is joined as it is: a "_related" written into its own
        # planned values (no Terraform attribute starts with "_") must not reach the mapper
        self._planned[address] = (_own(before), _own(after))
        self._unindexed.append((address, kind))
        if kind not in self._kinds_planned:
            self._kinds_planned.add(kind)
            self._any.clear()
            self._nothing.clear()

    def _indexed(self) -> Links:
        """The links with every planned value noted so far in the indexes (in the order noted,
        as if each had been indexed when noted): called before any index is read."""
        if self._unindexed:
            for address, kind in self._unindexed:
                bare = _bare(address)
                self._instances.setdefault(bare, []).append(address)
                self._in_module.setdefault((bare, _module_of(address)), []).append(address)
                self._instance_set.setdefault(bare, set()).add(address)
                self._kinds[bare] = kind
                self._by_kind.setdefault(kind, []).append(address)
            self._unindexed.clear()
            self._by_value_index.clear()
        return self

    def related(
        self, address: str, kind: str, after: bool, own: Mapping[str, Any] | None = None
    ) -> dict[str, Any] | None:
        """What ``address`` depends on, for one side (None when nothing is linked); ``own``: its
        planned values on that side, for the links made by value (``Link.by_value``)."""
        if self._joins_nothing(kind):
            bare = _bare(address)
            if bare not in self._forward and bare not in self._backward:
                return None  # (no reference to or from it, nothing planned to match by value)
        return self._related(address, kind, after, _DEPTH, own)

    def may_join(self, kind: str) -> bool:
        """Whether ``related`` can answer other than None for a resource of ``kind``: a link
        of its type that a reference of the configuration or a planned value can make. Asked
        once the configuration and the planned values are noted."""
        if kind not in FORWARD and kind not in BACKWARD:
            return False
        return bool(self._forward or self._backward) or not self._joins_nothing(kind)

    def _joins_nothing(self, kind: str) -> bool:
        """Whether no link of ``kind`` can join by value: none of the types it would match is
        planned (``_related`` then joins only what the configuration's references say)."""
        found = self._nothing.get(kind)
        if found is None:
            found = not any(
                link.by_value and self._any_planned(link.targets) for link in FORWARD.get(kind, ())
            ) and not any(
                back.by_value is not None and back.source in self._kinds_planned
                for back in BACKWARD.get(kind, ())
            )
            self._nothing[kind] = found
        return found

    def _related(
        self,
        address: str,
        kind: str,
        after: bool,
        depth: int,
        own: Mapping[str, Any] | None = None,
    ) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        bare = _bare(address)
        chosen_by: dict[str, str] = {}
        for name, (target, index, repeats) in self._forward.get(bare, {}).items():
            chosen = self._pick(target, index or (_index(address) if repeats else ""), address)
            if chosen is not None:
                chosen_by[name] = chosen
        for link in FORWARD.get(kind, ()):
            if (
                own is not None
                and link.by_value
                and link.name not in chosen_by
                and self._any_planned(link.targets)
            ):
                matched = self._by_planned(link, own, after)
                if not matched and after:
                    matched = self._by_unknown(link, own, self._indirect.get(bare, {}))
                if not matched and after and link.name in self._unwritten.get(bare, ()):
                    matched = self._created_beside(link, own, address)
                if len(matched) == 1:
                    chosen_by[link.name] = matched[0]
                elif matched:  # not joined: the mapper names them
                    out[link.name + CANDIDATES] = sorted(matched)
        for name, chosen in chosen_by.items():
            values = self._side(chosen, after)
            if values is None:
                continue
            deeper = None
            if depth > 1:
                kind_of = self._indexed()._kinds.get(_bare(chosen), "")
                deeper = self._related(chosen, kind_of, after, depth - 1)
            out[name] = {**values, LINK_KEY: deeper} if deeper else dict(values)
        for back in BACKWARD.get(kind, ()):
            if back.single and _index(address):
                continue
            referrers = self._backward.get(bare, {}).get(back.name, [])
            module = _module_of(address)  # the same instance of a counted module only
            in_module = self._indexed()._in_module
            instances = [i for r in referrers for i in in_module.get((r, module), [])]
            if back.by_value is not None:
                instances += self._by_value(address, back, after, instances)
            found = [
                {**v, ADDRESS_KEY: i} for i in instances if (v := self._side(i, after)) is not None
            ]
            if found:
                out[back.name] = found
        return out or None

    def _any_planned(self, kinds: tuple[str, ...]) -> bool:
        """Whether the plan holds planned values of any of ``kinds``: without, no join by value
        (``_by_planned``, ``_by_unknown``) can find one, and a large plan's resources of a
        linked type need not look (an instance with no AMI nor launch template in the plan)."""
        found = self._any.get(kinds)
        if found is None:
            found = self._any[kinds] = not self._kinds_planned.isdisjoint(kinds)
        return found

    def _by_value(self, address: str, back: Backlink, after: bool, seen: list[str]) -> list[str]:
        assert back.by_value is not None
        source_attr, prefix, target_attr = back.by_value
        own = self._side(address, after)
        wanted = own.get(target_attr) if own is not None else None
        if not isinstance(wanted, str) or not wanted:
            return []
        taken = set(seen)
        found = self._valued(back.source, source_attr, after).get(prefix + wanted, [])
        return [instance for instance in found if instance not in taken]

    def _by_planned(self, link: Link, own: Mapping[str, Any], after: bool) -> list[str]:
        """The targets whose planned attribute holds the value ``own`` plans at one of the
        link's ``by_value`` paths (the first path holding a value decides): joined when there
        is exactly one; several are ambiguous (not joined, listed under CANDIDATES)."""
        for path, attr in link.by_value:
            wanted = at_path(own, path)
            if not isinstance(wanted, str) or not wanted:
                continue
            return [
                i
                for kind in link.targets
                for i in self._valued(kind, attr, after, every=True).get(wanted, [])
            ]
        return []

    def _by_unknown(
        self, link: Link, own: Mapping[str, Any], indirect: Mapping[str, tuple[str, ...]]
    ) -> list[str]:
        """The targets created by this plan whose attribute is unknown until apply, when ``own``
        names its target through an expression the configuration does not resolve to a
        resource (a local value holding ``aws_launch_template.web.name``) and that value is
        unknown until apply too (a template named by ``name_prefix``). A value unknown while
        planning comes from something this apply creates: one such target is the one meant;
        several are ambiguous (the mapper names them), none joins nothing. Names only: every
        created target has an unknown id, a name unknown until apply is the rarer sign."""
        for path in indirect.get(link.name, ()):
            if at_path(own, path) is not None:
                continue  # a planned value: _by_planned has looked for it
            found = []
            for kind in link.targets:
                for instance in self._indexed()._by_kind.get(kind, []):
                    planned = self._planned[instance][1]
                    if planned is not None and not isinstance(planned.get("name"), str):
                        found.append(instance)
            return found
        return []

    def _created_beside(self, link: Link, own: Mapping[str, Any], address: str) -> list[str]:
        """The targets this plan creates in the module instance of ``address``, when its
        configuration does not show the block that names one (a dynamic block, which
        ``terraform show -json`` leaves out) and the plan holds that block with its name and id
        unknown until apply: terraform-aws-autoscaling's group and the template beside it.
        One is the one meant; several are ambiguous (the mapper names them)."""
        roots = {p.split(".")[0] for p in link.paths}
        if not any(isinstance(own.get(r), list) and own.get(r) for r in roots):
            return []  # the block is not set: nothing is named
        if any(at_path(own, p) is not None for p in link.paths):
            return []  # a planned value names it: _by_planned has looked
        module = _module_of(address)
        return [
            instance
            for kind in link.targets
            for instance in self._indexed()._by_kind.get(kind, [])
            if _module_of(instance) == module and self._planned[instance][0] is None
        ]

    def _valued(
        self, kind: str, attr: str, after: bool, *, every: bool = False
    ) -> dict[str, list[str]]:
        """The ``kind`` instances by their planned ``attr`` (a string), in plan order: built
        once per run, not scanned once per resource. Without ``every``, only those that do not
        refer by reference (a backlink by value)."""
        key = (kind, attr, after) if not every else (f"{kind} (every)", attr, after)
        index = self._indexed()._by_value_index.get(key)
        if index is None:
            index = self._by_value_index[key] = {}
            for instance in self._by_kind.get(kind, []):
                if not every and _bare(instance) in self._pointing:
                    continue
                values = self._side(instance, after)
                value = values.get(attr) if values is not None else None
                if isinstance(value, str):
                    index.setdefault(value, []).append(instance)
        return index

    def _pick(self, bare: str, index: str, referrer: str) -> str | None:
        """The instance of ``bare`` that ``referrer`` means: the one with ``index`` (a
        ``count.index`` reference), in the same instance of a counted module as the referrer."""
        instances = self._indexed()._instances.get(bare, [])
        parts = _resource_part(bare)
        wanted = _module_of(referrer) + (bare if parts is None else parts[1]) + index
        if wanted in self._instance_set.get(bare, ()):
            return wanted
        return instances[0] if len(instances) == 1 and not index else None

    def _side(self, address: str, after: bool) -> Mapping[str, Any] | None:
        before_values, after_values = self._planned.get(address, (None, None))
        first, second = (after_values, before_values) if after else (before_values, after_values)
        return first if first is not None else second


@functools.cache
def _code_ref() -> re.Pattern[str]:
    # a literal index names one instance of a counted resource (``aws_launch_template.this[0]``,
    # as terraform-aws-modules write every reference); ``[count.index]`` names none
    return re.compile(rf"\b((?:data\.)?{_PROVIDERS}[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\[[0-9]+\])?)")


def join_code(found: Sequence[Resource], prefix: str, origins_key: str) -> list[Resource]:
    """The ``.tf`` reader's side of the join: the same links, read from the expressions written
    at the link paths (``WRITTEN_KEY``) and behind unknown values (``origins_key``), each a map
    of attribute path to expression (``launch_template.0.id`` -> ``aws_launch_template.web.id``),
    within one module. A reference to one instance of a counted resource by a literal index
    (``aws_launch_template.this[0].id``) joins that instance; by an expression, or to a resource
    the code does not hold, it joins nothing (the mapper then says what it could not read)."""
    written: dict[str, Mapping[str, Any]] = {}
    cleaned = []
    for r in found:
        refs = r.attributes.get(WRITTEN_KEY)
        written[r.address] = refs if isinstance(refs, Mapping) else {}
        if LINK_KEY in r.attributes or WRITTEN_KEY in r.attributes:
            # no Terraform argument is called LINK_KEY: code that writes one is not believed
            attrs = {k: v for k, v in r.attributes.items() if k not in (LINK_KEY, WRITTEN_KEY)}
            r = dataclasses.replace(r, attributes=attrs)
        cleaned.append(r)
    found = cleaned
    by_address = {r.address: r for r in found}
    by_kind: dict[str, list[Resource]] = {}
    for r in found:
        by_kind.setdefault(r.kind, []).append(r)

    def origins(r: Resource) -> Mapping[str, Any]:
        value = r.attributes.get(origins_key)
        return {**written[r.address], **(value if isinstance(value, Mapping) else {})}

    def plain(r: Resource) -> dict[str, Any]:
        values = {k: v for k, v in r.attributes.items() if not k.startswith("__")}
        unknown = r.attributes.get(origins_key)
        if isinstance(unknown, Mapping) and unknown:
            # the arguments the code sets to a value it does not tell, as the plan reader
            # keeps them (``Links.note_planned``): never read as left unset
            values[WRITTEN_UNKNOWN] = frozenset(str(k) for k in unknown)
        return values

    # (source kind, paths) -> referred address -> the sources referring to it: built once per
    # backlink, so a module of many VMs and addresses joins in linear time
    pointing: dict[tuple[str, tuple[str, ...]], dict[str, list[Resource]]] = {}

    def referrers(kind: str, paths: tuple[str, ...], target: Resource) -> list[Resource]:
        index = pointing.get((kind, paths))
        if index is None:
            index = pointing[(kind, paths)] = {}
            for source in by_kind.get(kind, []):
                refs = origins(source)
                named = {
                    prefix + ref
                    for path in paths
                    for ref in _code_ref().findall(str(refs.get(path) or ""))
                }
                for address in named:
                    index.setdefault(address, []).append(source)
        return list(index.get(target.address, []))

    def named_by_value(r: Resource, link: Link) -> list[Resource]:
        """The targets of the module whose attribute holds the value ``r`` sets at the first
        ``by_value`` path it sets (a template named through a local), as the plan reader's
        ``Links._by_planned``: joined when there is exactly one."""
        for path, attr in link.by_value:
            wanted = at_path(plain(r), path)
            if isinstance(wanted, str) and wanted:
                return [
                    t
                    for kind in link.targets
                    for t in by_kind.get(kind, [])
                    if t.attributes.get(attr) == wanted
                ]
        return []

    def related(r: Resource, depth: int) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        for link in FORWARD.get(r.kind, ()):
            target = None
            for path in link.paths:
                refs = _code_ref().findall(str(origins(r).get(path) or ""))
                target = next(
                    (
                        by_address.get(prefix + ref)
                        for ref in refs
                        if ref.rsplit(".", 1)[0] in link.targets
                    ),
                    None,
                )
                if target is not None:
                    break
            if target is None and link.by_value:
                named = named_by_value(r, link)
                if len(named) > 1:
                    out[link.name + CANDIDATES] = sorted(t.address for t in named)
                target = named[0] if len(named) == 1 else None
            if target is not None:
                deeper = related(target, depth - 1) if depth > 1 else None
                values = plain(target)
                out[link.name] = {**values, LINK_KEY: deeper} if deeper else values
        for back in BACKWARD.get(r.kind, ()):
            if back.single and _index(r.address):
                continue
            sources = referrers(back.source, back.paths, r)
            if back.by_value is not None:
                attr, literal, own = back.by_value
                wanted = r.attributes.get(own)
                if isinstance(wanted, str) and wanted:
                    sources += [
                        s
                        for s in by_kind.get(back.source, [])
                        if s not in sources
                        and not origins(s).get(back.paths[0])
                        and s.attributes.get(attr) == literal + wanted
                    ]
            if sources:
                out[back.name] = [{**plain(s), ADDRESS_KEY: s.address} for s in sources]
        return out or None

    joined = []
    for r in found:
        if r.kind in FORWARD or r.kind in BACKWARD:
            links = related(r, _DEPTH)
            if links is not None:
                r = dataclasses.replace(r, attributes={**r.attributes, LINK_KEY: links})
        joined.append(r)
    return joined
