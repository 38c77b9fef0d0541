"""``--post``: the platform's approvals applied to the report, then the comment and the status.

The report is computed first (pure, no network). If it needs an approval, the publisher reads the
valid approvals for the current head from the platform and ``approvals.apply`` clears the gate
when one is present; then the comment and the status are published from that final report, so
the comment, the status and the exit code always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from finops_gate.ci import PullRequestContext
from finops_gate.errors import PublishError
from finops_gate.publish.approvals import PlatformApprovals, apply

PLATFORMS = ("github", "gitlab")


def publisher_for(ctx: PullRequestContext, *, key: str = "default") -> Any:
    """The publisher of ``ctx``'s platform (GitHub or GitLab), for the comment key ``key``."""
    from finops_gate.publish.comment import comment_key

    if ctx.platform == "gitlab":
        from finops_gate.publish.gitlab import GitLabPublisher

        return GitLabPublisher(ctx, key=comment_key(key))
    if ctx.platform == "github":
        from finops_gate.publish.github import GitHubPublisher

        return GitHubPublisher(ctx, key=comment_key(key))
    raise PublishError(f"--post on {ctx.platform}: publishing works on GitHub and GitLab")


def collect_approvals(
    ctx: PullRequestContext, approvers: Sequence[str], *, key: str = "default"
) -> PlatformApprovals:
    """The platform's valid approvals for the current head, before the check: they go into the
    policy engine's context (``PlatformApprovals.records()``)."""
    if ctx.platform not in PLATFORMS:
        return PlatformApprovals()
    return publisher_for(ctx, key=key).approvals(approvers)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class PostOptions:
    behavior: str = "update"
    comment: bool = True
    key: str = "default"
    approvers: Sequence[str] | None = None  # None: the ones the report names (base config)
    expect_head: str | None = None  # the commit the report was computed on (workflow_run)
    approvals: PlatformApprovals | None = None  # already judged by the policy engine


def post(
    doc: dict[str, Any], ctx: PullRequestContext, options: PostOptions
) -> tuple[dict[str, Any], list[str]]:
    """Publish ``doc`` for the pull request of ``ctx``; returns the final report and what was done
    (one line each, for the log)."""
    publisher = publisher_for(ctx, key=options.key)
    head = publisher.head_sha
    if options.expect_head is not None and options.expect_head != head:
        raise PublishError(
            f"{_name(ctx)} is at {head[:12]}, not {options.expect_head[:12]} that the report "
            "was computed on; not posted (a newer run will post)"
        )
    if ctx.head_sha is not None and ctx.head_sha != head:
        log = [f"{_name(ctx)} moved on to {head[:12]}; this run is for {ctx.head_sha[:12]}"]
    else:
        log = []
    approval = doc.get("approval") or {}
    if options.approvals is not None:
        doc = apply(doc, options.approvals, decide=False)
        log.extend(f"approval: {note}" for note in options.approvals.notes)
        counted = (doc.get("approval") or {}).get("approved_by") or []
        if counted:
            log.append(f"approved by {', '.join(counted)} for {head[:12]}")
    elif approval.get("required"):
        approvers = options.approvers
        if approvers is None:
            approvers = list(approval.get("approvers") or [])
        state = publisher.approvals(approvers)
        doc = apply(doc, state)
        log.extend(f"approval: {note}" for note in state.notes)
        if state.logins:
            log.append(f"approved by {', '.join(state.logins)} for {head[:12]}")
    result = publisher.publish(doc, behavior=options.behavior, post_comment=options.comment)
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
    from finops_gate.publish.github import GitHubPublisher

    pull = GitHubPublisher(ctx).pull()
    assert ctx.number is not None
    return ctx.with_pull(
        ctx.number,
        base_sha=ctx.base_sha or str(pull.base.sha),
        head_sha=ctx.head_sha or str(pull.head.sha),
    )


def _name(ctx: PullRequestContext) -> str:
    return f"MR !{ctx.number}" if ctx.platform == "gitlab" else f"PR #{ctx.number}"


def github_approvers(raw_config: dict[str, Any]) -> list[str] | None:
    """``policies.approval.approvers.github`` of a validated config, if set."""
    return platform_approvers(raw_config, "github")


def platform_approvers(raw_config: dict[str, Any], platform: str) -> list[str] | None:
    """``policies.approval.approvers.<platform>`` of a validated config, if set."""
    section = ((raw_config.get("policies") or {}).get("approval") or {}).get("approvers") or {}
    names = section.get(platform)
    return [str(n) for n in names] if isinstance(names, list) else None
