"""``--post``: the platform's approvals applied to the report, then the comment and the status.

The report is computed first (pure, no network). If it needs an approval, the publisher reads the
valid approvals for the current head from the platform and ``approvals.apply`` clears the gate
when one is present; then the comment and the status are published from that final report, so
the comment, the status and the exit code always agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from finops_gate.ci import PullRequestContext
from finops_gate.errors import PublishError
from finops_gate.publish import PUBLISHERS
from finops_gate.publish.approvals import PlatformApprovals, apply
from finops_gate.publish.base import Publication, Publisher
from finops_gate.publish.comment import comment_key
from finops_gate.report.document import Document


def publisher_for(ctx: PullRequestContext) -> Publisher:
    """The platform's ``Publisher`` for the pull/merge request of ``ctx``."""
    factory = PUBLISHERS.get(ctx.platform)
    if factory is None:
        known = ", ".join(sorted(PUBLISHERS))
        raise PublishError(f"--post on {ctx.platform}: publishing is implemented for {known}")
    return factory(ctx)


def publication(
    ctx: PullRequestContext, *, key: str = "default", publisher: Publisher | None = None
) -> Publication:
    """The comment behaviours, status and approvals over the platform's publisher."""
    return Publication(
        publisher if publisher is not None else publisher_for(ctx),
        key=comment_key(key),
        target_url=ctx.run_url,
        head_sha=ctx.head_sha,
    )


def collect_approvals(
    ctx: PullRequestContext, approvers: Sequence[str], *, key: str = "default"
) -> PlatformApprovals:
    """The platform's valid approvals for the current head, before the check: they go into the
    policy engine's context."""
    if ctx.platform not in PUBLISHERS:
        return PlatformApprovals()
    return publication(ctx, key=key).approvals(approvers)


@dataclass(frozen=True, slots=True)
class PostOptions:
    """How ``--post`` keeps the comment, and whose approvals count for which head."""

    behavior: str = "update"
    comment: bool = True
    key: str = "default"
    approvers: Sequence[str] | None = None  # None: the ones the report names (base config)
    expect_head: str | None = None  # the commit the report was computed on (workflow_run)
    expect_repo: str | None = None  # the repository that commit came from (workflow_run)
    approvals: PlatformApprovals | None = None  # already judged by the policy engine


def post(
    doc: Document | Mapping[str, Any],
    ctx: PullRequestContext,
    options: PostOptions,
    *,
    publisher: Publisher | None = None,
) -> tuple[Document, list[str]]:
    """Publish ``doc`` for the pull request of ``ctx``; returns the final report and what was done
    (one line each, for the log)."""
    doc = Document.of(doc)
    pub = publication(ctx, key=options.key, publisher=publisher)
    change = pub.change()
    head = change.head_sha
    if options.expect_head is not None and options.expect_head != head:
        raise PublishError(
            f"PR #{ctx.number} is at {head[:12]}, not {options.expect_head[:12]} that the report "
            "was computed on; not posted (a newer run will post)"
        )
    # the PR number of a fork's artifact is the fork's word: another PR may hold the same commit
    expected = options.expect_repo
    if expected is not None and (change.head_repo or "").lower() != expected.lower():
        raise PublishError(
            f"PR #{ctx.number} comes from {change.head_repo or 'a deleted repository'}, not "
            f"{expected} where the report was computed; not posted"
        )
    if ctx.head_sha is not None and ctx.head_sha != head:
        log = [f"PR #{ctx.number} moved on to {head[:12]}; this run is for {ctx.head_sha[:12]}"]
    else:
        log = []
    if options.approvals is not None:
        doc = apply(doc, options.approvals, decide=False)
        log.extend(f"approval: {note}" for note in options.approvals.notes)
        counted = doc.approval.approved_by
        if counted:
            log.append(f"approved by {', '.join(counted)} for {head[:12]}")
    elif doc.approval.required:
        approvers = options.approvers
        if approvers is None:
            approvers = list(doc.approval.approvers)
        state = pub.approvals(approvers)
        doc = apply(doc, state)
        log.extend(f"approval: {note}" for note in state.notes)
        if state.logins:
            log.append(f"approved by {', '.join(state.logins)} for {head[:12]}")
    result = pub.publish(doc, behavior=options.behavior, post_comment=options.comment)
    log.append(
        f"comment {result.comment}" + (f" (id {result.comment_id})" if result.comment_id else "")
    )
    log.extend(result.notes)
    log.append(f"status finops-gate: {result.status}")
    return doc, log


def resolve_shas(ctx: PullRequestContext) -> PullRequestContext:
    """Fill the base and head SHAs from the API when the event did not carry them."""
    if ctx.base_sha is not None and ctx.head_sha is not None:
        return ctx
    change = publisher_for(ctx).change()
    assert ctx.number is not None
    return ctx.with_pull(
        ctx.number,
        base_sha=ctx.base_sha or change.base_sha,
        head_sha=ctx.head_sha or change.head_sha,
    )
