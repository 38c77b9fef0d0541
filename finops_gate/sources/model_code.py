"""Model names in Python source -> Resource (kind ``llm_model``), read with ``ast`` (never a regex
over comments and docstrings).

Three kinds of site, each with an address that survives unrelated edits (no line numbers):

- ``<file>:<CONSTANT>``: a module-level constant whose name says model
  (``DEFAULT_MODEL = "gpt-4o-mini"``);
- ``<file>#<function or Class.method>.<param>``: the default of a function parameter whose name
  says model (``def complete(prompt, model="gpt-4o-mini")``): an in-repo wrapper, whose changed
  default is a model switch at every caller that does not pass ``model`` (the site says how many
  calls in the file rely on it);
- ``<file>#<function, class or <module>>.<keyword>``: the model argument of a call to a known
  client (OpenAI, Azure OpenAI, Anthropic, Google GenAI / Vertex, Bedrock, LiteLLM, LangChain,
  LlamaIndex, crewAI, DSPy, pydantic-ai...), as a keyword (``model=``, ``model_name=``,
  ``modelId=``...) or the first positional argument where the SDK takes it there. A second call
  with the same keyword in the same scope is ``...keyword[2]``.

An argument that names a same-module constant or a parameter of the enclosing function is that
constant's or parameter's site (one site, not two); ``os.getenv("X", "gpt-4o")`` and
``os.getenv("X") or "gpt-4o"`` give their default. A call to a client whose model is optional
and that sets none relies on the library's default (``unpinned``): the site records the library
and, when the tree's lock or requirements file pins it, its version, so a bump of that version
is a change of the site.

Besides its sites, a file's scan lists its wrappers (functions whose model parameter has a
default) and its calls to functions imported from other modules, so ``model_code_tree`` can find
the callers of a wrapper in the rest of the repository.
"""

from __future__ import annotations

import ast
import hashlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from finops_gate.sources.model_clients import PY_CALLS, PY_PACKAGES, ClientCall, match_call
from finops_gate.sources.model_code_types import (
    FileScan,
    ImportedCall,
    Passed,
    Site,
    Wrapper,
    computed,
    next_address,
    passed_evidence,
)
from finops_gate.sources.model_keys import (
    is_model_key,
    label_beside_id,
    local_endpoint,
    looks_like_model,
    names_models,
)

# bytes that a file holding a model site must contain (a model-named key or a client library
# that picks a default model); most files of a large tree have none
_MARKERS = (
    b"model", b"Model", b"MODEL", b"llm", b"LLM", b"engine", b"openai", b"OpenAI", b"anthropic",
    b"Anthropic", b"langchain", b"llama", b"crewai", b"dspy", b"mistral", b"Mistral", b"vertex",
    b"from agents", b"import agents",  # the OpenAI Agents SDK: Agent(name=...) names no model
)  # fmt: skip
_MAX_FOLLOW = 12  # steps _evaluate takes through names, subscripts and attributes
_MAX_JOINED = 200  # characters of a model name an f-string or a + of constants builds
_MAX_INPUTS = 20  # names of an expression the scan cannot follow whose bindings are digested
_MAX_DEPTH = 200  # ast recursion on hostile nesting; real code is far below
_MAX_CALLS = 5_000  # calls into other modules kept per file (for wrapper callers)
_MAX_PASSED = 8  # arguments of one call looked at for a model it passes
_MAX_DICT_KEYS = 2_000  # keys of one module-level dict literal looked at for model settings
_MAX_DICT_DEPTH = 4  # nested dicts followed
_MAX_LOCAL_HOPS = 4  # ``model = chosen``, ``chosen = "gpt-4o"``: local variables followed
_MAX_LOCAL_NODES = 20_000  # nodes of one function looked at for its local variables
_NOT_REPO = frozenset(sys.stdlib_module_names) | frozenset(p.split(".")[0] for p in PY_PACKAGES)


def wanted(data: bytes) -> bool:
    return any(m in data for m in _MARKERS)


def scan(text: str, rel: str) -> Iterator[Site]:
    """Every model site of Python ``text``; a file that does not parse has none (it is code
    the change may break on purpose; the project's own CI reports syntax errors)."""
    yield from scan_file(text, rel).sites


TOO_DEEP = "expressions nested too deep to scan for models"


def scan_file(text: str, rel: str) -> FileScan:
    """The sites, wrappers and calls into other modules of one Python file."""
    try:
        module = ast.parse(text, filename=rel)
    except (SyntaxError, ValueError):
        return FileScan()
    except (RecursionError, MemoryError):
        return FileScan(unscanned=TOO_DEEP)
    scanner = _Scanner(rel, module)
    try:
        scanner.visit_module(module)
    except RecursionError:
        return FileScan(unscanned=TOO_DEEP)
    wrappers = tuple(
        Wrapper(name, param, index) for name, (param, index) in scanner.wrappers.items()
    )
    functions = tuple(
        Wrapper(name, param, index) for name, (param, index) in scanner.functions.items()
    )
    constants = tuple((name, value) for name, (value, _) in scanner.constants.items())
    return FileScan(
        tuple(scanner.sites.values()), wrappers, tuple(scanner.calls), functions, constants
    )


@dataclass
class _Scope:
    """A Python function or module being scanned, with its model parameters."""

    name: str  # "<module>", "complete", "Assistant.reply"
    params: dict[str, tuple[str | None, int]] = field(default_factory=dict)  # name -> default
    # local variables the function binds exactly once, by ``name = <expression>``: what a
    # client's ``model=name`` holds (``model = "claude-sonnet-4-5"`` one line above the call)
    local_values: dict[str, ast.expr] = field(default_factory=dict)


class _Scanner:
    def __init__(self, rel: str, module: ast.Module) -> None:
        self.rel = rel
        self.module = module
        self.digest: str | None = None  # _module_digest
        self.unparsed: dict[int, str] = {}  # _inputs: a bound value's text, by its node
        self.imports = _imports(module)
        self.repo_imports = _repo_imports(module)
        self.calls: list[ImportedCall] = []
        self.llm_file = any(
            any(mod == p or mod.startswith(p + ".") for p in PY_PACKAGES)
            for mod in self.imports.values()
        )
        self.constants: dict[str, tuple[str, int]] = {}
        # every module-level ``NAME = <expression>``: what _evaluate follows
        self.assigned: dict[str, ast.expr] = {}
        # each dict literal _follow looked into, by its node: key -> value, built once (a file
        # of many calls into one large registry costs its size once, not once per call)
        self.dict_keys: dict[int, dict[object, ast.expr]] = {}
        self.sites: dict[str, Site] = {}
        self.counts: dict[str, int] = {}
        self.wrappers: dict[str, tuple[str, int | None]] = {}  # function -> model param, index
        # every function with a model parameter, default or not: a call that passes a model
        # to one is a site
        self.functions: dict[str, tuple[str, int | None]] = {}

    # -- module level ----------------------------------------------------------------------

    def visit_module(self, module: ast.Module) -> None:
        for node in module.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                if isinstance(node.targets[0], ast.Name):
                    self.assigned[node.targets[0].id] = node.value
            elif (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and node.value is not None
            ):
                self.assigned[node.target.id] = node.value
            for name, value in _assigned_strings(node):
                self.constants[name] = (value, node.lineno)
                if is_model_key(name) and _holds_model(node, value, self.llm_file):
                    self._add(Site(f"{self.rel}:{name}", node.lineno, value))
            self._dict_sites(node)
            target, env = _assigned_env(node)
            if target is not None and env is not None and is_model_key(target):
                variable, default = env
                origin = f"default of ${variable}" if default else f"${variable} at run time"
                self._add(Site(f"{self.rel}:{target}", node.lineno, default, origin))
                if default is not None:
                    self.constants[target] = (default, node.lineno)
        top = _Scope("<module>")
        for node in module.body:
            self._statement(node, top, depth=0)

    def _dict_sites(self, node: ast.stmt) -> None:
        """Model-named keys of a module-level dict literal: ``DEFAULT_CONFIG = {"FAST_LLM":
        "openai:gpt-4o-mini"}`` is the site ``<file>:DEFAULT_CONFIG.FAST_LLM`` (nested dicts
        too, as JS objects are), its value a model name or an environment lookup. In a dict
        whose own name says models (``PROVIDER_TO_DEFAULT_MODEL_NAME = {Provider.ANTHROPIC:
        "claude-sonnet-4-5"}``, ``DEFAULT_MODELS = {"fast": "gpt-4o-mini"}``) every value that
        is a model name is a site, whatever its key: ``<file>:DEFAULT_MODELS.fast``."""
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            return
        if not isinstance(target, ast.Name) or not isinstance(value, ast.Dict):
            return
        stack: list[tuple[str, ast.Dict, int, bool]] = [
            (target.id, value, 0, names_models(target.id))
        ]
        budget = _MAX_DICT_KEYS
        while stack:
            path, literal, depth, of_models = stack.pop()
            keys = [k.value for k in literal.keys if isinstance(k, ast.Constant)]
            for key, item in zip(literal.keys, literal.values, strict=True):
                budget -= 1
                if budget < 0:
                    return
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    name = key.value
                elif of_models and key is not None and (dotted := _dotted(key)) is not None:
                    name = dotted  # an enum member or a constant: ``Provider.ANTHROPIC``
                else:
                    continue
                address = f"{path}.{name}"
                if isinstance(item, ast.Dict):
                    if depth < _MAX_DICT_DEPTH:
                        stack.append((address, item, depth + 1, of_models))
                    continue
                model_key = is_model_key(name)
                if not model_key and not of_models:
                    continue
                if label_beside_id(name, keys):
                    continue  # {"model_id": ..., "model_name": "Llama 3 8B"}: a label
                model, origin = self._literal(item, None)
                if model is None and origin is None:
                    continue
                if not model_key and (model is None or not looks_like_model(model)):
                    continue  # a models table's value that is no model name (a label, a flag)
                if model is not None and not _holds_model(None, model, self.llm_file):
                    continue  # a model-named key that names no model (an ORM's "model"), as
                    # a literal, a constant or a variable's default
                self._add(Site(f"{self.rel}:{address}", item.lineno, model, origin))

    def _statement(self, node: ast.AST, scope: _Scope, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inner = self._function(node, scope)
            for child in node.body:
                self._statement(child, inner, depth + 1)
            for default in [*node.args.defaults, *node.args.kw_defaults]:
                if default is not None:
                    self._expression(default, scope, depth + 1)
            return
        if isinstance(node, ast.ClassDef):
            inner = _Scope(node.name if scope.name == "<module>" else f"{scope.name}.{node.name}")
            for child in node.body:
                for name, value in _assigned_strings(child):
                    if is_model_key(name) and _holds_model(child, value, self.llm_file):
                        self._add(Site(f"{self.rel}#{inner.name}.{name}", child.lineno, value))
                self._statement(child, inner, depth + 1)
            for base in node.bases:
                self._expression(base, scope, depth + 1)
            return
        for part in ast.iter_child_nodes(node):
            if isinstance(part, ast.stmt):
                self._statement(part, scope, depth + 1)
            else:
                self._expression(part, scope, depth + 1)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: _Scope) -> _Scope:
        name = node.name if scope.name == "<module>" else f"{scope.name}.{node.name}"
        inner = _Scope(name, local_values=_local_values(node))
        args = node.args
        positional = [*args.posonlyargs, *args.args]
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
        pairs = [
            *zip(positional, [*defaults, *args.defaults], strict=True),
            *zip(args.kwonlyargs, args.kw_defaults, strict=True),
        ]
        index = {arg.arg: i for i, arg in enumerate(positional)}
        for arg, default in pairs:
            value = self._literal(default, None)[0] if default is not None else None
            inner.params[arg.arg] = (value, arg.lineno)
            if not is_model_key(arg.arg):
                continue
            if scope.name == "<module>":
                self.functions.setdefault(node.name, (arg.arg, index.get(arg.arg)))
            # a default imported from another module of the repository (``from .config import
            # DEFAULT_MODEL``): resolved there, one level, by model_code_tree
            ref = self._ref(default) if value is None and default is not None else None
            if value is None and ref is None:
                continue
            if value is not None and not _holds_model(None, value, self.llm_file):
                continue
            address = f"{self.rel}#{name}.{arg.arg}"
            shares = None
            if isinstance(default, ast.Name) and f"{self.rel}:{default.id}" in self.sites:
                shares = f"{self.rel}:{default.id}"  # the constant's site: one stream
            site = Site(address, arg.lineno, value, ref=ref, llm_file=self.llm_file, shares=shares)
            self._add(site)
            if scope.name == "<module>":
                self.wrappers[node.name] = (arg.arg, index.get(arg.arg))
        return inner

    # -- expressions -----------------------------------------------------------------------

    def _expression(self, node: ast.AST, scope: _Scope, depth: int) -> None:
        stack: list[tuple[ast.AST, int]] = [(node, depth)]
        while stack:
            current, level = stack.pop()
            if level > _MAX_DEPTH:
                continue
            if isinstance(current, ast.Call):
                self._call(current, scope)
            if isinstance(current, ast.Lambda):
                continue
            stack.extend((child, level + 1) for child in ast.iter_child_nodes(current))

    def _call(self, call: ast.Call, scope: _Scope) -> None:
        dotted = _dotted(call.func)
        if dotted is None:
            return
        if dotted in self.functions:
            self._local_call(call, dotted, scope)
            return
        spec = match_call(dotted, self.imports)
        if spec is None:
            self._imported_call(call, dotted, scope)
            return
        arg = _model_argument(call, spec)
        if arg is None:
            if spec.optional_model and not _has_splat(call):
                self._unpinned(call, scope, spec, dotted)
            return
        keyword, expr = arg
        value, origin, site = self._resolve(expr, scope)
        if site is not None:
            return  # the constant's or parameter's own site covers it
        ref = self._ref(expr) if value is None and origin is None else None
        if value is None and origin is None and ref is None:
            if isinstance(expr, ast.Name) and expr.id in scope.params:
                return  # the caller chooses the model: its call is the site
            if spec.model_object or self._holds_client_call(expr):
                return  # Agent(model=OpenAIModel("gpt-4o")): the client call inside is the site
            # an expression we cannot follow (a call, an attribute, a local variable): the
            # client call still costs money, with a model this change does not show
            origin = computed(ast.unparse(expr))
            inputs = self._inputs(expr, scope)
        else:
            inputs = None
        address = self._address(scope, keyword)
        hosted = _served_by(call, dotted) or self._client_served_by(call, scope)
        self._add(
            Site(address, call.lineno, value, origin, ref=ref, llm_file=True, self_hosted=hosted,
                 inputs=inputs)
        )  # fmt: skip

    def _inputs(self, expr: ast.expr, scope: _Scope) -> str | None:
        """A digest of a model expression the scan cannot follow, whole, and of what its names are
        bound to here (a parameter's default, the function's or the module's assignment): the model
        is unknown on both sides, but a change of what it is computed from is a change of the site
        (``model=MODELS[tier]`` after ``tier="fast"`` -> ``"smart"``), never none. Past
        ``_MAX_INPUTS`` names the whole module is digested: any change of the file is a change of
        the site (an expression of many names cannot hide one behind the bound)."""
        bound: list[str] = [ast.dump(expr)]  # the expression itself, whole
        for node in ast.walk(expr):
            if not isinstance(node, ast.Name):
                continue
            if len(bound) > _MAX_INPUTS:
                return self._module_digest()
            if node.id in scope.params:
                bound.append(f"{node.id}={scope.params[node.id][0]!r}")
            value = scope.local_values.get(node.id) or self.assigned.get(node.id)
            if value is not None:
                held = self.unparsed.get(id(value))
                if held is None:  # (once per value: a file of many sites bound to one)
                    held = self.unparsed[id(value)] = ast.unparse(value)
                if len(held) > _MAX_JOINED * 20:  # (past it, any change of the file counts)
                    return self._module_digest()
                bound.append(f"{node.id}={held}")
        return hashlib.sha256("\0".join(bound).encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def _module_digest(self) -> str:
        """The whole module's digest, made once per file (a file of many such sites)."""
        if self.digest is None:
            text = ast.dump(self.module).encode("utf-8", "surrogatepass")
            self.digest = hashlib.sha256(text).hexdigest()[:16]
        return self.digest

    def _client_served_by(self, call: ast.Call, scope: _Scope) -> str | None:
        """The server the client object a call goes through was pointed at: ``client =
        OpenAI(base_url="http://localhost:11434/v1")`` (a local variable of the function or a
        module-level one), then ``client.chat.completions.create(model="llama3.2")``."""
        receiver: ast.expr = call.func
        while isinstance(receiver, ast.Attribute):
            receiver = receiver.value
        made: ast.expr | None = None
        if isinstance(receiver, ast.Name):
            made = scope.local_values.get(receiver.id) or self.assigned.get(receiver.id)
        elif isinstance(receiver, ast.Call):
            made = receiver  # OpenAI(base_url=...).chat.completions.create(...)
        if not isinstance(made, ast.Call) or made is call:
            return None
        return _served_by(made, _dotted(made.func) or "")

    def _holds_client_call(self, expr: ast.expr) -> bool:
        for node in ast.walk(expr):
            if isinstance(node, ast.Call):
                dotted = _dotted(node.func)
                if dotted is not None and match_call(dotted, self.imports) is not None:
                    return True
        return False

    def _imported_call(self, call: ast.Call, dotted: str, scope: _Scope) -> None:
        root, _, rest = dotted.partition(".")
        found = self.repo_imports.get(root)
        if found is None or len(self.calls) >= _MAX_CALLS or "()" in dotted:
            return
        module, name = found
        if rest:  # a module's function: ``lc.complete()`` / ``pkg.llm_client.complete()``
            if name is not None:  # ``from support import llm_client``: a module too
                module = f"{module}.{name}" if not module.endswith(".") else module + name
            middle, _, name = rest.rpartition(".")
            module = f"{module}.{middle}" if middle else module
        elif name is None:
            return  # calling a module
        passed = [
            value
            for key, expr in _arguments(call)
            if (value := self._passed(key, expr, scope)) is not None
        ]
        self.calls.append(
            ImportedCall(
                module,
                name,
                sum(1 for a in call.args if not isinstance(a, ast.Starred)),
                frozenset(k.arg for k in call.keywords if k.arg),
                _has_splat(call),
                (),
                scope.name,
                call.lineno,
                tuple(passed[:_MAX_PASSED]),
                _served_by(call, f"{module}.{name}") if passed else None,
            )
        )

    def _passed(self, key: str | int, expr: ast.expr, scope: _Scope) -> Passed | None:
        """A value a call passes that may be a model: any value under a model-named keyword,
        a positional one only when it is model-like (a model name, a model-named constant)."""
        if isinstance(key, str) and not is_model_key(key):
            return None
        value, origin, site = self._resolve(expr, scope)
        if site is not None or (isinstance(expr, ast.Name) and expr.id in scope.params):
            return None  # the constant's or parameter's own site covers it
        ref = self._ref(expr) if value is None and origin is None else None
        if value is None and origin is None and ref is None:
            return None
        if value is not None and (not value.strip() or any(c.isspace() for c in value)):
            return None  # prose, not a name
        named = (isinstance(expr, ast.Name) and is_model_key(expr.id)) or (
            ref is not None and is_model_key(ref[1])
        )
        if isinstance(key, int) and not named and (value is None or not looks_like_model(value)):
            return None  # a positional prompt or path: not a model
        return Passed(key, value, origin, ref)

    def _local_call(self, call: ast.Call, name: str, scope: _Scope) -> None:
        """A call to a function of this module with a model parameter: the model it passes is
        a site; passing none relies on the wrapper's default."""
        param, index = self.functions[name]
        expr = next((k.value for k in call.keywords if k.arg == param), None)
        if expr is None and index is not None and len(call.args) > index:
            expr = call.args[index]
            if any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
                return  # *args: which argument is the model is unknown
        if expr is not None:
            found = self._passed(param, expr, scope)
            if found is not None:
                self._add(
                    Site(
                        self._address(scope, param),
                        call.lineno,
                        found.model,
                        found.model_from,
                        ref=found.ref,
                        llm_file=self.llm_file,
                        evidence=passed_evidence(found.model, self.llm_file),
                    )
                )
            return  # passes its own model
        if name not in self.wrappers or _has_splat(call):
            return  # no default to rely on (or it may pass one through **kwargs)
        address = f"{self.rel}#{name}.{param}"
        site = self.sites.get(address)
        if site is not None:
            self.sites[address] = replace(site, callers=site.callers + 1)

    def _unpinned(self, call: ast.Call, scope: _Scope, spec: ClientCall, dotted: str) -> None:
        client = spec.name or dotted
        address = self._address(scope, spec.keywords[0])
        self._add(
            Site(
                address,
                call.lineno,
                None,
                f"the library default of {client}",
                unpinned=client,
                package=spec.package,
            )
        )

    def _resolve(
        self, expr: ast.expr, scope: _Scope, hops: int = 0
    ) -> tuple[str | None, str | None, str | None]:
        """(model, where it comes from, the site that already holds it)."""
        if isinstance(expr, ast.Name):
            local = scope.local_values.get(expr.id)
            if local is not None and expr.id not in scope.params:
                if hops >= _MAX_LOCAL_HOPS:
                    return None, None, None
                value, origin, held = self._resolve(local, scope, hops + 1)
                if value is not None and held is None and origin is None:
                    origin = f"variable {expr.id}"
                return value, origin, held
            if expr.id in scope.params:
                default = scope.params[expr.id][0]
                address = f"{self.rel}#{scope.name}.{expr.id}"
                if address in self.sites:
                    return default, None, address
                return None, None, None  # the caller passes it
            if expr.id in self.constants:
                address = f"{self.rel}:{expr.id}"
                if address in self.sites:
                    return self.constants[expr.id][0], None, address
                return self.constants[expr.id][0], f"constant {expr.id}", None
        path = _subscript_path(expr)
        if path is not None and f"{self.rel}:{path}" in self.sites:
            site = self.sites[f"{self.rel}:{path}"]
            return site.model, None, site.address  # CONFIG["model"]: the dict's own site
        value, origin = self._literal(expr, scope)
        if value is None and origin is None:
            value = self._evaluate(expr, 0)
            if value is not None:
                origin = f"constant {ast.unparse(expr)[:80]}"
        return value, origin, None

    def _evaluate(self, expr: ast.expr, depth: int) -> str | None:
        """The string a module-level expression holds, followed through this module's own
        assignments: ``DEFAULT_MODEL.id`` after ``DEFAULT_MODEL = MODELS["claude"]`` and
        ``MODELS = {"claude": ModelConfig(id="anthropic:claude-haiku-4-5")}``. A name, a
        subscript of a dict literal by a constant key, an attribute a constructor call sets
        by keyword; anything else (and past a few steps) is None."""
        node = self._follow(expr, depth)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        parts: list[ast.expr] = []
        if isinstance(node, ast.JoinedStr):  # f"gpt-4o{TIER}"
            for part in node.values:
                if isinstance(part, ast.FormattedValue):
                    if part.conversion != -1 or part.format_spec is not None:
                        return None
                    parts.append(part.value)
                else:
                    parts.append(part)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # "gpt-4o" + TIER
            parts = [node.left, node.right]
        else:
            return None
        texts = [self._evaluate(part, depth + 1) for part in parts]
        if any(t is None for t in texts):
            return None
        joined = "".join(t for t in texts if t is not None)
        return joined if len(joined) <= _MAX_JOINED else None

    def _follow(self, expr: ast.expr, depth: int) -> ast.expr | None:
        if depth > _MAX_FOLLOW:
            return None
        if isinstance(expr, ast.Name):
            found = self.assigned.get(expr.id)
            return None if found is None else self._follow(found, depth + 1)
        if isinstance(expr, ast.Subscript):
            container = self._follow(expr.value, depth + 1)
            key = self._evaluate(expr.slice, depth + 1)
            if not isinstance(container, ast.Dict) or key is None:
                return None
            index = self.dict_keys.get(id(container))
            if index is None:
                index = {}
                for k, v in zip(container.keys, container.values, strict=True):
                    if isinstance(k, ast.Constant) and isinstance(k.value, str):
                        index[k.value] = v  # (a later duplicate wins, as in Python)
                    elif k is None:
                        index.clear()  # a ** spread may override any earlier key
                self.dict_keys[id(container)] = index
            found = index.get(key)
            return None if found is None else self._follow(found, depth + 1)
        if isinstance(expr, ast.Attribute):
            made = self._follow(expr.value, depth + 1)
            if not isinstance(made, ast.Call):
                return None
            given = next((k.value for k in made.keywords if k.arg == expr.attr), None)
            return None if given is None else self._follow(given, depth + 1)
        return expr

    def _ref(self, expr: ast.expr | None) -> tuple[str, str] | None:
        """An imported constant of another module of this repository (``DEFAULT_MODEL`` after
        ``from .config import DEFAULT_MODEL``, or ``config.DEFAULT_MODEL``): (module, name)."""
        if isinstance(expr, ast.Name) and expr.id not in self.constants:
            found = self.repo_imports.get(expr.id)
            if found is not None and found[1] is not None:
                return found[0], found[1]
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            found = self.repo_imports.get(expr.value.id)
            if found is not None:
                module, name = found
                if name is not None:  # ``from app import config``: a module too
                    module = module + name if module.endswith(".") else f"{module}.{name}"
                return module, expr.attr
        return None

    def _literal(
        self, expr: ast.expr | None, scope: _Scope | None
    ) -> tuple[str | None, str | None]:
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return expr.value, None
        if isinstance(expr, ast.Name) and expr.id in self.constants:
            return self.constants[expr.id][0], f"constant {expr.id}"
        env = _env_lookup(expr)
        if env is not None:
            variable, default = env
            if default is not None:
                return default, f"default of ${variable}"
            return None, f"${variable} at run time"
        return None, None

    def _address(self, scope: _Scope, keyword: str) -> str:
        return next_address(f"{self.rel}#{scope.name}.{keyword}", self.counts, self.sites)

    def _add(self, site: Site) -> None:
        self.sites.setdefault(site.address, site)


def _imports(module: ast.Module) -> dict[str, str]:
    """Local name -> the module path it stands for (``ChatOpenAI`` ->
    ``langchain_openai.ChatOpenAI``)."""
    out: dict[str, str] = {}
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".", 1)[0]
                out[local] = alias.name if alias.asname else alias.name.split(".", 1)[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                out[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return out


def _repo_imports(module: ast.Module) -> dict[str, tuple[str, str | None]]:
    """Local name -> (module, function or None for a module) for imports that may be modules
    of this repository (``from support.llm_client import complete``, ``from . import llm``);
    the standard library and the LLM clients are left out."""
    out: dict[str, tuple[str, str | None]] = {}
    for node in module.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".", 1)[0] in _NOT_REPO:
                    continue
                if alias.asname:
                    out[alias.asname] = (alias.name, None)
                else:
                    root = alias.name.split(".", 1)[0]
                    out[root] = (root, None)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            if not node.level and (node.module or "").split(".", 1)[0] in _NOT_REPO:
                continue
            for alias in node.names:
                local = alias.asname or alias.name
                if node.module:
                    out[local] = (base, alias.name)
                else:  # from . import llm_client: a module
                    out[local] = (base + alias.name, None)
    return out


def _served_by(call: ast.Call, dotted: str) -> str | None:
    """The team's own server a client call goes to: an Ollama client (``ChatOllama``,
    ``OllamaLLM``), or an endpoint on this machine or in the cluster (``api_base=
    "http://localhost:11434"``); None for a provider's API."""
    if "ollama" in dotted.lower():
        return "ollama"
    for keyword in call.keywords:
        value = keyword.value
        if (
            keyword.arg
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
            and local_endpoint(keyword.arg, value.value)
        ):
            return "a local endpoint"
    return None


def _holds_model(node: ast.AST | None, value: str, llm_file: bool) -> bool:
    """Whether a model-named assignment's string is a model setting: a name (no spaces:
    ``AgentModel: TypeAlias = "ModelSelection | ModelSelector"`` is a type, not a model), in a
    module that uses an LLM library or that looks like a model name; a ``TypeAlias`` never is."""
    if isinstance(node, ast.AnnAssign) and _dotted(node.annotation) in (
        "TypeAlias",
        "typing.TypeAlias",
        "typing_extensions.TypeAlias",
    ):
        return False
    if any(c.isspace() for c in value):
        return False
    return llm_file or looks_like_model(value)


def _local_values(function: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, ast.expr]:
    """The function's local variables bound exactly once, by a plain ``name = <expression>``
    (or ``name: T = <expression>``), with that expression. A name bound any other way as well
    (a second assignment, ``+=``, a loop or ``with`` target, ``global``, an import, a walrus,
    a comprehension variable) holds a value only run time knows: it is left out. Nested
    functions, classes and lambdas are their own scopes and are not looked into."""
    once: dict[str, ast.expr] = {}
    bound: dict[str, int] = {}
    stack: list[ast.AST] = list(function.body)
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > _MAX_LOCAL_NODES:
            return {}
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound[node.name] = bound.get(node.name, 0) + 2
            continue  # its own scope (its decorators and defaults do not bind names here)
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            if isinstance(node.targets[0], ast.Name):
                once[node.targets[0].id] = node.value
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.value is not None
        ):
            once[node.target.id] = node.value
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound[node.id] = bound.get(node.id, 0) + 1
        elif isinstance(node, ast.Global | ast.Nonlocal):
            for name in node.names:
                bound[name] = bound.get(name, 0) + 2
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                local = alias.asname or alias.name.split(".", 1)[0]
                bound[local] = bound.get(local, 0) + 2
        elif isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and node.name:
            bound[node.name] = bound.get(node.name, 0) + 2
        elif isinstance(node, ast.MatchMapping) and node.rest:
            bound[node.rest] = bound.get(node.rest, 0) + 2
        stack.extend(ast.iter_child_nodes(node))
    return {name: value for name, value in once.items() if bound.get(name) == 1}


def _subscript_path(expr: ast.expr) -> str | None:
    """``CONFIG["llm"]["model"]`` -> ``CONFIG.llm.model`` (constant string keys only)."""
    keys: list[str] = []
    while isinstance(expr, ast.Subscript):
        key = expr.slice
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return None
        keys.append(key.value)
        expr = expr.value
    if not keys or not isinstance(expr, ast.Name):
        return None
    return ".".join([expr.id, *reversed(keys)])


def _assigned_strings(node: ast.AST) -> Iterator[tuple[str, str]]:
    if isinstance(node, ast.Assign):
        value = _field_default(node.value)
        if value is not None:
            for target in node.targets:
                if isinstance(target, ast.Name):
                    yield target.id, value
    elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        value = _field_default(node.value)
        if value is not None:
            yield node.target.id, value


# what declares a field with its default: pydantic's ``Field``, dataclasses' and attrs'
# ``field``, attrs' ``attr.ib``
_FIELD_CALLS = frozenset({"Field", "field", "ib", "attrib"})


def _field_default(value: ast.expr | None) -> str | None:
    """The string a class or module attribute holds by default: a literal, or the default of
    a field declaration (``Field(default="gpt-4o-mini")``, ``Field("gpt-4o-mini", ...)``,
    ``dataclasses.field(default="...")``)."""
    if isinstance(value, ast.Constant):
        return value.value if isinstance(value.value, str) else None
    if not isinstance(value, ast.Call):
        return None
    name = _dotted(value.func)
    if name is None or name.rsplit(".", 1)[-1] not in _FIELD_CALLS:
        return None
    given = next((k.value for k in value.keywords if k.arg == "default"), None)
    if given is None and value.args and not isinstance(value.args[0], ast.Starred):
        given = value.args[0]
    if isinstance(given, ast.Constant) and isinstance(given.value, str):
        return given.value
    return None


def _assigned_env(node: ast.AST) -> tuple[str | None, tuple[str, str | None] | None]:
    """``MODEL = os.getenv("LLM_MODEL", "gpt-4o")`` -> ("MODEL", ("LLM_MODEL", "gpt-4o"))."""
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target, value = node.targets[0], node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        target, value = node.target, node.value
    else:
        return None, None
    if not isinstance(target, ast.Name):
        return None, None
    return target.id, _env_lookup(value)


def _dotted(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Call):  # boto3.client("bedrock-runtime").converse(...)
        inner = _dotted(node.func)
        if inner is None:
            return None
        parts.append(inner + "()")
    elif isinstance(node, ast.Name):
        parts.append(node.id)
    else:
        return None
    return ".".join(reversed(parts))


def _model_argument(call: ast.Call, spec: ClientCall) -> tuple[str, ast.expr] | None:
    for keyword in call.keywords:
        if keyword.arg in spec.keywords:
            return keyword.arg, keyword.value
    if spec.positional is not None and len(call.args) > spec.positional:
        arg = call.args[spec.positional]
        if not isinstance(arg, ast.Starred):
            return spec.keywords[0], arg
    return None


def _arguments(call: ast.Call) -> Iterator[tuple[str | int, ast.expr]]:
    """The keyword and positional arguments of a call (positions up to the first ``*args``)."""
    for keyword in call.keywords:
        if keyword.arg:
            yield keyword.arg, keyword.value
    for i, arg in enumerate(call.args[:_MAX_PASSED]):
        if isinstance(arg, ast.Starred):
            return
        yield i, arg


def _has_splat(call: ast.Call) -> bool:
    return any(k.arg is None for k in call.keywords) or any(
        isinstance(a, ast.Starred) for a in call.args
    )


def _env_lookup(expr: ast.expr | None) -> tuple[str, str | None] | None:
    """``os.getenv("X", "d")`` / ``os.environ.get("X", "d")`` / ``os.environ["X"]``, and
    ``os.getenv("X") or "d"`` (the default of an unset or empty variable)."""
    if (
        isinstance(expr, ast.BoolOp)
        and isinstance(expr.op, ast.Or)
        and len(expr.values) == 2
        and isinstance(expr.values[1], ast.Constant)
        and isinstance(expr.values[1].value, str)
    ):
        found = _env_lookup(expr.values[0])
        if found is None or isinstance(expr.values[0], ast.BoolOp):
            return None
        variable, given = found
        return variable, given or expr.values[1].value
    if isinstance(expr, ast.Subscript) and _dotted(expr.value) in ("os.environ", "environ"):
        key = expr.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value, None
        return None
    if not isinstance(expr, ast.Call):
        return None
    name = _dotted(expr.func)
    if name not in ("os.getenv", "getenv", "os.environ.get", "environ.get"):
        return None
    args = expr.args
    if not args or not isinstance(args[0], ast.Constant) or not isinstance(args[0].value, str):
        return None
    default = (
        args[1]
        if len(args) > 1
        else next((k.value for k in expr.keywords if k.arg == "default"), None)
    )
    if isinstance(default, ast.Constant) and isinstance(default.value, str):
        return args[0].value, default.value
    return args[0].value, None


__all__ = ["PY_CALLS", "FileScan", "Site", "scan", "scan_file", "wanted"]
