"""Model names in JavaScript / TypeScript source -> ``Site`` (the same sites as Python's).

Read from the tokens of ``model_code_jslex`` (comments, strings, templates, regex literals and
JSX are told apart; a model name inside any of them never counts), with a small structural pass
over balanced brackets -- no regex over the text. Sites and addresses follow ``model_code``:

- ``<file>:<CONSTANT>``: a module-level ``const``/``let``/``var`` whose name says model
  (``DEFAULT_MODEL``, ``defaultModel``), a string or ``process.env.X ?? "default"``; a property
  of a module-level object constant is ``<file>:<CONSTANT>.<key path>``
  (``export const llm = { chat: { model: "gpt-4o" } }`` -> ``<file>:llm.chat.model``);
- ``<file>#<function or Class.method>.<param>``: the default of a model parameter of a function,
  method or named arrow function, also inside a destructured options parameter
  (``function complete({ prompt, model = "gpt-4o-mini" })``): an in-repo wrapper;
- ``<file>#<function or Class or <module>>.<key>``: the model of a call to a known client
  (``client.chat.completions.create({ model })``, ``new ChatOpenAI({ model })``, AI SDK
  ``openai("gpt-4o")``, Bedrock ``modelId``), or a model-named property of any object literal
  whose value looks like a model; ``[2]`` for the second in the same scope.

A value naming a constant or a parameter is that constant's or parameter's site; ``x ?? "m"``
and ``x || "m"`` give their fallback. Anonymous callbacks belong to the function around them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from finops_gate.sources.model_clients import ClientCall
from finops_gate.sources.model_code_jsclients import is_llm_module, match_js_call, provider_path
from finops_gate.sources.model_code_jslex import LexError, Token, tokenize
from finops_gate.sources.model_code_types import (
    FileScan,
    ImportedCall,
    Passed,
    Site,
    Wrapper,
    computed,
    next_address,
)
from finops_gate.sources.model_keys import (
    is_model_key,
    label_beside_id,
    local_endpoint,
    looks_like_model,
    names_models,
)

_MAX_PASSED = 8  # arguments of one call looked at for a model it passes
_MAX_LOCAL_HOPS = 4  # ``model = chosen``, ``chosen = "gpt-4o"``: local variables followed
_MAX_LOCAL_TOKENS = 50_000  # tokens of one function looked through for a local variable
_MAX_INPUT_TOKENS = 200  # tokens of an expression the scan cannot follow whose names are digested
_MAX_HELD_TOKENS = 4_000  # tokens of a local's value digested; past it, the whole file
_MAX_LOCAL_SCOPES = 500  # functions of one file whose local variables are looked up
_ASSIGN_OPS = frozenset(
    {"=", "+=", "-=", "*=", "/=", "%=", "**=", "??=", "||=", "&&=", "|=", "&=", "^=", "<<=",
     ">>=", ">>>=", "++", "--"}
)  # fmt: skip
_STATE_HOOKS = frozenset({"useState", "React.useState", "useLocalStorage", "useSessionStorage"})

_OPEN = {"(": ")", "[": "]", "{": "}"}
_NOT_CALLS = frozenset(
    {"if", "for", "while", "switch", "catch", "function", "return", "typeof", "await", "with",
     "super", "import", "void", "delete", "throw", "yield", "in", "of", "instanceof", "case"}
)  # fmt: skip
_DECL = frozenset({"const", "let", "var"})
_MODIFIERS = frozenset(
    {"static", "async", "public", "private", "protected", "readonly", "override", "get", "set",
     "declare", "abstract", "accessor", "export", "default"}
)  # fmt: skip
_STATEMENT_START = frozenset(
    {"const", "let", "var", "function", "class", "export", "import", "if", "for", "while",
     "return", "async", "type", "interface", "enum", "try", "switch", "throw"}
)  # fmt: skip
_OBJECT_AFTER = frozenset({"(", ",", ":", "=", "[", "?", "??", "||", "&&", "return", "..."})
_RESPONSE_KEYS = frozenset({"choices", "usage", "created", "object", "stop_reason", "candidates"})
_ENV_ROOTS = (("process", "env"), ("import", "meta", "env"), ("Bun", "env"))

Slice = tuple[int, int]  # token indexes [start, end)


def language(rel: str) -> str | None:
    ext = rel.rsplit(".", 1)[-1].lower() if "." in rel else ""
    if rel.endswith(".d.ts") or ".min." in rel.rsplit("/", 1)[-1]:
        return None
    if ext in ("ts", "tsx", "mts", "cts"):
        return "typescript"
    if ext in ("js", "jsx", "mjs", "cjs"):
        return "javascript"
    return None


def scan(text: str, rel: str) -> Iterator[Site]:
    """Every model site of JS/TS ``text``; a file the tokenizer cannot follow has none."""
    yield from scan_file(text, rel).sites


def scan_file(text: str, rel: str) -> FileScan:
    """The sites, wrappers and calls to in-repo modules of one JS/TS file."""
    ext = rel.rsplit(".", 1)[-1].lower()
    try:
        tokens = tokenize(text, jsx=ext in ("js", "jsx", "tsx", "mjs", "cjs"), tsx=ext == "tsx")
        pairs = _pairs(tokens)
    except LexError as exc:
        # text this tokenizer cannot follow: code that does not parse says nothing (its own CI
        # does); one past the bounds (nesting, tokens) is noted as not scanned
        bound = str(exc).startswith(("nesting too deep", "too many tokens"))
        return FileScan(unscanned=f"{exc}: not scanned for models" if bound else None)
    scanner = _Scanner(rel, tokens, pairs)
    scanner.run()
    return FileScan(
        tuple(scanner.sites.values()),
        tuple(scanner.wrappers.values()),
        tuple(scanner.imported),
        tuple(scanner.functions.values()),
    )


def _pairs(tokens: list[Token]) -> dict[int, int]:
    out: dict[int, int] = {}
    stack: list[int] = []
    for i, t in enumerate(tokens):
        if t.kind != "punct":
            continue
        if t.text in _OPEN:
            stack.append(i)
        elif t.text in (")", "]", "}"):
            if not stack or _OPEN[tokens[stack[-1]].text] != t.text:
                raise LexError("unbalanced brackets")
            out[stack.pop()] = i
    if stack:
        raise LexError("unbalanced brackets")
    return out


@dataclass
class _Scope:
    """A TS/JS function, class or module being scanned, with its model parameters."""

    name: str
    end: int  # last token index of the scope
    params: dict[str, tuple[str | None, int]] = field(default_factory=dict)
    is_class: bool = False
    parent: _Scope | None = None
    start: int = 0  # first token index of the scope (its parameter list or body)


class _Scanner:
    def __init__(self, rel: str, tokens: list[Token], pairs: dict[int, int]) -> None:
        self.rel, self.t, self.pairs = rel, tokens, pairs
        self.digest: str | None = None  # the whole file's, for _inputs past its bound
        self.imports: dict[str, str] = {}
        self.relative: dict[str, tuple[str, str]] = {}  # local name -> (module spec, export)
        self.constants: dict[str, tuple[str, int]] = {}  # "NAME" / "NAME.a.b" -> value
        self.sites: dict[str, Site] = {}
        self.counts: dict[str, int] = {}
        self.wrappers: dict[str, Wrapper] = {}
        # every top-level function with a model parameter, default or not: a model a call
        # passes to one is a site
        self.functions: dict[str, Wrapper] = {}
        self.handled: set[int] = set()  # "{" indexes of objects already read
        self.client_objects: dict[int, ClientCall] = {}  # "{" index -> the client it configures
        self.imported: list[ImportedCall] = []
        self.llm_file = False
        # module-level ``const NAME = <value>``: the client objects calls go through
        self.module_values: dict[str, Slice] = {}
        # a function's first token -> what each of its local variables holds (``_declared``)
        self.locals: dict[int, dict[str, tuple[Slice | None, str | None]]] = {}

    # -- tokens ------------------------------------------------------------------------------

    def text(self, i: int) -> str:
        return self.t[i].text if 0 <= i < len(self.t) else ""

    def is_punct(self, i: int, *texts: str) -> bool:
        return 0 <= i < len(self.t) and self.t[i].kind == "punct" and self.t[i].text in texts

    def is_name(self, i: int, *texts: str) -> bool:
        return (
            0 <= i < len(self.t)
            and self.t[i].kind == "name"
            and (not texts or self.t[i].text in texts)
        )

    def skip(self, i: int) -> int:
        """The index after the token at ``i``, or after its bracket group."""
        return self.pairs.get(i, i) + 1

    def expr_end(self, i: int, stop: int) -> int:
        """Where the expression starting at ``i`` ends (exclusive): a ``;``/``,`` or closing
        bracket at its level, or a statement keyword on a new line (automatic semicolons)."""
        j = i
        while j < stop:
            tok = self.t[j]
            if tok.kind == "punct" and tok.text in (";", ",", ")", "]", "}"):
                return j
            if (
                j > i
                and tok.kind == "name"
                and tok.text in _STATEMENT_START
                and tok.line > self.t[j - 1].line
            ):
                return j
            j = self.skip(j)
        return min(j, stop)

    def split_args(self, open_i: int) -> list[Slice]:
        close = self.pairs[open_i]
        out, start, j = [], open_i + 1, open_i + 1
        while j < close:
            if self.is_punct(j, ","):
                out.append((start, j))
                start = j + 1
            j = self.skip(j)
        if start < close:
            out.append((start, close))
        return out

    # -- module level ------------------------------------------------------------------------

    def run(self) -> None:
        self._module()
        self._walk()

    def _module(self) -> None:
        i, n = 0, len(self.t)
        while i < n:
            if self.is_name(i, "import") and not self.is_punct(i + 1, "(", "."):
                i = self._import(i)
            elif self.is_name(i, *_DECL):
                i = self._declaration(i + 1)
            else:
                i = self.skip(i)
        self.llm_file = any(is_llm_module(m.split(".", 1)[0]) for m in self._modules())

    def _modules(self) -> Iterator[str]:
        for path in self.imports.values():
            yield _module_of(path)

    def _import(self, i: int) -> int:
        j, end = i + 1, i + 1
        while end < len(self.t) and not (self.is_name(end, "from") or self.t[end].kind == "str"):
            end = self.skip(end)
        if self.is_name(end, "from"):
            end += 1
        if end >= len(self.t) or self.t[end].kind != "str":
            return end
        module = self.t[end].value or ""
        while j < end:
            if self.is_name(j, "type") and not self.is_punct(j + 1, ","):
                j += 1
            elif self.is_punct(j, "*") and self.is_name(j + 1, "as"):
                self._bind(self.text(j + 2), module, None)
                j += 3
            elif self.is_punct(j, "{"):
                for name, local in self._named(j):
                    self._bind(local, module, name)
                j = self.skip(j)
            elif self.is_name(j) and self.text(j) != "from":
                self._bind(self.text(j), module, "default")
                j += 1
            else:
                j += 1
        return end + 1

    def _named(self, open_i: int) -> Iterator[tuple[str, str]]:
        """``{ a, b as c, type d }`` (or a ``{ a, b: c }`` pattern) -> (export, local) pairs."""
        for start, end in self.split_args(open_i):
            names = [self.t[k] for k in range(start, end) if self.t[k].kind in ("name", "str")]
            words = [t.value if t.kind == "str" else t.text for t in names]
            words = [w for w in words if w not in ("type", "typeof")] or words
            if not words or any(self.is_punct(k, "...", "{", "[") for k in range(start, end)):
                continue
            export = str(words[0])
            yield export, str(words[-1]) if len(words) > 1 else export

    def _bind(self, local: str, module: str, export: str | None) -> None:
        if not local:
            return
        if module.startswith("."):
            self.relative[local] = (module, export or "*")
            return
        if not is_llm_module(module) and not module.startswith("node:"):
            # "@/lib/llm", "@app/llm", "lib/llm": maybe a path alias (tsconfig ``paths``,
            # ``baseUrl``) of a module of this repository; the tree decides which it is
            self.relative[local] = (module, export or "*")
        if export in (None, "default"):
            self.imports[local] = module
        else:
            self.imports[local] = f"{module}.{export}"

    def _declaration(self, i: int) -> int:
        """``const NAME [: T] = VALUE`` (or ``{ a } = require("m")``) at module level."""
        if self.is_punct(i, "{") and self.is_punct(self.skip(i), "="):
            value = self.skip(i) + 1
            module = self._require(value)
            if module is not None:
                for export, local in self._named(i):
                    self._bind(local, module, export)
            return self.expr_end(value, len(self.t))
        if not self.is_name(i):
            return i
        name, j = self.text(i), i + 1
        if self.is_punct(j, ":"):  # a type annotation
            while j < len(self.t) and not self.is_punct(j, "=", ";"):
                j = self.skip(j)
        if not self.is_punct(j, "="):
            return j
        start = j + 1
        end = self.expr_end(start, len(self.t))
        if len(self.module_values) < _MAX_LOCAL_SCOPES:
            self.module_values[name] = (start, end)
        module = self._require(start)
        if module is not None:
            member = self.text(start + 5) if self.is_punct(start + 4, ".") else None
            self._bind(name, module, member or "default")
        elif self.is_name(start) and self.is_punct(start + 1, "("):
            path = self.imports.get(self.text(start), "")
            module, _, export = path.rpartition(".") if "." in path else ("", "", "")
            made = provider_path(module, export) if module else None
            if made is not None:
                self.imports[name] = made  # const myOpenAI = createOpenAI({...})
        elif self.is_punct(start, "{"):
            self._object_constant(name, start, self.t[i].line)
        else:
            self._constant(name, (start, end), self.t[i].line)
        return self.expr_end(start, len(self.t))

    def _require(self, i: int) -> str | None:
        if (
            self.is_name(i, "require")
            and self.is_punct(i + 1, "(")
            and self.t[i + 2].kind == "str"
            and self.is_punct(i + 3, ")")
        ):
            return self.t[i + 2].value
        return None

    def _constant(self, name: str, value: Slice, line: int) -> None:
        literal, origin = self._literal(value, None)
        if literal is not None and origin is None:
            self.constants[name] = (literal, line)
        if not is_model_key(name):
            return
        if literal is not None and origin is None:
            if self.llm_file or looks_like_model(literal) or self._llm_imports():
                self._add(Site(f"{self.rel}:{name}", line, literal))
        elif origin is not None and origin.startswith(("default of $", "$")):
            self._add(Site(f"{self.rel}:{name}", line, literal, origin))
            if literal is not None:
                self.constants[name] = (literal, line)

    def _llm_imports(self) -> bool:
        return any(is_llm_module(m) for m in self._modules())

    def _object_constant(
        self, name: str, open_i: int, line: int, of_models: bool | None = None
    ) -> None:
        """``const llm = { chat: { model: "gpt-4o" } }``: each model property a site; in an
        object named for models (``DEFAULT_MODELS = { fast: "gpt-4o-mini" }``) each property
        whose value is a model name, whatever its key."""
        if of_models is None:
            of_models = names_models(name)
        self.handled.add(open_i)
        props = list(self._properties(open_i))
        if _RESPONSE_KEYS & {key for key, _, _ in props}:
            return  # a recorded or mocked API response, not a setting
        keys = [key for key, _, _ in props]
        for key, value, at in props:
            if label_beside_id(key, keys):
                continue  # {modelId: "llama3-8b-8192", modelName: "LLaMA3-8b-chat"}: a label
            path = f"{name}.{key}"
            if self.is_punct(value[0], "{") and value[1] == self.skip(value[0]):
                self._object_constant(path, value[0], line, of_models)
                continue
            literal, origin = self._literal(value, None)
            if literal is not None and origin is None:
                self.constants[path] = (literal, self.t[at].line)
            if literal is None or any(c.isspace() for c in literal):
                continue  # no string, or a phrase (a label, a description): not a model
            if (is_model_key(key) and (self._llm_imports() or looks_like_model(literal))) or (
                of_models and looks_like_model(literal)
            ):
                self._add(Site(f"{self.rel}:{path}", self.t[at].line, literal, origin))

    def _properties(self, open_i: int) -> Iterator[tuple[str, Slice, int]]:
        """(key, value slice, key index) of an object literal's ``key: value`` properties;
        a shorthand ``model`` is ``model: model``."""
        for start, end in self.split_args(open_i):
            if start >= end or self.is_punct(start, "..."):
                continue
            tok = self.t[start]
            key = tok.value if tok.kind == "str" else tok.text if tok.kind == "name" else None
            if key is None:
                continue
            if self.is_punct(start + 1, ":"):
                yield key, (start + 2, end), start
            elif end == start + 1 and tok.kind == "name":
                yield key, (start, end), start

    # -- the walk over every token -------------------------------------------------------------

    def _walk(self) -> None:
        top = _Scope("<module>", len(self.t))
        scopes = [top]
        i = 0
        while i < len(self.t):
            while i > scopes[-1].end:
                scopes.pop()
            scope = scopes[-1]
            opened = self._function_at(i, scope)
            if opened is not None:
                scopes.append(opened)
            tok = self.t[i]
            if tok.kind == "punct" and tok.text == "(" and self._is_call(i):
                self._call(i, scope)
            elif tok.kind == "punct" and tok.text == "{" and i not in self.handled:
                self._object(i, scope)
            elif tok.kind == "name" and scope.is_class and self.is_punct(i + 1, "=", ":"):
                self._class_field(i, scope)
            i += 1

    def _function_at(self, i: int, scope: _Scope) -> _Scope | None:
        """The scope a function, method, named arrow or class starting at ``i`` opens."""
        tok = self.t[i]
        if tok.kind == "name" and tok.text == "class" and not self.is_punct(i - 1, "."):
            name = self.text(i + 1) if self.is_name(i + 1) else _assigned_name(self, i)
            body = i + 1
            while body < len(self.t) and not self.is_punct(body, "{"):
                body = self.skip(body)
            if name is None or body >= len(self.t):
                return None
            return _Scope(
                _qualified(scope, name), self.pairs[body], is_class=True, parent=scope, start=body
            )
        if tok.kind == "name" and tok.text == "function":
            j = i + 1 + self.is_punct(i + 1, "*")
            name = self.text(j) if self.is_name(j) else _assigned_name(self, i)
            j += self.is_name(j)
            while self.is_punct(j, "<"):  # generic parameters
                j = self._skip_angles(j)
            if not self.is_punct(j, "("):
                return None
            return self._function(name, j, scope)
        if tok.kind == "punct" and tok.text == "(" and self._arrow_after(self.pairs[i]):
            prev = i - 1 - self.is_name(i - 1, "async")
            name = _assigned_name(self, prev + 1)
            return self._function(name, i, scope)
        if (
            tok.kind == "name"
            and self.is_punct(i + 1, "(")
            and tok.text not in _NOT_CALLS
            and not self.is_punct(i - 1, ".", "?.")
            and not self.is_name(i - 1, "new", "function")
            and self._body_after(self.pairs[i + 1]) is not None
        ):
            return self._function(tok.text, i + 1, scope)  # a method
        return None

    def _skip_angles(self, i: int) -> int:
        depth, j = 0, i
        while j < len(self.t) and j < i + 200:
            if self.is_punct(j, "<"):
                depth += 1
            elif self.is_punct(j, ">"):
                depth -= 1
            elif self.is_punct(j, ">>"):
                depth -= 2
            j = self.skip(j)
            if depth <= 0:
                return j
        return j

    def _arrow_after(self, close: int) -> bool:
        """Whether the list closing at ``close`` is an arrow function's parameters: ``=>``
        right after it or after a return type, found at the list's own level (as
        ``_function`` walks to it), never inside a later group nor past a statement (a
        ternary's ``: 0`` is no return type)."""
        j = close + 1
        if self.is_punct(j, ":"):  # a return type
            k, stop = j + 1, min(j + 200, len(self.t))
            while k < stop:
                if self.is_punct(k, "=>"):
                    return True
                if self.is_punct(k, ";", "{", "=") and not self.is_punct(k - 1, ":"):
                    return False
                if self.is_name(k, *_STATEMENT_START):
                    return False
                k = self.skip(k)
            return False
        return self.is_punct(j, "=>")

    def _body_after(self, close: int) -> int | None:
        """The ``{`` of a method body after its parameter list (and return type)."""
        j = close + 1
        if self.is_punct(j, "{"):
            return j
        if not self.is_punct(j, ":"):
            return None
        j += 1
        for _ in range(200):
            if j >= len(self.t) or self.is_punct(j, ";", "=", ")", "]", "}", "=>"):
                return None
            if self.is_punct(j, "{") and not self.is_punct(j - 1, ":", "|", "&", "<", ","):
                return j
            j = self._skip_angles(j) if self.is_punct(j, "<") else self.skip(j)
        return None

    def _function(self, name: str | None, open_i: int, scope: _Scope) -> _Scope:
        close = self.pairs[open_i]
        if self.is_punct(close + 1, "=>") or self._arrow_after(close):
            j = close + 1
            while j < len(self.t) and not self.is_punct(j, "=>"):  # (bounded: never past the end)
                j = self.skip(j)
            body = j + 1
            if j >= len(self.t):
                end = close
            elif self.is_punct(body, "{"):
                end = self.pairs[body]
            else:
                end = self.expr_end(body, len(self.t))
        else:
            found = self._body_after(close)
            end = self.pairs[found] if found is not None else close
        qualified = _qualified(scope, name) if name else scope.name
        inner = _Scope(qualified, end, parent=scope, start=open_i)
        self._params(open_i, inner, top_level=scope.name == "<module>" and name is not None)
        if name is None:  # an anonymous callback: its sites belong to the function around it
            inner.params = {**_all_params(scope), **inner.params}
        return inner

    def _params(self, open_i: int, inner: _Scope, *, top_level: bool) -> None:
        for index, (start, end) in enumerate(self.split_args(open_i)):
            j = start
            while self.is_name(j, *_MODIFIERS) and self.is_name(j + 1):
                j += 1
            if self.is_punct(j, "{"):
                for key, given, at in self._pattern(j):
                    self._param(
                        inner, key, given, at, Wrapper(inner.name, key, index, True), top_level
                    )
                continue
            if not self.is_name(j):
                continue
            name, k = self.text(j), j + 1
            default: Slice | None = None
            while k < end:
                if self.is_punct(k, "="):
                    default = (k + 1, end)
                    break
                k = self.skip(k)
            self._param(inner, name, default, j, Wrapper(inner.name, name, index, False), top_level)

    def _pattern(self, open_i: int) -> Iterator[tuple[str, Slice | None, int]]:
        """``{ prompt, model = "gpt-4o" }`` -> (key, default slice, index) for each property."""
        for start, end in self.split_args(open_i):
            if not self.is_name(start):
                continue
            key, default = self.text(start), None
            k = start + 1
            while k < end:
                if self.is_punct(k, "="):
                    default = (k + 1, end)
                    break
                k = self.skip(k)
            yield key, default, start

    def _param(
        self,
        inner: _Scope,
        name: str,
        default: Slice | None,
        at: int,
        wrapper: Wrapper,
        top_level: bool,
    ) -> None:
        value = self._literal(default, None)[0] if default is not None else None
        line = self.t[at].line
        inner.params[name] = (value, line)
        if top_level and is_model_key(name):
            self.functions.setdefault(inner.name, wrapper)
        if value is None or not is_model_key(name):
            return
        if not (self.llm_file or looks_like_model(value)):
            return
        site = Site(f"{self.rel}#{inner.name}.{name}", line, value, shares=self._shared(default))
        self._add(site)
        if top_level:
            self.wrappers[inner.name] = wrapper

    def _shared(self, value: Slice | None) -> str | None:
        """The site of the model constant a default names (``model = DEFAULT_MODEL``): the
        default shares its stream of requests."""
        if value is None:
            return None
        start, end = _trim(self, value)
        name = self.text(start) if end == start + 1 and self.is_name(start) else None
        name = name or _member(self, start, end)
        return f"{self.rel}:{name}" if name and f"{self.rel}:{name}" in self.sites else None

    def _class_field(self, i: int, scope: _Scope) -> None:
        """``model = "gpt-4o"`` / ``private readonly model: string = "..."`` in a class body."""
        if not (self.is_punct(i - 1, "{", ";", "}") or self.is_name(i - 1, *_MODIFIERS)):
            return
        if self.t[i].text in _MODIFIERS:
            return
        j = i + 1
        if self.is_punct(j, ":"):
            while j < len(self.t) and not self.is_punct(j, "=", ";", "}"):
                j = self.skip(j)
        if not self.is_punct(j, "=") or not is_model_key(self.t[i].text):
            return
        literal = self._literal((j + 1, self.expr_end(j + 1, len(self.t))), None)[0]
        if literal is not None and (self.llm_file or looks_like_model(literal)):
            site = Site(f"{self.rel}#{scope.name}.{self.t[i].text}", self.t[i].line, literal)
            self._add(site)
            scope.params[self.t[i].text] = (literal, self.t[i].line)

    # -- calls and object literals -------------------------------------------------------------

    def _is_call(self, i: int) -> bool:
        prev = i - 1
        if self.is_punct(prev, ">"):  # fn<T>(...)
            return False
        return self.is_name(prev) and self.text(prev) not in _NOT_CALLS

    def _dotted(self, i: int) -> tuple[str, bool]:
        """The callee of the call whose "(" is at ``i``: dotted name, and whether it is ``new``."""
        parts, j = [self.text(i - 1)], i - 1
        while self.is_punct(j - 1, ".", "?.") and self.is_name(j - 2):
            parts.append(self.text(j - 2))
            j -= 2
        if self.is_punct(j - 1, ".", "?.") and self.is_punct(j - 2, ")"):
            parts.append("()")
        return ".".join(reversed(parts)), self.is_name(j - 1, "new")

    def _call(self, i: int, scope: _Scope) -> None:
        dotted, _ = self._dotted(i)
        if dotted in self.functions:
            self._wrapper_call(i, self.functions[dotted], scope)
        root = dotted.split(".", 1)[0]
        if root in self.relative:
            module, export = self.relative[root]
            name = dotted.split(".", 1)[1] if export == "*" and "." in dotted else export
            self.imported.append(self._imported(i, module, name, scope))
            if module.startswith("."):
                return
        spec = match_js_call(dotted, self.imports)
        if spec is None:
            return
        args = self.split_args(i)
        if spec.positional is not None:
            if len(args) > spec.positional:
                client = not spec.model_object
                self._value_site(args[spec.positional], scope, spec.keywords[0], i, client=client)
            return
        first = args[0] if args else None
        if first is not None and self.is_punct(first[0], "{") and self.skip(first[0]) == first[1]:
            self.client_objects[first[0]] = spec
            props = {k for k, _, _ in self._properties(first[0])}
            spread = any(self.is_punct(k, "...") for k in range(first[0] + 1, first[1]))
            if not props & set(spec.keywords) and not spread and spec.optional_model:
                self._unpinned(i, scope, spec, dotted)
        elif first is None and spec.optional_model:
            self._unpinned(i, scope, spec, dotted)

    def _imported(self, i: int, module: str, name: str, scope: _Scope) -> ImportedCall:
        args = self.split_args(i)
        keys: set[str] = set()
        spread = False
        for start, end in args:
            spread = spread or self.is_punct(start, "...")
            if self.is_punct(start, "{") and self.skip(start) == end:
                keys.update(k for k, _, _ in self._properties(start))
                spread = spread or any(self.is_punct(k, "...") for k in range(start, end))
        objects = tuple(
            k for k, (s, e) in enumerate(args) if self.is_punct(s, "{") and self.skip(s) == e
        )
        passed = []
        for k, arg in enumerate(args[:_MAX_PASSED]):
            if self.is_punct(arg[0], "..."):
                break
            found = self._passed_model(arg, scope)
            if found is not None:
                passed.append(Passed(k, *found))
        return ImportedCall(
            module, name, len(args), frozenset(keys), spread, objects, scope.name,
            self.t[i].line, tuple(passed),
        )  # fmt: skip

    def _passed_model(self, value: Slice, scope: _Scope) -> tuple[str | None, str | None] | None:
        """A model passed by position: a string (or same-module constant) that looks like
        one; the constant's or parameter's own site covers those (prompts are not models)."""
        literal, origin, covered = self._resolve(value, scope)
        if covered or literal is None or not looks_like_model(literal):
            return None
        if any(c.isspace() for c in literal):
            return None  # prose, not a name
        return literal, origin

    def _wrapper_call(self, i: int, wrapper: Wrapper, scope: _Scope) -> None:
        args = self.split_args(i)
        index = wrapper.index if wrapper.index is not None else len(args)
        if any(self.is_punct(s, "...") for s, _ in args):
            return
        if not wrapper.in_object and len(args) > index:
            found = self._passed_model(args[index], scope)
            if found is not None:  # complete(q, "gpt-4.1"): the model this call passes
                address = self._address(scope, wrapper.param)
                self._add(Site(address, self.t[i].line, *found, evidence="value"))
            return
        if wrapper.in_object:
            if len(args) > index:
                start, end = args[index]
                if not (self.is_punct(start, "{") and self.skip(start) == end):
                    return  # an options object we cannot see into: it may pass a model
                keys = {k for k, _, _ in self._properties(start)}
                if wrapper.param in keys or any(self.is_punct(k, "...") for k in range(start, end)):
                    return
        elif len(args) > index:
            return
        address = f"{self.rel}#{wrapper.function}.{wrapper.param}"
        site = self.sites.get(address)
        if site is not None:
            self.sites[address] = replace(site, callers=site.callers + 1)

    def _object(self, i: int, scope: _Scope) -> None:
        """Model-named properties of an object literal (a known client's options, or any
        object whose value looks like a model)."""
        if not self._object_literal(i):
            return
        spec = self.client_objects.get(i)
        props = list(self._properties(i))
        if spec is None and _RESPONSE_KEYS & {key for key, _, _ in props}:
            return  # a recorded or mocked API response ({ model, choices, usage }), not a request
        hosted: str | None = None
        keys = [key for key, _, _ in props]
        for key, value, at in props:
            if spec is None and label_beside_id(key, keys):
                continue  # the label of the object's modelId
            if spec is not None and key in spec.keywords:
                hosted = hosted or self._served_by(i, props, scope)
                self._value_site(value, scope, key, at, client=not spec.model_object, hosted=hosted)
            elif is_model_key(key) and "model" in key.lower():
                literal, _, covered = self._resolve(value, scope)
                if not covered and literal is not None and looks_like_model(literal):
                    hosted = hosted or self._served_by(i, props, scope)
                    self._value_site(value, scope, key, at, hosted=hosted)

    def _served_by(
        self,
        i: int,
        props: list[tuple[str, Slice, int]],
        scope: _Scope | None = None,
        depth: int = 0,
    ) -> str | None:
        """The team's own server the options object at ``i`` sends its model to: an Ollama
        client (``ollama.chat({...})``, ``new ChatOllama({...})``), or an endpoint on this
        machine or in the cluster (``baseUrl: "http://localhost:11434"``)."""
        if self.is_punct(i - 1, "("):
            callee = self._dotted(i - 1)[0]
            module = self.imports.get(callee.split(".", 1)[0], "")
            if "ollama" in callee.lower() or "ollama" in module.lower():
                return "ollama"
        for key, value, _ in props:
            literal = self._literal(value, None)[0]
            if literal is not None and local_endpoint(key, literal):
                return "a local endpoint"
        if self.is_punct(i - 1, "(") and depth < 1:
            # the client the call goes through: ``const client = new OpenAI({ baseURL:
            # "http://localhost:11434/v1" })``, then ``client.chat.completions.create({...})``
            receiver = self._dotted(i - 1)[0].split(".", 1)[0]
            made = self._local(scope, receiver)[0] if scope is not None else None
            made = made or self.module_values.get(receiver)
            if made is not None:
                k = made[0] + self.is_name(made[0], "new")
                while k < made[1] and not self.is_punct(k, "("):
                    k = self.skip(k)
                if self.is_punct(k, "(") and self.is_punct(k + 1, "{"):
                    return self._served_by(k + 1, list(self._properties(k + 1)), None, 1)
        return None

    def _object_literal(self, i: int) -> bool:
        prev = self.t[i - 1] if i > 0 else None
        if prev is None or prev.text not in _OBJECT_AFTER or prev.kind not in ("punct", "name"):
            return False
        if prev.text == "=":  # type Settings<T> = { ... }: a type, not a value
            k, depth = i - 2, 0
            while k > 0 and (depth or self.is_punct(k, ">")) and k > i - 60:
                depth += self.is_punct(k, ">") - self.is_punct(k, "<")
                k -= 1
            return not (self.is_name(k) and self.is_name(k - 1, "type"))
        return True

    def _value_site(
        self,
        value: Slice,
        scope: _Scope,
        key: str,
        at: int,
        *,
        client: bool = False,
        hosted: str | None = None,
    ) -> None:
        """The site of a model value; for a known client's model (``client``) an expression
        the scan cannot follow is a site too, its model unknown (the call costs money)."""
        literal, origin, covered = self._resolve(value, scope)
        if covered:
            return  # the constant's or parameter's own site
        if literal is None and origin is None:
            start, end = _trim(self, value)
            if not client or start >= end:
                return
            if end == start + 1 and self.is_name(start) and self.text(start) in _all_params(scope):
                return  # the caller chooses the model: its call is the site
            if any(
                self.is_punct(k, "(")
                and self.is_name(k - 1)
                and match_js_call(self._dotted(k)[0], self.imports) is not None
                for k in range(start + 1, end)
            ):
                return  # wrap(openai.responses("gpt-4.1")): the client call inside is the site
            cast = next(
                (k for k in range(start + 1, end) if self.is_name(k, "as", "satisfies")), end
            )
            origin = computed(_source(self, start, cast))  # ``x as Params["model"]``: x
            inputs = self._inputs(start, end, scope)
        else:
            inputs = None
        site = Site(self._address(scope, key), self.t[at].line, literal, origin,
                    self_hosted=hosted, inputs=inputs)  # fmt: skip
        self._add(site)

    def _inputs(self, start: int, end: int, scope: _Scope) -> str | None:
        """A digest of a model expression the scan cannot follow, whole, and of what its names are
        bound to here (a module constant, a parameter's default, a local's value): the model is
        unknown on both sides, but a change of what it is computed from is a change of the site
        (```gpt-4o${TIER}``` after ``TIER = "-mini"`` -> ``""``), never none. An expression longer
        than ``_MAX_INPUT_TOKENS`` digests the whole file's tokens: any change of the file is a
        change of the site (nothing hides behind the bound)."""
        if end - start > _MAX_INPUT_TOKENS:
            return self._file_digest()
        bound = [_tokens_text(self.t, start, end)]  # the expression itself, whole
        params = _all_params(scope)
        for k in range(start, end):
            if not self.is_name(k):
                continue
            name = self.text(k)
            if name in params:
                bound.append(f"{name}={params[name][0]!r}")
            if name in self.constants:
                bound.append(f"{name}={self.constants[name][0]!r}")
            held, _ = self._local(scope, name)
            if held is not None:
                if held[1] - held[0] > _MAX_HELD_TOKENS:
                    return self._file_digest()
                bound.append(f"{name}={_tokens_text(self.t, *held)}")
        joined = "\0".join(bound).encode("utf-8", "surrogatepass")
        return hashlib.sha256(joined).hexdigest()[:16]

    def _file_digest(self) -> str:
        """Every token of the file (a template's literal text too), made once per file."""
        if self.digest is None:
            every = _tokens_text(self.t, 0, len(self.t)).encode("utf-8", "surrogatepass")
            self.digest = hashlib.sha256(every).hexdigest()[:16]
        return self.digest

    def _unpinned(self, i: int, scope: _Scope, spec: ClientCall, dotted: str) -> None:
        client = spec.name or dotted
        self._add(
            Site(
                self._address(scope, spec.keywords[0]),
                self.t[i].line,
                None,
                f"the library default of {client}",
                unpinned=client,
                package=spec.package,
            )
        )

    # -- values --------------------------------------------------------------------------------

    def _resolve(
        self, value: Slice, scope: _Scope, hops: int = 0
    ) -> tuple[str | None, str | None, bool]:
        """(model, where it comes from, whether another site already holds it)."""
        start, end = _trim(self, value)
        if start >= end:
            return None, None, False
        if end == start + 1 and self.is_name(start) and hops < _MAX_LOCAL_HOPS:
            name = self.text(start)
            held, how = self._local(scope, name) if name not in _all_params(scope) else (None, None)
            if held is not None:
                literal, origin, covered = self._resolve(held, scope, hops + 1)
                if literal is not None and origin is None and how is not None:
                    origin = how
                return literal, origin, covered
            if how is not None:
                return None, None, False  # a local the function sets more than once
        if self.is_name(start) and self.is_punct(start + 1, "(") and self.skip(start + 1) == end:
            callee, _ = self._dotted(start + 1)
            if match_js_call(callee, self.imports) is not None:
                return None, None, True  # openai("gpt-4o"): the provider call is the site
        if end == start + 1 and self.is_name(start):
            name = self.text(start)
            params = _all_params(scope)
            if name in params:
                address = self._param_address(scope, name)
                if address is not None:
                    return params[name][0], None, True
                return None, None, False  # the caller passes it
            if f"{self.rel}:{name}" in self.sites:
                known = self.constants.get(name)
                return (known[0] if known else None), None, True
        dotted = _member(self, start, end)
        if dotted is not None and f"{self.rel}:{dotted}" in self.sites:
            return None, None, True
        if dotted is not None and dotted.startswith("this.") and dotted.count(".") == 1:
            owner: _Scope | None = scope
            while owner is not None and not owner.is_class:
                owner = owner.parent
            if owner is not None and f"{self.rel}#{owner.name}.{dotted[5:]}" in self.sites:
                return None, None, True  # a field of the class: its own site
        literal, origin = self._literal((start, end), scope)
        return literal, origin, False

    def _local(self, scope: _Scope, name: str) -> tuple[Slice | None, str | None]:
        """What a local variable of the functions around ``scope`` holds: the value of its one
        ``const``/``let``/``var name = <value>`` (or the initial state of ``const [name,
        setName] = useState(<value>)``), with where it comes from; (None, "") when a function
        declares or assigns it more than once (only run time knows), (None, None) when no
        function around declares it."""
        s: _Scope | None = scope
        while s is not None and s.name != "<module>" and not s.is_class:
            index = self.locals.get(s.start)
            if index is None:
                if len(self.locals) >= _MAX_LOCAL_SCOPES:
                    return None, None
                index = self.locals[s.start] = self._declared(s)
            found = index.get(name)
            if found is not None:
                return found
            s = s.parent
        return None, None

    def _declared(self, scope: _Scope) -> dict[str, tuple[Slice | None, str | None]]:
        """Every variable the function declares or assigns, in one pass over its tokens: the
        value of a name declared once and never assigned again, (None, "") for any other."""
        out: dict[str, tuple[Slice | None, str | None]] = {}
        stop = min(scope.end, scope.start + _MAX_LOCAL_TOKENS)
        for k in range(scope.start, stop):
            tok = self.t[k]
            if tok.kind != "name" or self.is_punct(k - 1, ".", "?."):
                continue
            name = tok.text
            found: tuple[Slice | None, str | None] | None = None
            if self.is_name(k - 1, *_DECL):
                found = None, ""  # ``for (const model of models)``, ``let model;``
                j = k + 1
                if self.is_punct(j, ":"):  # a type annotation
                    while j < stop and j < k + 60 and not self.is_punct(j, "=", ";", ","):
                        j = self._skip_angles(j) if self.is_punct(j, "<") else self.skip(j)
                if self.is_punct(j, "="):
                    found = (j + 1, self.expr_end(j + 1, stop)), f"variable {name}"
            elif self.is_punct(k - 1, "[") and self.is_name(k - 2, *_DECL):
                found = None, ""  # a destructuring: its value is not followed...
                close = self.pairs.get(k - 1, k)
                call = close + 2  # ...but ``useState(...)``, ``React.useState<string>(...)``
                while self.is_name(call) and self.is_punct(call + 1, "."):
                    call += 2
                call += self.is_name(call)
                hook = "".join(self.text(c) for c in range(close + 2, call))
                if self.is_punct(call, "<"):
                    call = self._skip_angles(call)
                if (
                    self.is_punct(k + 1, ",")
                    and self.is_punct(close + 1, "=")
                    and hook in _STATE_HOOKS
                    and self.is_punct(call, "(")
                ):
                    args = self.split_args(call)
                    if args:
                        found = args[0], f"initial state of {name}"
            elif self.is_punct(k + 1, *_ASSIGN_OPS) or self.is_punct(k - 1, "++", "--"):
                found = None, ""
            if found is not None:
                out[name] = found if name not in out else (None, "")
        if stop < scope.end:  # not read to its end: nothing it holds is known
            return {name: (None, "") for name in out}
        return out

    def _param_address(self, scope: _Scope, name: str) -> str | None:
        s: _Scope | None = scope
        while s is not None:
            address = f"{self.rel}#{s.name}.{name}"
            if address in self.sites:
                return address
            s = s.parent
        return None

    def _literal(self, value: Slice | None, scope: _Scope | None) -> tuple[str | None, str | None]:
        if value is None:
            return None, None
        start, end = _trim(self, value)
        if start >= end:
            return None, None
        if end == start + 1:
            tok = self.t[start]
            if tok.kind == "str":
                return tok.value, None
            if tok.kind == "name" and tok.text in self.constants:
                return self.constants[tok.text][0], f"constant {tok.text}"
            return None, None
        dotted = _member(self, start, end)
        if dotted is not None and dotted in self.constants:
            return self.constants[dotted][0], f"constant {dotted}"
        schema = _schema_default(self, start, end)
        if schema is not None:
            return schema, "the schema's default"
        fallback = _fallback(self, start, end)
        env = _env(self, *_trim(self, (start, fallback[0] if fallback else end)))
        if fallback is not None:
            literal, _ = self._literal((fallback[1], end), scope)
            if env is not None:
                if literal is not None:
                    return literal, f"default of ${env}"
                return None, f"${env} at run time"
            if literal is not None:
                written = " ".join(self.text(k) for k in range(start, fallback[0]))
                return literal, f"fallback when {written[:60]} is not set"
            return None, None
        if env is not None:
            return None, f"${env} at run time"
        return None, None

    def _address(self, scope: _Scope, key: str) -> str:
        return next_address(f"{self.rel}#{scope.name}.{key}", self.counts, self.sites)

    def _add(self, site: Site) -> None:
        self.sites.setdefault(site.address, site)


def _module_of(path: str) -> str:
    if path.startswith("@"):
        scope, _, rest = path.partition("/")
        return f"{scope}/{rest.split('.', 1)[0]}"
    return path.split(".", 1)[0]


def _qualified(scope: _Scope, name: str) -> str:
    return name if scope.name == "<module>" else f"{scope.name}.{name}"


def _all_params(scope: _Scope) -> dict[str, tuple[str | None, int]]:
    out: dict[str, tuple[str | None, int]] = {}
    s: _Scope | None = scope
    while s is not None:
        for k, v in s.params.items():
            out.setdefault(k, v)
        s = s.parent
    return out


def _assigned_name(sc: _Scanner, i: int) -> str | None:
    """``NAME = <i>...`` / ``NAME: <i>...`` (a variable, field or property holding it)."""
    j = i - 1
    if sc.is_name(j, "async"):
        j -= 1
    if sc.is_punct(j, "=", ":") and sc.is_name(j - 1):
        return sc.text(j - 1)
    if sc.is_punct(j, "=") and sc.is_punct(j - 1, ">"):  # const f: Fn<T> = (...) =>
        k = j - 1
        while k > 0 and not sc.is_punct(k, ":"):
            k -= 1
        return sc.text(k - 1) if sc.is_name(k - 1) else None
    return None


def _tokens_text(tokens: list[Token], start: int, end: int) -> str:
    """Every token of a slice, whole: its text and (a string's, a template's) value."""
    return "\0".join(f"{t.text}\1{t.value or ''}" for t in tokens[start:end])


def _source(sc: _Scanner, start: int, end: int) -> str:
    """The tokens of a slice as one line (a space only where two words would run together);
    long slices are cut, the caller bounds the text."""
    out: list[str] = []
    words = ("name", "num")
    for k in range(start, min(end, start + 40)):
        tok = sc.t[k]
        if tok.kind == "tpl":  # the template's literal text, with ${...} for substitutions
            out.append(f"`{tok.value}`" if tok.value is not None else tok.text + "...}`")
            break
        if out and tok.kind in words and sc.t[k - 1].kind in words:
            out.append(" ")
        out.append(tok.text)
    return "".join(out)


def _trim(sc: _Scanner, value: Slice) -> Slice:
    start, end = value
    while start < end and sc.is_punct(start, "(") and sc.skip(start) == end:
        start, end = start + 1, end - 1
    end = _uncast(sc, start, end)
    while end - start > 1 and sc.is_punct(end - 1, "!"):
        end -= 1
    return start, end


def _uncast(sc: _Scanner, start: int, end: int) -> int:
    """The end of ``x`` in ``x as T`` / ``x satisfies T``, whatever the type's length
    (``as keyof typeof MODELS``, ``as Foo<Bar>``); a fallback after the cast
    (``x as string ?? "m"``) keeps the whole slice."""
    j, cut = start + 1 if start < end else end, None
    while j < end:
        if cut is None and sc.is_name(j, "as", "satisfies"):
            cut = j
        elif cut is not None and sc.is_punct(j, "??", "||"):
            return end
        j = sc.skip(j)
    return cut if cut is not None else end


def _member(sc: _Scanner, start: int, end: int) -> str | None:
    """``a.b.c`` (also ``a?.b``) as a dotted name, when the slice is exactly that."""
    if not sc.is_name(start):
        return None
    parts, j = [sc.text(start)], start + 1
    while j + 1 < end + 1 and sc.is_punct(j, ".", "?.") and sc.is_name(j + 1):
        parts.append(sc.text(j + 1))
        j += 2
    return ".".join(parts) if j == end and len(parts) > 1 else None


def _schema_default(sc: _Scanner, start: int, end: int) -> str | None:
    """``z.string().default("gpt-4o-mini")`` (zod, as t3-env schemas declare variables): the
    string a schema gives a value that is not set."""
    j = start
    while j < end:
        if (
            sc.is_punct(j, ".")
            and sc.is_name(j + 1, "default")
            and sc.is_punct(j + 2, "(")
            and j + 4 < end
            and sc.t[j + 3].kind == "str"
            and sc.is_punct(j + 4, ")")
        ):
            return sc.t[j + 3].value
        j = sc.skip(j)
    return None


def _fallback(sc: _Scanner, start: int, end: int) -> tuple[int, int] | None:
    """``x ?? "m"`` / ``x || "m"``: (index of the operator, index of what follows it)."""
    j, found = start, None
    while j < end:
        if sc.is_punct(j, "??", "||"):
            found = j
        elif sc.is_punct(j, "?", "&&", "+", "-", "*", "/"):
            return None  # a ternary or arithmetic: not a plain fallback
        j = sc.skip(j)
    return (found, found + 1) if found is not None else None


def _env(sc: _Scanner, start: int, end: int) -> str | None:
    """``process.env.X`` / ``process.env["X"]`` / ``import.meta.env.X`` / ``Bun.env.X``."""
    for root in _ENV_ROOTS:
        j = start
        ok = True
        for k, part in enumerate(root):
            if k and sc.is_punct(j, ".", "?."):
                j += 1
            if sc.text(j) != part:
                ok = False
                break
            j += 1
        if not ok:
            continue
        if sc.is_punct(j, ".", "?.") and sc.is_name(j + 1) and j + 2 == end:
            return sc.text(j + 1)
        if sc.is_punct(j, "[") and sc.t[j + 1].kind == "str" and sc.skip(j) == end:
            return sc.t[j + 1].value
    if (  # Deno.env.get("X")
        sc.text(start) == "Deno"
        and _member(sc, start, start + 5) == "Deno.env.get"
        and sc.is_punct(start + 5, "(")
        and sc.skip(start + 5) == end
        and sc.t[start + 6].kind == "str"
    ):
        return sc.t[start + 6].value
    return None
