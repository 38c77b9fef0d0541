"""Helm charts and kustomize overlays: rendered with their own tools when installed.

A directory with ``Chart.yaml`` is a chart (``helm template``); one with ``kustomization.yaml``
is an overlay (``kustomize build``, or ``kubectl kustomize``), rendered only when no other
overlay in the tree builds on it. Without the tool, or when the tool fails on it (a values or
``.env`` file generated at deploy time, a dependency not vendored) or takes too long, the chart
or overlay becomes an ``unsupported`` resource that says so, never a silent skip: its cost is
unknown, and ``tree.unreadable_verdict`` fails the check if the base rendered objects from it.
Remote kustomize bases are not fetched: the check stays offline.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from finops_gate.errors import InputError
from finops_gate.model import Resource
from finops_gate.sources.k8s_yaml import Doc, load_docs
from finops_gate.sources.tree import RENDERED_SUFFIX, Tree, glob_match

KUSTOMIZATION_NAMES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
RENDER_TIMEOUT_SECONDS = 120
# what a chart or overlay may render (kube-prometheus-stack with its CRDs is about 8 MiB): the
# tool writes to a file capped at this size (``ulimit -f``), so a chart that loops or an overlay
# holding a 1 GB file costs neither memory nor disk
MAX_RENDERED_BYTES = 32 * 1024 * 1024
# klog's prefix on kubectl's errors ("E1201 18:26:14.704001    8756 run.go:72] "): a time and a
# process id, different on each side, so not part of the reason
_KLOG_PREFIX = re.compile(r"^[IWEF]\d{4} [\d:.]+\s+\d+ [\w.-]+:\d+\] ")


@dataclass(frozen=True, slots=True)
class Renderable:
    """The Helm charts and kustomize overlays of a tree, and what cannot be rendered."""

    dirs: tuple[str, ...] = ()  # every chart / overlay directory (their files are not read raw)
    charts: tuple[str, ...] = ()
    overlays: tuple[str, ...] = ()  # top-level overlays only
    unrendered: tuple[Resource, ...] = field(default=())
    # each overlay's directory and the local bases it builds on: their files are what it holds
    chains: dict[str, tuple[str, ...]] = field(default_factory=dict)


def find_renderable(
    tree: Tree, only: list[str] | None = None, overlays: list[str] | None = None
) -> Renderable:
    """Charts and overlays in the tree; with ``only`` (files matched by
    ``sources.kubernetes.paths``), just those holding one of these files; with ``overlays``
    (``sources.kubernetes.overlays`` globs), just the overlays they name.

    A ``kind: Component`` is never built on its own (overlays pull it in). A remote base
    anywhere in an overlay's chain makes the overlay "not rendered", naming that base."""
    files = tree.files()
    charts = sorted({posixpath.dirname(f) or "." for f in files if _base(f) == "Chart.yaml"})
    kdirs = sorted({posixpath.dirname(f) or "." for f in files if _base(f) in KUSTOMIZATION_NAMES})
    if not charts and not kdirs:
        return Renderable()
    # a chart inside another chart's charts/ folder is a dependency, rendered by its parent
    top_charts = [c for c in charts if not any(c.startswith(f"{o}/") for o in charts if o != c)]
    used: set[str] = set()
    local: dict[str, list[str]] = {}
    remote: dict[str, str] = {}
    components: set[str] = set()
    for d in kdirs:
        kind, refs = _kustomization(tree, d)
        if kind == "Component":
            components.add(d)
        for ref in refs:
            if "://" in ref or ref.startswith(
                ("github.com/", "git@", "gitlab.com/", "bitbucket.org/")
            ):
                remote.setdefault(d, ref)
            else:
                target = posixpath.normpath(posixpath.join(d, ref))
                used.add(target)
                local.setdefault(d, []).append(target)
    top = [d for d in kdirs if d not in used and d not in components]
    if overlays:
        top = [d for d in top if any(glob_match(d, g) for g in overlays)]
    if only is not None:
        top_charts = [d for d in top_charts if _holds(d, only)]
        top = [d for d in top if _holds(d, only)]
    unrendered: list[Resource] = []
    helm = shutil.which("helm")

    def held(*dirs: str) -> str:
        return content_digest(tree, files, dirs)

    if helm is None:
        unrendered += [
            unrendered_row("HelmChart", c, "helm is not installed", held(c)) for c in top_charts
        ]
    if _kustomize_cmd() is None:
        why = "neither kustomize nor kubectl is installed"
        unrendered += [
            unrendered_row("Kustomization", d, why, held(*_chain(d, local))) for d in top
        ]
    else:
        for d in list(top):
            found = _remote_in_chain(d, local, remote)
            if found is not None:
                top.remove(d)
                via, ref = found
                where = "" if via == d else f" (through {via})"
                why = f"remote base {ref}{where} is not fetched: the check stays offline"
                unrendered.append(unrendered_row("Kustomization", d, why, held(*_chain(d, local))))
    return Renderable(
        dirs=tuple(sorted({*charts, *kdirs})),
        charts=tuple(top_charts) if helm else (),
        overlays=tuple(top) if _kustomize_cmd() else (),
        unrendered=tuple(unrendered),
        chains={d: tuple(_chain(d, local)) for d in top},
    )


def _chain(start: str, local: dict[str, list[str]]) -> list[str]:
    """``start`` and the local bases it builds on, transitively."""
    seen: list[str] = []
    stack = [start]
    while stack:
        d = stack.pop()
        if d not in seen:
            seen.append(d)
            stack.extend(local.get(d, []))
    return seen


def content_digest(tree: Tree, files: list[str], dirs: tuple[str, ...]) -> str:
    """A digest of the names and bytes of the files below ``dirs``: an unrendered chart or
    overlay whose files changed is a changed row (its cost unknown), never "no changes"."""
    digest = hashlib.sha256()
    prefixes = tuple("" if d == "." else f"{d}/" for d in dirs)
    for rel in files:
        if rel.startswith(prefixes):
            try:
                data = tree.read_bytes(rel)
            except InputError as exc:  # (the tree records why; the digest says it changed)
                data = f"unreadable: {exc}".encode()
            digest.update(rel.encode("utf-8", "surrogatepass") + b"\0")
            digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def _remote_in_chain(
    start: str, local: dict[str, list[str]], remote: dict[str, str]
) -> tuple[str, str] | None:
    """(directory, remote ref) of the first remote base reachable from ``start``."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        d = stack.pop()
        if d in seen:
            continue
        seen.add(d)
        if d in remote:
            return d, remote[d]
        stack.extend(sorted(local.get(d, []), reverse=True))
    return None


def render_all(tree: Tree, what: Renderable) -> Iterator[tuple[str, list[Doc]] | Resource]:
    """(label, documents) for each chart and overlay, rendered in the tree's root; a chart or
    overlay its tool fails on, or renders too slowly, is an unrendered resource instead."""
    helm = shutil.which("helm")
    files = tree.files()
    for chart in what.charts:
        assert helm is not None
        name = posixpath.basename(chart) if chart != "." else "release"
        cmd = [helm, "template", _release(name), chart]
        failed = _render(tree, chart, cmd, "helm template")
        if isinstance(failed, str):
            tree.failed_renders[chart] = failed
            yield unrendered_row("HelmChart", chart, failed, content_digest(tree, files, (chart,)))
        else:
            yield failed
    kustomize = _kustomize_cmd()
    for overlay in what.overlays:
        assert kustomize is not None
        tool = f"{posixpath.basename(kustomize[0])} {kustomize[1]}"
        failed = _render(tree, overlay, [*kustomize, overlay], tool)
        if isinstance(failed, str):
            tree.failed_renders[overlay] = failed
            held = content_digest(tree, files, what.chains.get(overlay, (overlay,)))
            yield unrendered_row("Kustomization", overlay, failed, held)
        else:
            yield failed


def is_rendered_label(rel: str) -> bool:
    return rel.endswith(RENDERED_SUFFIX)


def _render(tree: Tree, directory: str, cmd: list[str], tool: str) -> tuple[str, list[Doc]] | str:
    """(label, documents), or why the tool could not render ``directory``."""
    label = f"{directory}{RENDERED_SUFFIX}"
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        try:
            code = subprocess.run(
                _capped(cmd),
                cwd=tree.root,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                timeout=RENDER_TIMEOUT_SECONDS,
                check=False,
            ).returncode
        except subprocess.TimeoutExpired:
            return f"{tool} took more than {RENDER_TIMEOUT_SECONDS}s"
        if out.seek(0, os.SEEK_END) >= MAX_RENDERED_BYTES:
            return f"{tool} rendered more than {MAX_RENDERED_BYTES >> 20} MiB"
        if code != 0:
            err.seek(0)
            why = _first_error(err.read(20_000).decode("utf-8", "replace"), tree)
            return f"{tool} failed: {why}; fix it, or leave it out with sources.kubernetes.overlays"
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    try:
        return label, load_docs(text, label)
    except InputError as exc:  # what the tool wrote is no YAML (a template's own error)
        return f"{tool} wrote {str(exc).removeprefix(label).lstrip(': ')}"


def _capped(cmd: list[str]) -> list[str]:
    """``cmd`` run with its output files capped at MAX_RENDERED_BYTES (POSIX ``ulimit -f``,
    in 512-byte blocks), where a shell is there to set it."""
    sh = shutil.which("sh") if os.name == "posix" else None
    if sh is None:
        return cmd
    blocks = MAX_RENDERED_BYTES // 512 + 1
    return [sh, "-c", f'ulimit -f {blocks} 2>/dev/null; exec "$@"', "sh", *cmd]


def _first_error(stderr: str, tree: Tree) -> str:
    """The tool's first error line, the same for the same failure on either side: without the
    side's temporary directory nor kubectl's time and process id."""
    lines = [line.strip() for line in stderr[:20_000].splitlines() if line.strip()]
    # kubectl writes a multi-line error as 'err=<', its lines, then '>': joined into one
    first = " ".join(lines[:6]) if lines and lines[0].endswith("=<") else (lines or [""])[0]
    first = _KLOG_PREFIX.sub("", first) or "no error output"
    for root in {str(tree.root), os.path.realpath(tree.root)}:
        first = first.replace(root + os.sep, "").replace(root, ".")
    return first[:300]


def _kustomize_cmd() -> list[str] | None:
    kustomize = shutil.which("kustomize")
    if kustomize is not None:
        return [kustomize, "build"]
    kubectl = shutil.which("kubectl")
    return [kubectl, "kustomize"] if kubectl is not None else None


def _kustomization(tree: Tree, directory: str) -> tuple[str | None, list[str]]:
    """(kind, the bases/resources/components it refers to) of a kustomization file."""
    for name in KUSTOMIZATION_NAMES:
        rel = name if directory == "." else f"{directory}/{name}"
        try:
            text = tree.read_text(rel)
        except InputError:
            continue
        try:  # bounded like a manifest: a hostile kustomization cannot nest or alias-bomb
            docs = load_docs(text, rel) if len(text) < 1_000_000 else []
        except InputError:
            return None, []
        data = docs[0].obj if docs else None
        refs: list[str] = []
        for key in ("resources", "bases", "components"):
            items = data.get(key) if isinstance(data, dict) else None
            refs += [i for i in items if isinstance(i, str)] if isinstance(items, list) else []
        kind = data.get("kind") if isinstance(data, dict) else None
        return (kind if isinstance(kind, str) else None), refs
    return None, []


def unrendered_row(kind: str, directory: str, why: str, content: str) -> Resource:
    return Resource(
        address=f"{kind}/{directory}",
        source="kubernetes",
        kind=kind,
        provider="kubernetes",
        attributes={"not_rendered": why, "sha256": content},
        file=directory,
    )


def _release(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c == "-" else "-" for c in name.lower()).strip("-")
    return cleaned[:53] or "release"


def _holds(directory: str, files: list[str]) -> bool:
    prefix = "" if directory == "." else f"{directory}/"
    return any(f.startswith(prefix) for f in files)


def _base(rel: str) -> str:
    return posixpath.basename(rel)
