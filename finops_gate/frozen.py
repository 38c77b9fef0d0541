"""``@frozen``: ``@dataclass(frozen=True, slots=True)`` without the start-up cost.

On Python 3.11 the ``dataclass`` decorator writes the source of six methods per frozen class
(``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``) and
compiles each one with ``exec`` when the class is built: about 3.5 million instructions per
class, 54 classes on a one-resource plan run, a third of the whole run (issue 18,
``bench/bench_startup.py``). Here the class comes out as ``dataclass(init=False, repr=False,
eq=False, slots=True)`` makes it (its fields and their parameters, slots, ``__match_args__``),
so ``dataclasses.fields``, ``replace`` and ``asdict`` work as before. A plain class (string
annotations, none a ``ClassVar``; a docstring; no base: every class of the package) has its
fields read here and is rebuilt with its slots and methods once, for about 60% of the cost
of running ``dataclass`` over it and setting the methods after (tests/test_frozen.py holds
the two ways equal); ``dataclass`` still reads any other class. The methods come two ways:

- ``__init__``, ``__eq__`` and ``__hash__`` are compiled from the source ``dataclass`` would
  write, when first needed, then run as fast as the standard ones: ``__eq__`` and ``__hash__``
  at their first call (most classes are never compared nor hashed), ``__init__`` once a class
  has been built ``WARM_CALLS`` times, the instances before bound here in Python, field by
  field as the compiled one does (compiling costs as much as about that many calls; a small
  run builds most classes a few times), or at the first call it would refuse, so that the
  ``TypeError`` is the standard one. ``eq=False`` leaves ``__eq__``/``__hash__`` to
  ``object`` (identity); a ``__hash__`` of the class body is kept;
- ``__repr__``, ``__setattr__``, ``__delattr__``, ``__getstate__``, ``__setstate__`` are
  closures over the fields that do what the generated ones do: ``Name(field=value!r, ...)``
  over the ``repr=True`` fields (``...`` for a recursive reference); ``FrozenInstanceError``
  on assigning or deleting; ``copy``, ``deepcopy`` and ``pickle`` as for a frozen slotted
  dataclass.

Supported: defaults, ``field(default_factory=..., init=..., repr=..., compare=..., hash=...)``,
``__post_init__``. Not supported (refused when the class is built): ``InitVar``, ``kw_only``,
explicit ``__setattr__``/``__delattr__``, and inheriting from another dataclass. Type checkers
see a frozen dataclass (PEP 681 ``dataclass_transform``).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, field
from reprlib import recursive_repr
from types import MemberDescriptorType
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["field", "frozen"]

_T = TypeVar("_T", bound=type)
_M = TypeVar("_M")

# the default of a parameter whose field has a default_factory (as in dataclasses)
_FACTORY: Any = type("_FactoryDefault", (), {"__repr__": lambda self: "<factory>"})()


@overload
def frozen(cls: _T, /) -> _T: ...


@overload
def frozen(*, eq: bool = True) -> Callable[[_T], _T]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: _T | None = None, /, *, eq: bool = True) -> _T | Callable[[_T], _T]:
    """The class as ``@dataclass(frozen=True, slots=True, eq=eq)`` would make it (module
    docstring for what differs in how)."""

    def wrap(cls: _T) -> _T:
        return _build(cls, eq=eq)

    return wrap if cls is None else wrap(cls)


def _build(cls: _T, *, eq: bool) -> _T:
    own = cls.__dict__
    if "__setattr__" in own or "__delattr__" in own:
        raise TypeError(f"{cls.__qualname__}: a frozen class cannot define __setattr__")
    if cls.__bases__ != (object,) and any(dataclasses.is_dataclass(b) for b in cls.__mro__[1:]):
        raise TypeError(f"{cls.__qualname__}: @frozen does not inherit dataclass fields")
    annotations = own.get("__annotations__", {})
    for name, annotation in annotations.items():
        if "InitVar" in str(annotation):
            raise TypeError(f"{cls.__qualname__}.{name}: @frozen does not support InitVar")
    found = _plain_fields(cls, annotations)
    if found is None:  # not plain enough to be read here: the standard build reads it
        standard: Any = dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=True)
        fields = dataclasses.fields(standard)
    else:
        fields = tuple(found.values())
    _check_order(cls, fields)
    holder: list[type] = []  # the class built, which the methods name
    methods = _methods(cls, holder, fields, eq)
    if found is None:
        built = standard
        for name, method in methods.items():
            type.__setattr__(built, name, method)
    else:
        built = _slotted(cls, found, fields, methods)
    holder.append(built)
    return built  # type: ignore[no-any-return]


def _methods(
    cls: type, holder: list[type], fields: tuple[dataclasses.Field[Any], ...], eq: bool
) -> dict[str, Any]:
    """The methods @frozen gives the class built from ``cls`` (``holder[0]`` once built)."""
    own = cls.__dict__
    names = frozenset(f.name for f in fields)

    def __setattr__(self: Any, name: str, value: Any) -> None:
        owner: Any = holder[0]
        if type(self) is owner or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(owner, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        owner: Any = holder[0]
        if type(self) is owner or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(owner, self).__delattr__(name)

    methods: dict[str, Any] = {
        "__setattr__": __setattr__,
        "__delattr__": __delattr__,
        "__getstate__": _getstate,
        "__setstate__": _setstate,
    }
    if "__init__" not in own:
        methods["__init__"] = _warming_init(cls, holder, fields)
    if "__repr__" not in own:  # (most classes are never shown)
        methods["__repr__"] = _lazy(cls, holder, "__repr__", lambda: _repr(fields))
    if eq:
        if "__eq__" not in own:
            methods["__eq__"] = _lazy(
                cls,
                holder,
                "__eq__",
                lambda: _compile_eq(tuple(f.name for f in fields if f.compare)),
            )
        # as dataclass decides: a __hash__ of the class body is kept, the None that Python
        # puts there for a class that defines __eq__ is not
        body_hash = own.get("__hash__", MISSING)
        if body_hash is MISSING or (body_hash is None and "__eq__" in own):
            methods["__hash__"] = _lazy(
                cls, holder, "__hash__", lambda: _compile_hash(_hashed(fields))
            )
    return methods


def _hashed(fields: tuple[dataclasses.Field[Any], ...]) -> tuple[str, ...]:
    return tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))


def _getstate(self: Any) -> list[Any]:
    """``copy`` and ``pickle`` of a frozen slotted dataclass: the values of its fields."""
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(dataclasses.fields(self), state, strict=False):
        object.__setattr__(self, f.name, value)


# what dataclass sets on every class @frozen builds (the same for all: init, repr, eq False),
# and the mark of a real field, taken from a class it built (they differ between versions)
@dataclasses.dataclass(init=False, repr=False, eq=False, slots=True)
class _Sample:
    """A class built by dataclass as @frozen builds one."""

    value: int


_PARAMS = _Sample.__dataclass_params__  # type: ignore[attr-defined]
_FIELD = dataclasses.fields(_Sample)[0]._field_type  # type: ignore[attr-defined]
# the start of an annotation dataclass reads to find ClassVar, InitVar and KW_ONLY
_LEAD = re.compile(r"^(?:\s*(\w+)\s*\.)?\s*(\w+)")
_INITVAR = dataclasses.InitVar
# annotation -> what _LEAD reads of it: most recur (``str``, ``str | None``, ``Decimal``)
_LEADS: dict[str, Any] = {}


def _plain_fields(
    cls: type, annotations: dict[str, Any]
) -> dict[str, dataclasses.Field[Any]] | None:
    """The fields ``dataclass`` would find in ``cls``, found without it, or None where the
    class is not plain enough to be sure (then the standard build reads it): every annotation
    a string (``from __future__ import annotations``) starting with a name that cannot be a
    ClassVar, InitVar or KW_ONLY, no ``__slots__``, a class docstring, no base but object."""
    module = sys.modules.get(cls.__module__)
    if (
        module is None
        or cls.__bases__ != (object,)
        or "__slots__" in cls.__dict__
        or not cls.__doc__
    ):
        return None
    scope = module.__dict__
    found: dict[str, dataclasses.Field[Any]] = {}
    for name, annotation in annotations.items():
        if not isinstance(annotation, str):
            return None
        # what the names it starts with are in the module: unbound (a builtin, a name imported
        # for type checking) or a class other than InitVar cannot make the field a ClassVar,
        # an InitVar or KW_ONLY for dataclass
        lead = _LEADS.get(annotation, MISSING)
        if lead is MISSING:
            match = _LEAD.match(annotation)
            lead = _LEADS[annotation] = None if match is None else match.groups()
        if lead is not None:
            prefix, word = lead
            for value in (scope.get(word), None if prefix is None else scope.get(prefix)):
                if value is not None and (not isinstance(value, type) or value is _INITVAR):
                    return None
        default: Any = getattr(cls, name, MISSING)
        if isinstance(default, dataclasses.Field):
            made = default
        else:
            if isinstance(default, MemberDescriptorType):
                default = MISSING
            made = field(default=default)
        made.name = name
        made.type = annotation
        made._field_type = _FIELD  # type: ignore[attr-defined]
        if made.kw_only is MISSING:
            made.kw_only = False
        if made.default.__class__.__hash__ is None:
            raise ValueError(
                f"mutable default {type(made.default)} for field {name} is not allowed: "
                "use default_factory"
            )
        found[name] = made
    for name, value in cls.__dict__.items():
        if isinstance(value, dataclasses.Field) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    return found


def _slotted(
    cls: type,
    found: dict[str, dataclasses.Field[Any]],
    fields: tuple[dataclasses.Field[Any], ...],
    methods: dict[str, Any],
) -> type:
    """The class ``dataclass(cls, init=False, repr=False, eq=False, slots=True)`` returns for a
    class of plain fields (the same namespace: the fields, their parameters, the match
    arguments; a slot per field), built once with ``methods`` in it."""
    namespace = dict(cls.__dict__)
    namespace[_PARAMS_NAME] = _PARAMS
    namespace[_FIELDS_NAME] = found
    if "__match_args__" not in namespace:
        namespace["__match_args__"] = tuple(f.name for f in fields if f.init and not f.kw_only)
    namespace["__slots__"] = tuple(f.name for f in fields)
    for f in fields:
        namespace.pop(f.name, None)
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    namespace.update(methods)
    built = type(cls)(cls.__name__, cls.__bases__, namespace)
    built.__qualname__ = cls.__qualname__
    return built


_PARAMS_NAME = "__dataclass_params__"
_FIELDS_NAME = "__dataclass_fields__"


def _check_order(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> None:
    """What ``dataclass`` refuses when it builds the class, refused here too, not at the first
    instance."""
    seen_default = False
    for f in fields:
        if f.kw_only is True:
            raise TypeError(f"{cls.__qualname__}.{f.name}: @frozen does not support kw_only")
        if not f.init:
            continue
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")


def _lazy(
    cls: type, holder: list[type], name: str, build: Callable[[], Callable[..., Any]]
) -> Callable[..., Any]:
    """A stand-in for the method ``name`` of the class built from ``cls`` (``holder[0]``) that
    compiles the method at its first call, puts it in its place on the class and calls it:
    later calls go straight to the compiled one."""
    qualname = f"{cls.__qualname__}.{name}"
    module = cls.__module__

    def first_call(*args: Any, **kwargs: Any) -> Any:
        method = build()
        method.__qualname__ = qualname
        method.__module__ = module
        type.__setattr__(holder[0], name, method)
        return method(*args, **kwargs)

    first_call.__name__, first_call.__qualname__ = name, qualname
    return first_call


# calls of a class's __init__ bound in Python before it is compiled: compiling costs about as
# much as this many calls bound here (a class of a small run is built a few times; one built
# thousands of times is compiled early)
WARM_CALLS = 50


def _warming_init(
    cls: type, holder: list[type], fields: tuple[dataclasses.Field[Any], ...]
) -> Callable[..., None]:
    """``__init__`` for the first ``WARM_CALLS`` instances: a plain call (arguments that
    ``dataclass``'s ``__init__`` accepts) is bound here, field by field in the same order, the
    same factories called; then, or at the first call it would refuse (so that the error is
    the standard one), the compiled ``__init__`` takes its place."""
    names = tuple(f.name for f in fields if f.init)
    accepted = frozenset(names)
    required = frozenset(
        f.name for f in fields if f.init and f.default is MISSING and f.default_factory is MISSING
    )
    post_init = hasattr(cls, "__post_init__")
    calls = 0
    compiled: Callable[..., None] | None = None

    def __init__(self: Any, /, *args: Any, **kwargs: Any) -> None:
        nonlocal calls, compiled
        if compiled is None:
            calls += 1
            bound = _bound(args, kwargs) if calls <= WARM_CALLS else None
            if bound is not None:
                _assign(self, bound)
                return
            compiled = _compile_init(holder[0], fields)
            compiled.__qualname__ = f"{cls.__qualname__}.__init__"
            compiled.__module__ = cls.__module__
            type.__setattr__(holder[0], "__init__", compiled)
        compiled(self, *args, **kwargs)

    def _bound(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any] | None:
        if len(args) > len(names) or not accepted.issuperset(kwargs):
            return None
        bound = dict(zip(names, args, strict=False))
        if not bound.keys().isdisjoint(kwargs):
            return None  # given twice
        bound.update(kwargs)
        return bound if required.issubset(bound) else None

    def _assign(self: Any, bound: dict[str, Any]) -> None:
        for f in fields:
            if f.name in bound:
                value = bound[f.name]
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            elif f.default is not MISSING:
                value = f.default
            else:
                continue  # init=False without a default: left unset, as dataclass does
            object.__setattr__(self, f.name, value)
        if post_init:
            self.__post_init__()

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _compile(source: str, name: str, scope: dict[str, Any]) -> Callable[..., Any]:
    # the field names in the source are identifiers: the class statement said so
    exec(source, scope)
    method: Callable[..., Any] = scope[name]
    return method


def _tuple(names: tuple[str, ...], of: str) -> str:
    """``(self.a,self.b,)``, as dataclass writes it."""
    return "(" + "".join(f"{of}.{n}," for n in names) + ")"


def _compile_eq(names: tuple[str, ...]) -> Callable[..., Any]:
    source = (
        "def __eq__(self, other):\n"
        " if other.__class__ is self.__class__:\n"
        f"  return {_tuple(names, 'self')} == {_tuple(names, 'other')}\n"
        " return NotImplemented"
    )
    return _compile(source, "__eq__", {})


def _compile_hash(names: tuple[str, ...]) -> Callable[..., Any]:
    source = f"def __hash__(self):\n return hash({_tuple(names, 'self')})"
    return _compile(source, "__hash__", {})


def _compile_init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """The ``__init__`` that ``dataclass`` writes for a frozen slotted class: positional or
    keyword parameters in field order, a factory called per instance, ``__post_init__`` last.
    ``self`` is named so that no field can shadow it.

    Setting a slot of a frozen class is a call per field (its ``__set__``, through an argument
    tuple: most of the cost of building a value, which the pipeline does for every resource of
    a large plan). An instance of the class itself (not of a subclass) is set as an instance of
    ``_open_twin``'s class instead, whose slots are the same and whose attributes are set
    directly, then given back its class (stored as any attribute of the twin): one call,
    whatever the number of fields (for a class of ``_TWIN_FROM`` fields or more: the calls
    they replace cost more). The values
    (and their factories) are all taken before, so the instance is of its own class again
    before anything else can see it."""
    # every name the body uses besides the parameters is a dunder no field is called
    scope: dict[str, Any] = {
        "__frozen_set__": object.__setattr__,
        "__frozen_factory__": _FACTORY,
        "__frozen_cls__": cls,
        "__frozen_type__": type,
    }
    params, values, slow, fast = ["__frozen_self__"], [], [], []
    for f in fields:
        default = f"__frozen_default_{f.name}__"
        factory = f"__frozen_factory_{f.name}__"
        setter = f"__frozen_set_{f.name}__"
        # the field's slot sets it: what object.__setattr__ finds for the name on every call
        slot = cls.__dict__.get(f.name)
        scope[setter] = slot.__set__ if isinstance(slot, MemberDescriptorType) else None
        if f.default is not MISSING:
            scope[default] = f.default
        if f.default_factory is not MISSING:
            scope[factory] = f.default_factory
        if f.init:
            if f.default is not MISSING:
                params.append(f"{f.name}={default}")
            elif f.default_factory is not MISSING:
                params.append(f"{f.name}=__frozen_factory__")
            else:
                params.append(f.name)
        if f.default_factory is not MISSING:
            value = f"{factory}()"
            if f.init:
                value = f"{value} if {f.name} is __frozen_factory__ else {f.name}"
            # (taken before any field is set, in field order, as dataclass calls them)
            values.append(f" {f.name} = {value}" if f.init else f" __frozen_v_{f.name}__ = {value}")
            value = f.name if f.init else f"__frozen_v_{f.name}__"
        elif f.init:
            value = f.name
        elif f.default is not MISSING:
            value = default
        else:
            continue  # init=False without a default: left unset, as dataclass does
        if scope[setter] is not None:
            slow.append(f"  {setter}(__frozen_self__, {value})")
        else:
            slow.append(f"  __frozen_set__(__frozen_self__, {f.name!r}, {value})")
        fast.append(f"  __frozen_self__.{f.name} = {value}")
    every_slot = all(scope[f"__frozen_set_{f.name}__"] is not None for f in fields)
    twin = _open_twin(cls) if len(fast) >= _TWIN_FROM and every_slot else None
    body = list(values)
    if twin is not None:
        scope["__frozen_open__"] = twin
        body.append(" if __frozen_type__(__frozen_self__) is __frozen_cls__:")
        body.append("  __frozen_set__(__frozen_self__, '__class__', __frozen_open__)")
        body.extend(fast)
        body.append("  __frozen_self__.__class__ = __frozen_cls__")  # (a twin: stored directly)
        body.append(" else:")
    else:
        body.append(" if True:")
    body.extend(slow or ["  pass"])
    if hasattr(cls, "__post_init__"):
        body.append(" __frozen_self__.__post_init__()")
    source = f"def __init__({', '.join(params)}):\n" + "\n".join(body)
    return _compile(source, "__init__", scope)


# fields set from which the switches pay (callgrind, instructions an instance: 12 fields
# 10.2k -> 5.8k, 6 fields 7.4k -> 6.3k, 4 fields 5.9k -> 5.8k; 3 fields would lose)
_TWIN_FROM = 5


@functools.cache
def maker(cls: type[_M]) -> Callable[..., _M]:
    """A function that makes an instance of ``cls`` (a class built by ``@frozen``) from the
    values of all its fields, in their order, positionally: what ``cls(*values)`` makes, for
    about two thirds of its cost (no ``type.__call__``, no ``__init__`` frame: the instance is
    made as its ``_open_twin``, its slots set directly, then given its class, once). For the
    stages that build a value per resource of a large plan. ``cls`` itself where that cannot
    be (a field not in ``__init__``, a ``__post_init__``, no twin), so the result is always
    called the same way. Compiled once per class, at its first use (about as much as
    building a few hundred instances costs: asked by the stages of a large input only)."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if hasattr(cls, "__post_init__") or not all(f.init for f in fields):
        return cls
    twin = _open_twin(cls)
    if twin is None:
        return cls
    names = [f.name for f in fields]
    source = (
        f"def __frozen_make__({', '.join(names)}):\n"
        " __frozen_self__ = __frozen_new__(__frozen_open__)\n"
        + "".join(f" __frozen_self__.{name} = {name}\n" for name in names)
        + " __frozen_self__.__class__ = __frozen_cls__\n"
        " return __frozen_self__"
    )
    scope = {"__frozen_new__": object.__new__, "__frozen_open__": twin, "__frozen_cls__": cls}
    made = _compile(source, "__frozen_make__", scope)
    made.__qualname__ = f"{cls.__qualname__}.<made>"
    return made


def _open_twin(cls: type) -> type | None:
    """A class of the same slots as ``cls`` (and no ``__setattr__``) that an instance of
    ``cls`` can be switched to and back (``__class__``: the same layout), or None where it
    cannot (then ``__init__`` sets each slot through its descriptor)."""
    slots = cls.__dict__.get("__slots__")
    if cls.__bases__ != (object,) or not isinstance(slots, tuple):
        return None
    twin = type(f"{cls.__name__}", (object,), {"__slots__": slots, "__module__": cls.__module__})
    try:
        probe: Any = object.__new__(cls)
        object.__setattr__(probe, "__class__", twin)
        object.__setattr__(probe, "__class__", cls)
    except TypeError:
        return None
    return twin


def _repr(fields: tuple[dataclasses.Field[Any], ...]) -> Callable[[Any], str]:
    shown = tuple(f.name for f in fields if f.repr)

    @recursive_repr()
    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inner})"

    return __repr__
