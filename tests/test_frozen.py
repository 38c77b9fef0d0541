"""``@frozen`` behaves as ``@dataclass(frozen=True, slots=True)``: each test builds the same class
both ways and compares what a caller can see (finops_gate/frozen.py says why it exists)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import typing
from dataclasses import FrozenInstanceError, dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

import pytest

from finops_gate import frozen as frozen_module
from finops_gate.frozen import frozen

_made: list[int] = []


def _shapes(decorate: Any) -> dict[str, type]:
    """One class of each shape the package uses, built with ``decorate``."""

    @decorate
    class Line:
        """A line."""

        name: str
        price: Decimal | None = None
        tags: tuple[str, ...] = ()
        notes: list[str] = field(default_factory=list)
        cache: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
        counter: list[int] = field(default_factory=lambda: [len(_made)])
        hidden: str | None = field(default=None, repr=False)
        skipped: str = field(default="s", compare=False)
        derived: int = field(init=False, compare=False, repr=False, default=0)

    @decorate
    class Node:
        """A node that may point at itself."""

        value: Any
        self_: Any = None  # a field whose name resembles the generated code's
        unset: int = field(init=False, repr=False, compare=False)

    @decorate
    class Key:
        """Hashable, one field left out of comparisons."""

        name: str
        tags: tuple[str, ...] = ()
        weight: int = field(default=0, compare=False)

    @decorate
    class Empty:
        """No fields."""

    @decorate
    class Checked:
        """Validates in __post_init__."""

        amount: int

        def __post_init__(self) -> None:
            if self.amount < 0:
                raise ValueError("negative")

    return {"Line": Line, "Node": Node, "Key": Key, "Empty": Empty, "Checked": Checked}


OURS = _shapes(frozen)
STDLIB = _shapes(dataclass(frozen=True, slots=True))


@pytest.fixture(params=["ours, __init__ bound in Python", "ours, __init__ compiled", "stdlib"])
def both(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> dict[str, type]:
    """Fresh classes: @frozen before its __init__ is compiled, @frozen after, @dataclass."""
    if request.param == "stdlib":
        return _shapes(dataclass(frozen=True, slots=True))
    monkeypatch.setattr(frozen_module, "WARM_CALLS", 0 if "compiled" in request.param else 10**9)
    return _shapes(frozen)


def _line(kinds: dict[str, type], *args: Any, **kwargs: Any) -> Any:
    return kinds["Line"](*args, **kwargs)


def test_repr_eq_and_hash_are_the_standard_ones() -> None:
    for args, kwargs in [
        (("a",), {}),
        (("a", Decimal("1.50"), ("x", "y")), {"hidden": "h", "skipped": "k"}),
        ((), {"name": "n", "notes": ["1"]}),
    ]:
        ours, theirs = _line(OURS, *args, **kwargs), _line(STDLIB, *args, **kwargs)
        assert repr(ours) == repr(theirs)
        twin = _line(OURS, *args, **kwargs)
        assert ours == twin
    assert _line(OURS, "a", skipped="1") == _line(OURS, "a", skipped="2")
    key = OURS["Key"]
    assert key("a", weight=1) == key("a", weight=2)  # compare=False: left out of eq and hash
    assert hash(key("a", weight=1)) == hash(key("a", weight=2)) == hash(("a", ()))
    assert hash(key("a", ("t",))) == hash(STDLIB["Key"]("a", ("t",)))
    assert key("a") != key("b") and key("a", ("t",)) != key("a")
    assert _line(OURS, "a").__eq__(_line(STDLIB, "a")) is NotImplemented  # another class
    assert repr(OURS["Empty"]()) == repr(STDLIB["Empty"]()) == "_shapes.<locals>.Empty()"
    assert OURS["Empty"]() == OURS["Empty"]() and hash(OURS["Empty"]()) == hash(())


def test_an_unhashable_field_makes_the_instance_unhashable(both: dict[str, type]) -> None:
    with pytest.raises(TypeError, match="unhashable"):
        hash(_line(both, "a", notes=["x"]))


def test_a_recursive_value_repr_stops_with_dots() -> None:
    ours = OURS["Node"]([])
    ours.value.append(ours)
    theirs = STDLIB["Node"]([])
    theirs.value.append(theirs)
    assert repr(ours) == repr(theirs) == "_shapes.<locals>.Node(value=[...], self_=None)"


def test_fields_cannot_be_assigned_nor_deleted(both: dict[str, type]) -> None:
    line = _line(both, "a")
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'name'"):
        line.name = "b"
    with pytest.raises(FrozenInstanceError, match="cannot delete field 'name'"):
        del line.name
    assert not hasattr(line, "__dict__")  # slotted


def test_no_other_attribute_can_be_set() -> None:
    # (on 3.11 the standard slotted class fails here with a TypeError from its own super())
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'other'"):
        _line(OURS, "a").other = 1


def test_init_takes_the_same_arguments_and_refuses_the_same_mistakes(
    both: dict[str, type],
) -> None:
    line = _line(both, "a", None, (), ["n"], {}, [7], "h", "k")
    assert (line.name, line.notes, line.counter, line.hidden, line.skipped, line.derived) == (
        "a", ["n"], [7], "h", "k", 0,
    )  # fmt: skip
    for args, kwargs in MISTAKES:
        with pytest.raises(TypeError) as caught:
            _line(both, *args, **kwargs)
        with pytest.raises(TypeError) as standard:
            _line(STDLIB, *args, **kwargs)
        assert str(caught.value) == str(standard.value)
    with pytest.raises(ValueError, match="negative"):
        both["Checked"](-1)
    assert both["Checked"](amount=2).amount == 2


def test_a_field_without_init_nor_default_is_left_unset(both: dict[str, type]) -> None:
    assert not hasattr(both["Node"](1), "unset")


MISTAKES = [
    ((), {}),  # a required argument missing
    (("a",), {"derived": 1}),  # init=False
    (("a",), {"nope": 1}),
    (("a",), {"name": "b"}),  # given twice
    (("a",) * 10, {}),  # too many
    ((), {"price": 1}),
]


def test_a_default_factory_runs_per_instance(both: dict[str, type]) -> None:
    first, second = _line(both, "a"), _line(both, "a")
    assert first.notes == [] and first.notes is not second.notes
    _made.append(1)
    assert _line(both, "a").counter == [len(_made)]


def test_replace_fields_asdict_and_match_args_work_as_for_a_dataclass(
    both: dict[str, type],
) -> None:
    line = _line(both, "a", tags=("t",))
    changed = dataclasses.replace(line, name="b")
    assert (changed.name, changed.tags, line.name) == ("b", ("t",), "a")
    assert dataclasses.is_dataclass(line)
    assert [f.name for f in dataclasses.fields(line)] == [
        "name", "price", "tags", "notes", "cache", "counter", "hidden", "skipped", "derived",
    ]  # fmt: skip
    assert dataclasses.asdict(line)["tags"] == ("t",)
    assert both["Line"].__match_args__ == (
        "name", "price", "tags", "notes", "cache", "counter", "hidden", "skipped",
    )  # fmt: skip
    kind = both["Line"]
    match line:
        case kind(name, _, tags):  # type: ignore[misc]
            assert (name, tags) == ("a", ("t",))


def test_copies_and_pickles_are_equal_frozen_values(both: dict[str, type]) -> None:
    line = _line(both, "a", Decimal("2"), notes=["n"])
    for twin in (copy.copy(line), copy.deepcopy(line)):
        assert twin == line and twin.notes == ["n"]
        with pytest.raises(FrozenInstanceError):
            twin.name = "b"
    assert copy.deepcopy(line).notes is not line.notes


def test_pickle_round_trips() -> None:
    line = PICKLED("a", ("t",))
    assert pickle.loads(pickle.dumps(line)) == line


def test_eq_false_keeps_identity_equality_and_hash() -> None:
    @frozen(eq=False)
    class Carrier:
        """Never compared."""

        value: int

    a, b = Carrier(1), Carrier(1)
    assert a != b and a == a and hash(a) == object.__hash__(a)


def test_a_class_of_its_own_eq_or_hash_keeps_it() -> None:
    @frozen
    class ByName:
        """Equal by name alone."""

        name: str
        size: int = 0

        def __eq__(self, other: object) -> bool:
            return isinstance(other, ByName) and other.name == self.name

    @frozen
    class Hashed:
        """A constant hash."""

        name: str

        def __hash__(self) -> int:
            return 7

    assert ByName("a", 1) == ByName("a", 2)
    assert hash(ByName("a", 1)) == hash(("a", 1))  # as dataclass: its own __hash__ is added
    assert hash(Hashed("x")) == 7


def test_what_dataclass_refuses_is_refused_when_the_class_is_built() -> None:
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):

        @frozen
        class Wrong:
            """Out of order."""

            a: int = 0
            b: int  # type: ignore[misc]

    with pytest.raises(TypeError, match="__setattr__"):

        @frozen
        class Mutable:
            """Defines __setattr__."""

            a: int

            def __setattr__(self, name: str, value: object) -> None:
                pass


def test_init_is_compiled_once_a_class_is_built_often_or_called_amiss() -> None:
    @frozen
    class Lazy:
        """Built, not yet instantiated."""

        a: int
        b: list[int] = field(default_factory=list)

    warm = Lazy.__init__
    first = [Lazy(i) for i in range(frozen_module.WARM_CALLS)]
    assert Lazy.__init__ is warm and [x.a for x in first] == list(range(len(first)))
    assert Lazy(-1).a == -1 and Lazy(-2).b == []
    compiled = Lazy.__init__
    assert compiled is not warm and compiled.__qualname__ == warm.__qualname__
    assert Lazy(2, [3]).b == [3] and Lazy.__init__ is compiled

    @frozen
    class Amiss:
        """Called wrongly at once."""

        a: int

    warm = Amiss.__init__
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'a'"):
        Amiss()
    assert Amiss.__init__ is not warm and Amiss(a=1).a == 1
    assert warm.__qualname__ == f"{Amiss.__qualname__}.__init__"


@frozen
class PICKLED:
    """Module-level, so pickle finds it."""

    name: str
    tags: tuple[str, ...] = ()


# loads every module of the package that uses @frozen twice, under other names, its plain
# classes read by @frozen itself (frozen._plain_fields) and then by dataclass, and prints what
# a caller can see of each class both ways (in a process of its own: the copies register
# nothing in this one)
_BOTH_WAYS = """
import importlib.util, json, pathlib, sys
from finops_gate import frozen

plain = frozen._plain_fields
used = []

def counted(cls, annotations):
    found = plain(cls, annotations)
    used.append(found is not None)
    return found

def describe(cls):
    fields = [
        [f.name, f.type, repr(f.default), getattr(f.default_factory, "__qualname__", None),
         f.init, f.repr, f.hash, f.compare, dict(f.metadata), f.kw_only, repr(f._field_type)]
        for f in cls.__dataclass_fields__.values()
    ]
    return {
        "qualname": cls.__qualname__, "module": cls.__module__.rsplit("_", 1)[0],
        "doc": cls.__doc__, "slots": list(cls.__slots__), "bases": repr(cls.__bases__),
        "match_args": list(cls.__match_args__), "params": repr(cls.__dataclass_params__),
        "fields": fields,
        "namespace": sorted(
            f"{name}: {type(value).__name__}" for name, value in vars(cls).items()
        ),
        "values": sorted(
            f"{name}={value!r}" for name, value in vars(cls).items()
            if isinstance(value, (int, str, tuple, frozenset))
            and name not in ("__doc__", "__module__")
        ),
    }

out = {"fast": {}, "standard": {}}
for way in out:
    frozen._plain_fields = counted if way == "fast" else (lambda cls, annotations: None)
    for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.py")):
        if "@frozen" not in path.read_text(encoding="utf-8"):
            continue
        alias = "_copy_" + "_".join(path.with_suffix("").parts) + "_" + way
        spec = importlib.util.spec_from_file_location(alias, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[alias] = module
        spec.loader.exec_module(module)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == alias:
                if hasattr(value, "__dataclass_fields__") and "__getstate__" in vars(value):
                    out[way][value.__qualname__ + " " + str(path)] = describe(value)
out["used"] = used
print(json.dumps(out))
"""


def test_every_class_of_the_package_comes_out_as_dataclass_makes_it() -> None:
    """@frozen reads the fields of a plain class itself, without ``dataclass`` (a tenth of the
    cost of building it); ``dataclass`` still builds the others. Each class of the package
    comes out the same both ways: fields and their parameters, slots, match arguments, what
    the namespace holds."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    package = Path(frozen_module.__file__).resolve().parent
    proc = subprocess.run(
        [sys.executable, "-c", _BOTH_WAYS, str(package)], capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    out = json.loads(proc.stdout)
    assert len(out["fast"]) >= 50 and all(out["used"])  # every one read the fast way
    assert out["fast"] == out["standard"]


def test_what_the_fast_way_cannot_read_is_built_by_dataclass() -> None:
    """A ClassVar, however it is spelled, is no field; a class with a base or no docstring is
    left to dataclass (as dataclass, the module's names say what an annotation is)."""

    @frozen
    class Counted:
        """Counts."""

        limit: ClassVar[int] = 3
        name: str = "n"

    @frozen
    class Spelled:
        """Spelled through the module."""

        limit: typing.ClassVar[int] = 3
        name: str = "n"

    class Base:
        """A base."""

    @frozen
    class Derived(Base):
        """Has a base."""

        name: str

    for kind in (Counted, Spelled):
        assert [f.name for f in dataclasses.fields(kind)] == ["name"]
        assert kind.limit == 3 and kind().name == "n" and kind.__slots__ == ("name",)
    assert Derived("x").name == "x" and isinstance(Derived("x"), Base)
    with pytest.raises(ValueError, match="mutable default <class 'list'> for field tags"):

        @frozen
        class Mutable:
            """A list default."""

            tags: list[str] = []  # noqa: RUF012


def test_the_compiled_init_leaves_each_instance_of_its_own_class(both: dict[str, type]) -> None:
    """The compiled ``__init__`` sets the fields of an instance of the class itself through a
    class of the same slots (two class switches, not a call per field): what comes out is of
    the class, frozen, its factories called once each in field order; an instance of a
    subclass stays of the subclass."""
    _made.clear()
    lines = [_line(both, f"n{i}", Decimal(i)) for i in range(3)]
    for i, line in enumerate(lines):
        assert type(line) is both["Line"]
        assert (line.name, line.price, line.notes, line.counter) == (f"n{i}", i, [], [0])
        with pytest.raises(FrozenInstanceError):
            line.name = "x"
    assert lines[0].notes is not lines[1].notes
    with pytest.raises(ValueError, match="negative"):
        both["Checked"](-1)
    assert type(both["Checked"](1)) is both["Checked"]
    node = both["Node"](5)
    assert type(node) is both["Node"] and node.value == 5
    assert not hasattr(node, "unset")

    class Sub(both["Line"]):  # type: ignore[misc]
        """A subclass (it has a __dict__: its instances cannot switch class)."""

    sub = Sub("k", Decimal(2), ("t",))
    assert type(sub) is Sub and (sub.name, sub.price, sub.tags, sub.notes) == ("k", 2, ("t",), [])
    assert sub == Sub("k", Decimal(2), ("t",))
    with pytest.raises(FrozenInstanceError):
        sub.name = "x"


def test_a_maker_makes_what_the_class_makes_from_all_its_fields() -> None:
    from finops_gate.frozen import maker
    from finops_gate.model import Action, CostDelta, Resource, ResourceChange, SideCost, Status

    resource = Resource(
        "aws_instance.a", "terraform", "aws_instance", "aws", "us-east-1", {"ami": "ami-1"},
        frozenset({"id"}), {"Name": "a"}, frozenset(), "plan.json", None, "plan.json",
    )  # fmt: skip
    side = SideCost(Status.PRICED, Decimal(1))
    for cls, values in (
        (Resource, tuple(getattr(resource, f.name) for f in dataclasses.fields(Resource))),
        (ResourceChange, ("aws_instance.a", Action.UPDATE, resource, resource)),
        (CostDelta, (ResourceChange("a", Action.CREATE, None, resource), None, side)),
    ):
        make = maker(cls)
        assert make is not cls and maker(cls) is make  # a function, made once
        made, called = make(*values), cls(*values)
        assert type(made) is cls and made == called
        assert repr(made) == repr(called)
        assert pickle.loads(pickle.dumps(made)) == called and copy.copy(made) == called
        assert dataclasses.replace(made, **{dataclasses.fields(cls)[0].name: "x"}) != made
        with pytest.raises(FrozenInstanceError):
            made.address = "b"  # type: ignore[misc,union-attr]
        with pytest.raises(TypeError):
            make(*values[:-1])  # every field, as the class would want them all


def test_a_class_a_maker_cannot_make_is_made_by_the_class_itself() -> None:
    from finops_gate.frozen import maker

    @frozen
    class Checked:
        """Checks its value."""

        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    @frozen
    class Derived:
        """Has a field the caller does not give."""

        value: int
        twice: int = field(init=False, default=0)

    assert maker(Checked) is Checked and maker(Derived) is Derived
    with pytest.raises(ValueError, match="negative"):
        maker(Checked)(-1)
