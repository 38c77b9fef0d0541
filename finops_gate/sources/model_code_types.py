"""What the source-code scanners (Python, JavaScript / TypeScript) find in one file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from finops_gate.model import BY_KEY, COMPUTED
from finops_gate.sources.model_keys import looks_like_model


@dataclass(frozen=True, slots=True)
class Site:
    """One model site of one file, before the tree's lock versions are attached."""

    address: str
    line: int
    model: str | None
    model_from: str | None = None
    unpinned: str | None = None  # the client whose default model the call relies on
    package: str | None = None  # the distribution that ships that client
    callers: int = 0  # calls in the file that rely on a wrapper's default
    # an imported constant (module as written, name) the site's model is, resolved one level
    # by ``model_code_tree`` in the module it comes from; unresolved, the site is dropped
    ref: tuple[str, str] | None = None
    llm_file: bool = False  # the file imports an LLM client: a model-named value is a model
    # for a model passed to a function of the repository: "value" (it looks like a model, or
    # the file is an LLM file) or "key" (only the parameter's name says model: the pricing
    # stage keeps it when the catalog knows the name); None for the other sites
    evidence: str | None = None
    # the site whose stream of requests this one shares: a wrapper default or call whose model
    # is a model constant that is a site itself (``def complete(p, model=DEFAULT_MODEL)``)
    shares: str | None = None
    # why the model is served by the team's own server, as the call shows it (``api_base=
    # "http://localhost:11434"``): no per-token price
    self_hosted: str | None = None
    # for a model the scan cannot follow: a digest of what its expression's names are bound to
    # (``model_code._Scanner._inputs``), so that a change of them is a change of the site
    inputs: str | None = None


@dataclass(frozen=True, slots=True)
class Wrapper:
    """An in-repo function with a model parameter that has a default: callers that pass no
    model switch with it."""

    function: str  # as the module exports it
    param: str
    index: int | None  # argument position of the parameter (or of the options object)
    in_object: bool = False  # a property of a destructured options object (JS)


@dataclass(frozen=True, slots=True)
class Passed:
    """A value a call passes that may be a model: by keyword or position."""

    key: str | int
    model: str | None
    model_from: str | None = None
    ref: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class ImportedCall:
    """A call to a function imported from another module of the repository."""

    module: str  # as written: "support.llm_client", ".llm_client", "./llm", "../lib/llm"
    name: str  # the function called, as the module exports it
    args: int  # positional arguments
    keys: frozenset[str]  # keyword arguments (Python), keys of object-literal arguments (JS)
    splat: bool  # *args / **kwargs / ...spread: it may pass anything
    objects: tuple[int, ...]  # JS: positions of the arguments that are object literals
    scope: str  # the calling function ("<module>" at the top level)
    line: int
    # model-like values it passes (Python): (keyword or position, model, where it comes from,
    # imported constant), for a site where the called function takes its model
    passed: tuple[Passed, ...] = ()
    # the team's own server the call goes to (``ChatOllama(...)``, ``api_base="http://
    # localhost:11434"``): a model it passes is self-hosted
    self_hosted: str | None = None


@dataclass(frozen=True, slots=True)
class FileScan:
    """What scanning one source file found: sites, wrappers, calls, constants."""

    sites: tuple[Site, ...] = ()
    wrappers: tuple[Wrapper, ...] = ()
    calls: tuple[ImportedCall, ...] = field(default=())
    # module-level functions with a model parameter, default or not (Python)
    functions: tuple[Wrapper, ...] = ()
    constants: tuple[tuple[str, str], ...] = ()  # module-level string constants (Python)
    # why the file could not be scanned within the bounds (nesting too deep, too many tokens):
    # noted in the report, never silent; code that does not parse is not this (its CI says so)
    unscanned: str | None = None

    def __bool__(self) -> bool:
        return bool(self.sites or self.wrappers or self.calls)


_SHOWN = 60  # characters of the expression kept in the report


def computed(expression: str) -> str:
    """Where a model comes from when the scan cannot follow the expression that gives it
    (one line, bounded: the expression is the pull request's text)."""
    shown = " ".join(expression.split())
    if len(shown) > _SHOWN:
        shown = shown[: _SHOWN - 3] + "..."
    return f"{shown}{COMPUTED}"


def passed_evidence(model: str | None, llm_file: bool) -> str:
    """The evidence of a model passed to a function of the repository (see ``Site``)."""
    return "value" if llm_file or (model is not None and looks_like_model(model)) else BY_KEY


def relies_on_default(call: ImportedCall, wrapper: Wrapper) -> bool:
    """Whether ``call`` leaves ``wrapper``'s model parameter at its default."""
    if call.splat:
        return False  # it may pass the model through *args / **kwargs / ...spread
    if wrapper.in_object:
        if wrapper.index is not None and call.args > wrapper.index:
            return wrapper.index in call.objects and wrapper.param not in call.keys
        return True
    if wrapper.index is not None and call.args > wrapper.index:
        return False
    if call.objects:
        return True  # JavaScript: the keys are an options object's, not this parameter
    return wrapper.param not in call.keys


def next_address(base: str, counts: dict[str, int], taken: Mapping[str, object]) -> str:
    """``base``, or ``base[2]``, ``base[3]``... for the next site of the same key in a scope
    (a parameter of the same name may hold the plain address already)."""
    while True:
        counts[base] = n = counts.get(base, 0) + 1
        address = base if n == 1 else f"{base}[{n}]"
        if address not in taken:
            return address
