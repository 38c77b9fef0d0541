"""What a change touches: the changed files and what each one's project needs to be priced.

A check compares only the projects a change touches; everything else is the same on both sides
and is neither read nor priced again. ``closure`` widens the changed files to their projects:

- Terraform: the whole directory of a changed ``.tf``/``.tfvars``/``terragrunt.hcl`` file (or
  of a ``.tf`` file that names a changed file: what ``file()`` reads), every
  directory whose module calls it (transitively: the roots that use a changed local module),
  and every local module those call; a changed shared Terragrunt file (``root.hcl``,
  ``env.hcl``, ``_envcommon/mysql.hcl``) brings every unit below its directory and every unit
  whose ``terragrunt.hcl`` names it;
- Kubernetes: a changed manifest, plus the manifests that other objects' results depend on
  (Namespaces and their labels, HorizontalPodAutoscalers, other copies of a changed object's
  name); a chart or kustomization (with its bases and components) whose files changed, whole;
- Jsonnet: when a Jsonnet file changes, or a changed file's name is in one (an ``importstr``),
  every Jsonnet file (a row covers its directory and what its files import, by path or through
  a library directory such as ``lib/`` or ``vendor/``);
- model settings: a changed config or code file; when a lock file changes, every Python file
  that may call a model client (their unpinned defaults follow the client's version);
- symlinks always (what they point to may have changed while the link did not).

Over-including is always safe (an unchanged file reads the same on both sides); leaving out a
file a changed project reads is not, so every rule errs on the side of reading more.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from finops_gate.sources.model_locks import lock_file

# (and a Terragrunt unit's terragrunt.hcl, which terraform_hcl lists unpriced: over-including a
# file named like it is safe)
_TF = (".tf", ".tf.json", ".tfvars", ".tfvars.json", "terragrunt.hcl")
# k8s_render.KUSTOMIZATION_NAMES (a test holds them equal): that module, and YAML, are imported
# only when a kustomization or a manifest is in the change
KUSTOMIZATION_NAMES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
_MANIFEST = (".yaml", ".yml", ".json")
# a local module call, in native syntax (source = "./x") or JSON ("source": "../x"); the same
# text is an extended regex for ``git grep -E`` and a Python one (tabs written as tabs)
TF_SOURCE = 'source"?[ \t]*[=:][ \t]*"[.][.]?/[^"]*"'
_TF_SOURCE = re.compile(TF_SOURCE)
_TF_TARGET = re.compile(r'"([.][.]?/[^"]*)"')
# objects whose effect reaches other files' objects: a Namespace's labels, an HPA's replicas,
# a LimitRange's default requests for the containers of its namespace that set none
K8S_GLOBAL = 'HorizontalPodAutoscaler|LimitRange|kind"?[ \t]*:[ \t]*"?Namespace([^A-Za-z]|$)'
_K8S_GLOBAL = re.compile(K8S_GLOBAL, re.MULTILINE)
_K8S_NAME = re.compile(r"""(?m)\bname"?[ \t]*:[ \t]*["']?([A-Za-z0-9][-A-Za-z0-9_.]{2,252})""")
# what makes a Python file worth reading for model sites (model_code.wanted's markers)
PY_MARKERS = ("model", "Model", "MODEL", "llm", "LLM", "engine")
# an escape that can spell a letter of a key: JSON \\uXXXX, YAML \\xXX / \\uXXXX / \\UXXXXXXXX, or a
# YAML line continuation (a backslash before the line break in a double-quoted scalar: a quote
# earlier on the line, so a shell continuation in a CI file's run: block does not count)
_LETTER_ESCAPE = re.compile(r'\\[uUx][0-9A-Fa-f]|"[^\n]*\\\r?\n')


def may_hold_objects(text: str) -> bool:
    """A cheap pre-filter that never skips a Kubernetes object: ``apiVersion`` and ``kind``
    are written out, or an escape in the text could spell them (``"\\u006bind"`` is the key
    ``kind`` to every JSON and YAML reader, so such a file is parsed, not grepped)."""
    if "apiVersion" in text and "kind" in text:
        return True
    return "\\" in text and _LETTER_ESCAPE.search(text) is not None


class Sides(Protocol):
    """Both sides of a change, as the scope needs them (git mode or two directories)."""

    def files(self, side: str) -> frozenset[str]:
        """Every file of ``side`` ("base" or "head"), relative to the root."""
        ...

    def changed(self) -> frozenset[str]:
        """The files whose bytes (or kind) differ between the sides, added or deleted too."""
        ...

    def symlinks(self) -> frozenset[str]:
        """Files that are symlinks on either side."""
        ...

    def read(self, side: str, rels: Iterable[str]) -> dict[str, bytes]:
        """The bytes of ``rels`` on ``side``; files absent or not readable there are left out."""
        ...

    def grep(
        self, pattern: str, suffixes: Sequence[str], *, fixed: Sequence[str] = ()
    ) -> dict[str, list[str]]:
        """Files with ``suffixes`` that match ``pattern`` (or contain one of the ``fixed``
        strings), with the matching texts; at least every unchanged file that matches."""
        ...


@dataclass(frozen=True, slots=True)
class Scope:
    """The files each side reads, and what was left out (for the report's note)."""

    files: frozenset[str]
    changed: int
    total: int
    skipped_dirs: int = 0  # Terraform directories (modules, roots) left unread
    skipped_files: int = 0  # other files a source could read (manifests, configs, code)
    # Terraform directories read that a directory left unread calls as a module (the same on
    # both sides): not roots, although no directory read calls them on a side
    called_unread: frozenset[str] = frozenset()


def closure(sides: Sides, *, k8s_suffixes: Sequence[str] = _MANIFEST) -> Scope:
    """The files to read on each side so that every project the change touches is whole."""
    changed = sides.changed()
    base, head = sides.files("base"), sides.files("head")
    everything = base | head
    need: set[str] = set(changed) | set(sides.symlinks())
    texts = {
        side: _decoded(sides.read(side, sorted(changed & files)))
        for side, files in (("base", base), ("head", head))
    }
    tf_files, called_unread = _terraform(sides, changed, everything, texts)
    need |= tf_files
    need |= _manifests(sides, changed, texts, k8s_suffixes)
    need |= _models(sides, changed, everything)
    need |= _jsonnet(sides, changed, everything)
    # last: a chart or overlay any other rule reads a file of is read whole, or its tool would
    # render the whole of it from the head's checkout and a part of it from the base's export
    need |= _renderable(sides, frozenset(need), everything, texts)
    files = frozenset(need & everything)
    unread = everything - files
    tf_dirs = {_dir(rel) for rel in unread if rel.endswith(_TF)}
    tf_dirs -= {_dir(rel) for rel in files if rel.endswith(_TF)}
    others = sum(1 for rel in unread if rel.endswith(_SOURCE_FILES) and not rel.endswith(_TF))
    return Scope(files, len(changed), len(everything), len(tf_dirs), others, called_unread)


_SOURCE_FILES = (*_TF, *_MANIFEST, ".toml", ".env", ".py", ".jsonnet", ".libsonnet")


def describe(scope: Scope) -> str:
    """The report's note: what was read, what was left out and what that means for totals."""
    unread = scope.total - len(scope.files)
    what = []
    if scope.skipped_dirs:
        dirs = "directory" if scope.skipped_dirs == 1 else "directories"
        what.append(f"{scope.skipped_dirs} Terraform {dirs}")
    if scope.skipped_files:
        what.append(f"{scope.skipped_files} manifest, config or code files")
    held = f" ({', '.join(what)})" if what else ""
    return (
        f"read {len(scope.files)} of {scope.total} files on each side, the projects of the "
        f"{scope.changed} changed; {unread} unchanged not read nor priced again{held}: totals "
        "cover the changed projects (--all-resources and budgets read every file, "
        "approval.percent_increase when the increase is over it against these projects)"
    )


def _decoded(raw: Mapping[str, bytes]) -> dict[str, str]:
    return {rel: data.decode("utf-8", "replace") for rel, data in raw.items()}


def _dir(rel: str) -> str:
    return posixpath.dirname(rel)


def _in_dirs(everything: Iterable[str], dirs: set[str]) -> set[str]:
    """The files directly inside ``dirs`` (a module's files; not its subdirectories)."""
    return {rel for rel in everything if _dir(rel) in dirs}


def _under(everything: Iterable[str], dirs: Iterable[str]) -> set[str]:
    """The files anywhere below ``dirs`` ("" is the root)."""
    prefixes = tuple("" if d in ("", ".") else f"{d}/" for d in dirs)
    if not prefixes:
        return set()
    return {rel for rel in everything if rel.startswith(prefixes)}


def _join(directory: str, ref: str) -> str:
    joined = posixpath.normpath(posixpath.join(directory, ref))
    return "" if joined == "." else joined


def _terraform(
    sides: Sides,
    changed: frozenset[str],
    everything: frozenset[str],
    texts: Mapping[str, Mapping[str, str]],
) -> tuple[set[str], frozenset[str]]:
    """The files of the Terraform directories the change touches, and those of them a
    directory left unread calls (``Scope.called_unread``)."""
    tf_dirs = {_dir(rel) for rel in everything if rel.endswith((".tf", ".tf.json"))}
    touched = {_dir(rel) for rel in changed if rel.endswith(_TF)}
    # a variable file below a root, in a directory without .tf files (envs/prod.tfvars), is
    # that root's input (``terraform_hcl._var_files``)
    touched |= {_owner(rel, tf_dirs) for rel in changed if rel.endswith(_TFVARS)} & tf_dirs
    reading = _reading_files(sides, changed)
    touched |= {_dir(rel) for rel in reading if rel.endswith((".tf", ".tf.json", "terragrunt.hcl"))}
    # a shared Terragrunt file that reads a changed file (``yamldecode(file(...))``) reaches
    # the units a change of its own would: it is read with them, they hold its digest; so
    # does a symlinked shared file (what it points to may have changed, and the units that may
    # read it are where a link out of the tree is refused: never a silent pass)
    named = {rel for rel in reading if rel.endswith(".hcl") and not rel.endswith(_TF)}
    touched |= _terragrunt_units(sides, changed | sides.symlinks() | named, everything)
    if not touched:
        return set(), frozenset()
    calls: dict[str, set[str]] = {}  # directory -> local module directories it calls
    found = sides.grep(TF_SOURCE, (".tf", ".tf.json"))
    for side_texts in texts.values():
        for rel, text in side_texts.items():
            if rel.endswith((".tf", ".tf.json")):
                found.setdefault(rel, []).extend(m.group(0) for m in _TF_SOURCE.finditer(text))
    for rel, matches in found.items():
        for match in matches:
            called = _TF_TARGET.search(match)
            if called is not None:
                calls.setdefault(_dir(rel), set()).add(_join(_dir(rel), called.group(1)))
    callers: dict[str, set[str]] = {}
    for caller, targets in calls.items():
        for target in targets:
            callers.setdefault(target, set()).add(caller)
    roots = _reach(touched, callers)  # every directory that uses a touched one, and itself
    dirs = _reach(roots, calls)  # and everything those call
    # a module the change reaches that an unread (so unchanged) directory calls: on a side
    # where no directory read calls it (the call that reached it was removed, or is new), it
    # is still a module, not a root whose resources would count on that side only
    called_unread = frozenset(
        target
        for caller, targets in calls.items()
        if caller not in dirs
        for target in targets
        if target in dirs
    )
    var_files = {
        rel for rel in everything if rel.endswith(_TFVARS) and _owner(rel, tf_dirs) in dirs
    }
    files = _in_dirs(everything, dirs)
    return files | var_files | named | _named_files(sides, files, everything), called_unread


# the path a file function reads, as written: file("${path.module}/../config/sizes.json")
_FILE_CALL = re.compile(r'\b(?:file|fileexists|templatefile|filebase64)\s*\(\s*"((?:[^"\\]|\\.)*)"')


def _named_files(sides: Sides, files: set[str], everything: frozenset[str]) -> set[str]:
    """The files the ``.tf`` files read name in a file function: both sides must read the same
    ones, or a value would be known on one side only. A path written out (``"${path.module}/
    values.yaml"``, ``"config/sizes.json"``) is that file; one built from variables, the files
    of that base name when there are few (a common name, ``values.yaml``, would bring every
    chart of a monorepo: then none, and ``file()`` is unknown on both sides)."""
    code = sorted(rel for rel in files if rel.endswith((".tf", ".tf.json")))
    wanted: set[str] = set()
    loose: set[str] = set()
    for side in ("base", "head"):
        for rel, text in _decoded(sides.read(side, code)).items():
            here = _dir(rel)
            for m in _FILE_CALL.finditer(text):
                written = m.group(1)
                path = written
                for ref in ("${path.module}", "${path.root}", "${path.cwd}"):
                    path = path.replace(ref, here or ".")
                if "${" in path:
                    loose.add(posixpath.basename(path))
                    continue
                joined = posixpath.normpath(path if path != written else _join(here, path))
                wanted.add("" if joined == "." else joined)
    out = wanted & everything
    if loose - {""}:
        by_name: dict[str, list[str]] = {}
        for rel in everything:
            name = posixpath.basename(rel)
            if name in loose:
                by_name.setdefault(name, []).append(rel)
        out.update(r for found in by_name.values() if len(found) <= _MAX_LOOSE for r in found)
    return out


_MAX_LOOSE = 5  # files of one base name a path built from variables may stand for


_TFVARS = (".tfvars", ".tfvars.json")


def _owner(rel: str, tf_dirs: set[str]) -> str:
    """The nearest directory with ``.tf`` files at or above ``rel``'s ("" if none)."""
    d = _dir(rel)
    while d and d not in tf_dirs:
        d = _dir(d)
    return d


def _terragrunt_units(
    sides: Sides, changed: frozenset[str], everything: frozenset[str]
) -> set[str]:
    """The directories of the Terragrunt units a changed shared ``.hcl`` file may be read by
    (``find_in_parent_folders`` finds it from any unit below its directory; an include or
    ``read_terragrunt_config`` names it): their rows hold its digest, so they change with it."""
    shared = sorted(rel for rel in changed if rel.endswith(".hcl") and not rel.endswith(_TF))
    if not shared:
        return set()
    units = {_dir(rel) for rel in everything if posixpath.basename(rel) == "terragrunt.hcl"}
    out: set[str] = set()
    for rel in shared:
        top = _dir(rel)
        out |= {u for u in units if not top or u == top or u.startswith(top + "/")}
    names = sorted({posixpath.basename(rel) for rel in shared})
    named = sides.grep(NEVER, ("terragrunt.hcl",), fixed=names)
    return out | {_dir(rel) for rel in named if _dir(rel) in units}


# a pattern that matches nothing: ``Sides.grep`` then looks for its fixed names alone (as
# words, however many: a pull request that changes thousands of files hides none of them)
NEVER = "a^"


def _reading_files(sides: Sides, changed: frozenset[str]) -> dict[str, list[str]]:
    """The ``.tf`` and ``.hcl`` files that name a changed file that is no Terraform code (a
    ``file()``, ``templatefile()`` or ``jsondecode(file())`` input: ``sizes.json``), with the
    names they hold."""
    names = sorted({posixpath.basename(rel) for rel in changed if not rel.endswith(_TF)})
    if not names:
        return {}
    return sides.grep(NEVER, (".tf", ".tf.json", ".hcl"), fixed=names)


def _reach(start: Iterable[str], edges: Mapping[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    stack = list(start)
    while stack:
        d = stack.pop()
        if d not in seen:
            seen.add(d)
            stack.extend(edges.get(d, ()))
    return seen


def _renderable(
    sides: Sides,
    touched: frozenset[str],
    everything: frozenset[str],
    texts: Mapping[str, Mapping[str, str]],
) -> set[str]:
    """Charts and kustomizations are rendered whole: any file read below one (changed, or
    read for another reason; or below a base or component it pulls in) brings in all of it
    and of what it pulls in."""
    # endswith first: one C call per file of a large tree, the name split only for candidates
    charts = {
        _dir(rel)
        for rel in everything
        if rel.endswith("Chart.yaml") and posixpath.basename(rel) == "Chart.yaml"
    }
    kfiles = sorted(
        rel
        for rel in everything
        if rel.endswith(KUSTOMIZATION_NAMES) and posixpath.basename(rel) in KUSTOMIZATION_NAMES
    )
    if not charts and not kfiles:
        return set()
    refs: dict[str, set[str]] = {}
    for side in ("base", "head"):
        unchanged = [rel for rel in kfiles if rel not in texts[side]]
        raw = _decoded(sides.read(side, unchanged))
        for rel, text in (*raw.items(), *((r, t) for r, t in texts[side].items() if r in kfiles)):
            d = _dir(rel)
            refs.setdefault(d, set()).update(_join(d, ref) for ref in _kustomize_refs(text))
    hit: set[str] = set()  # every file read and each directory above one ("" the root)
    for rel in touched:
        while rel not in hit:
            hit.add(rel)
            if not rel:
                break
            rel = _dir(rel)
    out: set[str] = set()
    for top in sorted(charts | set(refs)):
        reached = _reach([top], refs)  # directories and single files it pulls in
        if not reached.isdisjoint(hit):
            out |= _under(everything, reached) | (reached & everything)
    return out


def _kustomize_refs(text: str) -> list[str]:
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return []
    out: list[str] = []
    for key in ("resources", "bases", "components"):
        items = data.get(key) if isinstance(data, dict) else None
        for item in items if isinstance(items, list) else ():
            if isinstance(item, str) and "://" not in item and not item.startswith("/"):
                out.append(item)
    return out


def _manifests(
    sides: Sides,
    changed: frozenset[str],
    texts: Mapping[str, Mapping[str, str]],
    suffixes: Sequence[str],
) -> set[str]:
    # a changed YAML or JSON file that holds no object on either side (a CI workflow, an API
    # response recorded for a test) acts on no manifest: the tree's HPAs and namespaces are not
    # read for it
    touched = [
        rel
        for rel in changed
        if rel.endswith(tuple(suffixes))
        and any(may_hold_objects(side_texts.get(rel, "")) for side_texts in texts.values())
    ]
    if not touched:
        return set()
    names: set[str] = set()
    for side_texts in texts.values():
        for rel in touched:
            names.update(_object_names(side_texts.get(rel, "")))
    return set(sides.grep(K8S_GLOBAL, suffixes, fixed=sorted(names)))


def _object_names(text: str) -> set[str]:
    """The names a manifest's objects have or point at (metadata.name, an HPA's target): other
    files that mention one may define the same object or act on it. Text that is no YAML
    gives every ``name:`` value (more files read, never fewer)."""
    import yaml

    try:
        docs = list(yaml.load_all(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except (yaml.YAMLError, RecursionError):
        return {m.group(1) for m in _K8S_NAME.finditer(text)}
    names: set[str] = set()
    for doc in docs:
        for path in (("metadata", "name"), ("spec", "scaleTargetRef", "name")):
            value: object = doc
            for key in path:
                value = value.get(key) if isinstance(value, dict) else None
            if isinstance(value, str) and value:
                names.add(value)
        if isinstance(doc, dict) and doc.get("kind") == "LimitRange":
            # its defaults reach every workload of its namespace (without one: of any)
            namespace = (
                doc.get("metadata", {}).get("namespace")
                if isinstance(doc.get("metadata"), dict)
                else None
            )
            names.add(namespace if isinstance(namespace, str) and namespace else "apiVersion")
    return names


JSONNET = (".jsonnet", ".libsonnet")
# import "x", importstr 'x', importbin @'x': Jsonnet takes only a literal string there
_JSONNET_IMPORT = re.compile(r"""\bimport(?:str|bin)?\s*@?(["'])((?:(?!\1).)+)\1""")
_MAX_IMPORTS = 100_000  # import strings resolved in one tree (a bound, hostile input)


def by_name(files: Iterable[str]) -> dict[str, list[str]]:
    """``files`` by their base name (what ``JsonnetImports`` looks an import up in)."""
    out: dict[str, list[str]] = {}
    for rel in files:
        out.setdefault(posixpath.basename(rel), []).append(rel)
    return out


class JsonnetImports:
    """What Jsonnet files import, among ``files`` (by base name): each file's imports are
    resolved once (``text_of`` gives its text, "" when it cannot), whatever number of rows
    reach it. A path is tried beside the importing file and, as a library path (``-J lib``,
    ``vendor/``) would find it, as the end of any file's path: every match counts (reading more
    is safe, missing one is not). At most ``_MAX_IMPORTS`` import strings in all."""

    def __init__(self, text_of: Callable[[str], str], files: Mapping[str, list[str]]) -> None:
        self.text_of, self.files = text_of, files
        self.edges: dict[str, tuple[str, ...]] = {}
        self.budget = _MAX_IMPORTS

    def closure(self, start: Iterable[str]) -> set[str]:
        """The files ``start`` imports, transitively through the Jsonnet ones; every Jsonnet
        file once the budget is spent (a pull request that writes 100,000 imports must not hide
        a library's change: more rows change, none is missed)."""
        out: set[str] = set()
        stack = list(start)
        while stack:
            for f in self._direct(stack.pop()):
                if f not in out:
                    out.add(f)
                    stack.append(f)
        if self.budget < 0:
            out.update(f for found in self.files.values() for f in found if f.endswith(JSONNET))
        return out

    def _direct(self, rel: str) -> tuple[str, ...]:
        found = self.edges.get(rel)
        if found is not None:
            return found
        out: list[str] = []
        text = self.text_of(rel) if rel.endswith(JSONNET) else ""
        for match in _JSONNET_IMPORT.finditer(text):
            self.budget -= 1
            if self.budget < 0:
                break
            name = posixpath.normpath(match.group(2))
            if name.startswith("/"):
                continue
            exact = (_join(_dir(rel), match.group(2)), name)
            library = not name.startswith("..")
            out.extend(
                f
                for f in self.files.get(posixpath.basename(name), ())
                if f in exact or (library and f.endswith("/" + name))
            )
        self.edges[rel] = found = tuple(dict.fromkeys(out))
        return found


def _jsonnet(sides: Sides, changed: frozenset[str], everything: frozenset[str]) -> set[str]:
    jsonnet = {rel for rel in everything if rel.endswith(JSONNET)}
    if not jsonnet:
        return set()
    if not changed & jsonnet:
        names = sorted({posixpath.basename(rel) for rel in changed})
        if not names or not sides.grep(NEVER, JSONNET, fixed=names):
            return set()
    return jsonnet


def _models(sides: Sides, changed: frozenset[str], everything: frozenset[str]) -> set[str]:
    locks = {rel for rel in everything if lock_file(rel)}
    if not locks & changed:
        return locks
    pattern = "|".join(PY_MARKERS)
    return locks | set(sides.grep(pattern, (".py",)))
