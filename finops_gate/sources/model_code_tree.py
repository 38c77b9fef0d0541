"""Model sites in a tree's source code -> Resource: which files are parsed, wrapper callers
across modules, and the client versions of the lock files.

``load_pair`` reads both sides of a change and parses only the source files whose bytes differ
between them (a 20,000-file repository with one change parses one file, not 40,000), plus what
the change needs from the unchanged ones, found by a byte search and bounded:

- the **callers of a changed wrapper** in other modules (``from support.llm_client import
  complete``; ``import { complete } from "./llm"``): each call that passes no model is listed on
  the wrapper's site, so a changed default names every caller it switches;
- the **unpinned calls of a bumped client**: when a lock or requirements file changes the
  version of a client whose model is optional, its calls that set none are sites on both sides
  (their finding names the bump).

A source file that cannot be read as text, or that is minified or generated (very long lines,
over ``MAX_SOURCE_BYTES``), is noted and not parsed; should the base have held model sites in
it, the check fails closed (``tree.unreadable_soft``).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from finops_gate.errors import InputError
from finops_gate.model import EVIDENCE, Resource
from finops_gate.sources import model_code, model_code_js, model_locks
from finops_gate.sources.model_clients import CLASSES
from finops_gate.sources.model_code_jsclients import JS_CLASSES
from finops_gate.sources.model_code_jspaths import PathAliases, candidate_stems
from finops_gate.sources.model_code_types import (
    FileScan,
    ImportedCall,
    Site,
    Wrapper,
    computed,
    next_address,
    passed_evidence,
)
from finops_gate.sources.model_code_types import relies_on_default as _relies
from finops_gate.sources.model_keys import (
    hosted_name,
    hosted_prefix,
    is_model_key,
    looks_like_model,
)
from finops_gate.sources.tree import Tree

SOURCE = "models"
KIND = "llm_model"
MAX_SOURCE_BYTES = 2 * 1024 * 1024  # hand-written source is far smaller; bundles are not read
MAX_LINE = 5_000  # a longer line is minified or generated code
MAX_EXTRA_FILES = 2_000  # unchanged files parsed for wrapper callers / bumped clients, per run
MAX_CALLERS_LISTED = 20
MAX_LINKED = 500  # other modules parsed per side for imported constants and called functions
_TEST_DIRS = frozenset(
    {"test", "tests", "__tests__", "__mocks__", "fixtures", "__fixtures__", "testdata", "e2e"}
)
_JS_EXT = (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts")
_MEMO: dict[tuple[str, bytes], FileScan] = {}
_MEMO_SIZE = 50_000


def forget() -> None:
    """Drop the source files scanned once for both sides (``models.forget``)."""
    _MEMO.clear()


# the packages whose default model a version bump can change (their calls that set none)
OPTIONAL_PACKAGES = frozenset(
    spec.package for spec in (*CLASSES.values(), *JS_CLASSES.values())
    if spec.optional_model and spec.package
)  # fmt: skip


def language(rel: str) -> str | None:
    if rel.endswith(".py"):
        return "python"
    return model_code_js.language(rel)


def is_test_file(rel: str) -> bool:
    """Tests, mocks and fixtures call fakes and record responses: not what production runs."""
    parts = rel.split("/")
    name = parts[-1]
    return (
        any(p in _TEST_DIRS for p in parts[:-1])
        or ".test." in name
        or ".spec." in name
        or name.startswith("test_")
        or name.endswith("_test.py")
        or name == "conftest.py"
    )


def _code_files(files: Iterable[str]) -> set[str]:
    """The source files scanned for models: not tests (documented in the README)."""
    return {rel for rel in files if language(rel) is not None and not is_test_file(rel)}


def _note_tests(tree: Tree, files: Iterable[str]) -> None:
    """The report's notes say how many test files were left out, and one of them."""
    tests = sorted({rel for rel in files if language(rel) is not None and is_test_file(rel)})
    if tests:
        tree.skipped.append(
            f"{len(tests)} test, mock or fixture source file(s) ({tests[0]}...) not scanned for "
            "model sites: they call fakes, not what production runs"
        )


def load(tree: Tree, files: Iterable[str]) -> list[Resource]:
    """The model sites of every source file among ``files`` of one tree."""
    scans = {}
    files = list(files)
    _note_tests(tree, files)
    for rel in sorted(_code_files(files)):
        found = _scan(tree, rel, _read(tree, rel))
        if found:
            scans[rel] = found
    listed = set(tree.files())
    scans = _linked(tree, _unshadowed(scans, (tree,)), listed)
    return _resources(tree, scans, _callers(tree, scans, listed))


def load_pair(
    base: Tree, head: Tree, base_files: Iterable[str], head_files: Iterable[str]
) -> tuple[list[Resource], list[Resource]]:
    """The model sites of both sides, parsing only the source files that differ."""
    base_files, head_files = list(base_files), list(head_files)
    _note_tests(head, [*base_files, *head_files])
    b_files, h_files = _code_files(base_files), _code_files(head_files)
    b_scans: dict[str, FileScan] = {}
    h_scans: dict[str, FileScan] = {}
    same: list[str] = []
    moved: set[str] = set()  # model constants whose value the change switches
    for rel in sorted(b_files | h_files):
        b_data = _read(base, rel) if rel in b_files else None
        h_data = _read(head, rel) if rel in h_files else None
        if b_data is not None and b_data == h_data:
            same.append(rel)
            continue
        constants: list[dict[str, str]] = []
        for tree, data, scans in ((base, b_data, b_scans), (head, h_data, h_scans)):
            # a changed Python module is parsed whatever it mentions: its constants may be the
            # model of a wrapper elsewhere (``FAST = "gpt-4o-mini"``)
            found = _scan(tree, rel, data, force=rel.endswith(".py"))
            constants.append(dict(found.constants))
            if found:
                scans[rel] = found
        moved |= _switched(*constants)
    if same:
        head.skipped.append(
            f"{len(same)} source file(s) identical in base and head: not parsed for model sites"
        )
    b_versions = model_locks.versions(base, OPTIONAL_PACKAGES)
    h_versions = model_locks.versions(head, OPTIONAL_PACKAGES)
    bumped = {
        p for p in b_versions.keys() | h_versions.keys() if b_versions.get(p) != h_versions.get(p)
    }
    changed = [*b_scans.items(), *h_scans.items()]
    if head.only is not None and (
        bumped or moved or any(f.wrappers or _links(f) for _, f in changed)
    ):
        # the head lists only the files the change touches: the unchanged ones are the same on
        # both sides, read from a full listing of the head to find callers and bumped clients
        # (its notes go to the head's own list: an unreadable tsconfig there is reported)
        head = Tree(head.root, head.skip_dirs, head.exclude, head.submodules, skipped=head.skipped)
        rest = _code_files(head.files()) - b_files - h_files
        same = sorted({*same, *rest})
        b_files, h_files = b_files | rest, h_files | rest
    extra = _unchanged_needed(head, same, changed, bumped, moved)
    # an unchanged wrapper whose default is a switched constant of another module switches with
    # it: its callers are looked for too (one more byte search, bounded the same way)
    following = {rel: _following(rel, found, moved) for rel, found in extra.items()}
    if any(w for _, w in following.values()):
        more = [(rel, FileScan((), w)) for rel, (_, w) in following.items() if w]
        taken = [r for r in same if r not in extra]
        extra.update(_unchanged_needed(head, taken, more, set(), set()))
    for rel, found in extra.items():
        sites, wrappers = following.get(rel, ((), ()))
        kept = FileScan(
            (
                *(
                    s
                    for s in found.sites
                    if s.package and model_locks.normalize(s.package) in bumped
                ),
                *sites,
            ),
            wrappers,
            tuple(replace(c, passed=()) for c in found.calls),  # callers only: unchanged
            found.functions,
            found.constants,
        )
        for scans in (b_scans, h_scans):
            scans.setdefault(rel, kept)
    # the base side reads an unchanged module from the head when git mode did not check it out
    b_scans = _linked(base, _unshadowed(b_scans, (base, head)), b_files, fallback=head)
    h_scans = _linked(head, _unshadowed(h_scans, (head,)), h_files)
    return (
        _resources(base, b_scans, _callers(base, b_scans, b_files), b_versions),
        _resources(head, h_scans, _callers(head, h_scans, h_files), h_versions),
    )


# clients imported under a name a repository's own module may have too: ``from agents import
# Agent`` is the OpenAI Agents SDK only when no module of the tree answers the import first
_SHADOWABLE = {"openai-agents": "agents"}


def _unshadowed(scans: dict[str, FileScan], trees: tuple[Tree, ...]) -> dict[str, FileScan]:
    """The scans without the sites of a library whose import a module of the tree shadows
    (``agents/__init__.py`` beside the file, at the root or under ``src/``): its ``Agent`` is
    the repository's own class, not the SDK's, and relies on no library default."""
    out: dict[str, FileScan] = {}
    for rel, found in scans.items():
        drop = {
            package
            for package, module in _SHADOWABLE.items()
            if any(s.package == package for s in found.sites) and _local(trees, rel, module)
        }
        if drop:
            found = replace(found, sites=tuple(s for s in found.sites if s.package not in drop))
        out[rel] = found
    return out


def _local(trees: tuple[Tree, ...], rel: str, module: str) -> bool:
    """Whether ``import <module>`` from ``rel`` finds a module of the tree: a regular package or
    a module in the file's directory (a script's path), the root or ``src/``."""
    for directory in dict.fromkeys((posixpath.dirname(rel), "", "src")):
        for candidate in (f"{module}.py", f"{module}/__init__.py"):
            path = posixpath.join(directory, candidate)
            for tree in trees:
                try:
                    if tree.is_file(path):
                        return True
                except InputError:
                    continue
    return False


def _read(tree: Tree, rel: str) -> bytes | None:
    try:
        if not tree.is_file(rel):
            return None  # absent on this side, or not a file (a dangling link, a pipe)
        return tree.read_bytes(rel)
    except InputError:
        return None  # recorded in tree.unreadable: the check fails closed on it


def _scan(tree: Tree, rel: str, data: bytes | None, *, force: bool = False) -> FileScan:
    """One file's scan (memoised on its bytes: both sides share most files). Unless
    ``force``d, a file whose bytes mention no model, LLM or client is not parsed; a Python
    module another one imports constants from is (``FAST = "gpt-4o-mini"``)."""
    if data is None or not (force or model_code.wanted(data)):
        return FileScan()
    key = (rel, hashlib.blake2b(data, digest_size=16).digest())
    found = _MEMO.get(key)
    if found is not None:
        if found.unscanned is not None:
            tree.unreadable_soft(rel, found.unscanned, data)
        return found
    try:
        text = tree.text_of(rel, data)
    except InputError as exc:
        # not text: noted, and an error only if the base held sites in it
        tree.unreadable_soft(rel, str(exc).split(": ", 1)[-1], data)
        return FileScan()
    skip = _generated(text, len(data))
    if skip is not None:
        tree.unreadable_soft(rel, skip, data)
        return FileScan()
    found = (
        model_code.scan_file(text, rel)
        if rel.endswith(".py")
        else model_code_js.scan_file(text, rel)
    )
    if found.unscanned is not None:
        tree.unreadable_soft(rel, found.unscanned, data)
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.clear()
    _MEMO[key] = found
    return found


def _generated(text: str, size: int) -> str | None:
    if size > MAX_SOURCE_BYTES:
        return f"{size / 2**20:.1f} MB of source: generated or bundled code, not scanned for models"
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > MAX_LINE:
        return f"a {longest:,}-character line: minified or generated code, not scanned for models"
    return None


def _switched(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """Module constants whose value differs between the two sides and that may be a model."""
    return {
        name
        for name in before.keys() | after.keys()
        if before.get(name) != after.get(name)
        and (
            is_model_key(name)
            or any(looks_like_model(v) for v in (before.get(name), after.get(name)) if v)
        )
    }


def _following(
    rel: str, found: FileScan, moved: set[str]
) -> tuple[tuple[Site, ...], tuple[Wrapper, ...]]:
    """The sites of an unchanged file whose model is a switched constant of another module
    (resolved on each side by ``_linked``), and the wrappers they are the default of."""
    sites = tuple(s for s in found.sites if s.ref is not None and s.ref[1] in moved)
    addresses = {s.address for s in sites}
    wrappers = tuple(w for w in found.wrappers if f"{rel}#{w.function}.{w.param}" in addresses)
    return sites, wrappers


def _unchanged_needed(
    head: Tree,
    same: list[str],
    changed: list[tuple[str, FileScan]],
    bumped: set[str],
    moved: set[str] | None = None,
) -> dict[str, FileScan]:
    """Unchanged files the change still needs: callers of changed wrappers, calls of bumped
    clients, importers of switched model constants. Found by a byte search, parsed at most
    ``MAX_EXTRA_FILES``."""
    needles = {w.function.rsplit(".", 1)[-1].encode() for _, s in changed for w in s.wrappers}
    packages = {_import_name(p).encode() for p in bumped}
    # a switched constant, imported by name into a Python module (a whole word: DEFAULT_MODEL
    # is not MODEL)
    constant = (
        re.compile(rb"\b(?:" + b"|".join(re.escape(m.encode()) for m in sorted(moved)) + rb")\b")
        if moved
        else None
    )
    if not (needles or packages or constant) or not same:
        return {}
    out: dict[str, FileScan] = {}
    for rel in same:
        data = _read(head, rel)
        if data is None or not (
            any(n in data for n in needles)
            or any(p in data for p in packages)
            or (constant is not None and rel.endswith(".py") and constant.search(data))
        ):
            continue
        if len(out) >= MAX_EXTRA_FILES:
            head.skipped.append(
                f"more than {MAX_EXTRA_FILES} unchanged source files mention a changed wrapper "
                "or bumped client; the rest were not searched for callers"
            )
            break
        found = _scan(head, rel, data)
        if found:
            out[rel] = found
    return out


def _import_name(package: str) -> str:
    """How code imports a package: ``langchain-openai`` -> ``langchain_openai``, openai-agents
    -> ``agents``; npm as is."""
    if "/" in package or package.startswith("@"):
        return package
    if package in _SHADOWABLE:
        return _SHADOWABLE[package]
    return "llama_index" if package.startswith("llama-index") else package.replace("-", "_")


# -- one level into other modules: imported constants, models passed to in-repo functions ----


def _links(found: FileScan) -> bool:
    """Whether a file's scan needs another module of the repository."""
    return any(s.ref for s in found.sites) or any(c.passed for c in found.calls)


def _linked(
    tree: Tree, scans: dict[str, FileScan], files: set[str], fallback: Tree | None = None
) -> dict[str, FileScan]:
    """The scans with the sites that need one other module of the repository: a model that
    is an imported constant (``from .config import DEFAULT_MODEL``) takes its value there (or
    the site is dropped, as any value the scan cannot follow); a model passed to an in-repo
    function (``complete(p, model="gpt-4o")``, ``complete(p, "gpt-4o")``) is a site where
    that function takes its model. At most ``MAX_LINKED`` other modules are parsed."""
    if not any(_links(f) for f in scans.values()):
        return scans
    others: dict[str, FileScan] = {}
    aliases = PathAliases(tree)

    def module(rel: str) -> FileScan:
        if rel in scans:
            return scans[rel]
        if rel not in others:
            if len(others) >= MAX_LINKED or language(rel) is None:
                return FileScan()
            data = _read(tree, rel)
            if data is None and fallback is not None:
                data = _read(fallback, rel)
            others[rel] = _scan(tree, rel, data, force=True)
        return others[rel]

    def constant(rel: str, ref: tuple[str, str]) -> tuple[str | None, str, str] | None:
        """The value of an imported constant, where it comes from and the constant's address
        (the stream its users share); the value is None when the module that holds it cannot
        be read (unknown, never dropped)."""
        for target in _python_targets(rel, ref[0], files):
            value = dict(module(target).constants).get(ref[1])
            if value is not None:
                return value, f"constant {ref[1]} of {target}", f"{target}:{ref[1]}"
            if target in tree.unreadable or (
                fallback is not None and target in fallback.unreadable
            ):
                where = f"constant {ref[1]} of {target}, which cannot be read"
                return None, where, f"{target}:{ref[1]}"
        return None

    out: dict[str, FileScan] = {}
    for rel, found in scans.items():
        if not _links(found):
            out[rel] = found
            continue
        sites: dict[str, Site] = {}
        for site in found.sites:
            if site.ref is None:
                sites[site.address] = site
                continue
            resolved = constant(rel, site.ref)
            if resolved is None and site.llm_file and site.evidence is None:
                # a client's model, or a wrapper's default in a file that calls a client, that
                # the scan cannot follow: the calls cost money, their model is unknown
                unknown = computed(f"{site.ref[1]} of {site.ref[0]}")
                sites[site.address] = replace(site, model=None, model_from=unknown, ref=None)
                continue
            if resolved is None:
                continue  # not followed: like any value the scan cannot follow
            value, where, shares = resolved
            evidence = site.evidence
            if value is None:  # its module cannot be read on this side: unknown, never dropped
                evidence = evidence and "value"
            elif evidence is None and not (site.llm_file or looks_like_model(value)):
                continue  # a model-named constant that names no model, outside an LLM file
            elif evidence is not None:
                evidence = passed_evidence(value, site.llm_file)
            sites[site.address] = replace(
                site, model=value, model_from=where, ref=None, evidence=evidence, shares=shares
            )
        counts: dict[str, int] = {}
        for call in found.calls:
            if not call.passed:
                continue
            function = _function_of(rel, call, files, aliases, module)
            for passed in call.passed:
                if function is not None:
                    if function.in_object and not isinstance(passed.key, str):
                        continue  # a position holding an options object, not a model
                    if passed.key not in (function.param, function.index):
                        continue
                    param = function.param
                elif (
                    isinstance(passed.key, str) and passed.model and looks_like_model(passed.model)
                ):
                    param = passed.key  # not found in the tree: a model-named keyword, a model
                else:
                    continue
                model, origin = passed.model, passed.model_from
                stream: str | None = None
                if passed.ref is not None:
                    resolved = constant(rel, passed.ref)
                    if resolved is None:
                        continue
                    model, origin, stream = resolved
                address = next_address(f"{rel}#{call.scope}.{param}", counts, sites)
                # a module that cannot be read leaves it unknown, never dropped
                evidence = passed_evidence(model, False) if model is not None else "value"
                sites[address] = Site(
                    address,
                    call.line,
                    model,
                    origin,
                    evidence=evidence,
                    shares=stream,
                    self_hosted=call.self_hosted,
                )
        out[rel] = replace(found, sites=tuple(sites.values()))
    return out


def _function_of(
    rel: str,
    call: ImportedCall,
    files: set[str],
    aliases: PathAliases,
    module: Callable[[str], FileScan],
) -> Wrapper | None:
    """The in-repo function ``call`` calls, when it takes a model parameter."""
    for target in _targets(rel, call, files, aliases):
        found = next((f for f in module(target).functions if f.function == call.name), None)
        if found is not None:
            return found
    return None


# -- wrapper callers across modules -----------------------------------------------------------


def _callers(tree: Tree, scans: dict[str, FileScan], files: set[str]) -> dict[str, list[str]]:
    """Wrapper site address -> the callers in other modules that rely on its default."""
    wrappers: dict[tuple[str, str], Wrapper] = {
        (rel, w.function): w for rel, s in scans.items() for w in s.wrappers
    }
    if not wrappers:
        return {}
    out: dict[str, list[str]] = {}
    aliases = PathAliases(tree)
    for rel, found in scans.items():
        for call in found.calls:
            for target in _targets(rel, call, files, aliases):
                wrapper = wrappers.get((target, call.name))
                if wrapper is not None and target != rel and _relies(call, wrapper):
                    address = f"{target}#{wrapper.function}.{wrapper.param}"
                    out.setdefault(address, []).append(f"{rel}#{call.scope}")
    return out


def _targets(rel: str, call: ImportedCall, files: set[str], aliases: PathAliases) -> list[str]:
    """The files of this tree that ``call.module``, imported from ``rel``, can stand for."""
    if rel.endswith(".py"):
        return _python_targets(rel, call.module, files)
    return _js_targets(rel, call.module, files, aliases)


def _python_targets(rel: str, module: str, files: set[str]) -> list[str]:
    dots = len(module) - len(module.lstrip("."))
    parts = module.lstrip(".").split(".") if module.lstrip(".") else []
    if dots:
        base = posixpath.dirname(rel)
        for _ in range(dots - 1):
            base = posixpath.dirname(base)
        stem = posixpath.join(base, *parts) if parts else base
        return [p for p in (stem + ".py", stem + "/__init__.py") if p in files]
    stem = "/".join(parts)
    wanted = (stem + ".py", stem + "/__init__.py")
    return [f for f in files if f in wanted or f.endswith(("/" + wanted[0], "/" + wanted[1]))]


def _js_targets(rel: str, module: str, files: set[str], aliases: PathAliases) -> list[str]:
    if module.startswith("."):
        stems = [posixpath.normpath(posixpath.join(posixpath.dirname(rel), module))]
        anywhere = False
    else:  # a path alias (tsconfig/jsconfig ``paths``, ``baseUrl``) or a package (no file)
        stems, anywhere = candidate_stems(aliases.for_file(rel), module)
    for stem in stems:  # the first target that is a file of the tree, as the compiler does
        for ext in _JS_EXT:  # ESM code imports "./llm.js" for ./llm.ts
            if stem.endswith(ext):
                stem = stem[: -len(ext)]
                break
        wanted = {stem + ext for ext in _JS_EXT} | {f"{stem}/index{ext}" for ext in _JS_EXT}
        if anywhere:
            found = sorted(
                f for f in files if f in wanted or any(f.endswith("/" + w) for w in wanted)
            )
        else:
            found = sorted(wanted & files)
        if found:
            return found
    return []


# -- resources ---------------------------------------------------------------------------------


def _resources(
    tree: Tree,
    scans: dict[str, FileScan],
    callers: dict[str, list[str]],
    versions: dict[str, str] | None = None,
) -> list[Resource]:
    if versions is None:
        packages = {s.package for found in scans.values() for s in found.sites if s.package}
        versions = model_locks.versions(tree, packages) if packages else {}
    out = []
    for rel, found in scans.items():
        for site in found.sites:
            out.append(_resource(site, rel, versions, callers.get(site.address, [])))
    return _shared_streams(out, {s.address: s.shares for f in scans.values() for s in f.sites})


def _shared_streams(found: list[Resource], shares: dict[str, str | None]) -> list[Resource]:
    """A model constant and the sites whose model it is (a wrapper's default, a call passing
    it, in its module or another) are one setting with one stream of requests: they say so
    (``stream``: the constant's address; ``stream_size``: how many sites share it), so a usage
    default is split over them, not counted once per site. A site whose model is a constant
    that is not a site of this side shares with the other users of that constant."""
    streams = {r.address: shares.get(r.address) or r.address for r in found}
    sizes: dict[str, int] = {}
    for stream in streams.values():
        sizes[stream] = sizes.get(stream, 0) + 1
    return [
        replace(
            r,
            attributes={
                **r.attributes,
                "stream": streams[r.address],
                "stream_size": sizes[streams[r.address]],
            },
        )
        if sizes[streams[r.address]] > 1
        else r
        for r in found
    ]


def _resource(site: Site, rel: str, versions: dict[str, str], elsewhere: list[str]) -> Resource:
    attrs: dict[str, Any] = {"model": site.model, "language": language(rel)}
    if site.model_from:
        attrs["model_from"] = site.model_from
    if site.inputs:
        attrs["inputs_digest"] = site.inputs
    if site.unpinned:
        attrs["unpinned"] = site.unpinned
    if site.package:
        attrs["package"] = site.package
        version = versions.get(model_locks.normalize(site.package))
        if version is not None:
            attrs["package_version"] = version
    if site.evidence is not None:
        attrs[EVIDENCE] = site.evidence
    if site.callers or elsewhere:
        attrs["callers_relying_on_default"] = site.callers + len(elsewhere)
    if elsewhere:
        listed = sorted(dict.fromkeys(elsewhere))
        attrs["callers"] = listed[:MAX_CALLERS_LISTED]
    hosted = site.self_hosted or (hosted_prefix(site.model) if site.model else None)
    if hosted is None and "#" not in site.address:  # a constant: ``OLLAMA_MODEL = "llama3.2"``
        hosted = hosted_name(site.address.rsplit(":", 1)[1].split(".", 1)[0])
    if hosted is not None:
        attrs["self_hosted"] = hosted
    unknown = frozenset({"model"}) if site.model is None and not site.unpinned else frozenset()
    return Resource(
        address=site.address,
        source=SOURCE,
        kind=KIND,
        provider="llm",
        attributes=attrs,
        unknown=unknown,
        file=rel,
        line=site.line,
    )
