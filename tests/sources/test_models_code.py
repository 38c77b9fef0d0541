"""Model sites in Python source: client calls, constants, wrapper defaults, library defaults."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.config import Settings
from finops_gate.sources.model_code import scan
from finops_gate.sources.tree import Tree
from tests.sources.model_settings import load


def sites(code: str, rel: str = "app/llm.py") -> dict[str, tuple[str | None, str | None]]:
    return {s.address: (s.model, s.unpinned) for s in scan(textwrap.dedent(code), rel)}


def test_openai_and_anthropic_keyword_arguments_are_sites_named_by_function() -> None:
    found = sites("""
        from openai import OpenAI
        import anthropic
        client = OpenAI()
        def ask(q):
            return client.chat.completions.create(model="gpt-4o", messages=[])
        def claude(q):
            return anthropic.Anthropic().messages.create(model="claude-sonnet-4-5", max_tokens=9)
    """)
    assert found == {
        "app/llm.py#ask.model": ("gpt-4o", None),
        "app/llm.py#claude.model": ("claude-sonnet-4-5", None),
    }


def test_first_positional_and_sdk_specific_keywords() -> None:
    found = sites("""
        import litellm, boto3
        import google.generativeai as genai
        from langchain_aws import ChatBedrockConverse
        r = litellm.completion("gpt-4.1-mini", [])
        b = boto3.client("bedrock-runtime").converse(modelId="amazon.nova-pro-v1:0", messages=[])
        g = genai.GenerativeModel("gemini-1.5-pro")
        c = ChatBedrockConverse(model_id="anthropic.claude-3-haiku-20240307-v1:0")
    """)
    assert found == {
        "app/llm.py#<module>.model": ("gpt-4.1-mini", None),
        "app/llm.py#<module>.modelId": ("amazon.nova-pro-v1:0", None),
        "app/llm.py#<module>.model_name": ("gemini-1.5-pro", None),
        "app/llm.py#<module>.model_id": ("anthropic.claude-3-haiku-20240307-v1:0", None),
    }


def test_a_second_call_in_the_same_scope_gets_an_index() -> None:
    found = sites("""
        from openai import OpenAI
        c = OpenAI()
        def both():
            c.chat.completions.create(model="gpt-4o", messages=[])
            c.chat.completions.create(model="gpt-4o-mini", messages=[])
    """)
    assert list(found) == ["app/llm.py#both.model", "app/llm.py#both.model[2]"]


def test_module_constants_and_env_defaults_are_one_site_each() -> None:
    found = sites("""
        import os
        from openai import OpenAI
        DEFAULT_MODEL = "gpt-4o-mini"
        EMBEDDING_MODEL = os.getenv("EMBEDDING_MODEL", "text-embedding-3-small")
        client = OpenAI()
        def ask(q):
            return client.chat.completions.create(model=DEFAULT_MODEL, messages=[])
        def embed(t):
            return client.embeddings.create(model=EMBEDDING_MODEL, input=t)
    """)
    assert found == {
        "app/llm.py:DEFAULT_MODEL": ("gpt-4o-mini", None),
        "app/llm.py:EMBEDDING_MODEL": ("text-embedding-3-small", None),
    }


def test_openai_agents_sdk_agents_and_model_classes_are_sites() -> None:
    found = sites("""
        from agents import Agent, OpenAIChatCompletionsModel
        from agents.extensions.models.litellm_model import LitellmModel
        triage = Agent(name="triage", instructions="route")
        writer = Agent(name="writer", model="gpt-4.1-mini")
        claude = Agent(name="c", model=LitellmModel(model="anthropic/claude-3-5-sonnet-20240620"))
        local = Agent(name="l", model=OpenAIChatCompletionsModel(model="llama3", openai_client=c))
    """)
    assert found == {
        "app/llm.py#<module>.model": (None, "openai-agents Agent"),
        "app/llm.py#<module>.model[2]": ("gpt-4.1-mini", None),
        "app/llm.py#<module>.model[3]": ("anthropic/claude-3-5-sonnet-20240620", None),
        "app/llm.py#<module>.model[4]": ("llama3", None),
    }


def test_an_env_lookup_or_a_literal_is_priced_at_the_literal() -> None:
    """``os.getenv("MODEL") or "claude-3-sonnet"`` (create-llama's templates): the literal is
    the model whenever the variable is unset or empty, as with ``os.getenv("MODEL", ...)``."""
    scanned = scan(
        textwrap.dedent("""
        import os
        from anthropic import Anthropic
        from openai import OpenAI
        FAST_MODEL = os.environ.get("FAST_MODEL") or "gpt-4o-mini"
        def fast():
            return OpenAI().responses.create(model=FAST_MODEL)
        def ask():
            return Anthropic().messages.create(model=os.getenv("MODEL") or "claude-3-sonnet")
        def keep():
            return OpenAI().responses.create(model=os.getenv("M", "gpt-4o") or "gpt-4.1")
        def chained():
            return OpenAI().responses.create(model=os.getenv("A") or os.getenv("B") or "gpt-4o")
        """),
        "app/llm.py",
    )
    found = {s.address: (s.model, s.model_from) for s in scanned}
    assert found["app/llm.py:FAST_MODEL"] == ("gpt-4o-mini", "default of $FAST_MODEL")
    assert found["app/llm.py#ask.model"] == ("claude-3-sonnet", "default of $MODEL")
    assert found["app/llm.py#keep.model"] == ("gpt-4o", "default of $M")
    assert found["app/llm.py#chained.model"][0] is None  # two variables: not one default


def test_a_wrapper_default_is_a_site_and_counts_the_calls_relying_on_it() -> None:
    scanned = scan(
        textwrap.dedent("""
        from openai import OpenAI
        _c = OpenAI()
        def complete(prompt, model="gpt-4o-mini"):
            return _c.chat.completions.create(model=model, messages=[])
        def a(): return complete("x")
        def b(): return complete("x", model="gpt-4o")
        def c(): return complete("x", "gpt-4.1")
        def d(**kw): return complete("x", **kw)
        """),
        "llm.py",
    )
    found = {s.address: (s.model, s.callers) for s in scanned}
    # a() relies on the default; b() and c() pass their own model: sites of their own
    assert found == {
        "llm.py#complete.model": ("gpt-4o-mini", 1),
        "llm.py#b.model": ("gpt-4o", 0),
        "llm.py#c.model": ("gpt-4.1", 0),
    }


def test_methods_and_class_attributes_are_addressed_by_class() -> None:
    found = sites("""
        from anthropic import Anthropic
        class Assistant:
            model = "claude-3-5-haiku-latest"
            def reply(self, q, model_name="claude-sonnet-4-5"):
                return Anthropic().messages.create(model=model_name, max_tokens=5)
    """)
    assert found == {
        "app/llm.py#Assistant.model": ("claude-3-5-haiku-latest", None),
        "app/llm.py#Assistant.reply.model_name": ("claude-sonnet-4-5", None),
    }


def test_addresses_survive_unrelated_edits() -> None:
    before = sites("""
        from openai import OpenAI
        def ask(): return OpenAI().responses.create(model="gpt-5", input="x")
    """)
    after = sites("""
        '''A long new docstring.'''
        from openai import OpenAI


        def unrelated(x):
            return x * 2


        def ask(): return OpenAI().responses.create(model="gpt-5", input="x")
    """)
    assert before == after


# --- not model sites -------------------------------------------------------------------------


def test_comments_docstrings_and_strings_are_not_sites() -> None:
    assert (
        sites('''
        """Call client.chat.completions.create(model="gpt-4") here. DEFAULT_MODEL = "gpt-4"."""
        # client.chat.completions.create(model="gpt-4")
        HELP = 'client.chat.completions.create(model="gpt-4o")'
        def f():
            """model="gpt-4o" in a docstring."""
    ''')
        == {}
    )


def test_orm_and_unknown_callables_with_a_model_argument_are_not_sites() -> None:
    assert (
        sites("""
        from django.db import models
        from sklearn.pipeline import Pipeline
        class Meta:
            model = User
        DEFAULT_MODEL = "auth.User"
        form = ModelForm(model="Invoice")
        p = Pipeline(model="rf")
        def train(model="resnet50"): ...
    """)
        == {}
    )


def test_a_file_that_does_not_parse_has_no_sites_and_no_error() -> None:
    assert sites("def broken(:\n    model = 'gpt-4o'\n") == {}


def test_a_deeply_nested_expression_does_not_crash() -> None:
    code = "from openai import OpenAI\nx = " + "[" * 5000 + "]" * 5000 + "\n"
    assert sites(code) == {}


# --- library defaults ------------------------------------------------------------------------


def test_a_known_client_without_a_model_relies_on_the_library_default() -> None:
    found = sites("""
        from langchain_openai import ChatOpenAI as Chat
        from llama_index.llms.openai import OpenAI
        from openai import OpenAI as Client
        llm = Chat(temperature=0)
        li = OpenAI()
        client = Client()
        passed = Chat(**settings)
    """)
    assert found == {
        "app/llm.py#<module>.model": (None, "ChatOpenAI"),
        "app/llm.py#<module>.model[2]": (None, "llama_index OpenAI"),
    }


def _tree(root: Path, files: dict[str, str]) -> Tree:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return Tree(root)


def test_an_unpinned_site_records_the_client_version_from_each_lock_format(
    tmp_path: Path,
) -> None:
    code = "from langchain_openai import ChatOpenAI\nllm = ChatOpenAI()\n"
    locks = {
        "requirements.txt": "langchain-openai==0.1.8  # via app\n",
        "poetry.lock": '[[package]]\nname = "langchain-openai"\nversion = "0.1.9"\n',
        "uv.lock": 'version = 1\n[[package]]\nname = "langchain_openai"\nversion = "0.2.1"\n',
    }
    for i, (name, text) in enumerate(locks.items()):
        tree = _tree(tmp_path / str(i), {"app.py": code, name: text})
        (site,) = load(tree, Settings())
        assert site.attributes["package"] == "langchain-openai"
        assert site.attributes["package_version"] == {0: "0.1.8", 1: "0.1.9", 2: "0.2.1"}[i]


@pytest.mark.parametrize("severity", ["warn", "fail"])
def test_a_lock_bump_names_the_unpinned_sites_it_affects(tmp_path: Path, severity: str) -> None:
    code = "from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(temperature=0)\n"
    config = f"version: 1\npolicies:\n  models:\n    unpinned: {severity}\n"
    for side, version in (("base", "0.1.8"), ("head", "0.2.0")):
        _tree(
            tmp_path / side,
            {
                "bot.py": code,
                "requirements.txt": f"langchain-openai=={version}\n",
                ".finops-gate.yml": config,
            },
        )
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    doc = json.loads(result.stdout)
    assert result.exit_code == (1 if severity == "fail" else 0)
    (finding,) = doc["findings"]
    assert finding["policy"] == "models.unpinned"
    assert finding["address"] == "bot.py#<module>.model"
    assert "langchain-openai 0.1.8 -> 0.2.0" in finding["message"]


def test_unpinned_can_be_switched_off(tmp_path: Path) -> None:
    config = "version: 1\npolicies:\n  models:\n    unpinned: pass\n"
    _tree(tmp_path / "base", {".finops-gate.yml": config})
    _tree(
        tmp_path / "head",
        {
            ".finops-gate.yml": config,
            "bot.py": "from langchain_openai import ChatOpenAI\nx = ChatOpenAI()\n",
        },
    )
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    doc = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    assert doc["findings"] == []


def test_a_python_file_unreadable_on_one_side_only_is_not_silently_dropped(tmp_path: Path) -> None:
    code = 'from openai import OpenAI\nr = OpenAI().responses.create(model="gpt-5", input="")\n'
    _tree(tmp_path / "base", {"bot.py": code})
    (tmp_path / "head").mkdir()
    (tmp_path / "head" / "bot.py").write_bytes(b"\xff\xfe\x00model = 'gpt-5' \x80\x81")
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "bot.py" in result.stderr


def test_the_library_default_example_requires_approval_without_usage() -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "library-default"
    args = ["check", "--base", str(example / "base"), "--head", str(example / "head")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert (
        "Projected cost increase: +5455.6% per request. Approval required from an engineering lead."
    ) in result.stdout
    doc = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    (site,) = doc["resources"]
    assert site["address"] == "support/llm_client.py#complete.model"
    assert (site["model_before"], site["model_after"]) == ("gpt-4o-mini", "gpt-4-turbo")
    assert (site["file"], site["line"]) == ("support/llm_client.py", 8)


def test_a_model_passed_to_a_wrapper_of_the_same_module_is_a_site() -> None:
    found = {
        s.address: (s.model, s.model_from, s.evidence)
        for s in scan(
            textwrap.dedent("""
            from openai import OpenAI
            FAST_MODEL = "gpt-4o-mini"
            def complete(prompt, model="gpt-4o-mini"):
                return OpenAI().chat.completions.create(model=model, messages=[])
            def summarize(prompt, model):  # no default: its callers choose
                return complete(prompt, model=model)
            def a(): return complete("Summarize this", model="gpt-4o")
            def b(): return complete("Summarize this", "gpt-4.1")
            def c(): return summarize("x", model="o3-mini")
            def d(): return complete("x", model=FAST_MODEL)
            def e(m): return complete("x", model=m)
            """),
            "llm.py",
        )
    }
    assert found == {
        "llm.py:FAST_MODEL": ("gpt-4o-mini", None, None),
        "llm.py#complete.model": ("gpt-4o-mini", None, None),
        "llm.py#a.model": ("gpt-4o", None, "value"),
        "llm.py#b.model": ("gpt-4.1", None, "value"),
        "llm.py#c.model": ("o3-mini", None, "value"),
        # d passes the constant, whose own site covers it; e passes its caller's choice
    }


def test_a_value_passed_to_an_in_repo_model_parameter_that_names_no_model_is_not_a_setting(
    tmp_path: Path,
) -> None:
    from tests.sources.model_settings import load as admitted

    code = """
        def save(record, model="invoice"):
            return record
        def run():
            save({}, model="User")
            save({}, "Invoice")
            save({}, model="magistral-medium")
    """
    (tmp_path / "app.py").write_text(textwrap.dedent(code))
    found = {r.address: r.attributes for r in admitted(Tree(tmp_path), Settings())}
    # only the name the catalog knows is a model: "User" is an ORM model, "Invoice" a prompt
    assert list(found) == ["app.py#run.model[3]"]
    assert found["app.py#run.model[3]"]["model"] == "magistral-medium"


def test_a_model_followed_through_module_assignments_dicts_and_constructor_keywords() -> None:
    from finops_gate.sources.model_code import scan_file

    code = (
        "from langchain.chat_models import init_chat_model\n"
        "class Cfg:\n    pass\n"
        "MODELS = {'a': Cfg(id='openai:gpt-4o', name='x'), 'b': Cfg('positional')}\n"
        "PICK = 'a'\n"
        "DEFAULT = MODELS[PICK]\n"
        "A = B\nB = A\n"  # a cycle: followed a few steps, then given up
        "one = init_chat_model(model=DEFAULT.id)\n"
        "two = init_chat_model(model=MODELS['b'].id)\n"  # set by position: not followed
        "three = init_chat_model(model=A)\n"
        "four = init_chat_model(model=DEFAULT.name)\n"
    )
    found = {s.address: (s.model, s.model_from) for s in scan_file(code, "c.py").sites}
    # what is not followed is still a site: a call that costs money, its model unknown
    assert found == {
        "c.py#<module>.model": ("openai:gpt-4o", "constant DEFAULT.id"),
        "c.py#<module>.model[2]": (None, "MODELS['b'].id, computed at run time"),
        "c.py#<module>.model[3]": (None, "A, computed at run time"),
        "c.py#<module>.model[4]": ("x", "constant DEFAULT.name"),
    }


def test_a_registry_key_after_a_spread_is_followed_one_before_it_is_not() -> None:
    from finops_gate.sources.model_code import scan_file

    code = (
        "from langchain.chat_models import init_chat_model\n"
        "M = {'a': 'openai:gpt-4o', **OTHER, 'b': 'openai:gpt-4o-mini', 'b': 'openai:o3'}\n"
        "one = init_chat_model(model=M['a'])\n"  # OTHER may hold its own 'a'
        "two = init_chat_model(model=M['b'])\n"  # the last 'b' is the one Python keeps
    )
    found = {s.address: s.model for s in scan_file(code, "c.py").sites}
    assert found == {"c.py#<module>.model": None, "c.py#<module>.model[2]": "openai:o3"}


def test_many_calls_into_one_large_registry_cost_its_size_once() -> None:
    import threading

    from finops_gate.sources.model_code import scan_file

    n = 20_000  # each call looks up the registry's last key: a scan per call is 4e8 steps
    code = (
        "from langchain.chat_models import init_chat_model\n"
        "M = {"
        + ", ".join(f"'k{i}': 'openai:gpt-4o'" for i in range(n))
        + "}\n"
        + "".join(
            f"def f{i}():\n    return init_chat_model(model=M['k{n - 1}'])\n" for i in range(n)
        )
    )
    done: list[int] = []
    worker = threading.Thread(target=lambda: done.append(len(scan_file(code, "c.py").sites)))
    worker.daemon = True
    worker.start()
    worker.join(timeout=60)
    assert done == [n]


def test_an_agent_given_a_model_object_is_not_an_unknown_site() -> None:
    from finops_gate.sources.model_code import scan_file

    code = (
        "from crewai import LLM, Agent\n"
        "from .models import build\n"
        "llm = LLM(model='gpt-4o-mini')\n"
        "writer = Agent(role='w', goal='g', backstory='b', llm=llm)\n"
        "editor = Agent(role='e', goal='g', backstory='b', llm=build())\n"
        "other = LLM(model=build())\n"
    )
    found = {s.address: (s.model, s.model_from) for s in scan_file(code, "c.py").sites}
    # the LLM calls are the sites: an agent's llm object is theirs, not an unknown model
    assert found == {
        "c.py#<module>.model": ("gpt-4o-mini", None),
        "c.py#<module>.model[2]": (None, "build(), computed at run time"),
    }


def test_model_named_keys_of_a_module_level_dict_are_sites() -> None:
    from finops_gate.sources.model_code import scan_file

    # assafelovic/gpt-researcher's DEFAULT_CONFIG: its FAST_LLM was no site, so switching it
    # from gpt-5.4-mini to gpt-5.4 passed as "No resource changes"
    code = (
        "import os\n"
        "from .base import BaseConfig\n"
        "DEFAULT_CONFIG: BaseConfig = {\n"
        "    'RETRIEVER': 'tavily',\n"
        "    'FAST_LLM': 'openai:gpt-4o-mini',\n"
        "    'SMART_LLM': os.getenv('SMART_LLM', 'openai:gpt-4o'),\n"
        "    'llm': {'chat': {'model': 'gpt-4.1'}},\n"
        "    'TEMPERATURE': 0.4,\n"
        "}\n"
        "ORM = {'model': 'User'}\n"  # a model-named key that names no model: not a site
        "ENTITY = 'Invoice'\n"
        "ADMIN = {'model': ENTITY, 'llm': os.getenv('X', 'Invoice')}\n"  # nor through a name
    )
    found = {s.address: (s.model, s.model_from, s.line) for s in scan_file(code, "c.py").sites}
    assert found == {
        "c.py:DEFAULT_CONFIG.FAST_LLM": ("openai:gpt-4o-mini", None, 5),
        "c.py:DEFAULT_CONFIG.SMART_LLM": ("openai:gpt-4o", "default of $SMART_LLM", 6),
        "c.py:DEFAULT_CONFIG.llm.chat.model": ("gpt-4.1", None, 7),
    }


def test_a_client_given_a_dict_sites_value_is_that_site_not_a_second() -> None:
    from finops_gate.sources.model_code import scan_file

    code = (
        "from openai import OpenAI\n"
        "CONFIG = {'llm': {'model': 'gpt-4o-mini'}}\n"
        "def ask(q):\n"
        "    return OpenAI().chat.completions.create(model=CONFIG['llm']['model'], messages=[])\n"
    )
    found = {s.address: s.model for s in scan_file(code, "c.py").sites}
    assert found == {"c.py:CONFIG.llm.model": "gpt-4o-mini"}


def test_a_local_variable_bound_once_gives_the_client_its_model() -> None:
    # anthropic-quickstarts' shape: the model is a local one line above the call
    found = sites("""
        import os
        import anthropic
        DEFAULT_MODEL = "claude-sonnet-4-5"
        client = anthropic.Anthropic()
        def ask(q):
            model = "claude-sonnet-4-20250514"
            return client.messages.create(model=model, max_tokens=9, messages=[])
        def shared(q):
            chosen = DEFAULT_MODEL
            model = chosen
            return client.messages.create(model=model, max_tokens=9, messages=[])
        def env(q):
            model: str = os.getenv("CLAUDE_MODEL", "claude-3-5-haiku-20241022")
            return client.messages.create(model=model, max_tokens=9, messages=[])
        def branch(q):
            model = "claude-sonnet-4-5"
            if q:
                model = "claude-opus-4-1"
            return client.messages.create(model=model, max_tokens=9, messages=[])
        def looped(q):
            for model in ("claude-sonnet-4-5", "claude-opus-4-1"):
                client.messages.create(model=model, max_tokens=9, messages=[])
    """)
    assert found["app/llm.py#ask.model"] == ("claude-sonnet-4-20250514", None)
    assert found["app/llm.py#env.model"] == ("claude-3-5-haiku-20241022", None)
    # a local holding the constant is the constant's site, not a second one
    assert "app/llm.py#shared.model" not in found
    assert found["app/llm.py:DEFAULT_MODEL"] == ("claude-sonnet-4-5", None)
    # bound twice, or by a loop: only run time knows which model; a site, unpriced
    assert found["app/llm.py#branch.model"] == (None, None)
    assert found["app/llm.py#looped.model"] == (None, None)


def test_each_model_of_a_table_named_for_models_is_a_site() -> None:
    # anthropic-quickstarts' computer-use demo: a default model per provider, keyed by an enum
    found = sites(
        """
        from .loop import APIProvider
        PROVIDER_TO_DEFAULT_MODEL_NAME: dict[APIProvider, str] = {
            APIProvider.ANTHROPIC: "claude-sonnet-4-20250514",
            APIProvider.BEDROCK: "anthropic.claude-sonnet-4-20250514-v1:0",
        }
        DEFAULT_MODELS = {"fast": {"openai": "gpt-4o-mini"}, "retries": 3, "note": "cheap"}
        MODEL_DISPLAY_NAMES = {"gpt-4o": "GPT-4o"}
        MODEL_TO_CONFIG = {"gpt-4o": CONFIG}
        TIMEOUTS = {"gpt-4o": "30s"}
    """,
        rel="demo/app.py",
    )
    assert found == {
        "demo/app.py:PROVIDER_TO_DEFAULT_MODEL_NAME.APIProvider.ANTHROPIC": (
            "claude-sonnet-4-20250514",
            None,
        ),
        "demo/app.py:PROVIDER_TO_DEFAULT_MODEL_NAME.APIProvider.BEDROCK": (
            "anthropic.claude-sonnet-4-20250514-v1:0",
            None,
        ),
        "demo/app.py:DEFAULT_MODELS.fast.openai": ("gpt-4o-mini", None),
    }


def test_switching_a_local_model_variable_is_a_switch_not_a_pass(tmp_path: Path) -> None:
    code = (
        "import anthropic\n\n\n"
        "def ask(q):\n"
        '    model = "{model}"\n'
        "    client = anthropic.Anthropic()\n"
        "    return client.messages.create(model=model, max_tokens=1024, messages=[])\n"
    )
    for side, model in (("base", "claude-sonnet-4-20250514"), ("head", "claude-opus-4-20250514")):
        (tmp_path / side).mkdir()
        (tmp_path / side / "agent.py").write_text(code.replace("{model}", model))
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    (row,) = doc["resources"]
    assert (row["address"], row["action"]) == ("agent.py#ask.model", "update")
    assert (row["model_before"], row["model_after"]) == (
        "claude-sonnet-4-20250514",
        "claude-opus-4-20250514",
    )
    assert doc["verdict"] == "warn"  # +400% per request: never a silent pass


def test_a_type_alias_or_a_phrase_under_a_model_name_is_no_model() -> None:
    # pydantic-ai's shape: a string type alias whose name ends in Model, in a module of an LLM
    # library (where any model-named string would otherwise be taken as a setting)
    found = sites("""
        from typing import TypeAlias
        from pydantic_ai import Agent
        AgentModel: TypeAlias = "ModelSelection | ModelSelector[AgentDepsT]"
        FallbackModel = "KnownModelName | Model"
        DEFAULT_MODEL = "openai:gpt-5-mini"
    """)
    assert found == {"app/llm.py:DEFAULT_MODEL": ("openai:gpt-5-mini", None)}


def test_a_settings_field_default_is_a_site() -> None:
    # a FastAPI app's pydantic-settings class: the default sits in Field(...)
    found = sites(
        """
        from dataclasses import dataclass, field
        from pydantic import Field
        from pydantic_settings import BaseSettings
        class Settings(BaseSettings):
            llm_model: str = Field(default="gpt-4o-mini", description="chat model")
            embedding_model: str = Field("text-embedding-3-small", alias="EMBED")
            orm_model: str = Field(default="User")
            title: str = Field(default="Support bot")
        @dataclass
        class Judge:
            judge_model: str = field(default="claude-3-5-haiku-20241022")
    """,
        rel="app/settings.py",
    )
    assert found == {
        "app/settings.py#Settings.llm_model": ("gpt-4o-mini", None),
        "app/settings.py#Settings.embedding_model": ("text-embedding-3-small", None),
        "app/settings.py#Judge.judge_model": ("claude-3-5-haiku-20241022", None),
    }
