"""Use cases as plain functions: every one end to end, with no click and no environment.

``check``        inputs (plans, base/head trees) -> changes -> prices -> policies -> Report.
                 Pure: files and a price date in, ``Report`` out; no environment, no sockets.
``run_check``    the ``finops-gate check`` use case, in a pull request or not: resolve the SHAs,
                 decide the gate config once (``gate.gate_config``: from the BASE), collect the
                 platform's approvals through the ``Publisher``, build the policy context, run
                 ``check``, publish (``--post``), write the job summary. Returns the final JSON
                 report and the lines to log; the CLI prints them and maps the exit code.
``run_comment``  ``finops-gate comment``: a saved report rendered or published.

The CI context (``ci.PullRequestContext``) and today's date come in as values: ``ci.py`` is the
only reader of CI environment variables and the CLI reads the clock.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from finops_gate.catalogs.store import CatalogDir, CatalogSet
from finops_gate.ci import PullRequestContext
from finops_gate.config import CONFIG_NAME, Settings, load_settings
from finops_gate.currency import USD, Rate
from finops_gate.errors import ConfigError, PublishError, UsageError
from finops_gate.frozen import frozen
from finops_gate.gate import GateConfig, gate_config
from finops_gate.model import CostDelta, CurrencyUse, Report, Resource, ResourceChange
from finops_gate.sources.terraform_plan import read_plan, region_defaults

if TYPE_CHECKING:
    from finops_gate.policies import PolicyContext, PolicyOutcome
    from finops_gate.publish.approvals import PlatformApprovals
    from finops_gate.report.document import Document
    from finops_gate.sources.tree import Tree

_T = TypeVar("_T")

# The requests and results of the use cases below are carriers, never compared or hashed:
# ``eq=False`` spares generating __eq__ and __hash__ for each (about a fifth of what building a
# frozen dataclass costs, on every start of the CLI); equality, where asked, is identity.


@frozen(eq=False)
class CheckRequest:
    """What to compare. Trees: ``base``/``head`` dirs, or ``base_ref`` (head = ``root``)."""

    root: Path = Path(".")
    plans: tuple[Path, ...] = ()
    base: Path | None = None
    head: Path | None = None
    base_ref: str | None = None
    config: Path | None = None
    options: dict[str, Any] = field(default_factory=dict)
    # the price date: --as-of, else pricing.as_of, else ``today`` (the CLI passes the UTC date;
    # the core never reads the clock). None throughout: the newest catalogs and prices.
    as_of: date | None = None
    today: date | None = None
    catalog_dirs: tuple[Path, ...] = ()  # --catalog-dir, over pricing.catalog_dirs


@frozen(eq=False)
class _Sides:
    """The two trees a check compares (None for a plan-only run) and what reading them noted."""

    base: Tree | None
    head: Tree | None
    notes: tuple[str, ...] = ()


def check(
    request: CheckRequest,
    *,
    gate: GateConfig | None = None,
    context: PolicyContext | None = None,
    as_shown: bool = False,
) -> Report:
    """Run the whole gate and return the Report (the caller renders it and picks the exit code).
    ``gate``: the config decided by ``gate.gate_config`` (decided here when not given).
    ``as_shown``: the report's resources hold what the report shows of them, not what the
    pricing and the policies read (``_as_shown``: for a caller that only renders the report).

    A tree check reads the projects the change touches, unless a policy needs every resource
    (``_whole_tree``). ``approval.percent_increase`` needs the whole base total only when the
    increase is over the limit against the changed projects' own base total (the whole one is
    at least as large, so under the limit there is under it everywhere): then, and only then,
    the check runs again over every file."""
    if (request.base is None) != (request.head is None):
        raise UsageError("--base and --head go together; pass both directories")
    if request.base_ref is not None and request.base is not None:
        raise UsageError("use either --base-ref or --base/--head, not both")
    if gate is None:
        gate = gate_config_of(request)
    whole = _whole_tree(gate.settings, context or request.options.get("policy_context"))
    report = _check(request, gate, context, whole=whole, as_shown=as_shown)
    if isinstance(report, _Wider):
        report = _check(request, gate, context, whole=report.reason, as_shown=as_shown)
    assert isinstance(report, Report)
    return report


@contextlib.contextmanager
def _scratch(request: CheckRequest) -> Iterator[Path | None]:
    """Where git mode writes the base's files out; None (nothing created) for other runs."""
    if request.base_ref is None:
        yield None
        return
    import shutil
    import tempfile

    tmp = tempfile.mkdtemp(prefix="finops-gate-base-")
    try:
        yield Path(tmp)
    finally:
        _remove_tree(tmp)
        shutil.rmtree(tmp, ignore_errors=True)  # whatever the walk left (none expected)


def _remove_tree(top: str) -> None:
    """Delete the files written out under ``top``, deepest directories first: what this holds
    at once is one directory's names, where ``shutil.rmtree`` lists every directory's entries
    (a whole base of ten thousand files, at the very end of the check: its peak memory)."""
    for here, dirs, files in os.walk(top, topdown=False):
        for name in files:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(here, name))
        for name in dirs:
            path = os.path.join(here, name)
            with contextlib.suppress(OSError):
                if os.path.islink(path):
                    os.unlink(path)  # a link to a directory: never followed
                else:
                    os.rmdir(path)


@frozen(eq=False)
class _Wider:
    """A scoped check whose verdict could change over the whole tree: why every file is read."""

    reason: str


def _check(
    request: CheckRequest,
    gate: GateConfig,
    context: PolicyContext | None,
    *,
    whole: str | None,
    as_shown: bool = False,
) -> Report | _Wider:
    settings = gate.settings
    with _scratch(request) as tmp:
        sides = _sides(request, tmp, settings, whole=whole)
        settings = settings.with_catalogs(
            _catalogs(request, settings, _config_root(gate, sides, request.root))
        )
        sides = _configured(sides, settings)
        changes: list[ResourceChange] = []
        plans = _plans(request, settings, sides)
        if not plans and sides.base is None:
            raise UsageError(
                f"{request.root}: nothing to check; pass --plan FILE, --base DIR --head DIR, "
                "or run inside a git repository (or list sources.terraform.plans in the config)"
            )
        environment = request.options.get("environment") or {}
        settings = settings.with_environment(environment)
        regions = region_defaults(environment, settings.section("pricing", "default_region"))
        plan_notes: list[str] = []
        for plan, display in _unique_plans(plans, request.root, plan_notes):
            read = read_plan(plan, display, regions=regions)
            changes.extend(read.changes)
            plan_notes.extend(read.notes)
        # imported after the plans are read: a large plan's text is freed by then, so the
        # pricing modules and catalogs do not add to the peak memory of parsing it
        from finops_gate.estimate.engine import admit, price_changes, unmatched_usage
        from finops_gate.report.build import build_report
        from finops_gate.sources import TREE_SOURCES, load_sides

        unread: list[str] = []
        if sides.base is not None and sides.head is not None:
            from finops_gate.changes import match  # (a plan is already a change)

            held_in_base: set[str] = set()
            for name in TREE_SOURCES:
                if name == "terraform" and plans:
                    continue  # the plan already describes the Terraform change
                with _cached(name, request.options.get("cache_dir")):
                    base_resources, head_resources = (
                        admit(found, settings)
                        for found in load_sides(name, sides.base, sides.head, settings)
                    )
                held_in_base.update(r.file for r in base_resources if r.file)
                changes.extend(match(base_resources, head_resources))
                del base_resources, head_resources  # (held by the changes)
            if whole is None and request.base_ref is not None:
                odd = _base_render_failed(sides.base, sides.head)
                if odd is not None:
                    return _Wider(
                        f"{odd} did not render from the files of the base the change touches "
                        "(its tool reads more than they hold), so it is rendered from every file"
                    )
            from finops_gate.sources.tree import unreadable_verdict

            # fail closed: a file the head cannot read must not make its resources look deleted
            unread = unreadable_verdict(sides.base, sides.head, held_in_base=held_in_base)
            del held_in_base
        deltas = price_changes(changes, settings)
        rate, factor = _currency(request, settings)
        usd_deltas, deltas = deltas, _converted(deltas, rate)
        from finops_gate import policies

        if context is None:
            context = request.options.get("policy_context") or policies.PolicyContext()
        if rate.code != "USD":
            context = replace(context, currency=rate.code, currency_factor=factor)
        outcome = policies.evaluate(deltas, settings, context)
        kept: tuple[str, ...] = ()
        if gate.origin == "head":
            outcome, kept = _not_below_defaults(outcome, deltas, settings, context)
        scope_notes = _scope_notes(sides, whole=whole, git=request.base_ref is not None)
        if whole is None and sides.base is not None:
            percent = policies.percent_needs_whole(deltas, settings, context)
            if percent is True:
                return _Wider(
                    "approval.percent_increase: the increase is over it against the changed "
                    "projects' own base total, and the whole base total decides"
                )
            if percent is False:
                scope_notes += (
                    "approval.percent_increase: the increase is not over it even against the "
                    "changed projects' own base total (the whole base total is at least as "
                    "large), so the unchanged projects were not read for it",
                )
        notes = (
            *scope_notes,
            *gate.notes,
            *kept,
            *plan_notes,
            *unread,
            *_skipped(sides),
            *unmatched_usage(deltas, settings),
            *_as_of_note(request, settings),
            *settings.catalogs.notes(),
        )
        as_of = settings.catalogs.as_of
        currency = _currency_use(rate, usd_deltas)
        if as_shown and not plans:  # (a plan's reader holds its changes until it returns)
            changes.clear()
            usd_deltas.clear()
            _as_shown(deltas)
        return build_report(
            deltas,
            findings=outcome.findings,
            verdict=outcome.verdict,
            approval=outcome.approval,
            notes=notes,
            services=outcome.services,
            config=gate.describe(),
            currency=currency,
            catalog_files=settings.catalogs.used(),
            as_of=None if as_of is None else as_of.isoformat(),
        )


def _not_below_defaults(
    outcome: PolicyOutcome, deltas: list[CostDelta], settings: Settings, context: PolicyContext
) -> tuple[PolicyOutcome, tuple[str, ...]]:
    """A config new in the change is read from the head (``gate.py``); its policies may add to
    the gate but not lower the verdict the built-in defaults give the same change (a warning
    it switches off, an exemption it grants itself): those findings stay, with a note."""
    from finops_gate import policies

    raw = {k: v for k, v in settings.raw.items() if k not in ("policies", "exemptions")}
    floor = policies.evaluate(deltas, replace(settings, raw=raw), context)
    outcome, added = policies.not_below(outcome, floor)
    if not added:
        return outcome, ()
    kept = (
        "1 finding of the built-in defaults that it would drop is"
        if added == 1
        else (f"{added} findings of the built-in defaults that it would drop are")
    )
    return outcome, (
        f"the config is new in this change, so it cannot lower the default gate: {kept} kept "
        "until it is merged",
    )


def _as_shown(deltas: list[CostDelta]) -> None:
    """Each delta's resources as the report shows them (``report.json.resource_row``: the
    address, kind, file, line, project and region), in place: their attributes and tags, which
    the pricing and the policies read, are not held through the report once those have run (a
    whole tree's resources hold the arguments of every file of both sides). A resource both
    sides share stays one object, so a no-op reads as one."""
    for i, d in enumerate(deltas):
        b, a = d.change.before, d.change.after
        shown_b = None if b is None else _shown(b)
        shown_a = shown_b if a is b else None if a is None else _shown(a)
        deltas[i] = CostDelta(replace(d.change, before=shown_b, after=shown_a), d.before, d.after)


def _shown(r: Resource) -> Resource:
    return Resource(
        r.address,
        r.source,
        r.kind,
        r.provider,
        r.region,
        _NO_ATTRIBUTES,
        file=r.file,
        line=r.line,
        project=r.project,
    )


_NO_ATTRIBUTES: Mapping[str, Any] = MappingProxyType({})


def gate_config_of(request: CheckRequest) -> GateConfig:
    """The gate's config for ``request`` (the one rule, in ``gate.py``)."""
    if request.base is not None and request.head is not None:
        for side in (request.base, request.head):
            if not side.is_dir():
                raise UsageError(f"{side}: not a directory; --base and --head take directories")
    return gate_config(
        request.root,
        config=request.config,
        base_dir=request.base,
        head_dir=request.head,
        base_ref=request.base_ref,
    )


# --- the check use case, in a pull request or not ----------------------------------------


@frozen(eq=False)
class PostRequest:
    """``--post``: how the comment is kept (``update | new | delete-and-new | hide-and-new``),
    whether to post it at all (``comment=False``: the status only), and its marker key."""

    behavior: str = "update"
    comment: bool = True
    key: str = "default"


@frozen(eq=False)
class GateRun:
    """One ``finops-gate check``: what to compare, where it runs, whether to publish."""

    request: CheckRequest
    ci: PullRequestContext = field(default_factory=lambda: PullRequestContext("local"))
    post: PostRequest | None = None
    all_resources: bool = False
    today: date | None = None  # exemption expiry (UTC); None: exemptions never expire


@frozen(eq=False)
class GateResult:
    """The final report document (approvals applied), the lines to log, the CI annotations."""

    doc: Document
    log: tuple[str, ...] = ()
    annotations: tuple[str, ...] = ()


def run_check(run: GateRun) -> GateResult:
    """``finops-gate check`` end to end (module docstring)."""
    from finops_gate.report.json import document

    if not run.request.root.exists():
        raise UsageError(f"{run.request.root}: no such directory")
    ctx = run.ci
    posting = run.post is not None and ctx.is_pull_request
    log: list[str] = []
    if posting and run.post is not None:
        from finops_gate.publish import CANNOT_HIDE
        from finops_gate.publish.post import resolve_shas

        if run.post.behavior == "hide-and-new" and ctx.platform in CANNOT_HIDE:
            raise UsageError(
                f"--comment-behavior hide-and-new: {ctx.platform} cannot hide a comment; "
                "use update, new or delete-and-new"
            )
        # an issue_comment event carries no SHAs
        ctx = _logged(ctx, log, lambda: resolve_shas(ctx)) or ctx
    request = _with_base(run.request, ctx)
    gate = gate_config_of(request)
    approvals = None
    if posting and run.post is not None:
        names = _approvers(gate.settings, ctx.platform)
        if names:  # none configured: nobody's approval can count (the comment says so if needed)
            from finops_gate.publish.post import collect_approvals

            key = run.post.key
            approvals = _logged(ctx, log, lambda: collect_approvals(ctx, names, key=key))
    context = policy_context(ctx, approvals, today=run.today, all_resources=run.all_resources)
    # keep only the document: the Report holds the parsed plan, freed here before rendering
    with gc_paused():
        doc = document(check(request, gate=gate, context=context, as_shown=True))
    if run.post is not None:
        post = run.post
        published = _logged(ctx, log, lambda: _publish(doc, ctx, post, log, approvals=approvals))
        doc = published if published is not None else doc
    return GateResult(doc, tuple(log), _job_summary(doc, ctx))


def _logged(ctx: PullRequestContext, log: list[str], fn: Callable[[], _T]) -> _T | None:
    """Where a failure to post is only logged (``publish.POST_FAILURE_LOGGED``: GitLab, whose
    job result is the gate), a ``PublishError`` becomes one log line and ``None``: the verdict
    and the meaning of the exit code stay. Elsewhere it propagates (exit 2)."""
    from finops_gate.publish import POST_FAILURE_LOGGED

    if ctx.platform not in POST_FAILURE_LOGGED:
        return fn()
    try:
        return fn()
    except PublishError as exc:
        line = f"not posted: {exc}"
        if line not in log:
            log.append(line)
        return None


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The core of a check reads and prices one large acyclic document (a plan can be tens of
    MB, millions of containers): the cyclic garbage collector would only rescan it again and
    again. Paused for that part only, not for publishing, rendering or the rest of the process
    (and left off if the caller had it off: the CLI keeps it off until the report is written,
    as the document it writes holds what the check read)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# platform -> (what it calls a change, how to clone with its base commit)
PLATFORM_CLONES = {
    "github": ("pull request", "check out with fetch-depth: 0"),
    "gitlab": ("merge request", 'set the variable GIT_DEPTH: "0" on the job (the template does)'),
}


def _with_base(request: CheckRequest, ctx: PullRequestContext) -> CheckRequest:
    """In a pull request the base is the PR's base commit, or what the checked-out tree must be
    compared with when the target moved past it (``gitrefs.change_base``): its tree and config
    are the gate, so a change cannot loosen its own gate, even in plan mode. Locally, with
    nothing given, the merge-base with the default branch."""
    from finops_gate import gitrefs

    if request.base_ref is not None or request.base is not None or not request.root.exists():
        return request
    if gitrefs.repo_root(request.root) is None:
        return request
    if ctx.is_pull_request and ctx.base_sha:
        if not gitrefs.has_commit(request.root, ctx.base_sha):
            change, depth = PLATFORM_CLONES.get(ctx.platform, PLATFORM_CLONES["github"])
            raise UsageError(
                f"{request.root}: the {change}'s base commit {ctx.base_sha[:12]} is not in "
                f"this clone; {depth}"
            )
        return replace(
            request, base_ref=gitrefs.change_base(request.root, ctx.base_sha, ctx.head_sha)
        )
    if not request.plans and request.head is None:
        return replace(request, base_ref=gitrefs.default_base(request.root))
    return request


def policy_context(
    ctx: PullRequestContext,
    approvals: PlatformApprovals | None,
    *,
    today: date | None,
    all_resources: bool = False,
) -> PolicyContext:
    """What the policies read besides the change: the date, the flags, and in a pull request
    the platform, its head commit and the approvals given there."""
    from finops_gate.policies import ApprovalRecord, PolicyContext

    if not ctx.is_pull_request:
        return PolicyContext(today=today, all_resources=all_resources)
    records = tuple(
        ApprovalRecord(approver=a.login, teams=a.teams, head_sha=a.head_sha)
        for a in (approvals.approvals if approvals is not None else ())
    )
    return PolicyContext(
        platform=ctx.platform,
        head_sha=ctx.head_sha,
        approvals=records,
        today=today,
        all_resources=all_resources,
    )


def _approvers(settings: Settings, platform: str) -> list[str]:
    """``policies.approval.approvers.<platform>`` of the gate's config, parsed the one way."""
    from finops_gate import policies
    from finops_gate.policies.approval import approvers_for

    return list(approvers_for(policies.load_settings(settings).approval, platform))


def _publish(
    doc: Document,
    ctx: PullRequestContext,
    options: PostRequest,
    log: list[str],
    *,
    approvers: Sequence[str] | None = None,
    expect_head: str | None = None,
    expect_repo: str | None = None,
    approvals: PlatformApprovals | None = None,
) -> Document:
    """--post: the platform's approvals applied, then the comment and the status."""
    from finops_gate.publish.post import PostOptions, post

    if not ctx.is_pull_request:
        if ctx.platform == "gitlab":
            log.append(
                "--post: not in a merge request pipeline (CI_MERGE_REQUEST_IID is not set); "
                "nothing posted: run the job with rules: "
                '[{if: $CI_PIPELINE_SOURCE == "merge_request_event"}]'
            )
        else:
            log.append("--post: not in a pull request; nothing posted")
        return doc
    post_options = PostOptions(
        behavior=options.behavior,
        comment=options.comment,
        key=options.key,
        approvers=approvers,
        expect_head=expect_head,
        expect_repo=expect_repo,
        approvals=approvals,
    )
    doc, lines = post(doc, ctx, post_options)
    log.extend(lines)
    return doc


STEP_SUMMARY_BYTES = 1_000_000  # GitHub's limit is 1 MiB per step; a margin for the newline


def _job_summary(doc: Document, ctx: PullRequestContext) -> tuple[str, ...]:
    """The Markdown report appended to the CI job summary (where the platform has one), and
    the platform's annotations of the findings (for the CLI to print)."""
    if ctx.summary_path is not None:
        from finops_gate.report.render import markdown_within

        # GitHub refuses a step summary over 1 MiB (and drops it whole): the biggest changes
        # stay, the rest are counted; the JSON report (--out, an artifact) has everything
        text = markdown_within(doc, STEP_SUMMARY_BYTES, measure=lambda t: len(t.encode()))
        with ctx.summary_path.open("a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    if ctx.platform == "local":  # no annotations: the publish package is not imported (start-up)
        return ()
    from finops_gate.publish import ANNOTATIONS

    annotate = ANNOTATIONS.get(ctx.platform)
    return tuple(annotate(doc)) if annotate is not None else ()


# --- the comment use case ----------------------------------------------------------------


def run_comment(
    report: Path,
    ctx: PullRequestContext,
    options: PostRequest,
    *,
    pr_number: int | None = None,
    head_sha: str | None = None,
    head_repo: str | None = None,
    config: Path | None = None,
) -> GateResult:
    """``finops-gate comment REPORT --post``: a saved report (maybe a fork's artifact) published
    with the approvers of the trusted config (``--config``, else ``./.finops-gate.yml``), only
    while the PR's head is ``head_sha`` and comes from ``head_repo`` (when given)."""
    doc = load_report(report)
    if pr_number is not None:
        ctx = ctx.with_pull(pr_number, head_sha=head_sha)
    approvers = _trusted_approvers(config, head_sha, ctx.platform)
    log: list[str] = []
    published = _logged(
        ctx,
        log,
        lambda: _publish(
            doc,
            ctx,
            options,
            log,
            approvers=approvers,
            expect_head=head_sha,
            expect_repo=head_repo,
        ),
    )
    doc = published if published is not None else doc
    return GateResult(doc, tuple(log), _job_summary(doc, ctx))


def _trusted_approvers(
    config: Path | None, head_sha: str | None, platform: str
) -> list[str] | None:
    """Approvers from the trusted config (not from a report that may come from a fork); ``None``
    (the report's own) only when no config is at hand and no head is pinned."""
    path = config if config is not None else Path(CONFIG_NAME)
    if config is None and not path.is_file():
        return [] if head_sha is not None else None
    return _approvers(load_settings(path, display=str(path)), platform)


def _currency(request: CheckRequest, settings: Settings) -> tuple[Rate, Decimal]:
    """The currency to report in (``--currency``, else ``report.currency``, else USD), its
    reference rate on the price date, and the factor from the config's amounts into it."""
    written_in = str(settings.section("report").get("currency") or "USD")
    wanted = str(request.options.get("currency") or written_in)
    if wanted.upper() == "USD" and written_in.upper() == "USD":
        return USD, Decimal(1)
    from finops_gate.currency import reference_rate

    day = request.as_of or settings.as_of or request.today
    rate = reference_rate(wanted, day)
    config_rate = reference_rate(written_in, rate.day or day)
    return rate, rate.per_usd / config_rate.per_usd


def _converted(deltas: list[CostDelta], rate: Rate) -> list[CostDelta]:
    """The deltas in ``rate.code``: a copy of the list for USD, the currency they are priced in
    (``fx`` is imported for another currency alone; start-up)."""
    if rate.code == "USD":
        return list(deltas)
    from finops_gate.estimate.fx import convert

    return convert(deltas, rate)


def _currency_use(rate: Rate, usd_deltas: Sequence[CostDelta]) -> CurrencyUse | None:
    """A report in another currency: which rate, and the USD totals."""
    if rate.code == "USD":
        return None
    from finops_gate.report.build import totals

    day = rate.day.isoformat() if rate.day else None
    return CurrencyUse(rate.code, rate.per_usd, day, rate.source, totals(usd_deltas))


def _as_of_note(request: CheckRequest, settings: Settings) -> tuple[str, ...]:
    """A price date other than today is said (the date itself is in every JSON report)."""
    if request.as_of is not None:
        return (f"prices as of {request.as_of.isoformat()} (--as-of)",)
    if settings.as_of is not None:
        return (f"prices as of {settings.as_of.isoformat()} (pricing.as_of in {settings.path})",)
    return ()


def _catalogs(request: CheckRequest, settings: Settings, config_root: Path) -> CatalogSet:
    """The catalogs of this run: the price date, and the team directories over the shipped
    files: ``pricing.catalog_dirs`` (inside the tree the config came from, so the base's in a
    pull request) first, then ``--catalog-dir`` (the command line wins)."""
    dirs = [_config_dir(config_root, written) for written in settings.catalog_dirs]
    for path in request.catalog_dirs:
        if not path.is_dir():
            what = "is a file, not a folder" if path.exists() else "no such folder"
            raise UsageError(
                f"{path}: --catalog-dir {what}; give the folder pricing refresh --out wrote"
            )
        dirs.append(CatalogDir(path, str(path)))
    return CatalogSet(
        as_of=request.as_of or settings.as_of or request.today,
        pins=settings.catalog_pins,
        dirs=_once(dirs),
    )


def _once(dirs: list[CatalogDir]) -> tuple[CatalogDir, ...]:
    """The folders without repeats: one named in the config and again with --catalog-dir (or
    twice on the command line) is read and reported once."""
    seen: set[Path] = set()
    out = []
    for one in dirs:
        where = one.path.resolve()
        if where not in seen:
            seen.add(where)
            out.append(one)
    return tuple(out)


def pricing_catalogs(
    *,
    config: Path | None,
    root: Path,
    as_of: date | None,
    today: date | None,
    catalog_dirs: tuple[Path, ...],
) -> CatalogSet:
    """The catalogs ``finops-gate pricing ...`` looks at: the same rules as a check run in
    ``root`` (its config's pricing.catalog_dirs, then --catalog-dir; the price date)."""
    request = CheckRequest(
        root=root, config=config, as_of=as_of, today=today, catalog_dirs=catalog_dirs
    )
    gate = gate_config_of(request)
    return _catalogs(request, gate.settings, _config_root(gate, _Sides(None, None), root))


def _config_dir(root: Path, written: str) -> CatalogDir:
    rel = Path(written)
    inside = root.resolve()
    target = (root / rel).resolve()
    if rel.is_absolute() or ".." in rel.parts or not target.is_relative_to(inside):
        raise ConfigError(
            f"pricing.catalog_dirs: {written!r} is not a folder inside the repository; give a "
            "relative path such as pricing-team"
        )
    if target.exists() and not target.is_dir():
        raise ConfigError(
            f"pricing.catalog_dirs: {written!r} is a file, not a folder; name the folder "
            "pricing refresh --out wrote"
        )
    if not target.is_dir():
        raise ConfigError(
            f"pricing.catalog_dirs: {written!r} does not exist in the tree the config is read "
            "from; commit the folder (it takes effect once merged)"
        )
    return CatalogDir(target, written)


def _config_root(gate: GateConfig, sides: _Sides, root: Path) -> Path:
    """The tree the config's relative paths (``pricing.catalog_dirs``) are read in: the base's
    (so a pull request cannot add its own catalogs), the head's for a config new in the change."""
    if gate.origin == "head" and sides.head is not None:
        return sides.head.root
    if sides.base is not None:
        return sides.base.root
    return root


def _skipped(sides: _Sides) -> tuple[str, ...]:
    """Directories and files the trees left out (skip_dirs, exclude, directory symlinks),
    once each, saying on which side."""
    sides_of: dict[str, list[str]] = {}
    for tree, label in ((sides.base, "base"), (sides.head, "head")):
        for note in dict.fromkeys(tree.skipped if tree is not None else ()):
            sides_of.setdefault(note, []).append(label)
    return tuple(f"{note} ({' and '.join(labels)})" for note, labels in sides_of.items())


def _configured(sides: _Sides, settings: Settings) -> _Sides:
    if sides.base is None or sides.head is None:
        return sides
    from finops_gate.sources.tree import configured

    sources = settings.section("sources")
    base = configured(sides.base, sources)
    return _Sides(base, configured(sides.head, sources, paths_of=base), sides.notes)


def _cached(source: str, cache_dir: object) -> contextlib.AbstractContextManager[None]:
    """``--cache-dir``: parsed ``.tf`` files kept across runs (terraform_hcl.disk_cache)."""
    if source != "terraform" or not isinstance(cache_dir, Path):
        return contextlib.nullcontext()
    from finops_gate.sources.terraform_hcl import disk_cache

    return disk_cache(cache_dir)


def _whole_tree(settings: Settings, context: PolicyContext | None) -> str | None:
    """Why a tree check must read every file of both sides; None when the projects the change
    touches are enough (what nothing else looks at is the same on both sides)."""
    if context is not None and context.all_resources:
        return "--all-resources checks the tags of every resource"
    if settings.section("policies").get("budgets"):
        return "budgets sum the whole monthly spend of their scope"
    return None  # approval.percent_increase: decided after the scoped read (``check``)


def _base_render_failed(base: Tree, head: Tree) -> str | None:
    """A chart or overlay that failed to render in git mode's partial export of the base, and
    not the same way in the head: its tool may have wanted a file the scope left out (a patch
    in a sibling directory), which would show what the head renders as new."""
    for directory, why in sorted(base.failed_renders.items()):
        if head.failed_renders.get(directory) != why:
            return directory
    return None


def _scope_notes(sides: _Sides, *, whole: str | None, git: bool) -> tuple[str, ...]:
    """The notes of ``_sides``; for a whole-tree read, why and what it read (each side's files,
    the cost of the policy that asked for it, and where the base came from)."""
    if whole is None or sides.base is None or sides.head is None:
        return sides.notes
    head, base = len(sides.head.files()), len(sides.base.files())
    source = ", the base written out of its commit by one git cat-file" if git else ""
    return (
        *sides.notes,
        f"read every file on both sides: {whole} ({head} files in the head, {base} in the "
        f"base{source})",
    )


def _sides(
    request: CheckRequest, tmp: Path | None, settings: Settings, *, whole: str | None
) -> _Sides:
    """The two trees to compare. Unless ``whole`` says why everything must be read, each side
    lists only the files of the projects the change touches (``sources/scope.py``); in git
    mode only those are read out of the base commit (into ``tmp``)."""
    sources = settings.section("sources")
    if request.base is not None and request.head is not None:
        from finops_gate.sources.tree import Tree, configured

        for side in (request.base, request.head):
            if not side.is_dir():
                raise UsageError(f"{side}: not a directory; --base and --head take directories")
        base, head = Tree(request.base), Tree(request.head)
        if whole is not None:
            return _Sides(base, head)
        from finops_gate.sources.scope import closure, describe
        from finops_gate.sources.sides import DirSides
        from finops_gate.sources.tree import MAX_FILE_BYTES

        scope = closure(
            DirSides(configured(base, sources), configured(head, sources), limit=MAX_FILE_BYTES)
        )
        return _Sides(
            Tree(request.base, only=scope.files, called_unread=scope.called_unread),
            Tree(request.head, only=scope.files, called_unread=scope.called_unread),
            (describe(scope),),
        )
    if request.base_ref is not None:
        if not request.root.is_dir():
            raise UsageError(f"{request.root}: not a directory")
        from finops_gate import gitrefs

        ref = gitrefs.resolve(request.root, request.base_ref)
        assert tmp is not None  # _scratch made it for git mode
        return _git_scope(request.root, ref, tmp, settings, whole=whole is not None)
    return _Sides(None, None)


def _submodules(
    old: dict[str, str], new: dict[str, str]
) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """Submodules are not part of the change (git leaves them empty in the base): a side does
    not read its own submodules, so a checked-out submodule never looks created; a moved
    pointer is said plainly. Each side has its own set: a directory of the base that the head
    turns into a submodule is read in the base (``tree.unreadable_verdict`` then refuses to
    show what it held as deleted). Returns the base's, the head's and the notes."""
    notes = tuple(
        f"{path}: submodule moved ({old.get(path, 'none')[:12]} -> "
        f"{new.get(path, 'none')[:12]}); its sources are not compared, check it on its own"
        for path in sorted(old.keys() | new.keys())
        if old.get(path) != new.get(path)
    )
    return frozenset(old), frozenset(new), notes


def _git_scope(root: Path, ref: str, tmp: Path, settings: Settings, *, whole: bool) -> _Sides:
    """Both sides restricted to the projects the change touches; the base's files among them
    (and the config's catalog directories) written out of the base commit into ``tmp``.
    ``whole``: every file of the base commit, and both sides read whole."""
    from finops_gate import gitrefs
    from finops_gate.sources.scope import closure, describe
    from finops_gate.sources.sides import GitSides
    from finops_gate.sources.tree import MAX_FILE_BYTES, SKIP_DIRS, Tree

    skip = settings.section("sources").get("skip_dirs")
    index = gitrefs.submodules_pending(root, None)  # runs while GitSides asks git the rest
    git = GitSides(
        root,
        ref,
        skip_dirs=frozenset(skip) if skip is not None else SKIP_DIRS,
        limit=MAX_FILE_BYTES,
        diff=not whole,
    )
    try:
        subs, head_subs, notes = _submodules(
            git.submodules, index.result() if index is not None else {}
        )
        if whole:
            git.materialize(tmp, git.files("base"))
            return _Sides(Tree(tmp, submodules=subs), Tree(root, submodules=head_subs), notes)
        scope = closure(git)
        catalogs = tuple(d.strip("/") + "/" for d in settings.catalog_dirs)
        extra = {rel for rel in git.files("base") if catalogs and rel.startswith(catalogs)}
        git.materialize(tmp, scope.files | extra)
    finally:
        git.close()
    return _Sides(
        Tree(tmp, submodules=subs, only=scope.files, called_unread=scope.called_unread),
        Tree(root, submodules=head_subs, only=scope.files, called_unread=scope.called_unread),
        (*notes, describe(scope)),
    )


def _plans(request: CheckRequest, settings: Settings, sides: _Sides) -> Sequence[Path]:
    if request.plans:
        return request.plans
    configured = settings.section("sources", "terraform").get("plans") or []
    head_root = sides.head.root if sides.head is not None else request.root
    return [head_root / p for p in configured]


def _unique_plans(plans: Sequence[Path], root: Path, notes: list[str]) -> list[tuple[Path, str]]:
    """Each plan once: the same file, or the same bytes under another name, given twice would
    count every resource twice."""
    if len(plans) < 2:
        return [(p, _display(p, root)) for p in plans]
    import hashlib
    import stat

    out: list[tuple[Path, str]] = []
    seen: dict[str, str] = {}  # file identity or content digest -> the display name read
    for plan in plans:
        display = _display(plan, root)
        try:
            st = plan.stat()
            if not stat.S_ISREG(st.st_mode):
                raise OSError("not a regular file")  # never open a FIFO to hash it
            with plan.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            out.append((plan, display))  # the reader names the problem
            continue
        first = seen.get(f"{st.st_dev}:{st.st_ino}") or seen.get(digest)
        if first is not None:
            same = "is given twice" if first == display else f"has the same content as {first}"
            notes.append(f"{display} {same}: read once")
            continue
        seen[f"{st.st_dev}:{st.st_ino}"] = seen[digest] = display
        out.append((plan, display))
    return out


def _display(path: Path, root: Path) -> str:
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
    return rel if rel != "." else str(path)


MAX_REPORT_BYTES = 200 * 1024 * 1024


def load_report(path: Path) -> Document:
    """A saved JSON report (``check --format json``), validated against the report schema: it
    may come from an untrusted job (a fork's artifact), so it is data that must prove its shape,
    then read into the typed document (``Document.from_json``)."""
    import json

    import jsonschema

    try:
        if path.stat().st_size > MAX_REPORT_BYTES:
            raise UsageError(f"{path}: report larger than 200 MB; not read")
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"{path}: no such report; run finops-gate check --format json") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a JSON report ({exc}); run finops-gate check") from exc
    schema_path = Path(__file__).parent / "schema" / "report.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise UsageError(f"{path}: not a finops-gate report ({where}: {error.message})")
    assert isinstance(doc, dict)
    from finops_gate.report.document import Document

    return Document.from_json(doc)
