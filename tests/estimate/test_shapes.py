"""A mapper runs once per resource shape (estimate/shapes.py), and the lines are the same as if
it ran for every resource."""

from __future__ import annotations

import ast
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from finops_gate.estimate import shapes
from finops_gate.model import CostLine, Resource
from finops_gate.usage import Usage


class _Counting:
    """A mapper that names the ``size`` it read, reads ``tier`` only for the premium ``type``, and
    counts its runs."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self, resource: Resource, usage: Usage) -> Sequence[CostLine]:
        self.runs += 1
        attrs = resource.attributes
        size = attrs.get("size")
        lines = [CostLine(f"storage {size!r}", "GB", "disk", Decimal(1))]
        if attrs.get("type") == "premium":
            lines.append(CostLine(f"tier {attrs.get('tier')!r}", "1", "tier", Decimal(1)))
        if "encrypted" in attrs:
            lines.append(CostLine("encryption", "1", "kms", Decimal(1)))
        return lines


def _resource(address: str = "disk.a", **attributes: Any) -> Resource:
    return Resource(address, "terraform", "test_disk", "aws", "us-east-1", attributes)


def _price(memo: shapes.Memo, mapper: Any, resource: Resource, usage: Usage | None = None) -> Any:
    context = (mapper, resource.kind, resource.provider, resource.region, resource.unknown, None)
    return memo.lines(mapper, resource, usage or Usage(), context)


def test_resources_that_differ_only_in_what_the_mapper_never_reads_run_it_once() -> None:
    memo, mapper = shapes.Memo(), _Counting()
    first = _price(memo, mapper, _resource(size=10, description="x" * 1000, tags={"a": "1"}))
    again = _price(memo, mapper, _resource("disk.b", size=10, description="y", tags={"b": "2"}))
    assert again == first
    assert mapper.runs == 1


def test_a_value_the_mapper_reads_gives_its_own_lines() -> None:
    memo, mapper = shapes.Memo(), _Counting()
    small = _price(memo, mapper, _resource(size=10))
    large = _price(memo, mapper, _resource(size=20))
    assert small != large
    assert large == tuple(_Counting()(_resource(size=20), Usage()))


def test_true_and_one_and_one_point_zero_are_different_shapes() -> None:
    memo, mapper = shapes.Memo(), _Counting()
    for size in (1, True, 1.0, "1", [1], [True], -0.0, 0.0, None):
        got = _price(memo, mapper, _resource(size=size))
        assert got == tuple(_Counting()(_resource(size=size), Usage())), size
    assert mapper.runs == 9


def test_a_key_read_on_one_branch_only_still_tells_resources_apart() -> None:
    memo, mapper = shapes.Memo(), _Counting()
    _price(memo, mapper, _resource(size=10, type="standard", tier="gold"))
    premium = _price(memo, mapper, _resource(size=10, type="premium", tier="gold"))
    other_tier = _price(memo, mapper, _resource(size=10, type="premium", tier="silver"))
    assert premium != other_tier
    assert other_tier == tuple(
        _Counting()(_resource(size=10, type="premium", tier="silver"), Usage())
    )
    # standard resources never read the tier: the same lines whatever it says
    bronze = _price(memo, mapper, _resource(size=10, type="standard", tier="bronze"))
    gold = _price(memo, mapper, _resource(size=10, type="standard", tier="gold"))
    assert bronze == gold == tuple(_Counting()(_resource(size=10, type="standard"), Usage()))


def test_an_absent_key_and_a_null_value_are_different_shapes() -> None:
    memo, mapper = shapes.Memo(), _Counting()
    absent = _price(memo, mapper, _resource(size=10))
    null = _price(memo, mapper, _resource(size=10, encrypted=None))
    assert len(null) == len(absent) + 1


def test_a_mapper_that_reads_the_attributes_as_a_whole_runs_for_every_resource() -> None:
    runs = []

    def whole(resource: Resource, usage: Usage) -> Sequence[CostLine]:
        runs.append(resource.address)
        text = json.dumps(resource.attributes, sort_keys=True)
        return [CostLine(text, "1", "k", Decimal(1))]

    memo = shapes.Memo()
    a = _price(memo, whole, _resource(size=1, name="a"))
    b = _price(memo, whole, _resource("disk.b", size=1, name="b"))
    assert a != b
    assert len(runs) == 2


def test_every_way_of_reading_the_whole_mapping_is_noticed() -> None:
    readers = [
        lambda a: {**a},
        lambda a: dict(a),
        lambda a: list(a),
        lambda a: len(a),
        lambda a: bool(a),
        lambda a: a == {},
        lambda a: {"size": 1} == a,  # noqa: SIM300 (the reflected comparison)
        lambda a: a.items(),
        lambda a: a.keys(),
        lambda a: a.values(),
        lambda a: a.copy(),
        lambda a: repr(a),
        lambda a: json.dumps(a),
        lambda a: a | {},
        lambda a: a.update({}),
        lambda a: a.setdefault("x", 1),
    ]
    for read in readers:
        reads = shapes._Reads({"size": 1})
        read(reads)
        assert reads.whole, read


def test_a_resource_given_usage_is_priced_with_it_every_time() -> None:
    memo, mapper = shapes.Memo(), _Counting()
    usage = Usage({"monthly_hrs": 100}, {"monthly_hrs": "usage.terraform.resource_usage.x"})
    _price(memo, mapper, _resource(size=10), usage)
    _price(memo, mapper, _resource(size=10), usage)
    assert mapper.runs == 2


def test_the_memo_stays_bounded() -> None:
    memo, mapper = shapes.Memo(limit=10), _Counting()
    for size in range(100):
        _price(memo, mapper, _resource(size=size))
    assert memo._size <= 10
    assert _price(memo, mapper, _resource(size=5)) == tuple(_Counting()(_resource(size=5), Usage()))


def test_a_value_known_only_by_its_identity_is_not_a_shape() -> None:
    memo, mapper = shapes.Memo(), _Counting()
    _price(memo, mapper, _resource(size=object()))
    _price(memo, mapper, _resource(size=object()))
    assert mapper.runs == 2


# what a shape leaves out: a mapper's lines may depend on the attributes, kind, provider,
# region and unknown paths only (estimate/shapes.py)
_NOT_A_SHAPE = {"address", "tags", "unknown_tags", "file", "line", "project", "source"}


def test_no_mapper_reads_what_a_shape_leaves_out() -> None:
    root = Path(shapes.__file__).parent
    offenders = []
    for path in sorted((*root.glob("aws/*.py"), *root.glob("azure/*.py"), *root.glob("gcp/*.py"))):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # passing the address on to a Resource built for another mapper is allowed
        handed_on = {
            id(call.args[0])
            for call in ast.walk(tree)
            if isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id == "Resource"
            and call.args
        }
        offenders += [
            f"{path.name}:{node.lineno} .{node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and node.attr in _NOT_A_SHAPE
            and isinstance(node.value, ast.Name)
            and node.value.id in ("resource", "res", "r")
            and id(node) not in handed_on
        ]
    assert offenders == []


def test_attributes_that_are_not_a_plain_dict_are_read_as_they_are_every_time() -> None:
    class Answering(dict[str, Any]):
        def get(self, key: str, default: Any = None) -> Any:
            return "answered" if key == "size" else super().get(key, default)

    memo, mapper = shapes.Memo(), _Counting()
    resource = _resource()
    custom = Resource(resource.address, "terraform", "test_disk", "aws", "us-east-1", Answering())
    lines = _price(memo, mapper, custom)
    assert lines == _price(memo, mapper, custom) == tuple(_Counting()(custom, Usage()))
    assert "answered" in lines[0].name
    assert mapper.runs == 2


def test_a_kind_whose_every_shape_is_new_stops_keying_them_and_prices_the_same() -> None:
    # a joined value holding each resource's own address (a table's autoscaling target) makes
    # every key new: after enough of them the memo stops making keys, and the lines stay right
    memo, mapper = shapes.Memo(), _Counting()
    n = shapes._UNIQUE + 50
    for i in range(n):
        resource = _resource(f"disk.d{i}", size=[i, {"at": f"target.t{i}"}])
        assert _price(memo, mapper, resource) == tuple(_Counting()(resource, Usage()))
    assert mapper.runs == n
    assert memo._size == 0  # nothing kept for shapes that never repeat
    again = _resource("disk.again", size=[0, {"at": "target.t0"}])
    assert _price(memo, mapper, again) == tuple(_Counting()(again, Usage()))


def test_a_kind_whose_shapes_repeat_keeps_its_memo() -> None:
    memo, mapper = shapes.Memo(), _Counting()
    for i in range(shapes._UNIQUE + 50):
        _price(memo, mapper, _resource(f"disk.d{i}", size=i % 2))
    assert mapper.runs == 2


def test_instances_that_differ_only_in_their_ami_id_are_one_shape() -> None:
    """Every instance of a fleet has its own AMI id when none is described in the plan: the
    instance mapper must not read that id (its Linux assumption names no id), or each instance
    would be priced as a new shape."""
    from finops_gate.estimate.aws import ec2_instance

    runs = 0

    def counted(resource: Resource, usage: Usage) -> Sequence[CostLine]:
        nonlocal runs
        runs += 1
        return ec2_instance.cost_lines(resource, usage)

    memo = shapes.Memo()
    found = {
        _price(
            memo,
            counted,
            Resource(
                f"aws_instance.r{i}",
                "terraform",
                "aws_instance",
                "aws",
                "us-east-1",
                {"ami": f"ami-{i:012x}", "instance_type": "m5.large"},
            ),
        )
        for i in range(20)
    }
    assert runs == 1 and len(found) == 1
    (lines,) = found
    assert lines[0].assumption is not None and lines[0].assumption[0] == "operating_system"
