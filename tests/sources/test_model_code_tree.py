"""Source code across a tree: wrapper callers in other modules, only changed files parsed,
lock bumps of clients, unreadable and generated files."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.sources import model_code, model_code_js, model_code_tree
from finops_gate.sources.model_code_tree import is_test_file, load, load_pair
from finops_gate.sources.tree import Tree
from tests.sides import check_sides

WRAPPER_PY = """
    from openai import OpenAI
    _c = OpenAI()
    def complete(prompt, model="{model}", max_tokens=400):
        return _c.chat.completions.create(model=model, messages=[])
"""
WRAPPER_TS = """
    import OpenAI from "openai";
    const client = new OpenAI();
    export async function complete(prompt: string, model = "{model}") {{
      return client.chat.completions.create({{ model, messages: [] }});
    }}
    export const ask = async ({{ q, model = "{model}" }}: {{ q: string; model?: string }}) =>
      client.chat.completions.create({{ model, messages: [] }});
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def pair(tmp_path: Path, base: dict[str, str], head: dict[str, str]) -> tuple[Tree, Tree]:
    return Tree(write(tmp_path / "base", base)), Tree(write(tmp_path / "head", head))


def by_address(resources: list[Any]) -> dict[str, dict[str, Any]]:
    return {r.address: r.attributes for r in resources}


def check(tmp_path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(
        main,
        ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head"),
         "--format", "json", *extra],
    )  # fmt: skip
    doc = json.loads(result.stdout) if result.stdout.startswith("{") else {}
    return result.exit_code, doc or {"output": result.output}


# --- wrapper callers in other modules --------------------------------------------------------


def test_python_callers_in_other_modules_are_listed_on_the_wrapper(tmp_path: Path) -> None:
    callers = {
        "app/support/llm_client.py": WRAPPER_PY.format(model="gpt-4o-mini"),
        "app/support/tickets.py": """
            from app.support.llm_client import complete
            def summarize(t): return complete("sum " + t)
            def pinned(t): return complete("x", model="gpt-4o")
            def positional(t): return complete("x", "gpt-4o")
            def forwarded(t, **kw): return complete("x", **kw)
        """,
        "app/billing/notes.py": """
            from ..support import llm_client as lc
            def note(t): return lc.complete(t)
        """,
        "app/search/rank.py": """
            from ..support.llm_client import complete as ask
            class Ranker:
                def rank(self, q): return ask(q, max_tokens=20)
        """,
        "app/other.py": """
            def complete(prompt): return prompt
            def local(): return complete("not the wrapper")
        """,
    }
    head = {**callers, "app/support/llm_client.py": WRAPPER_PY.format(model="gpt-4-turbo")}
    base_t, head_t = pair(tmp_path, callers, head)
    before, after = (
        by_address(side) for side in load_pair(base_t, head_t, base_t.files(), head_t.files())
    )
    site = "app/support/llm_client.py#complete.model"
    assert after[site]["model"] == "gpt-4-turbo"
    assert after[site]["callers"] == [
        "app/billing/notes.py#note",
        "app/search/rank.py#Ranker.rank",
        "app/support/tickets.py#summarize",
    ]
    assert after[site]["callers_relying_on_default"] == 3
    assert before[site]["callers"] == after[site]["callers"]


def test_typescript_callers_through_relative_and_alias_imports(tmp_path: Path) -> None:
    files = {
        "web/src/lib/llm.ts": WRAPPER_TS.format(model="gpt-4o-mini"),
        "web/src/routes/chat.tsx": """
            import { complete, ask } from "../lib/llm";
            export default function Chat({ text }: { text: string }) {
              const go = () => complete(text);
              return <button onClick={() => ask({ q: text })}>Go</button>;
            }
        """,
        "web/src/routes/api.ts": """
            import * as llm from "@/lib/llm.js";
            export const handler = (q: string) => llm.complete(q, "gpt-4o");
            export const other = (q: string) => llm.ask({ q, model: "gpt-4.1" });
            export const opts = (o: Options) => llm.ask(o);
        """,
    }
    head = {**files, "web/src/lib/llm.ts": WRAPPER_TS.format(model="gpt-4-turbo")}
    base_t, head_t = pair(tmp_path, files, head)
    _, after = (by_address(s) for s in load_pair(base_t, head_t, base_t.files(), head_t.files()))
    assert after["web/src/lib/llm.ts#complete.model"]["callers"] == [
        "web/src/routes/chat.tsx#Chat.go"
    ]
    assert after["web/src/lib/llm.ts#ask.model"]["callers"] == ["web/src/routes/chat.tsx#Chat"]
    assert after["web/src/lib/llm.ts#complete.model"]["language"] == "typescript"


def test_a_module_of_the_same_name_elsewhere_is_not_the_wrapper(tmp_path: Path) -> None:
    files = {
        "svc/a/llm.py": WRAPPER_PY.format(model="gpt-4o-mini"),
        "svc/b/llm.py": "def complete(prompt, model=None):\n    return prompt\n",
        "svc/b/use.py": "from .llm import complete\ndef f(): return complete('x')\n",
    }
    head = {**files, "svc/a/llm.py": WRAPPER_PY.format(model="gpt-4-turbo")}
    base_t, head_t = pair(tmp_path, files, head)
    _, after = (by_address(s) for s in load_pair(base_t, head_t, base_t.files(), head_t.files()))
    assert "callers" not in after["svc/a/llm.py#complete.model"]


# --- only changed files are parsed -----------------------------------------------------------


def test_only_files_that_differ_are_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    for module in (model_code, model_code_js):
        real = module.scan_file

        def spy(text: str, rel: str, real: Any = real) -> Any:
            parsed.append(rel)
            return real(text, rel)

        monkeypatch.setattr(module, "scan_file", spy)
    monkeypatch.setattr(model_code_tree, "_MEMO", {})
    files = {
        f"pkg/m{i}.{'py' if i % 2 else 'ts'}": (
            f'DEFAULT_MODEL = "gpt-4o-{i}"\n'
            if i % 2
            else f'export const DEFAULT_MODEL = "gpt-4o-{i}";\n'
        )
        for i in range(40)
    }
    files["pkg/llm.py"] = "from openai import OpenAI\nMODEL = 'gpt-4o-mini'\n"
    head = {**files, "pkg/llm.py": "from openai import OpenAI\nMODEL = 'gpt-4o'\n"}
    base_t, head_t = pair(tmp_path, files, head)
    _, after = load_pair(base_t, head_t, base_t.files(), head_t.files())
    assert sorted(parsed) == ["pkg/llm.py", "pkg/llm.py"]  # one file, once per side
    assert [r.address for r in after] == ["pkg/llm.py:MODEL"]
    assert any("40 source file(s) identical" in n for n in head_t.skipped)
    # one side alone (load) still reads every file
    assert len(load(Tree(tmp_path / "head"), Tree(tmp_path / "head").files())) == 41


def test_a_file_added_or_deleted_is_parsed_on_its_side(tmp_path: Path) -> None:
    base_t, head_t = pair(
        tmp_path,
        {"a.ts": 'import OpenAI from "openai";\nexport const MODEL = "gpt-4o";\n'},
        {"b.py": "from openai import OpenAI\nMODEL = 'gpt-4.1'\n"},
    )
    before, after = load_pair(base_t, head_t, base_t.files(), head_t.files())
    assert [r.address for r in before] == ["a.ts:MODEL"]
    assert [r.address for r in after] == ["b.py:MODEL"]


# --- library defaults and lock bumps ---------------------------------------------------------

CHAT_TS = """
    import { ChatOpenAI } from "@langchain/openai";
    export const chat = new ChatOpenAI({ temperature: 0 });
"""


@pytest.mark.parametrize(
    ("lock", "text"),
    [
        ("package-lock.json",
         '{{"lockfileVersion": 3, "packages": {{"node_modules/@langchain/openai": '
         '{{"version": "{v}"}}}}}}'),
        ("pnpm-lock.yaml",
         "lockfileVersion: '9.0'\npackages:\n  '@langchain/openai@{v}':\n    resolution: {{}}\n"),
        ("yarn.lock", '"@langchain/openai@^0.2.0":\n  version "{v}"\n  resolved "https://x"\n'),
        ("yarn.lock", '"@langchain/openai@npm:^0.2.0":\n  version: {v}\n  checksum: abc\n'),
    ],
)  # fmt: skip
def test_a_js_lock_bump_names_the_unchanged_unpinned_call_sites(
    tmp_path: Path, lock: str, text: str
) -> None:
    files = {"src/chat.ts": CHAT_TS, "src/other.ts": "export const x = 1;\n"}
    write(tmp_path / "base", {**files, lock: text.format(v="0.2.0")})
    write(tmp_path / "head", {**files, lock: text.format(v="0.3.1")})
    code, doc = check(tmp_path)
    assert code == 0, doc
    (res,) = [r for r in doc["resources"] if r["address"] == "src/chat.ts#<module>.model"]
    assert res["action"] == "update"
    (finding,) = [f for f in doc["findings"] if f["policy"] == "models.unpinned"]
    assert "@langchain/openai 0.2.0 -> 0.3.1" in finding["message"]


AGENTS_PY = """
    from agents import Agent, Runner
    triage = Agent(name="triage", instructions="route")
"""


@pytest.mark.parametrize(
    "local", [None, "agents/__init__.py", "agents.py", "src/agents/__init__.py"]
)
def test_an_openai_agents_bump_names_its_default_model_agents_unless_agents_is_the_repos_own(
    tmp_path: Path, local: str | None
) -> None:
    """The OpenAI Agents SDK (``openai-agents``, imported as ``agents``) has changed its default
    model between releases: a bump warns on every Agent that sets none. A repository's own
    ``agents`` package shadows the import: its Agent relies on no library default."""
    files = {"app.py": AGENTS_PY}
    if local is not None:
        files[local] = "class Agent:\n    def __init__(self, name, instructions=''): ...\n"
    write(tmp_path / "base", {**files, "requirements.txt": "openai-agents==0.0.19\n"})
    write(tmp_path / "head", {**files, "requirements.txt": "openai-agents==0.1.0\n"})
    code, doc = check(tmp_path)
    assert code == 0, doc
    findings = [f for f in doc["findings"] if f["policy"] == "models.unpinned"]
    sites = [r for r in doc["resources"] if r["address"].startswith("app.py#")]
    if local is not None:
        assert findings == [] and sites == []
        return
    assert [(r["address"], r["action"]) for r in sites] == [("app.py#<module>.model", "update")]
    (finding,) = findings
    assert "openai-agents 0.0.19 -> 0.1.0" in finding["message"]


def test_without_a_bump_unchanged_unpinned_sites_are_not_parsed(tmp_path: Path) -> None:
    lock = json.dumps(
        {"lockfileVersion": 3, "packages": {"node_modules/@langchain/openai": {"version": "0.2.0"}}}
    )
    files = {"src/chat.ts": CHAT_TS, "package-lock.json": lock}
    write(tmp_path / "base", files)
    write(tmp_path / "head", {**files, "src/x.ts": "export const y = 2;\n"})
    code, doc = check(tmp_path)
    assert code == 0
    assert doc["resources"] == [] and doc["findings"] == []


# --- tests, unreadable and generated files ---------------------------------------------------


@pytest.mark.parametrize(
    "rel",
    ["tests/test_llm.py", "src/__tests__/chat.ts", "src/chat.test.tsx", "src/chat.spec.js",
     "fixtures/response.ts", "app/conftest.py", "src/__mocks__/openai.ts"],
)  # fmt: skip
def test_tests_mocks_and_fixtures_are_not_model_sites(tmp_path: Path, rel: str) -> None:
    assert is_test_file(rel)
    code = (
        "from openai import OpenAI\nMODEL = 'gpt-4o'\n"
        if rel.endswith(".py")
        else 'import OpenAI from "openai";\nexport const MODEL = "gpt-4o";\n'
    )
    base_t, head_t = pair(tmp_path, {}, {rel: code})
    assert load_pair(base_t, head_t, base_t.files(), head_t.files()) == ([], [])
    (note,) = head_t.skipped
    assert note.startswith(f"1 test, mock or fixture source file(s) ({rel}...) not scanned")


def test_the_report_notes_how_many_test_files_were_not_scanned(tmp_path: Path) -> None:
    test_code = "from openai import OpenAI\nMODEL = 'gpt-4o'\n"
    base = {"tests/test_a.py": test_code, "web/__tests__/b.test.ts": "x", "README.md": "model"}
    head = {**base, "tests/test_a.py": test_code.replace("4o", "4.1"), "tests/c_test.py": "x"}
    head["app/llm.py"] = "from openai import OpenAI\nMODEL = 'gpt-4o-mini'\n"
    pair(tmp_path, base, head)
    code, doc = check(tmp_path)
    assert code == 0, doc
    assert [c["address"] for c in doc["resources"]] == ["app/llm.py:MODEL"]
    # the changed project's test files (web/ is unchanged and not read)
    assert any(
        n.startswith("2 test, mock or fixture source file(s) (tests/c_test.py...) not scanned")
        for n in doc["notes"]
    ), doc["notes"]
    # a tree without test files says nothing about them
    for side in ("base", "head"):
        for rel in ("tests/test_a.py", "web/__tests__/b.test.ts", "tests/c_test.py"):
            (tmp_path / side / rel).unlink(missing_ok=True)
    assert not any("test, mock" in n for n in check(tmp_path)[1]["notes"])


def test_a_recorded_response_object_in_source_is_not_a_site() -> None:
    found = list(
        model_code_js.scan(
            'import OpenAI from "openai";\n'
            'export const reply = { id: "c1", object: "chat.completion",'
            ' model: "gpt-4o-2024-08-06", choices: [] };\n',
            "src/mock.ts",
        )
    )
    assert found == []


def test_a_source_file_unreadable_in_the_head_fails_closed_if_it_held_sites(tmp_path: Path) -> None:
    write(
        tmp_path / "base",
        {"src/llm.ts": 'import OpenAI from "openai";\nexport const MODEL = "gpt-4o";\n'},
    )
    (tmp_path / "head" / "src").mkdir(parents=True)
    (tmp_path / "head" / "src" / "llm.ts").write_bytes(
        b'import OpenAI from "openai";\n// caf\xe9\nexport const MODEL = "gpt-4-turbo";\n'
    )
    code, doc = check(tmp_path)
    assert code == 2
    assert "src/llm.ts" in doc["output"]


def test_a_source_file_unreadable_on_one_side_without_sites_is_a_note(tmp_path: Path) -> None:
    write(tmp_path / "base", {"src/util.js": "export const model = 1;\n"})
    (tmp_path / "head" / "src").mkdir(parents=True)
    (tmp_path / "head" / "src" / "util.js").write_bytes(
        b"// caf\xe9 model\nexport const model = 2;\n"
    )
    code, doc = check(tmp_path)
    assert code == 0, doc
    assert any("src/util.js" in n and "UTF-8" in n for n in doc["notes"])


def test_a_minified_bundle_is_noted_not_parsed_and_cannot_hide_a_switch(tmp_path: Path) -> None:
    bundle = 'import OpenAI from "openai";export const MODEL="gpt-4o";' + "var a=1;" * 1000 + "\n"
    write(tmp_path / "base", {"static/app.js": "// model\nexport const a = 1;\n"})
    write(tmp_path / "head", {"static/app.js": bundle})
    code, doc = check(tmp_path)
    assert code == 0
    assert any("static/app.js" in n and "minified" in n for n in doc["notes"])
    # the base held a model site in it: the head's bundle could hide a switch
    write(
        tmp_path / "base",
        {"static/app.js": 'import OpenAI from "openai";\nexport const MODEL = "gpt-4o";\n'},
    )
    code, doc = check(tmp_path)
    assert code == 2


CALLER_TS = """
    import {{ complete }} from "{module}";
    export const reply = (q: string) => complete(q);
"""


def _ts_callers(tmp_path: Path, files: dict[str, str], module: str) -> list[str] | None:
    """The callers listed on the changed wrapper ``libs/llm/src/index.ts`` when
    ``apps/web/src/chat.ts`` imports it as ``module``."""
    files = {
        "libs/llm/src/index.ts": WRAPPER_TS.format(model="gpt-4o-mini"),
        "apps/web/src/chat.ts": CALLER_TS.format(module=module),
        **files,
    }
    head = {**files, "libs/llm/src/index.ts": WRAPPER_TS.format(model="gpt-4-turbo")}
    base_t, head_t = pair(tmp_path, files, head)
    _, after = (by_address(s) for s in load_pair(base_t, head_t, base_t.files(), head_t.files()))
    callers = after["libs/llm/src/index.ts#complete.model"].get("callers")
    return None if callers is None else list(callers)


@pytest.mark.parametrize(
    ("configs", "module"),
    [
        # an Nx-style monorepo: paths in the root base config, extended by the app's config
        (
            {
                "tsconfig.base.json": '{"compilerOptions": {"baseUrl": ".", "paths": {'
                '"@acme/llm": ["libs/llm/src/index.ts"]}}}',
                "apps/web/tsconfig.json": '{\n  // app\n  "extends": "../../tsconfig.base.json",'
                '\n  "compilerOptions": {"strict": true,},\n}',
            },
            "@acme/llm",
        ),
        # a wildcard without baseUrl: relative to the config that declares it
        (
            {
                "apps/web/tsconfig.json": '{"compilerOptions": {"paths": '
                '{"#libs/*": ["../../libs/*"]}}}'
            },
            "#libs/llm/src",
        ),
        # jsconfig baseUrl: a bare import resolves from it
        ({"jsconfig.json": '{"compilerOptions": {"baseUrl": "libs"}}'}, "llm/src/index.js"),
        # no config: "@/" is the usual root alias (Vite, Nuxt, Next.js)
        ({}, "@/llm/src/index"),
    ],
)
def test_typescript_callers_through_tsconfig_path_aliases(
    tmp_path: Path, configs: dict[str, str], module: str
) -> None:
    assert _ts_callers(tmp_path, configs, module) == ["apps/web/src/chat.ts#reply"]


@pytest.mark.parametrize(
    ("configs", "module"),
    [
        ({}, "llm/src/index"),  # no baseUrl: a bare import is a package, not a folder
        ({"tsconfig.json": '{"compilerOptions": {"paths": {"@acme/*": ["../elsewhere/*"]}}}'},
         "@acme/llm"),  # a target outside the tree is no file of it
        ({"tsconfig.json": '{"compilerOptions": {"paths": {"@acme/other": ["libs/llm/src"]}}}'},
         "@acme/llm"),  # another alias
        ({"tsconfig.json": '{"compilerOptions": {"baseUrl": "src"}}'}, "libs/llm/src/index"),
    ],
)  # fmt: skip
def test_an_import_no_alias_maps_to_the_wrapper_is_not_its_caller(
    tmp_path: Path, configs: dict[str, str], module: str
) -> None:
    assert _ts_callers(tmp_path, configs, module) is None


def test_a_tsconfig_that_is_not_json_or_unreadable_gives_no_aliases_and_a_note(
    tmp_path: Path,
) -> None:
    configs = {"tsconfig.json": '{"compilerOptions": {"baseUrl": "."'}
    assert _ts_callers(tmp_path, configs, "libs/llm/src/index") is None
    code, doc = check(tmp_path)
    assert code in (0, 1), doc
    assert any(n.startswith("tsconfig.json: not a readable JSON config") for n in doc["notes"])


CALLER = 'import { complete } from "@lib/llm";\nexport const run = () => complete("hi");\n'
ALIASES = '{"compilerOptions": {"baseUrl": ".", "paths": {"@lib/*": ["src/lib/*"]}}}'


def test_a_tsconfig_broken_in_the_head_only_is_noted_when_only_changed_files_are_read(
    tmp_path: Path,
) -> None:
    # the unchanged caller is found through a full listing of the head: that listing's notes
    # (the tsconfig it could not read) must reach the report, not vanish with it
    files = {
        "src/app.ts": CALLER,
        "tsconfig.json": ALIASES,
        "src/lib/llm.ts": WRAPPER_TS.format(model="gpt-4o-mini"),
    }
    head = {
        **files,
        "src/lib/llm.ts": WRAPPER_TS.format(model="gpt-4-turbo"),
        "tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@lib/*": ["src/',
    }
    pair(tmp_path, files, head)
    code, doc = check(tmp_path)
    assert code in (0, 1), doc
    wrapper = next(r for r in doc["resources"] if r["address"] == "src/lib/llm.ts#complete.model")
    assert wrapper["action"] == "update"
    assert any(n.startswith("tsconfig.json: not a readable JSON config") for n in doc["notes"])


def test_a_tsconfig_readable_on_one_side_only_still_finds_the_callers_of_the_head(
    tmp_path: Path,
) -> None:
    good = '{"compilerOptions": {"baseUrl": "."}}'
    files = {
        "libs/llm/src/index.ts": WRAPPER_TS.format(model="gpt-4o-mini"),
        "apps/web/src/chat.ts": CALLER_TS.format(module="libs/llm/src/index"),
        "tsconfig.json": good,
    }
    head = {**files, "libs/llm/src/index.ts": WRAPPER_TS.format(model="gpt-4-turbo")}
    base_t, head_t = pair(tmp_path, files, head)
    (tmp_path / "base" / "tsconfig.json").write_bytes(b"\xff\xfe\x00garbage")
    before, after = (
        by_address(s) for s in load_pair(base_t, head_t, base_t.files(), head_t.files())
    )
    assert after["libs/llm/src/index.ts#complete.model"]["callers"] == [
        "apps/web/src/chat.ts#reply"
    ]
    assert "callers" not in before["libs/llm/src/index.ts#complete.model"]


LLM_CONFIG = """
    DEFAULT_MODEL = "{default}"
    CHEAP_MODEL = "gpt-4o-mini"
    GREETING = "Hello"
"""
LLM_WRAPPER = """
    from openai import OpenAI
    from .config import DEFAULT_MODEL, CHEAP_MODEL
    from app import config
    _c = OpenAI()
    def complete(prompt, model=DEFAULT_MODEL):
        return _c.chat.completions.create(model=model, messages=[])
    def cheap(prompt):
        return _c.chat.completions.create(model=config.CHEAP_MODEL, messages=[])
"""


def test_a_constant_imported_from_another_module_is_followed_one_level(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/config.py": LLM_CONFIG.format(default="gpt-4o-mini"),
        "app/llm.py": LLM_WRAPPER,
        "app/tickets.py": """
            from app.llm import complete
            def reply(t): return complete(t)
        """,
    }
    tree = Tree(write(tmp_path, files))
    found = by_address(load(tree, tree.files()))
    wrapper = found["app/llm.py#complete.model"]
    assert (wrapper["model"], wrapper["model_from"]) == (
        "gpt-4o-mini",
        "constant DEFAULT_MODEL of app/config.py",
    )
    assert wrapper["callers"] == ["app/tickets.py#reply"]
    assert found["app/llm.py#cheap.model"]["model"] == "gpt-4o-mini"
    assert found["app/config.py:DEFAULT_MODEL"]["model"] == "gpt-4o-mini"


def test_an_imported_constant_that_cannot_be_found_is_not_guessed(tmp_path: Path) -> None:
    files = {
        "app/llm.py": LLM_WRAPPER.replace("from .config", "from .settings"),  # no such module
        "app/config.py": "import os\nDEFAULT_MODEL = os.environ['M']\n",
    }
    tree = Tree(write(tmp_path, files))
    found = by_address(load(tree, tree.files()))
    # not guessed, not dropped: the wrapper's default and the client's model are unknown
    assert found["app/llm.py#complete.model"]["model"] is None
    assert found["app/llm.py#complete.model"]["model_from"] == (
        "DEFAULT_MODEL of .settings, computed at run time"
    )
    assert found["app/llm.py#cheap.model"]["model"] is None  # config has no CHEAP_MODEL
    assert found["app/llm.py#cheap.model"]["model_from"] == (
        "CHEAP_MODEL of app.config, computed at run time"
    )


def test_a_changed_default_wrapper_of_imported_constants_is_a_switch(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/config.py": LLM_CONFIG.format(default="gpt-4o-mini"),
        "app/llm.py": LLM_WRAPPER,
    }
    head = {**files, "app/llm.py": LLM_WRAPPER.replace("model=DEFAULT_MODEL", "model=CHEAP_MODEL")}
    head["app/config.py"] = LLM_CONFIG.format(default="gpt-4-turbo")
    base_t, head_t = pair(tmp_path, files, head)
    before, after = (
        by_address(s) for s in load_pair(base_t, head_t, base_t.files(), head_t.files())
    )
    assert before["app/llm.py#complete.model"]["model"] == "gpt-4o-mini"
    assert after["app/llm.py#complete.model"]["model"] == "gpt-4o-mini"
    assert (
        after["app/llm.py#complete.model"]["model_from"] == "constant CHEAP_MODEL of app/config.py"
    )
    assert after["app/config.py:DEFAULT_MODEL"]["model"] == "gpt-4-turbo"


def test_a_literal_model_passed_to_an_imported_wrapper_is_a_site(tmp_path: Path) -> None:
    base = {
        "support/__init__.py": "",
        "support/llm_client.py": WRAPPER_PY.format(model="gpt-4o-mini"),
        "support/tickets.py": """
            from support.llm_client import complete
            from . import llm_client as lc
            def reply(t): return complete(t, model="gpt-4o-mini")
            def triage(t): return lc.complete(t, "gpt-4o-mini")
            def greet(t): return complete("Say hello", max_tokens=5)
        """,
    }
    head = {**base, "support/tickets.py": base["support/tickets.py"].replace("4o-mini", "4.1")}
    code, doc = _check(tmp_path, base, head)
    rows = {c["address"]: c for c in doc["resources"]}
    assert set(rows) == {"support/tickets.py#reply.model", "support/tickets.py#triage.model"}
    assert rows["support/tickets.py#reply.model"]["model_before"] == "gpt-4o-mini"
    assert rows["support/tickets.py#reply.model"]["model_after"] == "gpt-4.1"
    assert code == 0


def _check(tmp_path: Path, base: dict[str, str], head: dict[str, str]) -> tuple[int, Any]:
    pair(tmp_path, base, head)
    return check(tmp_path)


def test_a_prompt_or_a_non_model_passed_to_an_in_repo_function_is_not_a_site(
    tmp_path: Path,
) -> None:
    base = {
        "app/util.py": "def render(template, name, model=None):\n    return template\n",
        "app/views.py": """
            from app.util import render
            from app import util
            def page(): return render("gpt-4o is great", "Bob", model="Invoice")
            def other(): return util.render("x", "y", model=Order)
        """,
    }
    head = {**base, "app/views.py": base["app/views.py"].replace("Bob", "Alice")}
    code, doc = _check(tmp_path, base, head)
    assert (code, doc["resources"]) == (0, []), doc


def test_a_model_passed_by_position_to_a_typescript_wrapper_is_a_site(tmp_path: Path) -> None:
    base = {
        "tsconfig.json": '{"compilerOptions": {"baseUrl": ".", '
        '"paths": {"@lib/*": ["src/lib/*"]}}}',
        "src/lib/llm.ts": WRAPPER_TS.format(model="gpt-4o-mini"),
        "src/routes/chat.ts": """
            import { complete } from "@lib/llm";
            import * as llm from "../lib/llm";
            export const big = (q: string) => complete(q, "gpt-4.1");
            export const small = (q: string) => llm.complete(q, "gpt-4.1-mini");
            export const prompt = (q: string) => complete("gpt-4o is the best model", q);
            export const opts = (q: string) => llm.ask({ q, model: "gpt-4.1" });
        """,
        "src/lib/local.ts": """
            export function answer(q: string, model: string) { return q + model; }
            export const go = (q: string) => answer(q, "o3-mini");
        """,
    }
    head = {**base, "src/routes/chat.ts": base["src/routes/chat.ts"].replace("4.1", "5")}
    head["src/lib/local.ts"] = base["src/lib/local.ts"].replace("o3-mini", "o4-mini")
    base_t, head_t = pair(tmp_path, base, head)
    before, after = (
        by_address(s) for s in load_pair(base_t, head_t, base_t.files(), head_t.files())
    )
    models = {a: (before[a]["model"], after[a]["model"]) for a in after if a in before}
    assert models == {
        "src/routes/chat.ts#big.model": ("gpt-4.1", "gpt-5"),
        "src/routes/chat.ts#small.model": ("gpt-4.1-mini", "gpt-5-mini"),
        "src/routes/chat.ts#opts.model": ("gpt-4.1", "gpt-5"),
        "src/lib/local.ts#go.model": ("o3-mini", "o4-mini"),
    }


def test_a_switched_constant_switches_the_unchanged_wrapper_that_defaults_to_it(
    tmp_path: Path,
) -> None:
    files = {
        "app/__init__.py": "",
        "app/config.py": LLM_CONFIG.format(default="gpt-4o-mini"),
        "app/llm.py": LLM_WRAPPER,
        "app/tickets.py": """
            from app.llm import complete
            def reply(t): return complete(t)
        """,
        "app/other.py": "def unrelated():\n    return 'model'\n",
    }
    head = {**files, "app/config.py": LLM_CONFIG.format(default="gpt-4-turbo")}
    base_t, head_t = pair(tmp_path, files, head)
    before, after = (
        by_address(s) for s in load_pair(base_t, head_t, base_t.files(), head_t.files())
    )
    assert before["app/llm.py#complete.model"]["model"] == "gpt-4o-mini"
    wrapper = after["app/llm.py#complete.model"]
    assert wrapper["model"] == "gpt-4-turbo"
    assert wrapper["model_from"] == "constant DEFAULT_MODEL of app/config.py"
    assert wrapper["callers"] == ["app/tickets.py#reply"]
    # cheap() follows a constant the change does not switch: not read again
    assert "app/llm.py#cheap.model" not in after
    code, doc = check(tmp_path)
    changed = {r["address"] for r in doc["resources"] if r["action"] != "no-op"}
    assert changed == {"app/config.py:DEFAULT_MODEL", "app/llm.py#complete.model"}, doc
    assert code == 0  # warned (no approval policy configured), not blocked


PLAIN_CONFIG = 'FAST = "{model}"\nTIMEOUT = "30s"\n'  # no "model" anywhere in its bytes
FAST_WRAPPER = """
    from openai import OpenAI
    from .settings import FAST
    def complete(prompt, model=FAST):
        return OpenAI().chat.completions.create(model=model, messages=[])
"""


def test_a_constants_module_that_never_says_model_is_still_followed(tmp_path: Path) -> None:
    files = {
        "app/settings.py": PLAIN_CONFIG.format(model="gpt-4o-mini"),
        "app/llm.py": FAST_WRAPPER,
    }
    head = {**files, "app/settings.py": PLAIN_CONFIG.format(model="gpt-4-turbo")}
    base_t, head_t = pair(tmp_path, files, head)
    before, after = (
        by_address(s) for s in load_pair(base_t, head_t, base_t.files(), head_t.files())
    )
    assert before["app/llm.py#complete.model"]["model"] == "gpt-4o-mini"
    assert after["app/llm.py#complete.model"]["model"] == "gpt-4-turbo"


def test_an_imported_constant_unreadable_on_one_side_is_unknown_not_dropped(
    tmp_path: Path,
) -> None:
    files = {
        "app/settings.py": PLAIN_CONFIG.format(model="gpt-4o-mini"),
        "app/llm.py": FAST_WRAPPER,
    }
    head = {**files, "app/llm.py": FAST_WRAPPER.replace("prompt", "text")}
    pair(tmp_path, files, head)
    (tmp_path / "head" / "app" / "settings.py").write_bytes(b'FAST = "gpt-4o\xff"\n')
    code, doc = check(tmp_path)
    (row,) = doc["resources"]
    assert (row["address"], row["status"]) == ("app/llm.py#complete.model", "unpriced")
    assert "constant FAST of app/settings.py, which cannot be read" in row["reason"]
    assert any(n.startswith("app/settings.py: not UTF-8") for n in doc["notes"])
    assert code == 0  # unknown is warned by default (fails with an approval threshold)


# --- one setting, one stream: a model constant and the sites it is the model of ---------------

USAGE_YML = """
    version: 1
    usage:
      models:
        default: {requests_per_month: 100000, input_tokens: 1000, output_tokens: 500}
"""
SAME_MODULE = """
    from openai import OpenAI
    DEFAULT_MODEL = "{model}"
    def complete(prompt, model=DEFAULT_MODEL):
        return OpenAI().chat.completions.create(model=model, messages=[])
    def summarize(text):
        return complete("Summarize: " + text)
"""
CROSS_CONFIG = 'DEFAULT_MODEL = "{model}"\n'
CROSS_WRAPPER = """
    from openai import OpenAI
    from app.config import DEFAULT_MODEL
    def complete(prompt, model=DEFAULT_MODEL):
        return OpenAI().chat.completions.create(model=model, messages=[])
"""
CROSS_CALLER = """
    from app.llm_client import complete
    from app import config
    def run(): return complete("hi")
    def direct():
        from openai import OpenAI
        return OpenAI().chat.completions.create(model=config.DEFAULT_MODEL, messages=[])
"""


def _switch(tmp_path: Path, files: dict[str, str], usage: str = USAGE_YML) -> dict[str, Any]:
    base = {
        **{k: v.format(model="gpt-4o-mini") for k, v in files.items()},
        ".finops-gate.yml": usage,
    }
    head = {
        **{k: v.format(model="gpt-4-turbo") for k, v in files.items()},
        ".finops-gate.yml": usage,
    }
    code, doc = _check(tmp_path, base, head)
    assert code == 0, doc
    return doc


def _rows(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["address"]: r for r in doc["resources"]}


# 100,000 requests x ($0.025 - $0.00045) per request, counted once
ONE_STREAM = "2455"


def test_a_constant_and_the_wrapper_it_defaults_in_its_module_are_one_stream(
    tmp_path: Path,
) -> None:
    doc = _switch(tmp_path, {"llm.py": SAME_MODULE})
    rows = _rows(doc)
    assert set(rows) == {"llm.py:DEFAULT_MODEL", "llm.py#complete.model"}
    assert doc["totals"]["monthly_delta"] == ONE_STREAM
    assert doc["totals"]["per_request_increase_percent"] == "5455.56"
    for row in rows.values():  # each row still shows the switch per request
        assert (row["per_request_before"], row["per_request_after"]) == ("0.00045", "0.025")
        assert row["monthly_delta"] == "1227.5"
    assert rows["llm.py#complete.model"]["quantities_after"]["one stream of requests"] == (
        "split over 2 sites with llm.py:DEFAULT_MODEL"
    )
    (split,) = [a for a in doc["assumptions"] if a["key"] == "requests_per_month"]
    assert (split["subject"], split["value"]) == ("llm.py:DEFAULT_MODEL", "100000 / 2")
    assert doc["verdict"] == "warn"


def test_a_constant_and_its_users_in_other_modules_are_one_stream(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/config.py": CROSS_CONFIG,
        "app/llm_client.py": CROSS_WRAPPER,
        "app/main.py": CROSS_CALLER,
    }
    doc = _switch(tmp_path, files)
    rows = _rows(doc)
    assert set(rows) == {
        "app/config.py:DEFAULT_MODEL",
        "app/llm_client.py#complete.model",
        "app/main.py#direct.model",
    }
    assert doc["totals"]["monthly_delta"] == ONE_STREAM
    assert all(r["per_request_after"] == "0.025" for r in rows.values())
    (split,) = [a for a in doc["assumptions"] if a["key"] == "requests_per_month"]
    assert split["value"] == "100000 / 3"


def test_sites_that_only_hold_the_same_name_are_counted_each(tmp_path: Path) -> None:
    independent = """
        from openai import OpenAI
        DEFAULT_MODEL = "{model}"
        def complete(prompt, model="{model}"):
            return OpenAI().chat.completions.create(model=model, messages=[])
    """
    doc = _switch(tmp_path, {"llm.py": independent})
    assert set(_rows(doc)) == {"llm.py:DEFAULT_MODEL", "llm.py#complete.model"}
    assert doc["totals"]["monthly_delta"] == "4910"  # two streams of 100,000 requests
    assert not [a for a in doc["assumptions"] if "split" in a["origin"]]


def test_usage_given_for_one_site_of_a_shared_constant_is_its_own(tmp_path: Path) -> None:
    usage = (
        USAGE_YML
        + """\
        sites:
          "llm.py#complete.model": {requests_per_month: 1000}
    """
    )
    rows = _rows(_switch(tmp_path, {"llm.py": SAME_MODULE}, usage))
    assert rows["llm.py#complete.model"]["monthly_after"] == "25"  # 1,000 x $0.025, not split
    assert rows["llm.py:DEFAULT_MODEL"]["monthly_after"] == "1250"  # the default's half


def test_usage_given_for_the_constant_is_the_whole_stream(tmp_path: Path) -> None:
    usage = (
        USAGE_YML
        + """\
        sites:
          "llm.py:DEFAULT_MODEL": {requests_per_month: 1000}
    """
    )
    doc = _switch(tmp_path, {"llm.py": SAME_MODULE}, usage)
    assert doc["totals"]["monthly_after"] == "25"  # 1,000 requests in all, split over 2 sites


def test_a_typescript_constant_and_the_wrapper_it_defaults_are_one_stream(
    tmp_path: Path,
) -> None:
    wrapper = """
        import OpenAI from "openai";
        const client = new OpenAI();
        export const DEFAULT_MODEL = "{model}";
        export async function complete(prompt: string, model = DEFAULT_MODEL) {{
          return client.chat.completions.create({{ model, messages: [] }});
        }}
    """
    doc = _switch(tmp_path, {"src/llm.ts": wrapper})
    assert set(_rows(doc)) == {"src/llm.ts:DEFAULT_MODEL", "src/llm.ts#complete.model"}
    assert doc["totals"]["monthly_delta"] == ONE_STREAM


CHOSEN = """from openai import OpenAI
TIER = "TIER_VALUE"
MODELS = {"fast": "gpt-4o-mini", "smart": "gpt-4o"}
client = OpenAI()
def ask(q, tier="TIER_KEY"):
    return client.chat.completions.create(model=EXPR, messages=[])
"""


JS_CHOSEN = """import OpenAI from "openai";
const TIER = "TIER_VALUE";
const client = new OpenAI();
export async function ask(q, tier = "TIER_KEY") {
  const models = { fast: "gpt-4o-mini", smart: "gpt-4o" };
  return client.chat.completions.create({ model: EXPR, messages: [] });
}
"""


@pytest.mark.parametrize(
    ("rel", "template", "expr", "base", "head", "status"),
    [
        # followed through a module constant: priced on both sides
        ("app.py", CHOSEN, 'f"gpt-4o{TIER}"', {"TIER_VALUE": "-mini"}, {"TIER_VALUE": ""},
         "usage_unknown"),
        ("app.py", CHOSEN, '"gpt-4o" + TIER', {"TIER_VALUE": "-mini"}, {"TIER_VALUE": ""},
         "usage_unknown"),
        # chosen at run time from a parameter's default: unknown, and changed
        ("app.py", CHOSEN, "MODELS[tier]", {"TIER_KEY": "fast"}, {"TIER_KEY": "smart"},
         "unpriced"),
        # TS/JS: templates are not evaluated; what their names are bound to changed
        ("app.ts", JS_CHOSEN, "`gpt-4o${TIER}`", {"TIER_VALUE": "-mini"}, {"TIER_VALUE": ""},
         "unpriced"),
        ("app.ts", JS_CHOSEN, "models[tier]", {"TIER_KEY": "fast"}, {"TIER_KEY": "smart"},
         "unpriced"),
        # a local's long value (past what a reason shows) changed at its end
        ("app.ts", JS_CHOSEN,
         "({ ...models, " + ", ".join(f'a{i}: "gpt-4o-mini"' for i in range(30))
         + ', big: "TAIL" })[tier]', {"TAIL": "gpt-4o-mini"}, {"TAIL": "o1"}, "unpriced"),
        # past the bound on tokens, a template's text after a substitution is still seen
        ("app.ts", JS_CHOSEN, f"[`${{q}}gpt-4oTAIL`, {'tier, ' * 150}tier][0]",
         {"TAIL": "-mini"}, {"TAIL": ""}, "unpriced"),
        # the literal text after a substitution changed (`gpt-4o${TIER}-a` -> ...-b)
        ("app.ts", JS_CHOSEN, "`gpt-4o${TIER}TAIL`", {"TAIL": "-a"}, {"TAIL": "-b"}, "unpriced"),
        ("app.ts", JS_CHOSEN, "`gpt-${TIER}o${TIER}TAIL`", {"TAIL": ""}, {"TAIL": "-x"},
         "unpriced"),
        # past the bound on names digested (a pull request can write any expression): the
        # change of the last one is still seen
        ("app.py", CHOSEN, f"MODELS[({'TIER, ' * 30}tier)[-1]]", {"TIER_KEY": "fast"},
         {"TIER_KEY": "smart"}, "unpriced"),
        ("app.ts", JS_CHOSEN, f"models[[{'TIER, ' * 150}tier][150]]", {"TIER_KEY": "fast"},
         {"TIER_KEY": "smart"}, "unpriced"),
    ],
)  # fmt: skip
def test_a_model_built_from_what_changed_is_a_changed_site(
    tmp_path: Path,
    rel: str,
    template: str,
    expr: str,
    base: dict[str, str],
    head: dict[str, str],
    status: str,
) -> None:
    """The call's text is the same on both sides; what its model is built from is not."""

    def text(values: dict[str, str]) -> str:
        out = template.replace("EXPR", expr)
        for key, value in {"TIER_VALUE": "", "TIER_KEY": "fast", **values}.items():
            out = out.replace(key, value)
        return out

    doc = check_sides(tmp_path, {rel: text(base)}, {rel: text(head)})
    rows = [r for r in doc["resources"] if r["address"] == f"{rel}#ask.model"]
    assert [(r["action"], r["status"]) for r in rows] == [("update", status)]
    assert doc["verdict"] == "warn"


def test_a_long_bound_value_changed_at_its_end_is_a_changed_site(tmp_path: Path) -> None:
    """What a model expression is bound to is digested whole (past a bound, the whole file),
    not the part of it a reason shows."""
    code = (
        "from openai import OpenAI\n"
        "MODELS = [{pad}'{last}']\n"
        "client = OpenAI()\n"
        "def ask(q, tier=-1):\n"
        "    return client.chat.completions.create(model=MODELS[tier], messages=[])\n"
    )
    pad = f"'{'x' * 60}',\n" * 95
    base = code.format(pad=pad, last="gpt-4o-mini")
    head = code.format(pad=pad, last="gpt-4o")
    doc = check_sides(tmp_path, {"app.py": base}, {"app.py": head})
    rows = [r for r in doc["resources"] if r["address"] == "app.py#ask.model"]
    assert [(r["action"], r["status"]) for r in rows] == [("update", "unpriced")]
    assert doc["verdict"] == "warn"


@pytest.mark.parametrize(
    ("rel", "code"),
    [
        # a model argument of 500 chained terms: past the parser's recursion
        ("app.py", "from openai import OpenAI\nclient = OpenAI()\nt = 'a'\ndef ask(q):\n"
                   "    return client.chat.completions.create(model=M[(\n"
                   + "    t +\n" * 500 + "    t)], messages=[])\n"),
        # braces nested past the tokenizer's bound
        ("app.ts", 'import OpenAI from "openai";\nconst client = new OpenAI();\n'
                   "const x = " + "{a:\n" * 1100 + "1" + "}\n" * 1100 + ";\n"),
    ],
)  # fmt: skip
def test_a_file_past_the_scan_bounds_is_noted_not_silently_empty(
    tmp_path: Path, rel: str, code: str
) -> None:
    doc = check_sides(tmp_path, {}, {rel: code})
    assert any(n.startswith(rel) and "too deep" in n for n in doc["notes"]), doc["notes"]
