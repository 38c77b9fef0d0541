"""Command line: the only click importer. Options -> plain calls -> exit code.

Exit codes: 0 pass (warnings and approved changes included), 1 gate blocked, 2 bad input or
usage (one line naming the file), 3 internal error (please report it).
"""

from __future__ import annotations

# isort: off
# first: the collector is paused while the modules of the command line are imported
from finops_gate import startup

# isort: on
import functools
import json
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, TextIO

import click

from finops_gate import __version__, outfile
from finops_gate.errors import FinopsGateError, UsageError

if TYPE_CHECKING:
    from finops_gate.report.document import Document

EXIT_PASS, EXIT_BLOCKED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
LARGE_REPORT = 1000  # resources
# set when the command comes from this process's own command line (not a caller's in-process
# invocation, such as the tests'): the process runs that one command, then exits
_PROCESS = {"one_command": False, "entry": False}
BUG_URL = "https://github.com/finops-gate/finops-gate/issues/new"
# the kinds of path the options take, each made once: click translates a path type's name
# (gettext searches the locale directories at each call) when the type is made
_PATH = click.Path(path_type=Path)
_DIRECTORY = click.Path(path_type=Path, file_okay=False)
_FILE = click.Path(path_type=Path, dir_okay=False)


class _Group(click.Group):
    """Maps our errors to exit codes; click's own usage errors are exit 2 already. The commands
    other than ``check`` (``_LATER``) are made when a command line names one, or asks for the
    list: a ``check`` does not build their forty options (start-up, issue 18)."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:  # (an unknown name's error lists them all)
            self._make_later()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._make_later()
        return super().list_commands(ctx)

    def _make_later(self) -> None:
        for name, make in _LATER.items():
            if name not in self.commands:
                self.add_command(make(), name)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        if not args and kwargs.get("args") is None:  # the command line of this process
            _PROCESS["one_command"] = True
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(EXIT_BAD_INPUT)
        except click.exceptions.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except FinopsGateError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception as exc:
            if os.environ.get("FINOPS_GATE_DEBUG"):
                raise
            click.echo(
                f"finops-gate: internal error ({type(exc).__name__}: {exc}); this is a bug, "
                f"please report it at {BUG_URL} (set FINOPS_GATE_DEBUG=1 for the traceback)",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)
        code = code if isinstance(code, int) else EXIT_PASS
        if _PROCESS["one_command"] and _PROCESS["entry"]:
            _end_process(code)
        sys.exit(code)


def run() -> None:
    """The ``finops-gate`` command (its console script, ``python -m finops_gate.cli``): the
    process runs the command of its command line, then ends (``_end_process``). A caller of
    ``main`` gets its ``SystemExit`` as ever."""
    _PROCESS["entry"] = True
    main()


def _end_process(code: int) -> None:
    """The end of a process that ran its one command, without tearing the interpreter down:
    what that would free object by object, module by module, the system frees at once (a
    twentieth of a small run; issue 18). As a normal exit would: the exit handlers run, the
    output is flushed. Returns (to the normal exit) with another thread still running or
    when flushing fails, so that the failure is reported as it always is."""
    import atexit
    import threading

    if threading.active_count() != 1:
        return
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


def _settle_imports() -> None:
    """What the process has loaded so far (the interpreter, click, the use cases) lives until it
    exits: ``gc.freeze`` takes it out of the cyclic collector's full passes, the ones during the
    run and the two at exit, which would walk it all again to free nothing (about 5% of a small
    run; issue 18). Only in a process that runs one command: an in-process caller's older
    garbage would never be collected."""
    if _PROCESS["one_command"]:
        import gc

        gc.freeze()


def _fail(message: str) -> NoReturn:
    click.echo(f"finops-gate: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _version(ctx) if value else None,
    help="Show the version and the pricing catalogs it ships, then exit.",
)
def main() -> None:
    """finops-gate: what will this change cost, does it follow the rules, who must sign it off?"""


def _version(ctx: click.Context) -> None:
    """``finops-gate --version``: the package and the newest shipped version of each catalog."""
    from finops_gate.catalogs.files import shipped as shipped_files

    newest = {f.catalog: f.version for f in shipped_files()}  # sorted by catalog, then date
    shipped = ", ".join(f"{name} {version}" for name, version in sorted(newest.items()))
    click.echo(f"finops-gate {__version__}\ncatalogs: {shipped}")
    ctx.exit(EXIT_PASS)


def _write(text: str | Callable[[TextIO], None], out: Path | None) -> None:
    """To stdout, or to ``out`` through the one safe writer (atomic for regular files, in
    place for /dev/null and FIFOs). ``text`` may be a function that writes to a handle (large
    JSON reports are streamed)."""
    if out is None:
        if callable(text):
            text(sys.stdout)
        else:
            click.echo(text, nl=not text.endswith("\n"))
        return
    outfile.write(out, text)


def dump_json(doc: Document, handle: TextIO) -> None:
    """Write the JSON report: indented for people; a large report compact and one resource at a
    time, so the whole report never exists as one string or one JSON tree."""
    if len(doc.resources) <= LARGE_REPORT:
        handle.write(json.dumps(doc.to_json(), indent=2, ensure_ascii=False) + "\n")
        return
    from finops_gate.report.json_write import write_compact

    write_compact(doc, handle)


def render(doc: Document | Mapping[str, Any], fmt: str) -> str:
    """The report in ``fmt`` (a JSON mapping is read as a saved report)."""
    from finops_gate.report.document import Document

    doc = Document.of(doc)
    if fmt == "json":
        return json.dumps(doc.to_json(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "sarif":
        from finops_gate.report.sarif import to_sarif

        return json.dumps(to_sarif(doc), indent=2, ensure_ascii=False) + "\n"
    if fmt == "codequality":
        from finops_gate.report.codequality import to_codequality

        return json.dumps(to_codequality(doc), indent=2, ensure_ascii=False) + "\n"
    from finops_gate.report import render as r

    if fmt == "markdown":
        return r.markdown(doc)
    return r.table(doc)


def exit_code(doc: Document) -> int:
    return EXIT_BLOCKED if doc.verdict.blocks else EXIT_PASS


def _post_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--post and the options of the comment it publishes (shared by check and comment)."""
    fn = click.option(
        "--no-comment", is_flag=True, help="With --post: set the status only, no comment."
    )(fn)
    fn = click.option(
        "--comment-key",
        default="default",
        show_default=True,
        help="Tells apart the comments of several gates on one PR (e.g. per directory).",
    )(fn)
    fn = click.option(
        "--comment-behavior",
        type=click.Choice(["update", "new", "delete-and-new", "hide-and-new"]),
        default="update",
        show_default=True,
        help="How the PR comment is kept up to date.",
    )(fn)
    return click.option(
        "--post",
        is_flag=True,
        help="In CI: upsert the PR comment, set the finops-gate status, apply approvals.",
    )(fn)


@main.command()
@click.argument("path", type=_DIRECTORY, default=".")
@click.option(
    "--base-ref",
    metavar="REF",
    help="Git ref of the base (default: merge-base with the default branch).",
)
@click.option("--base", "base_dir", type=_PATH, help="Base tree on disk (with --head).")
@click.option("--head", "head_dir", type=_PATH, help="Head tree on disk (with --base).")
@click.option(
    "--plan",
    "plans",
    multiple=True,
    type=_PATH,
    help="Terraform plan JSON (terraform show -json tfplan); repeatable.",
)
@click.option(
    "--config",
    type=_PATH,
    help="Config file (default: .finops-gate.yml of the base tree).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "markdown", "json", "sarif", "codequality"]),
    default=None,
    help="Output format (default: table).",
)
@click.option(
    "--out",
    type=_FILE,
    help="Write the report to FILE instead of stdout.",
)
@_post_options
@click.option(
    "--all-resources",
    is_flag=True,
    help="Tag policies: also report untouched resources (the existing tagging debt).",
)
@click.option(
    "--currency",
    metavar="CODE",
    help="Show amounts in this currency (ECB reference rate of the price date; default: "
    "report.currency, else USD). Config thresholds are in report.currency.",
)
@click.option(
    "--as-of",
    metavar="YYYY-MM-DD",
    help="Price with the catalog versions and model prices in force that day (default: "
    "pricing.as_of, else today in UTC).",
)
@click.option(
    "--catalog-dir",
    "catalog_dirs",
    multiple=True,
    type=_PATH,  # checked by the run: one line naming it, exit 2
    help="A team's catalog folder (<dir>/<catalog>/<date>.json) over the shipped catalogs; "
    "repeatable, later ones win.",
)
@click.option(
    "--cache-dir",
    type=_DIRECTORY,
    envvar="FINOPS_GATE_CACHE_DIR",
    help="Keep parsed .tf files here across runs (CI can cache it; safe to delete). "
    "Also FINOPS_GATE_CACHE_DIR.",
)
def check(
    path: Path,
    base_ref: str | None,
    base_dir: Path | None,
    head_dir: Path | None,
    plans: tuple[Path, ...],
    config: Path | None,
    fmt: str | None,
    out: Path | None,
    post: bool,
    comment_behavior: str,
    comment_key: str,
    no_comment: bool,
    all_resources: bool,
    currency: str | None,
    as_of: str | None,
    catalog_dirs: tuple[Path, ...],
    cache_dir: Path | None,
) -> int:
    """Price the change between base and head and apply the policies."""
    with startup.Paused():
        from finops_gate import app

    _settle_imports()
    request = app.CheckRequest(
        root=path,
        plans=plans,
        base=base_dir,
        head=head_dir,
        base_ref=base_ref,
        config=config,
        options={
            "environment": ci_region_environment(),
            "currency": currency,
            "cache_dir": cache_dir,
        },
        as_of=_day(as_of, "--as-of"),
        today=_today(),
        catalog_dirs=catalog_dirs,
    )
    # the collector stays off until the report is written and freed: the document holds what
    # the check read (a large plan's values, through its rows), and the collector's first pass
    # after the check would scan all of it again (a tenth of a large plan's run)
    ending = _PROCESS["one_command"] and _PROCESS["entry"]
    if ending:
        # this process ends once the report is written (``_end_process``): the document is
        # left to the system, which frees it at once, not object by object (a large plan's
        # values), and the collector stays off so as never to scan it
        import gc

        gc.disable()
    with app.gc_paused():
        result = app.run_check(
            app.GateRun(
                request=request,
                ci=_ci_context(),
                post=_post_request(post, comment_behavior, comment_key, no_comment),
                all_resources=all_resources,
                today=request.today,
            )
        )
        doc = result.doc
        _log(result, out)
        code = exit_code(doc)
        if fmt == "json":
            _write(functools.partial(dump_json, doc), out)
        else:
            _write(render(doc, fmt or "table"), out)
        if ending:
            _LEFT.append(result)
        del doc, result
    return code


# what the one command of a process that ends when it returns leaves to the system (``check``)
_LEFT: list[Any] = []


def _comment_command() -> click.Command:
    """``comment``: made when a command line names it (``_Group``)."""

    @click.command()
    @click.argument("report", type=_FILE)
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["markdown", "table", "json", "sarif", "codequality"]),
        default="markdown",
        help="Output format (default: markdown, the PR comment).",
    )
    @click.option(
        "--out",
        type=_FILE,
        help="Write the rendering to FILE instead of stdout.",
    )
    @_post_options
    @click.option("--pr", "pr_number", type=int, help="Pull request number (with --post).")
    @click.option("--head-sha", help="Post only if the PR's head is still this commit.")
    @click.option(
        "--head-repo",
        metavar="OWNER/NAME",
        help="Post only if the PR's head comes from this repository (a fork's workflow_run).",
    )
    @click.option(
        "--config",
        type=_PATH,
        help="Config with the approvers (default: ./.finops-gate.yml when present).",
    )
    def comment(
        report: Path,
        fmt: str,
        out: Path | None,
        post: bool,
        comment_behavior: str,
        comment_key: str,
        no_comment: bool,
        pr_number: int | None,
        head_sha: str | None,
        head_repo: str | None,
        config: Path | None,
    ) -> int:
        """Render a saved JSON report, or post it to the pull request (--post)."""
        from finops_gate import app

        if not post:
            _write(render(app.load_report(report), fmt), out)
            return EXIT_PASS
        options = _post_request(post, comment_behavior, comment_key, no_comment)
        assert options is not None
        result = app.run_comment(
            report,
            _ci_context(),
            options,
            pr_number=pr_number,
            head_sha=head_sha,
            head_repo=head_repo,
            config=config,
        )
        _log(result, out)
        if out is not None:
            _write(render(result.doc, fmt), out)
        return exit_code(result.doc)

    return comment


def _post_request(post: bool, behavior: str, key: str, no_comment: bool) -> Any:
    from finops_gate import app

    return app.PostRequest(behavior=behavior, comment=not no_comment, key=key) if post else None


def _log(result: Any, out: Path | None) -> None:
    """What publishing did, on stderr; the CI annotations on stdout when the report goes to a
    file, else on stderr (they must not mix into a report printed on stdout)."""
    for line in result.log:
        click.echo(f"finops-gate: {line}", err=True)
    for line in result.annotations:
        click.echo(line, err=out is None)


def _today() -> Any:
    """The UTC date: the default price date, read here so that the core never reads a clock."""
    import datetime

    return datetime.datetime.now(datetime.UTC).date()


def _day(text: str | None, option: str) -> Any:
    if text is None:
        return None
    import datetime
    import re

    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise UsageError(f"{option} {text}: not a date; write it as YYYY-MM-DD")


def ci_region_environment() -> dict[str, str]:
    from finops_gate.ci import region_environment

    return region_environment()


def _ci_context() -> Any:
    from finops_gate import ci

    return ci.detect()


def _init_command() -> click.Command:
    """``init``: made when a command line names it (``_Group``)."""

    @click.command()
    @click.argument("path", type=_DIRECTORY, default=".", required=False)
    @click.option("--force", is_flag=True, help="Replace an existing .finops-gate.yml.")
    def init(path: Path, force: bool) -> int:
        """Write a commented .finops-gate.yml for this repository (or add what it lacks)."""
        from finops_gate.scaffold import init as scaffold

        result = scaffold(path, force=force)
        if result.action == "unchanged":
            click.echo(f"{result.path}: already complete; nothing added (--force replaces it)")
        elif result.action == "updated":
            click.echo(f"{result.path}: added {', '.join(result.added)}; your settings are kept")
        else:
            click.echo(
                f"{result.path}: {result.action}; review it and commit it to the base branch"
            )
        return EXIT_PASS

    return init


# ---------------------------------------------------------------- pricing


def _catalog_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--catalog-dir, --as-of and --config: which catalogs a pricing command looks at."""
    fn = click.option(
        "--config",
        type=_FILE,
        help="Config whose pricing.catalog_dirs / as_of / catalogs apply (default: "
        "./.finops-gate.yml when present).",
    )(fn)
    fn = click.option(
        "--as-of", metavar="YYYY-MM-DD", help="The versions in force that day (default: today)."
    )(fn)
    return click.option(
        "--catalog-dir",
        "catalog_dirs",
        multiple=True,
        type=_PATH,
        help="A team's catalog folder over the shipped catalogs; repeatable.",
    )(fn)


def _catalog_set(catalog_dirs: tuple[Path, ...], as_of: str | None, config: Path | None) -> Any:
    from finops_gate import app

    return app.pricing_catalogs(
        config=config,
        root=Path("."),
        as_of=_day(as_of, "--as-of"),
        today=_today(),
        catalog_dirs=catalog_dirs,
    )


def _echo_json(doc: Any) -> None:
    click.echo(json.dumps(doc, indent=2, ensure_ascii=False))


_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)


def _pricing_group() -> click.Group:
    """``pricing`` and its commands: made when a command line names it (``_Group``)."""

    @click.group()
    def pricing() -> None:
        """The pricing catalogs: list, show, validate, diff, refresh."""

    @pricing.command("list")
    @_catalog_options
    @_FORMAT
    def pricing_list(
        catalog_dirs: tuple[Path, ...], as_of: str | None, config: Path | None, fmt: str
    ) -> int:
        """Every catalog file: cloud, version, source, regions, entries, digest, and which are in
        force."""
        from finops_gate.catalogs import inspect, text

        items = inspect.listing(_catalog_set(catalog_dirs, as_of, config))
        if fmt == "json":
            _echo_json(text.listing_json(items))
        else:
            click.echo("\n".join(text.listing_lines(items)))
        return EXIT_PASS

    @pricing.command("show")
    @click.argument("cloud")
    @click.argument("key")
    @click.option("--region", help="Only this region.")
    @_catalog_options
    @_FORMAT
    def pricing_show(
        cloud: str,
        key: str,
        region: str | None,
        catalog_dirs: tuple[Path, ...],
        as_of: str | None,
        config: Path | None,
        fmt: str,
    ) -> int:
        """The price of KEY in catalog CLOUD (aws, azure, gcp, kubernetes, llm), with its source."""
        from finops_gate.catalogs import inspect, text

        shown = inspect.show(_catalog_set(catalog_dirs, as_of, config), cloud, key, region)
        if fmt == "json":
            _echo_json(text.show_json(shown))
        else:
            click.echo("\n".join(text.show_lines(shown)))
        return EXIT_PASS

    @pricing.command("validate")
    @click.argument("paths", nargs=-1, type=_PATH)
    def pricing_validate(paths: tuple[Path, ...]) -> int:
        """Check catalog files or folders (default: every shipped file): schema, naming, digests,
        rules. Exit 2 listing every problem."""
        from finops_gate.catalogs import inspect, text

        found = inspect.validate_paths(paths)
        for note in found.notes:
            click.echo(f"finops-gate: note: {text.plain(note)}", err=True)
        for problem in found.problems:
            click.echo(f"finops-gate: {text.plain(problem)}", err=True)
        if found.problems:
            click.echo(
                f"finops-gate: {len(found.problems)} problem(s) in {found.checked} file(s)",
                err=True,
            )
            return EXIT_BAD_INPUT
        click.echo(f"{found.checked} catalog file(s) valid")
        return EXIT_PASS

    @pricing.command("diff")
    @click.argument("old", type=_FILE)
    @click.argument("new", type=_FILE)
    @click.option("--limit", type=click.IntRange(min=1), help="At most N lines per section.")
    @_FORMAT
    def pricing_diff(old: Path, new: Path, limit: int | None, fmt: str) -> int:
        """What changed between two catalog versions, largest moves first."""
        from finops_gate.catalogs import inspect, text

        before, after = inspect.read_any(old), inspect.read_any(new)
        kinds = (before.get("catalog"), after.get("catalog"))
        if kinds[0] != kinds[1]:
            raise UsageError(
                f"{new}: holds the {kinds[1]} catalog and {old} the {kinds[0]} catalog; pricing "
                "diff compares two versions of one catalog"
            )
        found = inspect.diff(before, after, old_name=str(old), new_name=str(new))
        if fmt == "json":
            _echo_json(text.diff_json(found))
        else:
            click.echo("\n".join(text.diff_lines(found, limit=limit)))
        return EXIT_PASS

    @pricing.command("refresh")
    @click.argument("cloud", type=click.Choice(["aws", "azure", "gcp", "llm"]))
    @click.option("--region", "regions", multiple=True, help="A region to refresh; repeatable.")
    @click.option(
        "--service",
        "services",
        multiple=True,
        help="Only this service (e.g. AmazonEC2); repeatable.",
    )
    @click.option(
        "--out",
        required=True,
        type=_DIRECTORY,
        help="Catalog folder to write the new dated file in (e.g. pricing-team).",
    )
    @click.option(
        "--endpoint", metavar="URL", help="Base URL of the price API (a mirror, a proxy)."
    )
    @click.option("--from", "from_file", type=_PATH, help="llm: the model price file.")
    @click.option(
        "--max-price-moves",
        type=click.FloatRange(0, 100),
        default=10.0,
        show_default=True,
        help="Refuse when more than this percent of the prices moved.",
    )
    @click.option(
        "--max-coverage-drop",
        type=click.FloatRange(0, 100),
        default=20.0,
        show_default=True,
        help="Refuse when a region lost more than this percent of its keys.",
    )
    @click.option(
        "--progress/--no-progress", default=None, help="Default: on a terminal, not in CI."
    )
    def pricing_refresh(
        cloud: str,
        regions: tuple[str, ...],
        services: tuple[str, ...],
        out: Path,
        endpoint: str | None,
        from_file: Path | None,
        max_price_moves: float,
        max_coverage_drop: float,
        progress: bool | None,
    ) -> int:
        """Build a NEW dated catalog file from the provider's public price API (needs internet);
        prints what changed against the previous version. Nothing is written on a truncated
        download, a parse error, a coverage drop or implausibly many price moves."""
        from decimal import Decimal

        from finops_gate.catalogs import text
        from finops_gate.catalogs.refresh.http import Client
        from finops_gate.catalogs.refresh.output import Thresholds
        from finops_gate.catalogs.refresh.run import Request, refresh, refresh_llm

        thresholds = Thresholds(Decimal(str(max_price_moves)), Decimal(str(max_coverage_drop)))
        if cloud == "llm":
            if from_file is None:
                raise UsageError("pricing refresh llm: pass --from FILE (a model price file)")
            outcome = refresh_llm(from_file, out, _today(), thresholds)
        else:
            if from_file is not None:
                raise UsageError(f"pricing refresh {cloud}: --from is for llm only")
            show = (
                progress
                if progress is not None
                else sys.stderr.isatty() and not os.environ.get("CI")
            )
            printer = _progress_printer() if show else None
            client = Client(progress=printer)
            request = Request(
                cloud=cloud,
                regions=regions,
                out=out,
                today=_today(),
                services=services,
                endpoint=endpoint,
                thresholds=thresholds,
                env=dict(os.environ),
            )
            try:
                outcome = refresh(request, client)
            finally:
                if printer is not None:  # the totals, whatever the throttle last printed
                    printer(client.bytes_read, client.counter[0], final=True)
        if outcome.unchanged:
            click.echo(
                f"{cloud}: the price list has not changed since the last refresh; nothing written"
            )
            return EXIT_PASS
        for note in outcome.notes:
            click.echo(f"finops-gate: note: {note}", err=True)
        written = outcome.written
        assert written is not None
        if written.unchanged:
            click.echo(
                f"{cloud}: no changes against {written.path} ({written.entries} entries); "
                "nothing written"
            )
            return EXIT_PASS
        kept = f" ({outcome.kept} prices from {outcome.records} records)" if outcome.records else ""
        click.echo(
            f"wrote {written.path}: {written.entries} entries, sha256 {written.sha256}{kept}"
        )
        if written.diff is not None:
            click.echo("\n".join(text.diff_lines(written.diff, limit=20)))
        else:
            click.echo("no previous version in that folder: nothing to compare")
        return EXIT_PASS

    return pricing


# the commands made when first asked for (``_Group``), by name
_LATER: dict[str, Callable[[], click.Command]] = {
    "comment": _comment_command,
    "init": _init_command,
    "pricing": _pricing_group,
}


class _Progress(Protocol):
    def __call__(self, received: int, records: int, *, final: bool = False) -> None: ...


def _progress_printer() -> _Progress:
    """A progress line on stderr, rewritten at most twice a second; ``final`` prints the
    totals and ends the line."""
    import time

    state = {"last": 0.0}

    def show(received: int, records: int, *, final: bool = False) -> None:
        now = time.monotonic()
        if final or now - state["last"] >= 0.5:
            state["last"] = now
            click.echo(
                f"\r  {received / 1e6:,.2f} MB read, {records:,} price records parsed",
                nl=final,
                err=True,
            )

    return show


startup.resume()  # the modules of the command line are imported

if __name__ == "__main__":  # pragma: no cover
    run()
