"""Command line: the only click importer. Options -> plain calls -> exit code.

Exit codes: 0 pass (warnings and approved changes included), 1 gate blocked, 2 bad input or
usage (one line naming the file), 3 internal error (please report it).
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click

from finops_gate import __version__
from finops_gate.errors import FinopsGateError, UsageError

EXIT_PASS, EXIT_BLOCKED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
LARGE_REPORT = 1000  # resources
BUG_URL = "https://github.com/finops-gate/finops-gate/issues"


class _Group(click.Group):
    """Maps our errors to exit codes; click's own usage errors are exit 2 already."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
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
        sys.exit(code if isinstance(code, int) else EXIT_PASS)


def _fail(message: str) -> NoReturn:
    click.echo(f"finops-gate: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="finops-gate", message="%(prog)s %(version)s")
def main() -> None:
    """finops-gate: what will this change cost, does it follow the rules, who must sign it off?"""


def _write(text: str | Callable[[TextIO], None], out: Path | None) -> None:
    """Write all or nothing: to a temp file beside ``out``, then rename. ``text`` may be a
    function that writes to a handle (large JSON reports are streamed)."""
    if out is None:
        if callable(text):
            text(sys.stdout)
        else:
            click.echo(text, nl=not text.endswith("\n"))
        return
    directory = out.parent if str(out.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"{out}: directory {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if callable(text):
                text(handle)
            else:
                handle.write(text)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dump_json(doc: dict[str, Any], handle: TextIO) -> None:
    """Write the JSON report: indented for people; a large report compact and one resource at a
    time, so it never exists as one string and each resource is dropped once written."""
    resources = doc["resources"]
    if len(resources) <= LARGE_REPORT:
        handle.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        return
    frame = json.dumps({**doc, "resources": []}, ensure_ascii=False)
    before, _, after = frame.partition('"resources": []')
    handle.write(before + '"resources": [')
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per resource
    for i in range(len(resources)):
        handle.write(("," if i else "") + encode(resources[i]))
        resources[i] = None
    handle.write("]" + after + "\n")


def render(doc: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    from finops_gate.report import render as r

    if fmt == "markdown":
        return r.markdown(doc)
    return r.table(doc)


def exit_code(doc: dict[str, Any]) -> int:
    verdict = doc["verdict"]
    return EXIT_BLOCKED if verdict in ("fail", "approval_required") else EXIT_PASS


def _policy_context(*, all_resources: bool) -> Any:
    """Today's date (exemption expiry, UTC) and the flags the policies read."""
    import datetime

    from finops_gate.policies import PolicyContext

    today = datetime.datetime.now(datetime.UTC).date()
    return PolicyContext(today=today, all_resources=all_resources)


@main.command()
@click.argument("path", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option(
    "--base-ref",
    metavar="REF",
    help="Git ref of the base (default: merge-base with the default branch).",
)
@click.option(
    "--base", "base_dir", type=click.Path(path_type=Path), help="Base tree on disk (with --head)."
)
@click.option(
    "--head", "head_dir", type=click.Path(path_type=Path), help="Head tree on disk (with --base)."
)
@click.option(
    "--plan",
    "plans",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=True),
    help="Terraform plan JSON (terraform show -json tfplan); repeatable.",
)
@click.option(
    "--config",
    type=click.Path(path_type=Path),
    help="Config file (default: .finops-gate.yml of the base tree).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "markdown", "json"]),
    default=None,
    help="Output format (default: table).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to FILE instead of stdout.",
)
@click.option(
    "--all-resources",
    is_flag=True,
    help="Tag policies: also report untouched resources (the existing tagging debt).",
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
    all_resources: bool,
) -> int:
    """Price the change between base and head and apply the policies."""
    from finops_gate import app, gitrefs
    from finops_gate.report.json import to_json

    # A check is a short run over one large acyclic document (a plan can be tens of MB): the
    # cyclic garbage collector would only rescan it again and again.
    gc.disable()
    if not path.exists():
        raise UsageError(f"{path}: no such directory")
    nothing_given = not plans and base_dir is None and head_dir is None and base_ref is None
    if nothing_given and gitrefs.repo_root(path) is not None:
        base_ref = gitrefs.default_base(path)
    request = app.CheckRequest(
        root=path,
        plans=plans,
        base=base_dir,
        head=head_dir,
        base_ref=base_ref,
        config=config,
        options={"policy_context": _policy_context(all_resources=all_resources)},
    )
    # keep only the JSON document: the Report holds the parsed plan, freed here before rendering
    doc = to_json(app.check(request))
    code = exit_code(doc)
    if fmt == "json":
        _write(lambda handle: dump_json(doc, handle), out)
    else:
        _write(render(doc, fmt or "table"), out)
    return code


if __name__ == "__main__":  # pragma: no cover
    main()
