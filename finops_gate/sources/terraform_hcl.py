"""Terraform ``.tf`` code -> Resource, without running Terraform (one side of a tree diff).

What HCL tells before any plan: literal arguments, variable defaults and ``*.tfvars`` values,
simple locals, literal ``count`` and ``for_each``, provider regions and ``default_tags``, local
modules. Everything that needs Terraform itself (data sources, functions, remote modules) stays
*unknown*: a cost that depends on it is reported unpriced with the attribute named, never guessed.
A plan (``--plan``) is always more precise; this source makes a PR priceable without one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import os
import posixpath
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from finops_gate.config import Settings
from finops_gate.errors import InputError
from finops_gate.model import IMPORTED, MOVED_FROM, REGION_FROM, UNREAD_MODULE, Resource
from finops_gate.sources import aws_ami, hcl_expr, hcl_types
from finops_gate.sources.terraform_links import (
    LINK_KEY,
    WRITTEN_KEY,
    at_path,
    join_code,
    link_paths,
)
from finops_gate.sources.terraform_plan import (
    RegionDefaults,
    own_region,
    refuse_constant,
    region_defaults,
)
from finops_gate.sources.tree import Tree, glob_match

_UNKNOWN = hcl_expr.UNKNOWN
# attribute that holds {path: expression} of the values only Terraform knows (mappers ignore it)
UNKNOWN_INPUTS = "__unknown_inputs__"
_NO_REGION = "__provider_sets_no_region__"
_META = {"__is_block__", "__start_line__", "__end_line__", "__comments__", "__inline_comments__"}
_REGION_ARG = {"aws": "region", "google": "region", "azurerm": "location"}
# one empty set shared by every resource with nothing unknown (each frozenset() is a new
# 216-byte object: two per resource of a 10,000-resource tree)
_NONE: frozenset[str] = frozenset()


def load(tree: Tree, settings: Settings) -> list[Resource]:
    """Every managed resource of the root modules in ``tree``; each root is its own project
    (addresses are unique per project, as in Terraform)."""
    side = _Side(tree, settings)
    regions = region_defaults(settings.environment, settings.section("pricing", "default_region"))
    return [r for d in side.roots for r in _root(side, d, regions)]


def load_pair(base: Tree, head: Tree, settings: Settings) -> tuple[list[Resource], list[Resource]]:
    """``load`` of both sides, root module by root module, so that what is held at once is
    the parsed modules still to be evaluated and the resources found so far, never the parse
    of the whole tree next to all of its resources:

    - every module directory of both sides is read and digested; those that may call a
      module (``_may_call``) are parsed, which tells the roots from the modules they call (a
      directory with the same files on both sides is one parse, ``_module_of``);
    - then each root is evaluated on the base, then on the head, parsed when it is reached if
      it was not; a root whose inputs (its own files, the local modules it reaches, its
      ``*.tfvars``) are the same bytes on both sides is evaluated once and the head holds the
      base's resources;
    - a parsed module is dropped as soon as no root left to evaluate reaches it, and only the
      most recently parsed files are kept beside the modules (``_PARSED``)."""
    with _collecting():
        return _pair(base, head, settings)


def _pair(base: Tree, head: Tree, settings: Settings) -> tuple[list[Resource], list[Resource]]:
    sides = (_Side(base, settings), _Side(head, settings))
    regions = region_defaults(settings.environment, settings.section("pricing", "default_region"))
    wanted: Counter[tuple[str, str]] = Counter()
    for side in sides:
        for d in side.roots:
            wanted.update(side.keys[m] for m in side.reach(d))
    found: tuple[list[Resource], list[Resource]] = ([], [])
    roots = (set(sides[0].roots), set(sides[1].roots))
    for d in sorted(roots[0] | roots[1]):
        base_found = _root(sides[0], d, regions) if d in roots[0] else None
        if base_found is not None:
            found[0].extend(base_found)
        if d in roots[1]:
            same = base_found is not None and _same_inputs(sides[0], sides[1], d)
            found[1].extend(
                base_found if same and base_found is not None else _root(sides[1], d, regions)
            )
        for side, held in zip(sides, roots, strict=True):
            if d not in held:
                continue
            for m in side.reach(d):
                key = side.keys[m]
                wanted[key] -= 1
                if wanted[key] <= 0:
                    _MODULES.pop(key, None)
                    for other in sides:
                        other.drop(m, key)
        _trim_parsed()
    return found


class _Side:
    """One side's module directories, parsed (``_module``), and which of them are roots.
    ``get`` parses a directory again if it was dropped and is asked for after all."""

    def __init__(self, tree: Tree, settings: Settings) -> None:
        self.tree = tree
        self.files = _tf_files(tree, settings)
        self.keys: dict[str, tuple[str, str]] = {}
        self._modules: dict[str, _Module] = {}
        for d, files in self.files.items():
            self.keys[d], texts = _module_texts(tree, d, files)
            # only a directory that may call modules is parsed now (its calls tell the roots
            # from the modules); the others when their root is evaluated, so that a tree's
            # parse is never held whole
            if _may_call(texts):
                self._modules[d] = _module_of(tree, self.keys[d], texts)
        self.listed = frozenset(tree.files())
        self.tfvars = _tfvars_index(self.listed)
        self.var_files = _var_files(self.listed, self.files, settings)
        self.files_read: dict[str, frozenset[str]] = {}  # by root: what file() named
        self.sources = {
            d: [_join(d, src) for src in m.local_sources()] for d, m in self._modules.items()
        }
        children = {c for d, called in self.sources.items() for c in called if c != d}
        children |= tree.called_unread  # called by directories the change left unread
        configured = _configured(settings)
        # a directory some other module calls is a root only when it configures providers
        # (a stack that is also reused as a module); a configured dir is always a root
        self.roots = [
            d
            for d in sorted(self.files)
            if d not in children or configured or self._parsed(d).providers
        ]
        self._reach: dict[str, frozenset[str]] = {}

    def get(self, directory: str) -> _Module | None:
        module = self._modules.get(directory)
        if module is None and directory in self.files:
            module = self._parsed(directory)
        return module

    def _parsed(self, directory: str) -> _Module:
        module = self._modules.get(directory)
        if module is None:
            _, module = _module_keyed(self.tree, directory, self.files[directory])
            self._modules[directory] = module
        return module

    def drop(self, directory: str, key: tuple[str, str]) -> None:
        if self.keys.get(directory) == key:
            self._modules.pop(directory, None)

    def reach(self, root: str) -> frozenset[str]:
        """The module directories of this side that evaluating ``root`` reads: itself and
        the local modules its calls name, transitively (sources are literal in Terraform)."""
        done = self._reach.get(root)
        if done is None:
            seen, todo = {root}, [root]
            while todo:
                for child in self.sources.get(todo.pop(), ()):
                    if child in self.files and child not in seen:
                        seen.add(child)
                        todo.append(child)
            done = self._reach[root] = frozenset(seen)
        return done

    def literal_calls(self, directories: Iterable[str]) -> bool:
        """Every module call of ``directories`` names its source as a literal."""
        return all(
            isinstance(_literal(call.get("source")), str)
            for d in directories
            if (m := self.get(d)) is not None
            for call in m.calls.values()
        )


def _var_files(
    files: Iterable[str], tf_dirs: Mapping[str, list[str]], settings: Settings
) -> dict[str, list[str]]:
    """Root directory -> the variable files a deployment passes with ``-var-file``: every
    ``*.tfvars[.json]`` Terraform does not load by itself, in the root's directory or below it
    in directories without ``.tf`` files (``envs/prod.tfvars``), as Infracost's autodetection
    finds them; ``sources.terraform.var_files`` (globs) picks them instead, ``[]`` none."""
    chosen = settings.section("sources", "terraform").get("var_files")
    out: dict[str, list[str]] = {}
    for rel in files:
        name = rel.rpartition("/")[2]
        if not rel.endswith(_TFVARS) or name in _TFVARS_FIXED or name.endswith(_TFVARS_AUTO):
            continue
        if chosen is not None and not any(glob_match(rel, g) for g in chosen):
            continue
        d = rel.rpartition("/")[0]
        while d not in tf_dirs and d:
            d = d.rpartition("/")[0]
        if d in tf_dirs:
            out.setdefault(d, []).append(rel)
    return {d: sorted(v) for d, v in out.items()}


_TFVARS = (".tfvars", ".tfvars.json")


def _same_inputs(base: _Side, head: _Side, root: str) -> bool:
    """Whether ``root`` reads the same bytes on both sides: the same module directories with
    the same files (``_module``'s key is a digest of their names and bytes), the same
    variable files; and no module call whose source is not a literal (the reach would be a
    guess)."""
    reach = base.reach(root)
    if reach != head.reach(root) or any(base.keys[d] != head.keys[d] for d in reach):
        return False
    tfvars = [*base.tfvars.get(root, []), *base.var_files.get(root, [])]
    if tfvars != [*head.tfvars.get(root, []), *head.var_files.get(root, [])]:
        return False
    unit = base.get(root)
    if unit is not None and unit.terragrunt is not None:
        rel = unit.terragrunt[0]
        if _terragrunt_configs(base.tree, rel) != _terragrunt_configs(head.tree, rel):
            return False  # a shared Terragrunt file it may read changed
    for rel in tfvars:
        if _readable(base.tree, rel) != _readable(head.tree, rel):
            return False
    for rel in sorted(base.files_read.get(root, ())):  # what file() read there
        here = [_readable(t, rel) if t.is_file(rel) else "" for t in (base.tree, head.tree)]
        if here[0] != here[1] or base.tree.is_file(rel) != head.tree.is_file(rel):
            return False
    return base.literal_calls(reach)


def _readable(tree: Tree, rel: str) -> str | None:
    """The text of ``rel``, or None when the tree refused it (a symlink out of the tree, a
    FIFO, not text...) and recorded why: like the other sources, the reader goes on without
    it, and ``tree.unreadable_verdict`` fails the check unless the very same file is refused
    on both sides (then nothing changed there, and the report notes it was not read)."""
    try:
        return tree.read_text(rel)
    except InputError:
        if rel in tree.unreadable:
            return None
        raise


def _root(side: _Side, d: str, regions: RegionDefaults) -> list[Resource]:
    module = side.get(d)
    if module is None:
        return []
    _DYNAMIC_LEFT[0] = MAX_DYNAMIC_BLOCKS  # nested dynamic blocks multiply: one budget a root
    _FILES_READ.clear()
    found: list[Resource] = []
    auto = side.tfvars.get(d, [])
    # one project per variable file a deployment passes (-var-file), else the root alone
    envs: list[str | None] = [None]
    if module.terragrunt is None and side.var_files.get(d):
        envs = [*side.var_files[d]]
    for var_file in envs:
        given = auto if var_file is None else [*auto, var_file]  # (Terraform's order)
        ctx = _Context(variables=module.variable_values(side.tree, given))
        project = d or "."
        if var_file is not None:
            project += f" ({posixpath.relpath(var_file, d or '.')})"
        found.extend(_instantiate(side, d, ctx, prefix="", providers={}, project=project, root=d))
    side.files_read[d] = frozenset(_FILES_READ)
    if module.imports:  # (import blocks belong to the root module)
        found = _imported(found, module.imports)
    if module.terragrunt is not None:
        # the parsed module is shared by identical bytes on both sides; what the unit may read
        # beyond its directory is this side's
        found = [_with_configs(side.tree, r) if r.kind == "terragrunt" else r for r in found]
    return _default_regions(found, regions)


def _with_configs(tree: Tree, unit: Resource) -> Resource:
    configs = _terragrunt_configs(tree, unit.file or "")
    if not configs:
        return unit
    return dataclasses.replace(unit, attributes={**unit.attributes, TERRAGRUNT_CONFIGS: configs})


def _default_regions(found: list[Resource], regions: RegionDefaults) -> list[Resource]:
    """The region of resources whose provider configuration sets none (recorded as the
    attribute path ``region`` being absent and not unknown), by the same rules as a plan's:
    the environment (``AWS_REGION`` before ``AWS_DEFAULT_REGION``...), then
    ``pricing.default_region``; the resource records where it came from (``REGION_FROM``)."""
    out = []
    for r in found:
        chosen = regions.get(r.provider)
        if r.region is None and chosen is not None and r.attributes.get(_NO_REGION):
            region, origin = chosen
            r = dataclasses.replace(
                r, region=region, attributes={**r.attributes, REGION_FROM: origin}
            )
        out.append(r)
    return out


def _configured(settings: Settings) -> bool:
    return bool(settings.section("sources", "terraform").get("dirs"))


_TF_SUFFIXES = (".tf", ".tf.json")


def _tf_files(tree: Tree, settings: Settings) -> dict[str, list[str]]:
    section = settings.section("sources", "terraform")
    dirs = section.get("dirs") or []
    exclude = section.get("exclude") or []
    out: dict[str, list[str]] = {}
    for rel in tree.files():
        if not rel.endswith(_TF_SUFFIXES) and not _is_terragrunt(rel):
            continue
        # string slicing, not PurePosixPath: a path object per file interns each of its parts
        # (a listing is clean POSIX paths: no "." or empty parts)
        parent = rel.rpartition("/")[0]
        if dirs and not any(parent == d.strip("/") or glob_match(parent, d) for d in dirs):
            continue
        if exclude and any(glob_match(rel, g) or glob_match(parent, g) for g in exclude):
            continue
        out.setdefault(parent, []).append(rel)
    return out


TERRAGRUNT = "terragrunt.hcl"


def _is_terragrunt(rel: str) -> bool:
    """A Terragrunt unit's configuration: its module and inputs are terragrunt's to resolve."""
    return rel.endswith(TERRAGRUNT) and (
        len(rel) == len(TERRAGRUNT) or rel[-len(TERRAGRUNT) - 1] == "/"
    )


# what a unit's row holds of the shared Terragrunt files it may read (include blocks,
# read_terragrunt_config, find_in_parent_folders: root.hcl, env.hcl, _envcommon/<x>.hcl...):
# one digest of their names and bytes, so a change to one of them is a change of every unit
# that may read it
TERRAGRUNT_CONFIGS = "terragrunt_configs"


def _terragrunt_configs(tree: Tree, rel: str) -> str:
    """One digest of the ``.hcl`` files of the tree a unit may read (their names and bytes):
    those in its directory's ancestors (what ``find_in_parent_folders`` finds) and those whose
    name its text mentions (an include of ``_envcommon/mysql.hcl``), all of them, however many.
    Over-including only makes a change to a shared file a change of more units (unpriced rows,
    never a guess); "" when there are none."""
    index = _hcl_index(tree)
    found = index.configs.get(rel)
    if found is None:  # asked twice a side: whether the root is the same, then for its row
        found = index.configs[rel] = _configs_of(index, rel)
    return found


def _configs_of(index: _HclIndex, rel: str) -> str:
    text = _readable(index.tree, rel) or ""
    parts = rel.split("/")[:-1]
    wanted: set[str] = set()
    for i in range(len(parts) + 1):
        wanted.update(index.by_dir.get("/".join(parts[:i]), ()))
    for name, paths in index.by_name.items():
        if name != TERRAGRUNT and name in text:  # another unit's own file is not shared
            wanted.update(paths)
    wanted.discard(rel)
    # files that are not .hcl a configuration names (``yamldecode(file(find_in_parent_folders(
    # "env.yaml")))``): every file of the tree with such a name
    texts = [text, *(_readable(index.tree, other) or "" for other in sorted(wanted))]
    data = {p for t in texts for name in _FILE_NAME.findall(t) for p in index.others.get(name, ())}
    if not wanted and not data:
        return ""
    digest = hashlib.sha256()
    for other in sorted(wanted):
        digest.update(f"{other}\0{index.digest(other)}\0".encode("utf-8", "surrogatepass"))
    for other in sorted(data - wanted):
        digest.update(f"{other}\0{index.data_digest(other)}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


# a file name in a configuration's text: a word with an extension (``env.yaml``, ``ami.json``)
_FILE_NAME = re.compile(r"[\w.-]+\.[A-Za-z0-9]+")


class _HclIndex:
    """A tree's ``.hcl`` files by directory and by name, and their digests (read once)."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.by_dir: dict[str, list[str]] = {}
        self.by_name: dict[str, list[str]] = {}
        self._digests: dict[str, str] = {}
        self.configs: dict[str, str] = {}  # unit file -> its _terragrunt_configs
        self.others: dict[str, list[str]] = {}  # the other files by name (data a unit reads)
        for rel in tree.files():
            directory, _, name = rel.rpartition("/")
            if rel.endswith(".hcl"):
                self.by_dir.setdefault(directory, []).append(rel)
                self.by_name.setdefault(name, []).append(rel)
            else:
                self.others.setdefault(name, []).append(rel)

    def data_digest(self, rel: str) -> str:
        """The digest of a file's bytes, whatever they are (a unit may read a binary file)."""
        try:
            data = self.tree.read_bytes(rel)
        except InputError:
            data = b"\0unreadable"
        return hashlib.sha256(data).hexdigest()[:16]

    def digest(self, rel: str) -> str:
        found = self._digests.get(rel)
        if found is None:
            try:
                data = self.tree.read_text(rel)
            except InputError:
                data = "\0unreadable"
            found = hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:16]
            self._digests[rel] = found
        return found


def _hcl_index(tree: Tree) -> _HclIndex:
    held = _HCL_INDEX.get(id(tree))
    if held is None or held.tree is not tree:
        held = _HCL_INDEX[id(tree)] = _HclIndex(tree)
    return held


_HCL_INDEX: dict[int, _HclIndex] = {}


def _is_override(rel: str) -> bool:
    """Terraform's rule: ``override.tf[.json]`` and ``*_override.tf[.json]``."""
    name = rel.rpartition("/")[2]
    stem = name.removesuffix(".json").removesuffix(".tf")
    return stem == "override" or stem.endswith("_override")


def _escapes(base: str, source: str) -> bool:
    """Whether a local module source climbs above the root of the tree under review."""
    depth = len([p for p in base.split("/") if p])
    for piece in source.split("/"):
        if piece == "..":
            depth -= 1
            if depth < 0:
                return True
        elif piece not in ("", "."):
            depth += 1
    return False


def _join(base: str, source: str) -> str:
    parts: list[str] = [p for p in base.split("/") if p]
    for piece in source.split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
        else:
            parts.append(piece)
    return "/".join(parts)


_TFVARS_FIXED = ("terraform.tfvars", "terraform.tfvars.json")
_TFVARS_AUTO = (".auto.tfvars", ".auto.tfvars.json")


def _tfvars_index(files: Iterable[str]) -> dict[str, list[str]]:
    """Directory -> the variable files Terraform loads by itself there, in its order:
    ``terraform.tfvars``, ``terraform.tfvars.json``, then ``*.auto.tfvars[.json]`` by name.
    One pass over the tree's files (not one per root module)."""
    found: dict[str, set[str]] = {}
    for rel in files:
        parent, _, name = rel.rpartition("/")
        if name in _TFVARS_FIXED or name.endswith(_TFVARS_AUTO):
            found.setdefault(parent, set()).add(name)
    out: dict[str, list[str]] = {}
    for directory, names in found.items():
        prefix = f"{directory}/" if directory else ""
        fixed = [n for n in _TFVARS_FIXED if n in names]
        auto = sorted(n for n in names if n.endswith(_TFVARS_AUTO))
        out[directory] = [prefix + n for n in (*fixed, *auto)]
    return out


@dataclass
class _Module:
    """What one module directory declares: resources, variables, locals, providers."""

    resources: list[tuple[str, str, dict[str, Any], str, int | None]] = field(default_factory=list)
    variables: dict[str, Any] = field(default_factory=dict)
    locals: dict[str, Any] = field(default_factory=dict)
    providers: list[dict[str, Any]] = field(default_factory=list)
    calls: dict[str, dict[str, Any]] = field(default_factory=dict)
    # a Terragrunt unit's terragrunt.hcl: (file, what it sets), priced as an unread module
    terragrunt: tuple[str, Any] | None = None
    # module call name -> (file, line) of its block
    call_sites: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    required: dict[str, str] = field(default_factory=dict)  # local name -> provider type
    moves: list[tuple[str, str]] = field(default_factory=list)  # moved blocks: (from, to)
    imports: list[str] = field(default_factory=list)  # import blocks' ``to``, as written
    # the data blocks a join reads (aws_ami.DATA_KINDS: what an instance's AMI runs)
    data: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    def local_sources(self) -> Iterator[str]:
        for call in self.calls.values():
            source = _literal(call.get("source"))
            if isinstance(source, str) and source.startswith(("./", "../")):
                yield source

    def provider_type(self, local_name: str) -> str:
        """``required_providers { amazon = { source = "hashicorp/aws" } }``: amazon -> aws."""
        return self.required.get(local_name, local_name)

    def variable_defaults(self) -> dict[str, Any]:
        return {
            name: _literal_tree(v.get("default", hcl_expr.Unknown(f"var.{name}")))
            for name, v in self.variables.items()
        }

    def variable_values(self, tree: Tree, tfvars: list[str]) -> dict[str, Any]:
        defaults = self.variable_defaults()
        values = dict(defaults)
        for rel in tfvars:
            text = _readable(tree, rel)
            if text is None:
                continue
            for name, value in _parse(tree, rel, text).items():
                if name not in _META and name != "__text__":
                    values[name] = _literal_tree(value)
        return self.typed(values, defaults)

    def typed(self, values: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
        """Each variable's value converted to its ``type`` (``optional()`` attributes filled
        in), a null given to a ``nullable = false`` one replaced by its default."""
        known = {n: v for n, v in defaults.items() if "default" in self.variables[n]}
        typed_defaults = hcl_types.typed(self.variables, dict(known), {})
        return hcl_types.typed(self.variables, values, typed_defaults)


# Parsed files by the digest of their bytes, in the order of their last use. While both
# sides are read (``_pair``) each root module keeps what it parsed until both of its sides are
# evaluated (a file the same on both sides is parsed once), then only the most recently used
# ``_PARSED_LIMIT`` stay (the same providers.tf in every root stays among them): the parsed
# modules hold what their evaluation needs, so a whole tree's parse is never held at once.
# Callers get a fresh top-level dict; the bodies inside are shared and never modified (as with
# ``_MODULES``).
_PARSED: dict[bytes, dict[str, Any]] = {}
_PARSED_LIMIT = 256  # kept from one root module to the next (``_trim_parsed``)
_PARSED_MAX = 50_000  # ever


def _parse(tree: Tree, rel: str, text: str | None = None) -> dict[str, Any]:
    text = tree.read_text(rel) if text is None else text
    if rel.endswith(".json"):
        return _parse_json(text, rel)
    key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    doc = _PARSED.pop(key, None)
    if doc is None:
        doc = _DISK.get(key) if _DISK is not None else None
        if doc is None:
            doc = _parse_hcl(text, rel)
            if _DISK is not None:
                _DISK.put(key, doc)
        doc = _compact(doc)
        if len(_PARSED) >= _PARSED_MAX:
            del _PARSED[next(iter(_PARSED))]  # the least recently used
    _PARSED[key] = doc  # (again) the most recent
    return {**doc, "__text__": text}


def _trim_parsed() -> None:
    while len(_PARSED) > _PARSED_LIMIT:
        del _PARSED[next(iter(_PARSED))]


def _compact(node: Any) -> Any:
    """A parsed file with one object per distinct short string: the parser makes a new
    string for every token (each ``"gp3"``, each attribute name), and a tree's files repeat
    the same few; the parse is held until its root module is evaluated."""
    if isinstance(node, str):
        return _once(node) if len(node) <= _SHORT else node
    if isinstance(node, dict):
        return {_once(k) if type(k) is str else k: _compact(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_compact(v) for v in node]
    return node


_SHORT = 100
# the short strings of the files read so far, each once (a dict of the run's own, not
# sys.intern: the interpreter's table never shrinks, this one is dropped by ``forget``)
_STRINGS: dict[str, str] = {}


def _once(text: str) -> str:
    return _STRINGS.setdefault(text, text)


def forget() -> None:
    """Drop the parsed files and modules once both sides are read (``sources.load_sides``):
    the resources keep what they need, and pricing and the report run without the rest."""
    _PARSED.clear()
    _MODULES.clear()
    _STRINGS.clear()
    _HCL_INDEX.clear()
    # what the parser and the joins leave as cyclic garbage (the check pauses the collector:
    # app.gc_paused) is freed once here, not held through pricing and the report
    gc.collect()


class _DiskCache:
    """Parsed ``.tf`` files kept across runs (``--cache-dir`` / ``FINOPS_GATE_CACHE_DIR``): one
    JSON file per content digest, under a directory named for this finops-gate and this
    python-hcl2 (a new version never reads another's entries). Safe to delete at any time. An
    entry is a speed-up, never an input: one that does not read back as the parse of exactly
    these bytes (truncated, edited, another digest, not JSON) is ignored and parsed again, and
    a directory that cannot be written only costs the speed-up."""

    MAX_ENTRY = 64 << 20

    def __init__(self, root: Path) -> None:
        from importlib.metadata import PackageNotFoundError, version

        from finops_gate import __version__

        try:
            parser = version("python-hcl2")
        except PackageNotFoundError:
            parser = "unknown"
        self.root = root / f"hcl-{__version__}-python-hcl2-{parser}"

    def _path(self, key: bytes) -> Path:
        digest = key.hex()
        return self.root / digest[:2] / f"{digest}.json"

    def get(self, key: bytes) -> dict[str, Any] | None:
        path = self._path(key)
        try:
            if path.stat().st_size > self.MAX_ENTRY:
                return None
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(entry, dict) or entry.get("sha256") != key.hex():
            return None
        doc = entry.get("doc")
        return doc if isinstance(doc, dict) else None

    def put(self, key: bytes, doc: dict[str, Any]) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps({"sha256": key.hex(), "doc": doc}, separators=(",", ":"))
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, path)  # atomic: a reader sees a whole entry or none
        except (OSError, TypeError, ValueError):
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)


_DISK: _DiskCache | None = None


@contextlib.contextmanager
def disk_cache(root: Path | None) -> Iterator[None]:
    """Parsed files are also kept in ``root`` across runs while the block runs (None: off)."""
    global _DISK
    previous = _DISK
    _DISK = _DiskCache(root) if root is not None else None
    try:
        yield
    finally:
        _DISK = previous


@contextlib.contextmanager
def _collecting() -> Iterator[None]:
    """The collector on while the block runs, even where the check paused it (app.gc_paused):
    the parser (lark) leaves cyclic garbage behind for every file, and so does the evaluation
    of every root (the joins' closures); paused, a tree's garbage would pile up until the end
    of the check."""
    paused = not gc.isenabled()
    if paused:
        gc.enable()
    try:
        yield
    finally:
        if paused:
            gc.disable()


def _parse_hcl(text: str, rel: str) -> dict[str, Any]:
    import hcl2

    try:
        with _collecting():
            doc: dict[str, Any] = hcl2.loads(text)
        return doc
    except Exception as exc:
        from finops_gate.sources.hcl_lines import join_continuations

        joined = join_continuations(text)  # ``.attr`` continued on the next line, in ( )
        if joined is not None:
            with contextlib.suppress(Exception), _collecting():
                doc = hcl2.loads(joined)
                return doc
        line = getattr(exc, "line", None)
        where = f":{line}" if isinstance(line, int) else ""
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{rel}{where}: not valid HCL ({first[:120]}); fix the syntax") from None


_MAP_ATTRIBUTES = frozenset({"tags", "labels", "tags_all", "default_tags", "triggers"})


def _parse_json(text: str, rel: str) -> dict[str, Any]:
    """Terraform's JSON syntax (``.tf.json``, ``.tfvars.json``) in the shape python-hcl2 gives
    for native syntax: strings become templates, blocks become lists of bodies."""
    try:
        data = json.loads(text, parse_constant=refuse_constant)
    except ValueError as exc:
        raise InputError(f"{rel}: not valid JSON ({str(exc)[:120]}); fix the syntax") from None
    except RecursionError:
        raise InputError(f"{rel}: JSON nested too deeply; not read") from None
    if not isinstance(data, dict):
        raise InputError(f"{rel}: expected a JSON object at the top level")
    if rel.endswith(".tfvars.json"):
        return {k: _json_value(v, literal=True) for k, v in data.items()}
    doc: dict[str, Any] = {"__text__": ""}
    for block_type, content in data.items():
        if block_type in ("resource", "data") and isinstance(content, dict):
            doc[block_type] = [
                {f'"{kind}"': {f'"{n}"': _json_body(b) for n, b in _named(named).items()}}
                for kind, named in content.items()
                if isinstance(named, dict)
            ]
        elif block_type in ("variable", "module", "output") and isinstance(content, dict):
            doc[block_type] = [
                {f'"{n}"': _json_body(b, literal=block_type == "variable")}
                for n, b in _named(content).items()
            ]
        elif block_type == "provider" and isinstance(content, dict):
            doc["provider"] = [
                {f'"{n}"': _json_body(b)}
                for n, bodies in content.items()
                for b in (bodies if isinstance(bodies, list) else [bodies])
            ]
        elif block_type == "locals":
            items = content if isinstance(content, list) else [content]
            doc["locals"] = [_json_body(b) for b in items if isinstance(b, dict)]
        elif block_type == "terraform":
            items = content if isinstance(content, list) else [content]
            doc["terraform"] = [_json_body(b) for b in items if isinstance(b, dict)]
    return doc


def _named(content: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, body in content.items() if isinstance(content, dict) else ():
        for b in body if isinstance(body, list) else [body]:
            if isinstance(b, dict):
                out[name] = b
    return out


def _json_body(body: Any, *, literal: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in body.items() if isinstance(body, dict) else ():
        if isinstance(value, dict) and key not in _MAP_ATTRIBUTES and not literal:
            out[key] = [_json_body(value)]  # a nested block
        elif (
            isinstance(value, list)
            and value
            and all(isinstance(v, dict) for v in value)
            and key not in _MAP_ATTRIBUTES
            and not literal
        ):
            out[key] = [_json_body(v) for v in value]
        else:
            out[key] = _json_value(value, literal=literal and key == "default")
    return out


def _json_value(value: Any, *, literal: bool = False) -> Any:
    if isinstance(value, str):
        if (
            not literal
            and value.startswith("${")
            and value.endswith("}")
            and value.count("${") == 1
        ):
            return value
        if literal:
            return json.dumps(value.replace("${", "$${"))
        return json.dumps(value)
    if isinstance(value, list):
        return [_json_value(v, literal=literal) for v in value]
    if isinstance(value, dict):
        return {json.dumps(str(k)): _json_value(v, literal=literal) for k, v in value.items()}
    return value


def _block_lines(text: str) -> dict[tuple[str, str], int]:
    """(type, name) -> line of each ``resource "type" "name"`` block (the parser keeps none);
    ``(_CALL, name)`` -> line of each ``module "name"`` block."""
    lines: dict[tuple[str, str], int] = {}
    for m in re.finditer(r'(?m)^[ \t]*resource\s+"([^"]+)"\s+"([^"]+)"', text):
        lines.setdefault((m.group(1), m.group(2)), text.count("\n", 0, m.start()) + 1)
    if "module" in text:
        for m in re.finditer(r'(?m)^[ \t]*module\s+"([^"]+)"', text):
            lines.setdefault((_CALL, m.group(1)), text.count("\n", 0, m.start()) + 1)
    return lines


_CALL = " module call"  # (no resource type has a space)


# Parsed module directories by the digest of their files' names and bytes: a directory whose
# files are the same on both sides (or in two roots of a run) is parsed once per process. A
# parsed ``_Module`` is never modified after ``_parse_dir`` returns it.
_MODULES: dict[tuple[str, str], _Module] = {}
_MODULES_LIMIT = 20_000


def _module_keyed(tree: Tree, directory: str, files: list[str]) -> tuple[tuple[str, str], _Module]:
    """The parsed module in ``directory`` and its cache key (the directory and a digest of
    its files' names and bytes)."""
    key, texts = _module_texts(tree, directory, files)
    return key, _module_of(tree, key, texts)


def _module_texts(
    tree: Tree, directory: str, files: list[str]
) -> tuple[tuple[str, str], dict[str, str]]:
    """The texts of a module directory's files (those the tree can read) and its cache key:
    the directory and a digest of the files' names and bytes."""
    texts = {rel: text for rel in sorted(files) if (text := _readable(tree, rel)) is not None}
    digest = hashlib.sha256()
    for rel, text in texts.items():
        digest.update(rel.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
    return (directory, digest.hexdigest()), texts


def _module_of(tree: Tree, key: tuple[str, str], texts: dict[str, str]) -> _Module:
    module = _MODULES.get(key)
    if module is None:
        module = _parse_dir(tree, key[0], list(texts), texts)
        if len(_MODULES) >= _MODULES_LIMIT:
            _MODULES.clear()
        _MODULES[key] = module
    return module


def _may_call(texts: Mapping[str, str]) -> bool:
    """Whether a module directory's files may call a module: native syntax spells a block's
    type as written (an identifier has no escapes), so a file without the word ``module``
    has no module block; JSON may escape any letter of a key, so a ``.tf.json`` file always
    may."""
    return any(rel.endswith(".json") or "module" in text for rel, text in texts.items())


def _parse_dir(
    tree: Tree, directory: str, files: list[str], texts: Mapping[str, str] | None = None
) -> _Module:
    """One module directory; override files merge into what the others declare, in
    Terraform's order (all normal files first, then the overrides by name)."""
    module = _Module()
    ordered = sorted(files, key=lambda rel: (_is_override(rel), rel))
    index: dict[tuple[str, str], int] = {}
    for rel in ordered:
        override = _is_override(rel)
        doc = _parse(tree, rel, None if texts is None else texts.get(rel))
        if _is_terragrunt(rel):
            del doc["__text__"]
            module.terragrunt = (rel, _without_meta(doc))
            continue
        lines = _block_lines(doc.pop("__text__"))
        for block in doc.get("variable", []):
            for name, body in block.items():
                _merge_into(module.variables, _unquote(name), body, override)
        for block in doc.get("locals", []):
            module.locals.update({k: v for k, v in block.items() if k not in _META})
        for block in doc.get("provider", []):
            for name, body in block.items():
                _merge_provider(module.providers, {"name": _unquote(name), **body}, override)
        for block in doc.get("module", []):
            for name, body in block.items():
                _merge_into(module.calls, _unquote(name), body, override)
                called = _unquote(name)
                module.call_sites.setdefault(called, (rel, lines.get((_CALL, called))))
        for block in doc.get("moved", []):
            ends = [_reference(block.get(k)) if isinstance(block, dict) else None
                    for k in ("from", "to")]  # fmt: skip
            if ends[0] and ends[1]:
                module.moves.append((ends[0], ends[1]))
        for block in doc.get("import", []):
            to = _reference(block.get("to")) if isinstance(block, dict) else None
            if to:
                module.imports.append(to)
        for block in doc.get("terraform", []):
            for req in block.get("required_providers", []) or []:
                for local, spec in req.items() if isinstance(req, dict) else ():
                    source = _literal(spec.get("source")) if isinstance(spec, dict) else None
                    if isinstance(source, str) and source:
                        module.required[_unquote(local)] = source.rsplit("/", 1)[-1].lower()
        for block in doc.get("data", []):
            for kind, named in block.items() if isinstance(block, dict) else ():
                if _unquote(kind) in aws_ami.DATA_KINDS and isinstance(named, dict):
                    module.data.extend(
                        (_unquote(kind), _unquote(name), body)
                        for name, body in named.items()
                        if isinstance(body, dict)
                    )
        for block in doc.get("resource", []):
            for kind, named in block.items():
                for name, body in named.items():
                    # the type once for all its resources (thousands in a whole tree)
                    key = (_once(_unquote(kind)), _unquote(name))
                    if override and key in index:
                        i = index[key]
                        old = module.resources[i]
                        merged = {**old[2], **{k: v for k, v in body.items() if k not in _META}}
                        module.resources[i] = (*key, merged, old[3], old[4])
                        continue
                    if key in index:
                        raise InputError(
                            f"{rel}: resource {key[0]}.{key[1]} is declared twice in "
                            f"{directory or '.'}; Terraform refuses that: fix it, or leave the "
                            "directory out with sources.terraform.exclude (test fixtures...)"
                        )
                    index[key] = len(module.resources)
                    module.resources.append((*key, body, rel, lines.get(key)))
    return module


def _without_meta(node: Any) -> Any:
    """A parse without the parser's line and comment keys (what the file sets, as written)."""
    if isinstance(node, dict):
        return {k: _without_meta(v) for k, v in node.items() if k not in _META}
    if isinstance(node, list):
        return [_without_meta(v) for v in node]
    return node


def _reference(value: Any) -> str | None:
    """``from``/``to`` of a moved block, an address as written (``${aws_instance.a}``)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.startswith("${") and text.endswith("}"):
        text = text[2:-1].strip()
    return text or None


def _imported(found: list[Resource], imports: list[str]) -> list[Resource]:
    """Mark each resource an ``import`` block brings under Terraform (``to = aws_instance.web``;
    ``aws_instance.web[each.key]`` in a ``for_each`` import is every instance of it): it
    exists already, so the change does not create it (``changes.match``)."""
    exact = {to for to in imports if not to.endswith("]") or _LITERAL_INDEX.search(to)}
    every = tuple(to.split("[", 1)[0] + "[" for to in imports if to not in exact)
    out = []
    for r in found:
        to = r.address if r.address in exact else None
        if to is None and every and r.address.startswith(every):
            to = r.address
        if to is not None and r.kind != "module":
            r = dataclasses.replace(r, attributes={**r.attributes, IMPORTED: to})
        out.append(r)
    return out


_LITERAL_INDEX = re.compile(r'\[(?:[0-9]+|"[^"]*")\]$')


def _moved(found: list[Resource], moves: list[tuple[str, str]], prefix: str) -> list[Resource]:
    """Mark each resource a ``moved`` block of this module moved (its own address, or a whole
    resource or module call renamed) with the address it had before, so it is matched with
    the base's resource there and keeps the usage configured for it."""
    if not moves:
        return found
    out = []
    for r in found:
        old = None
        for frm, to in moves:
            to, frm = prefix + to, prefix + frm
            if r.address == to or r.address.startswith((f"{to}[", f"{to}.")):
                old = frm + r.address[len(to) :]
                break
        if old is not None and MOVED_FROM not in r.attributes:
            r = dataclasses.replace(r, attributes={**r.attributes, MOVED_FROM: old})
        out.append(r)
    return out


def _merge_into(target: dict[str, Any], name: str, body: Any, override: bool) -> None:
    if override and name in target and isinstance(body, dict):
        target[name] = {**target[name], **{k: v for k, v in body.items() if k not in _META}}
    else:
        target[name] = body


def _merge_provider(providers: list[dict[str, Any]], block: dict[str, Any], override: bool) -> None:
    if override:
        for i, old in enumerate(providers):
            if old["name"] == block["name"] and old.get("alias") == block.get("alias"):
                providers[i] = {**old, **{k: v for k, v in block.items() if k not in _META}}
                return
    providers.append(block)


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a module instance's expressions run: the side's tree, the root module's
    directory and the module's own ("" is the tree's top)."""

    tree: Tree
    listed: frozenset[str]  # the files this side reads (what the change's scope holds)
    root: str
    module: str


# the files ``file()`` and its kin named while one root was evaluated (``_root``)
_FILES_READ: set[str] = set()


class _Context(hcl_expr.Scope):
    """What an expression in one module instance can reach: ``var``, ``local``, ``each``,
    ``count`` and the module's own resources (their arguments as written in the code)."""

    def __init__(
        self,
        variables: dict[str, Any],
        local_defs: dict[str, Any] | None = None,
        each: dict[str, Any] | None = None,
        count_index: int | None = None,
        resources: _ModuleResources | None = None,
        where: _Where | None = None,
    ) -> None:
        self.variables = variables
        self.where = where
        self.local_defs = local_defs or {}
        self.each = each
        self.count_index = count_index
        self.resources = resources
        self._locals: dict[str, Any] = {}
        self._evaluating: set[str] = set()
        # a dynamic block's iterator (``setting.key``, ``setting.value``) inside its content
        self.iterators: dict[str, Any] | None = None

    def child(
        self, *, each: dict[str, Any] | None = None, count_index: int | None = None
    ) -> _Context:
        ctx = _Context(
            self.variables, self.local_defs, each, count_index, self.resources, self.where
        )
        ctx._locals = self._locals  # locals do not depend on each/count: share what is done
        return ctx

    def bound(self, name: str, key: Any, value: Any) -> _Context:
        """This context inside a dynamic block's ``content``: ``name.key``, ``name.value``."""
        ctx = _Context(self.variables, self.local_defs, self.each, self.count_index,
                       self.resources, self.where)  # fmt: skip
        ctx._locals, ctx._evaluating = self._locals, self._evaluating
        ctx.iterators = {**(self.iterators or {}), name: {"key": key, "value": value}}
        return ctx

    def root(self, name: str) -> Any:
        if self.iterators is not None and name in self.iterators:
            return self.iterators[name]
        if name == "var":
            return hcl_expr.OpenMap(self.variables, "var")
        if name == "local":
            return _Locals(self)
        if name == "each":
            return self.each if self.each is not None else hcl_expr.Unknown("each")
        if name == "count":
            if self.count_index is None:
                return hcl_expr.Unknown("count.index")
            return {"index": self.count_index}
        if self.resources is not None and name in self.resources.kinds:
            return self.resources.of_kind(name)
        if name == "path" and self.where is not None:
            module = posixpath.relpath(self.where.module or ".", self.where.root or ".")
            return hcl_expr.OpenMap({"module": module, "root": "."}, "path")
        return hcl_expr.Unknown(name)  # data sources, module outputs, terraform...

    def file_text(self, path: str) -> str | hcl_expr.Unknown | None:
        """``file()``: a relative path from the root module's directory (Terraform's working
        directory), read from this side's tree and remembered (``_FILES_READ``) so that a root
        whose code is the same on both sides is evaluated again when such a file changed."""
        where = self.where
        if where is None or path.startswith(("/", "~")) or "\0" in path:
            return hcl_expr.Unknown(f"file({path})")
        rel = posixpath.normpath(posixpath.join(where.root, path))
        if rel == ".." or rel.startswith("../"):
            return hcl_expr.Unknown(f"file({path}): outside the repository")
        _FILES_READ.add(rel)
        if rel not in where.listed:
            # not in the change's scope on this side (a name the scope could not see), or
            # absent: the same unknown on both sides, never known on one only
            if where.tree.is_file(rel):
                return hcl_expr.Unknown(f"file({path}): not read")
            return None
        try:
            return where.tree.read_text(rel)
        except InputError:  # (the tree recorded why; it fails closed if that hides a change)
            return hcl_expr.Unknown(f"file({path}): not readable")

    def local(self, name: str) -> Any:
        if name in self._locals:
            return self._locals[name]
        if name not in self.local_defs or name in self._evaluating:
            return _UNKNOWN  # undefined, or defined in terms of itself
        self._evaluating.add(name)
        try:
            # a local never sees each/count: evaluate it in the module's own context
            base = _Context(
                self.variables, self.local_defs, resources=self.resources, where=self.where
            )
            base._locals, base._evaluating = self._locals, self._evaluating
            value = base.eval(self.local_defs[name])
        finally:
            self._evaluating.discard(name)
        self._locals[name] = value
        return value

    def lookup(self, ref: str) -> Any:
        return hcl_expr.evaluate(ref, self)

    def eval(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._string(value)
        if isinstance(value, list):
            return [self.eval(v) for v in value]
        if isinstance(value, dict):
            if "dynamic" in value and _dynamic_blocks(value["dynamic"]) is not None:
                return _block_arguments(value, self, ())
            return {_unquote(k): self.eval(v) for k, v in value.items() if k not in _META}
        return value

    def _string(self, text: str) -> Any:
        if text.startswith("${") and text.endswith("}"):
            return hcl_expr.evaluate(text[2:-1], self)
        if text.startswith('"<<') and text.endswith('"'):
            body = text[1:-1].split("\n", 1)[1] if "\n" in text else ""
            body = body.rsplit("\n", 1)[0]
            if "${" in body or "%{" in body:
                return hcl_expr.Unknown(text[:200])
            return body
        if text.startswith('"') and text.endswith('"') and len(text) >= 2:
            if "${" not in text and "%{" not in text and "\\" not in text:
                return text[1:-1]
            return hcl_expr.evaluate(text, self)
        return hcl_expr.Unknown(text[:200])


class _Locals(Mapping[str, Any]):
    """``local.*``, evaluated on first use (a local may use another, in any file order)."""

    def __init__(self, ctx: _Context) -> None:
        self._ctx = ctx

    def __getitem__(self, key: str) -> Any:
        if key not in self._ctx.local_defs:
            raise KeyError(key)
        return self._ctx.local(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ctx.local_defs)

    def __len__(self) -> int:
        return len(self._ctx.local_defs)


class _ModuleResources:
    """``aws_instance.web.instance_type``: a resource's arguments as the code sets them.

    Attributes only the provider knows (``id``, ``arn``) are unknown; a resource with ``count``
    is a list and one with ``for_each`` a map, as in Terraform."""

    def __init__(self, module: _Module) -> None:
        self._bodies: dict[str, dict[str, Any]] = {}
        for kind, name, body, _rel, _line in module.resources:
            self._bodies.setdefault(kind, {})[name] = body
        self.kinds = frozenset(self._bodies)
        self._done: dict[tuple[str, str], Any] = {}
        self._busy: set[tuple[str, str]] = set()
        self.ctx: _Context | None = None

    def close(self) -> None:
        self.ctx = None
        self._done.clear()

    def of_kind(self, kind: str) -> Mapping[str, Any]:
        return _Lazy({name: (kind, name) for name in self._bodies[kind]}, self.value)

    def value(self, key: tuple[str, str]) -> Any:
        if key in self._done:
            return self._done[key]
        if key in self._busy or self.ctx is None:
            return hcl_expr.Unknown(".".join(key))
        self._busy.add(key)
        try:
            body = self._bodies[key[0]][key[1]]
            instances = _instances(body, self.ctx)
            if instances is None:
                value: Any = hcl_expr.Unknown(".".join(key))
            else:
                values = [
                    (suffix, hcl_expr.OpenMap(_arguments(body, ictx), ".".join(key)))
                    for suffix, ictx in instances
                ]
                if "count" in body:
                    value = [v for _, v in values]
                elif "for_each" in body:
                    value = {json.loads(suffix[1:-1]): v for suffix, v in values}
                else:
                    value = values[0][1]
        finally:
            self._busy.discard(key)
        self._done[key] = value
        return value


class _Lazy(Mapping[str, Any]):
    def __init__(self, keys: dict[str, Any], get: Any) -> None:
        self._keys, self._get = keys, get

    def __getitem__(self, key: str) -> Any:
        return self._get(self._keys[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _arguments(body: Mapping[str, Any], ctx: _Context) -> dict[str, Any]:
    # no provider argument starts with "_": the keys the readers add for themselves (joins,
    # unknown inputs, region origins) cannot be written by the code under review
    return _block_arguments(body, ctx, ("count", "for_each", "provider", "lifecycle",
                                        "depends_on"), private=True)  # fmt: skip


def _block_arguments(
    body: Mapping[str, Any], ctx: _Context, skip: tuple[str, ...], *, private: bool = False
) -> dict[str, Any]:
    """A block's arguments and nested blocks, its ``dynamic`` blocks expanded as Terraform
    expands them: one nested block per element of the ``for_each``, in the order of the
    collection, after the ones written out. A ``for_each`` the code does not tell makes the
    whole nested block unknown (its cost may depend on it: an instance's extra volumes), never
    an empty list."""
    dynamic = _dynamic_blocks(body.get("dynamic"))
    out = {
        _unquote(k): ctx.eval(v)
        for k, v in body.items()
        if k not in _META
        and k not in skip
        and not (private and k.startswith("_"))
        and not (k == "dynamic" and dynamic is not None)
    }
    for name, spec in dynamic or ():
        blocks = _expanded(name, spec, ctx)
        have = out.get(name)
        if hcl_expr.is_unknown(blocks) or hcl_expr.is_unknown(have):
            out[name] = blocks if hcl_expr.is_unknown(blocks) else have
        else:
            out[name] = [*(have if isinstance(have, list) else ()), *blocks]
    return out


def _dynamic_blocks(node: Any) -> list[tuple[str, Mapping[str, Any]]] | None:
    """``dynamic "name" { for_each ... content { ... } }`` as the parsers give it (HCL:
    ``[{'"name"': {...}}]``; ``.tf.json``: ``[{"name": [{...}]}]``): (name, spec) each; None
    when ``node`` is not that shape (an argument that happens to be called ``dynamic``)."""
    if not isinstance(node, list) or not node:
        return None
    out: list[tuple[str, Mapping[str, Any]]] = []
    for item in node:
        if not isinstance(item, dict):
            return None
        for name, spec in item.items():
            for one in spec if isinstance(spec, list) else [spec]:
                if not isinstance(one, dict) or "content" not in one:
                    return None
                out.append((_unquote(name), one))
    return out


def _expanded(name: str, spec: Mapping[str, Any], ctx: _Context) -> Any:
    """The blocks one ``dynamic`` block stands for, or Unknown."""
    if _DYNAMIC_LEFT[0] <= 0:
        return hcl_expr.Unknown(f"dynamic {name}: over {MAX_DYNAMIC_BLOCKS} blocks in the module")
    collection = ctx.eval(spec.get("for_each"))
    if hcl_expr.is_unknown(collection):
        return hcl_expr.Unknown(f"dynamic {name}: {collection.origin}"[:500])
    if isinstance(collection, Mapping):
        items: list[tuple[Any, Any]] = sorted(collection.items())  # Terraform: by key
    elif isinstance(collection, list):
        items = list(enumerate(collection))
    else:
        return hcl_expr.Unknown(f"dynamic {name}: for_each is not a collection")
    if len(items) > _DYNAMIC_LEFT[0]:
        # hostile nesting (three levels of range(1000) is a billion blocks): unknown, not hours
        return hcl_expr.Unknown(f"dynamic {name}: over {MAX_DYNAMIC_BLOCKS} blocks in the module")
    _DYNAMIC_LEFT[0] -= len(items)
    iterator = spec.get("iterator")
    if isinstance(iterator, str):
        iterator = iterator.removeprefix("${").removesuffix("}").strip().strip('"')
    label = iterator if isinstance(iterator, str) and iterator else name
    content = spec.get("content")
    if isinstance(content, list) and len(content) == 1:
        content = content[0]
    if not isinstance(content, dict):
        return hcl_expr.Unknown(f"dynamic {name}: no content block")
    blocks: list[Any] = []
    for key, value in items:
        blocks.append(ctx.bound(label, key, value).eval(content))
    return blocks


def _unquote(name: str) -> str:
    return name[1:-1] if len(name) >= 2 and name[0] == name[-1] == '"' else name


def _literal(value: Any) -> Any:
    return _Context(variables={}).eval(value) if value is not None else None


def _literal_tree(value: Any) -> Any:
    return value if hcl_expr.is_unknown(value) else _Context(variables={}).eval(value)


def _known(value: Any, prefix: str, unknown: dict[str, str]) -> Any:
    """Drop unknown leaves, recording their dotted paths and the expressions behind them."""
    if isinstance(value, str):
        # one object per distinct short value across the tree's resources (see _compact)
        return _once(value) if len(value) <= _SHORT and type(value) is str else value
    if hcl_expr.is_unknown(value):
        unknown[prefix] = value.origin
        return None
    if isinstance(value, Mapping):
        return {
            _once(k) if type(k) is str else k: _known(v, f"{prefix}.{k}" if prefix else k, unknown)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_known(v, f"{prefix}.{i}", unknown) for i, v in enumerate(value)]
    return value


MAX_INSTANCES = 10_000  # count / for_each of one resource or module call
MAX_DYNAMIC_BLOCKS = 100_000  # blocks dynamic blocks expand to, in one root module's evaluation
_DYNAMIC_LEFT = [MAX_DYNAMIC_BLOCKS]


def _instances(body: Mapping[str, Any], ctx: _Context) -> list[tuple[str, _Context]] | None:
    """Index suffix and context per instance; ``None`` when count/for_each is not known.
    A count or for_each Terraform itself would refuse is an InputError."""
    if "count" in body:
        written = count = ctx.eval(body["count"])
        if hcl_expr.is_unknown(count):
            return None
        if isinstance(count, str):
            count = hcl_types.convert(count, "number")  # "2" is 2, as Terraform converts it
        if isinstance(count, float) and count.is_integer():
            count = int(count)
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise _InvalidMeta(f"count = {written!r} is not a whole number >= 0")
        if count > MAX_INSTANCES:
            raise _InvalidMeta(f"count = {count} is more than {MAX_INSTANCES} instances")
        return [(f"[{i}]", ctx.child(count_index=i)) for i in range(count)]
    if "for_each" in body:
        items = ctx.eval(body["for_each"])
        if hcl_expr.is_unknown(items) or (
            isinstance(items, list) and any(hcl_expr.is_unknown(i) for i in items)
        ):
            return None
        if isinstance(items, list) and all(isinstance(i, str) for i in items):
            pairs: list[tuple[str, Any]] = [(i, i) for i in sorted(set(items))]
        elif isinstance(items, Mapping):
            pairs = sorted((str(k), v) for k, v in items.items())
        else:
            raise _InvalidMeta("for_each must be a map or a set of strings")
        if len(pairs) > MAX_INSTANCES:
            raise _InvalidMeta(f"for_each has more than {MAX_INSTANCES} items")
        return [(f"[{json.dumps(k)}]", ctx.child(each={"key": k, "value": v})) for k, v in pairs]
    return [("", ctx)]


class _InvalidMeta(Exception):
    """count / for_each that Terraform would refuse: the caller names the file and line."""


def _provider_settings(
    module: _Module, ctx: _Context, inherited: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Provider by local name ("aws", "aws.west") -> {"type", "region", "default_tags"}."""
    out = dict(inherited)
    for block in module.providers:
        alias = ctx.eval(block.get("alias")) if "alias" in block else None
        ref = block["name"] + (f".{alias}" if isinstance(alias, str) else "")
        ptype = module.provider_type(block["name"])
        arg = _REGION_ARG.get(ptype, "region")
        region = ctx.eval(block[arg]) if arg in block else None
        google = ptype in ("google", "google-beta")
        if google and region is None and "zone" in block:
            # a google provider that sets only a zone: its region (as the plan reader does)
            zone = ctx.eval(block["zone"])
            region = own_region(ptype, {"zone": zone}) if isinstance(zone, str) else zone
        tags: Any = {}
        for dt in block.get("default_tags", []) or []:
            value = ctx.eval(dt.get("tags", {}))
            unknown = hcl_expr.is_unknown(value) or hcl_expr.is_unknown(tags)
            tags = _UNKNOWN if unknown else {**tags, **value}
        if google and "default_labels" in block:
            # google's default_labels (an argument, not a block) join every resource's labels
            value = ctx.eval(block["default_labels"])
            tags = value if isinstance(value, dict) or hcl_expr.is_unknown(value) else {}
        out[ref] = {"type": ptype, "region": region, "default_tags": tags}
    return out


def _provider_ref(body: Mapping[str, Any], kind: str) -> str:
    """The provider a resource uses, by local name: ``provider = aws.west`` or its type prefix."""
    raw = body.get("provider")
    if isinstance(raw, str):
        text = raw[2:-1] if raw.startswith("${") and raw.endswith("}") else raw.strip('"')
        if re.fullmatch(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?", text):
            return text
    return kind.split("_", 1)[0]


class _Modules(Protocol):
    tree: Tree
    listed: frozenset[str]

    def get(self, directory: str) -> _Module | None: ...


def _instantiate(
    modules: _Modules,
    directory: str,
    ctx: _Context,
    *,
    prefix: str,
    providers: dict[str, dict[str, Any]],
    project: str,
    root: str,
    depth: int = 0,
) -> list[Resource]:
    module = modules.get(directory)
    if module is None or depth > MAX_DEPTH:
        return []
    resources = _ModuleResources(module)
    where = _Where(modules.tree, modules.listed, root, directory)
    ctx = _Context(ctx.variables, module.locals, resources=resources, where=where)
    resources.ctx = ctx
    try:
        return _instances_of(
            modules,
            directory,
            module,
            ctx,
            resources,
            prefix=prefix,
            providers=providers,
            project=project,
            root=root,
            depth=depth,
        )
    finally:
        # the context and the module's resources refer to each other: broken here, so the
        # module's evaluation is freed as soon as it is done, not left to the collector
        # (which the check pauses)
        resources.close()


def _instances_of(
    modules: _Modules,
    directory: str,
    module: _Module,
    ctx: _Context,
    resources: _ModuleResources,
    *,
    prefix: str,
    providers: dict[str, dict[str, Any]],
    project: str,
    root: str,
    depth: int,
) -> list[Resource]:
    provs = _provider_settings(module, ctx, providers)
    out: list[Resource] = []
    for kind, name, body, rel, line in module.resources:
        written = _written_references(body, kind)
        ref = _provider_ref(body, kind)
        prov = provs.get(ref, {})
        provider_type = prov.get("type") or module.provider_type(ref.split(".")[0])
        try:
            instances = _instances(body, ctx)
        except _InvalidMeta as exc:
            where = f"{rel}:{line}" if line else rel
            raise InputError(f"{where}: {prefix}{kind}.{name}: {exc}; fix the expression") from None
        meta_unknown = None
        if instances is None:
            # how many is not known from the code: one row that still carries the arguments,
            # so a changed input shows as a change (unpriced), never as "no changes"
            meta_unknown = "count" if "count" in body else "for_each"
            instances = [("", ctx.child())]
        for suffix, ictx in instances:
            unknown: dict[str, str] = {}
            values = _known(_arguments(body, ictx), "", unknown)
            if meta_unknown is not None:
                meta = ctx.eval(body[meta_unknown])
                unknown[meta_unknown] = meta.origin if hcl_expr.is_unknown(meta) else ""
            region = values.get("region") if isinstance(values.get("region"), str) else None
            if provider_type in ("azurerm", "google", "google-beta"):
                region = own_region(provider_type, values) or region
            if region is None and "region" not in unknown:
                candidate = prov.get("region")
                region = candidate if isinstance(candidate, str) else None
                if candidate is None:
                    values = {**values, _NO_REGION: True}
            tags, unknown_tags = _tags(values, set(unknown), prov.get("default_tags", {}))
            if unknown:
                # the expressions behind unknown values: a changed one is a changed resource
                values = {**values, UNKNOWN_INPUTS: dict(sorted(unknown.items()))}
            if written:
                values = {**values, WRITTEN_KEY: written}  # for the join, dropped by it
            out.append(
                Resource(
                    address=f"{prefix}{kind}.{name}{suffix}",
                    source="terraform",
                    kind=kind,
                    # one object per distinct value across the tree's resources (each root's
                    # provider block is its own evaluation: "aws", "us-east-1" per root)
                    provider=_once(provider_type),
                    region=None if region is None else _once(region),
                    attributes=values,
                    unknown=frozenset(unknown) if unknown else _NONE,
                    tags=tags,
                    unknown_tags=unknown_tags,
                    file=rel,
                    line=line,
                    project=project,
                )
            )
    # launch templates, scaling targets, instance templates, GKE/AKS clusters... (one
    # implementation with the plan reader: terraform_links); the AMI lookups join as the
    # platform their arguments settle (aws_ami), then leave
    lookups = [
        Resource(
            address=f"{prefix}data.{kind}.{name}",
            source="terraform",
            kind=f"data.{kind}",
            provider="aws",
            attributes=aws_ami.platform_of(kind, _arguments(body, ctx)) or {},
        )
        for kind, name, body in module.data
    ]
    out = [
        _joined_region(r)
        for r in join_code([*out, *lookups], prefix, UNKNOWN_INPUTS)
        if not r.kind.startswith("data.")
    ]
    if module.terragrunt is not None and not prefix:
        out.append(_terragrunt_unit(*module.terragrunt, project))
    for call_name, call in sorted(module.calls.items()):
        source = ctx.eval(call.get("source"))
        try:
            instances = _instances(call, ctx)
        except _InvalidMeta as exc:
            raise InputError(f"{directory or '.'}: module.{call_name}: {exc}; fix it") from None
        local = isinstance(source, str) and source.startswith(("./", "../"))
        child = _join(directory, source) if local else directory
        child_module = modules.get(child) if local else None
        outside = local and _escapes(directory, source)
        itself = child == directory and not outside
        unread = _unread(source, call, instances, child_module, itself, depth, outside)
        if unread is not None:
            # its resources are not in the code under review: one row per instance that says
            # so (unpriced), never the nothing the code shows
            site = module.call_sites.get(call_name, (None, None))
            out.extend(
                _unread_call(f"{prefix}module.{call_name}", call, instances, ctx, unread, site,
                             project)
            )  # fmt: skip
            continue
        assert child_module is not None and instances is not None  # (_unread said so)
        for suffix, ictx in instances:
            inputs = {
                k: ictx.eval(v)
                for k, v in call.items()
                if k not in _META
                and k not in ("source", "version", "count", "for_each", "providers", "depends_on")
            }
            defaults = child_module.variable_defaults()
            out.extend(
                _instantiate(
                    modules,
                    child,
                    _Context(child_module.typed({**defaults, **inputs}, defaults)),
                    prefix=f"{prefix}module.{call_name}{suffix}.",
                    providers=provs,
                    project=project,
                    root=root,
                    depth=depth + 1,
                )
            )
    return _moved(out, module.moves, prefix)


MAX_DEPTH = 20  # module calls nested in module calls


def _unread(
    source: Any,
    call: Mapping[str, Any],
    instances: list[Any] | None,
    child: _Module | None,
    itself: bool,
    depth: int,
    outside: bool = False,
) -> str | None:
    """Why a module call's resources cannot be read from the code under review, or None."""
    how = "price it from a plan (--plan), which holds every module's resources"
    if not isinstance(source, str):
        return f"its source is not a literal string, so the module is not known; {how}"
    if not source.startswith(("./", "../")):
        return (
            f"module {source!r} is fetched by terraform init, so its resources are not in the "
            f"code under review; {how}"
        )
    if outside:
        return (
            f"its source {source!r} is above the directory under review, so its resources are "
            "not known; check from the repository's root (the directory that holds the module), "
            f"or {how}"
        )
    if itself:
        return f"its source {source!r} is the module's own directory; fix the source"
    if child is None:
        return (
            f"no .tf files at {source!r} in the code under review, so its resources are not "
            "known; fix the source"
        )
    if instances is None:
        meta = "count" if "count" in call else "for_each"
        return f"its {meta} is not known from the code; {how}"
    if depth + 1 > MAX_DEPTH:
        return f"modules nested more than {MAX_DEPTH} deep are not read; {how}"
    return None


def _unread_call(
    address: str,
    call: Mapping[str, Any],
    instances: list[tuple[str, _Context]] | None,
    ctx: _Context,
    why: str,
    site: tuple[str | None, int | None],
    project: str,
) -> list[Resource]:
    """One row per instance of a module call whose resources are not read (one row when how
    many is not known): its source, version and inputs as attributes, so a changed input is a
    changed row, and ``UNREAD_MODULE`` saying why it is not priced."""
    out: list[Resource] = []
    for suffix, ictx in instances if instances is not None else [("", ctx)]:
        unknown: dict[str, str] = {}
        values = _known(
            {k: ictx.eval(v) for k, v in call.items() if k not in _META and k != "providers"},
            "",
            unknown,
        )
        if unknown:
            values = {**values, UNKNOWN_INPUTS: dict(sorted(unknown.items()))}
        out.append(
            Resource(
                address=f"{address}{suffix}",
                source="terraform",
                kind="module",
                provider="terraform",
                attributes={**values, UNREAD_MODULE: why},
                unknown=frozenset(unknown) if unknown else _NONE,
                file=site[0],
                line=site[1],
                project=project,
            )
        )
    return out


def _terragrunt_unit(rel: str, settings: Any, project: str) -> Resource:
    """A Terragrunt unit: one row holding what its terragrunt.hcl sets (a changed input is a
    changed row), unpriced: terragrunt fetches its module and resolves its inputs."""
    blocks = settings.get("terraform") if isinstance(settings, dict) else None
    block = blocks[0] if isinstance(blocks, list) and blocks else {}
    source = _literal(block.get("source")) if isinstance(block, dict) else None
    what = f"its module {source!r}" if isinstance(source, str) else "its module"
    why = (
        f"a Terragrunt unit: terragrunt fetches {what} and resolves its inputs, which the code "
        "alone does not tell; price it from a plan (terragrunt plan -out, then terraform show "
        "-json, then --plan)"
    )
    return Resource(
        address="terragrunt",
        source="terraform",
        kind="terragrunt",
        provider="terraform",
        attributes={**(settings if isinstance(settings, dict) else {}), UNREAD_MODULE: why},
        file=rel,
        line=1,
        project=project,
    )


def _tags(
    values: Mapping[str, Any], unknown: set[str], defaults: Any
) -> tuple[dict[str, str] | None, frozenset[str]]:
    attr = "labels" if "labels" in values and "tags" not in values else "tags"
    own = values.get(attr)
    pending = {p.split(".", 1)[1] for p in unknown if p.startswith(attr + ".")}
    if attr in unknown or hcl_expr.is_unknown(defaults):
        pending.add("*")
    unknown_tags = frozenset(pending) if pending else _NONE
    if (
        not defaults
        and isinstance(own, dict)
        and all(type(k) is str and type(v) is str for k, v in own.items())
    ):
        return own, unknown_tags  # the resource's own map of strings: held once, not copied
    merged = {**(defaults if isinstance(defaults, dict) else {})}
    if isinstance(own, dict):
        merged.update({str(k): str(v) for k, v in own.items() if v is not None})
    return {str(k): str(v) for k, v in merged.items()}, unknown_tags


def _written_references(body: Mapping[str, Any], kind: str) -> dict[str, str]:
    """The expressions written at the arguments a join reads (``cluster = google_container_
    cluster.main.name``), known value or not: a literal name still names its resource."""
    out: dict[str, str] = {}
    for path in link_paths(kind):
        node = at_path(body, path)
        if isinstance(node, list) and len(node) == 1:
            node = node[0]
        if isinstance(node, str) and "${" in node:
            out[path] = node
    return out


def _joined_region(r: Resource) -> Resource:
    """A GKE node pool in its cluster's location, an AKS node pool or SQL database in its
    parent's, once the join has found the parent."""
    if LINK_KEY not in r.attributes or r.provider not in ("azurerm", "google", "google-beta"):
        return r
    region = own_region(r.provider, r.attributes)
    if region is None or region == r.region:
        return r
    attrs = {k: v for k, v in r.attributes.items() if k != _NO_REGION}
    return dataclasses.replace(r, region=region, attributes=attrs)
