"""Benchmark: `finops-gate check --plan big.json --format json` against plain `json.load`.

Writes a synthetic 10,000-resource plan (about 20 MB, realistic attribute bulk), then prints
the wall time of the gate divided by the time of `python -c "import json; json.load(...)"` on
the same file (target: at most 1.5x), the same for CPU time (user + system: steadier than wall
time on a shared machine), and the gate's peak memory against the file size (target: under 5x).

--shape terraform (default): what `terraform show -json` writes, planned_values and prior_state
beside resource_changes, a fifth of the resources priced. --shape other: the other generator
shape (Terragrunt/CDKTF-style exports): no planned_values nor configuration (the region comes
from AWS_REGION, as in CI), every resource priced, mixed actions (create, update, delete,
replace), ten tags and a large description on each.
--linear K also runs the gate on a plan K times as large (default 5: 10,000 then 50,000
resources) and prints the time per resource at both sizes: a ratio near 1.0 is linear.
--shape modules: one module called with for_each over N/2 keys, each instance a DynamoDB table
and the autoscaling target that scales it (joined per module instance: the joins must stay
linear in the number of instances).
--instructions also counts the instructions of one run of each under valgrind's callgrind: the
same ratio from run to run, where time on a shared machine varies 2x (about 50 times slower).
Usage: python bench/bench_plan.py [--resources N] [--shape terraform|other|modules] [--runs N]
       [--linear K] [--instructions] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _measure

TYPES = ["m5.large", "m5.xlarge", "t3.medium", "c6i.2xlarge", "r6g.large"]


def _policy(rng: random.Random) -> str:
    statements = [
        {
            "Effect": "Allow",
            "Action": [f"s3:{a}" for a in ("GetObject", "PutObject", "ListBucket")],
            "Resource": [f"arn:aws:s3:::bucket-{rng.randrange(10**6)}/*"],
        }
        for _ in range(1)
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def _tags(i: int) -> dict[str, str]:
    return {
        "finops:team": f"team-{i % 17}",
        "finops:service": f"svc-{i % 53}",
        "finops:environment": "prod",
        "finops:cost-center": f"cc-{i % 9}",
        "Name": f"res-{i}",
    }


def _resource(i: int, rng: random.Random) -> dict[str, Any]:
    kind = (
        "aws_instance",
        "aws_ebs_volume",
        "aws_iam_role",
        "aws_s3_bucket",
        "aws_security_group",
    )[i % 5]
    if kind == "aws_instance":
        after: dict[str, Any] = {
            "ami": f"ami-{rng.randrange(16**12):012x}",
            "instance_type": rng.choice(TYPES),
            "monitoring": False,
            "tenancy": "default",
            "user_data": "#!/bin/bash\n" + "echo x\n" * 2,
            "root_block_device": [
                {"volume_size": 50, "volume_type": "gp3", "iops": 3000, "throughput": 125}
            ],
            "ebs_block_device": [
                {"device_name": "/dev/sdf", "volume_size": 200, "volume_type": "gp3"}
            ],
            "vpc_security_group_ids": [f"sg-{rng.randrange(16**8):08x}" for _ in range(3)],
        }
    elif kind == "aws_ebs_volume":
        after = {
            "availability_zone": "us-east-1a",
            "size": rng.choice([20, 100, 500]),
            "type": "gp3",
        }
    elif kind == "aws_iam_role":
        after = {
            "name": f"role-{i}",
            "assume_role_policy": _policy(rng),
            "inline_policy": [{"name": "p", "policy": _policy(rng)}],
        }
    elif kind == "aws_s3_bucket":
        after = {"bucket": f"bucket-{i}", "policy": _policy(rng), "versioning": [{"enabled": True}]}
    else:
        after = {
            "name": f"sg-{i}",
            "ingress": [
                {
                    "from_port": p,
                    "to_port": p,
                    "protocol": "tcp",
                    "cidr_blocks": ["10.0.0.0/8"],
                    "description": "allow internal traffic",
                }
                for p in (22, 443)
            ],
        }
    after["tags"] = {"Name": f"res-{i}"}
    after["tags_all"] = _tags(i)
    before = dict(after) if i % 3 else None
    actions = ["update"] if before else ["create"]
    return {
        "address": f"module.m{i % 40}.{kind}.r[{i}]",
        "module_address": f"module.m{i % 40}",
        "mode": "managed",
        "type": kind,
        "name": "r",
        "index": i,
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {
            "actions": actions,
            "before": before,
            "after": after,
            "after_unknown": {"id": True, "arn": True, "tags_all": {}},
            "before_sensitive": {} if before else False,
            "after_sensitive": {},
        },
    }


_PRICED = (
    ("aws_instance", lambda i, rng: {"ami": "ami-1", "instance_type": rng.choice(TYPES)}),
    ("aws_ebs_volume", lambda i, rng: {"availability_zone": "us-east-1a", "size": 100 + i % 7}),
    ("aws_nat_gateway", lambda i, rng: {"allocation_id": f"eipalloc-{i:08x}"}),
    ("aws_eip", lambda i, rng: {"domain": "vpc"}),
    (
        "aws_db_instance",
        lambda i, rng: {
            "instance_class": "db.t3.large",
            "engine": "postgres",
            "allocated_storage": 50,
        },
    ),
)
_ACTIONS = (["create"], ["update"], ["delete"], ["delete", "create"], ["create", "delete"])


def _other(i: int, rng: random.Random) -> dict[str, Any]:
    kind, attrs = _PRICED[i % len(_PRICED)]
    actions = _ACTIONS[i % len(_ACTIONS)]
    tags = {f"finops:k{k}": f"value-{i % (k + 3)}" for k in range(10)}
    after: dict[str, Any] = {
        **attrs(i, rng),
        "description": " ".join(f"word{rng.randrange(10**6)}" for _ in range(160)),
        "tags": tags,
        "tags_all": tags,
    }
    before = dict(after) if actions != ["create"] else None
    if actions == ["update"] and before is not None:
        before["tags"] = {**tags, "Name": f"old-{i}"}
    return {
        "address": f"module.app{i % 50}.module.part{i % 7}.{kind}.r{i}",
        "module_address": f"module.app{i % 50}.module.part{i % 7}",
        "mode": "managed",
        "type": kind,
        "name": f"r{i}",
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {
            "actions": actions,
            "before": before,
            "after": None if actions == ["delete"] else after,
            "after_unknown": {"id": True},
            "before_sensitive": {},
            "after_sensitive": {},
        },
    }


def write_other(path: Path, n: int) -> None:
    """The other generator shape (module docstring)."""
    rng = random.Random(7)
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "resource_changes": [_other(i, rng) for i in range(n)],
    }
    path.write_text(json.dumps(plan))


def write_modules(path: Path, n: int) -> None:
    """The modules shape (module docstring): n resources, n/2 module instances."""
    changes: list[dict[str, Any]] = []
    for i in range(max(n // 2, 1)):
        module = f'module.m["k{i}"]'
        for kind, after in (
            (
                "aws_dynamodb_table",
                {
                    "name": f"table-{i}",
                    "billing_mode": "PROVISIONED",
                    "read_capacity": 5,
                    "write_capacity": 5,
                },
            ),
            (
                "aws_appautoscaling_target",
                {
                    "resource_id": f"table/table-{i}",
                    "min_capacity": 5,
                    "max_capacity": 50,
                    "service_namespace": "dynamodb",
                    "scalable_dimension": "dynamodb:table:ReadCapacityUnits",
                },
            ),
        ):
            changes.append(
                {
                    "address": f"{module}.{kind}.t",
                    "module_address": module,
                    "mode": "managed",
                    "type": kind,
                    "name": "t",
                    "provider_name": "registry.terraform.io/hashicorp/aws",
                    "change": {
                        "actions": ["create"],
                        "before": None,
                        "after": after,
                        "after_unknown": {"id": True},
                    },
                }
            )
    target_ref = {"references": ["aws_dynamodb_table.t.name", "aws_dynamodb_table.t"]}
    resources = [
        {
            "address": f"{kind}.t",
            "mode": "managed",
            "type": kind,
            "name": "t",
            "provider_config_key": "aws",
            "expressions": expressions,
        }
        for kind, expressions in (
            ("aws_dynamodb_table", {"name": {"references": ["each.key"]}}),
            ("aws_appautoscaling_target", {"resource_id": target_ref}),
        )
    ]
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "resource_changes": changes,
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}
            },
            "root_module": {
                "module_calls": {"m": {"source": "./m", "module": {"resources": resources}}}
            },
        },
    }
    path.write_text(json.dumps(plan))


def write_plan(path: Path, n: int) -> None:
    rng = random.Random(42)
    changes = [_resource(i, rng) for i in range(n)]
    config = {
        "provider_config": {
            "aws": {
                "name": "aws",
                "full_name": "registry.terraform.io/hashicorp/aws",
                "expressions": {"region": {"constant_value": "us-east-1"}},
            }
        },
        "root_module": {
            "module_calls": {
                f"m{k}": {
                    "source": "./mod",
                    "module": {
                        "resources": [
                            {
                                "address": f"{t}.r",
                                "mode": "managed",
                                "type": t,
                                "name": "r",
                                "provider_config_key": "aws",
                            }
                            for t in (
                                "aws_instance",
                                "aws_ebs_volume",
                                "aws_iam_role",
                                "aws_s3_bucket",
                                "aws_security_group",
                            )
                        ]
                    },
                }
                for k in range(40)
            }
        },
    }

    # Like `terraform show -json`: planned_values holds every resource's planned values and
    # prior_state the current ones, beside resource_changes.
    def values(side: str) -> list[dict[str, Any]]:
        return [
            {
                "address": c["address"],
                "mode": "managed",
                "type": c["type"],
                "name": c["name"],
                "index": c["index"],
                "provider_name": c["provider_name"],
                "schema_version": 1,
                "values": c["change"][side],
                "sensitive_values": {},
            }
            for c in changes
            if c["change"][side] is not None
        ]

    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"resources": values("after")}},
        "prior_state": {
            "format_version": "1.0",
            "terraform_version": "1.9.8",
            "values": {"root_module": {"resources": values("before")}},
        },
        "resource_changes": changes,
        "configuration": config,
    }
    path.write_text(json.dumps(plan))  # terraform writes it compact


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    parser.add_argument("--shape", choices=("terraform", "other", "modules"), default="terraform")
    parser.add_argument("--write-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--linear", type=int, default=0, metavar="K", help="also run a plan K times as large"
    )
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions (valgrind)"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    plan = args.out / "big.json"
    if args.write_only:
        writers = {"other": write_other, "modules": write_modules}
        writers.get(args.shape, write_plan)(plan, args.resources)
        return 0
    _write(args, args.resources)
    size = plan.stat().st_size
    if args.shape == "other":
        # no configuration block: the region comes from the environment, as in CI
        os.environ["AWS_REGION"] = "us-east-1"
    gate_cmd = _measure.gate()
    gate_cmd += [
        "check",
        str(args.out),
        "--plan",
        str(plan),
        "--format",
        "json",
        "--out",
        str(args.out / "report.json"),
    ]
    base_cmd = [sys.executable, "-c", f"import json; json.load(open({str(plan)!r}))"]
    g, g_cpu, peak = _measure.median_cpu_runs(gate_cmd, args.runs)
    base_peak = _measure.run_cpu(base_cmd)[2]
    b, b_cpu, _ = _measure.median_cpu_runs(base_cmd, args.runs)
    print(f"plan: {args.resources} resources ({args.shape} shape), {size / 1e6:.1f} MB")
    print(f"json.load: {b:.3f} s   finops-gate check: {g:.3f} s   (median of {args.runs})")
    print(f"time ratio: {g / b:.2f}x (target <= 1.5x)   CPU time ratio: {g_cpu / b_cpu:.2f}x")
    print(
        f"peak memory: {peak / 1e6:.0f} MB = {peak / size:.2f}x the file size (target < 5x);"
        f" json.load alone: {base_peak / 1e6:.0f} MB = {base_peak / size:.2f}x"
    )
    if args.instructions:
        gate_count, base_count = _measure.instructions(gate_cmd), _measure.instructions(base_cmd)
        if gate_count is None or base_count is None:
            print("instructions: valgrind is not installed")
        else:
            print(
                f"instructions: finops-gate {gate_count:,}, json.load {base_count:,}: "
                f"ratio {gate_count / base_count:.2f}x (callgrind: the same from run to run)"
            )
    if args.linear > 1:
        large = args.resources * args.linear
        _write(args, large)
        big, big_cpu, big_peak = _measure.median_cpu_runs(gate_cmd, args.runs)
        small_each, large_each = g / args.resources * 1e6, big / large * 1e6
        print(
            f"linearity: {small_each:.0f} us per resource at {args.resources}, "
            f"{large_each:.0f} us at {large} (ratio {large_each / small_each:.2f}, CPU "
            f"{(big_cpu / large) / (g_cpu / args.resources):.2f}; 1.00 is linear); peak memory "
            f"{big_peak / 1e6:.0f} MB = {big_peak / plan.stat().st_size:.2f}x the file size"
        )
    return 0


def _write(args: argparse.Namespace, resources: int) -> None:
    """The plan, written by a child process: Linux children inherit the parent's peak RSS
    across fork+exec, so building the plan here would inflate every measured peak."""
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--write-only",
            "--resources",
            str(resources),
            "--shape",
            args.shape,
            "--out",
            str(args.out),
        ],
        check=True,
    )


if __name__ == "__main__":
    sys.exit(main())
