"""Model sites in JavaScript / TypeScript: the tokenizer, each client, and what is not a site."""

from __future__ import annotations

import textwrap
import threading

import pytest

from finops_gate.sources.model_code_js import language, scan, scan_file
from finops_gate.sources.model_code_jslex import LexError, tokenize


def sites(code: str, rel: str = "src/llm.ts") -> dict[str, tuple[str | None, str | None]]:
    return {s.address: (s.model, s.unpinned) for s in scan(textwrap.dedent(code), rel)}


def origins(code: str, rel: str = "src/llm.ts") -> dict[str, str | None]:
    return {s.address: s.model_from for s in scan(textwrap.dedent(code), rel)}


# --- the tokenizer ---------------------------------------------------------------------------


def test_comments_regex_literals_and_templates_are_single_tokens() -> None:
    tokens = tokenize(
        textwrap.dedent("""
        // model: "gpt-4"
        /* const MODEL = "gpt-4" */
        const re = /model: "it's'/g, half = a / b / c;
        const t = `x ${f(`in ${y}`)} model: "gpt-4"`;
        const s = 'it\\'s \\u0067pt';
        """),
        jsx=False,
    )
    strings = [t.value for t in tokens if t.kind == "str"]
    assert strings == ["it's gpt"]
    assert [t.kind for t in tokens].count("regex") == 1
    assert [t.kind for t in tokens].count("tpl") == 2
    assert not any("gpt-4" in (t.value or "") for t in tokens if t.kind != "tpl")
    # a template's head token holds its literal text, ${...} for each substitution
    assert [t.value for t in tokens if t.kind == "tpl"] == ['x ${...} model: "gpt-4"', "in ${...}"]


def test_jsx_text_and_attribute_strings_are_not_code() -> None:
    tokens = tokenize(
        'const el = <p title="model: \'gpt-4\'">Don\'t use {name} <b>"gpt-4"</b></p>;\n',
        jsx=True,
    )
    assert [t.kind for t in tokens if t.kind in ("str", "jsx")] == ["jsx"]
    assert "name" in [t.text for t in tokens]  # the expression container is code


def test_typescript_generics_are_not_jsx() -> None:
    ts = tokenize("const f = <T,>(x: T) => x;\nconst g = a < b;\n", jsx=True, tsx=True)
    assert "jsx" not in [t.kind for t in ts]
    assert "jsx" not in [t.kind for t in tokenize("let x = <T>y;\n", jsx=False)]


@pytest.mark.parametrize("text", ["const s = 'open", "const t = `x ${", "/* never closed"])
def test_unterminated_literals_raise_and_the_file_has_no_sites(text: str) -> None:
    with pytest.raises(LexError):
        tokenize(text, jsx=False)
    assert sites('import OpenAI from "openai";\nconst MODEL = "gpt-4o";\n' + text) == {}


def test_languages_by_extension_skip_declarations_and_minified_names() -> None:
    assert language("a/b.ts") == language("a/b.tsx") == language("a/b.mts") == "typescript"
    assert language("a/b.js") == language("a/b.cjs") == language("a/b.jsx") == "javascript"
    assert language("a/b.d.ts") is None
    assert language("dist/app.min.js") is None
    assert language("a/b.json") is None


# --- clients ---------------------------------------------------------------------------------


def test_openai_anthropic_and_google_request_options() -> None:
    found = sites("""
        import OpenAI from "openai";
        import Anthropic from "@anthropic-ai/sdk";
        import { GoogleGenAI } from "@google/genai";
        const openai = new OpenAI();
        export async function ask(q: string) {
          return openai.chat.completions.create({ model: "gpt-4o", messages: [] });
        }
        export async function claude(q: string) {
          return new Anthropic().messages.create({ model: "claude-sonnet-4-5", max_tokens: 9 });
        }
        const ai = new GoogleGenAI({});
        export const gem = (q: string) =>
          ai.models.generateContent({ model: "gemini-2.0-flash", contents: q });
    """)
    assert found == {
        "src/llm.ts#ask.model": ("gpt-4o", None),
        "src/llm.ts#claude.model": ("claude-sonnet-4-5", None),
        "src/llm.ts#gem.model": ("gemini-2.0-flash", None),
    }


def test_a_request_option_that_is_not_a_model_name_in_a_non_llm_call_is_not_a_site() -> None:
    assert (
        sites("""
        import { prisma } from "./db";
        export const find = () => prisma.user.findMany({ where: { model: "Sedan" } });
        const chart = { model: "line", color: "red" };
    """)
        == {}
    )


def test_vercel_ai_sdk_provider_factories_and_gateway_strings() -> None:
    found = sites("""
        import { generateText, streamText } from "ai";
        import { openai, createOpenAI } from "@ai-sdk/openai";
        import { anthropic } from "@ai-sdk/anthropic";
        const gateway = createOpenAI({ baseURL: "https://gw" });
        export async function a(prompt: string) {
          await generateText({ model: openai("gpt-4o-mini"), prompt });
          await generateText({ model: openai.responses("gpt-4.1"), prompt });
          return streamText({ model: anthropic("claude-3-5-haiku-latest"), prompt });
        }
        export const b = (prompt: string) =>
          generateText({ model: gateway.chat("o3-mini"), prompt });
        export const c = (prompt: string) => generateText({ model: "openai/gpt-4o", prompt });
    """)
    assert found == {
        "src/llm.ts#a.model": ("gpt-4o-mini", None),
        "src/llm.ts#a.model[2]": ("gpt-4.1", None),
        "src/llm.ts#a.model[3]": ("claude-3-5-haiku-latest", None),
        "src/llm.ts#b.model": ("o3-mini", None),
        "src/llm.ts#c.model": ("openai/gpt-4o", None),
    }


def test_the_ai_gateway_provider_of_vercel_ai_chatbot() -> None:
    # vercel/ai-chatbot's lib/ai/providers.ts: the AI Gateway's own provider instance
    found = sites("""
        import { gateway, createGateway } from "@ai-sdk/gateway";
        const gw = createGateway({ apiKey: process.env.AI_GATEWAY_API_KEY });
        export function getTitleModel() {
          return gateway.languageModel("google/gemini-2.5-flash-lite");
        }
        export function getArtifactModel() {
          return gateway("anthropic/claude-haiku-4.5");
        }
        export const own = () => gw.languageModel("openai/gpt-4o");
        export function byId(modelId: string) { return gateway.languageModel(modelId); }
    """)
    assert found == {
        "src/llm.ts#getTitleModel.model": ("google/gemini-2.5-flash-lite", None),
        "src/llm.ts#getArtifactModel.model": ("anthropic/claude-haiku-4.5", None),
        "src/llm.ts#own.model": ("openai/gpt-4o", None),
    }


def test_a_local_function_named_like_a_provider_is_not_a_site() -> None:
    assert (
        sites("""
        function openai(name: string) { return name; }
        const x = openai("gpt-4o-mini-is-just-a-label");
        const anthropic = (s: string) => s;
        anthropic("claude");
    """)
        == {}
    )


def test_langchain_llamaindex_and_bedrock_constructors() -> None:
    found = sites(
        """
        const { ChatOpenAI } = require("@langchain/openai");
        const { ChatAnthropic: Claude } = require("@langchain/anthropic");
        const { OpenAI } = require("llamaindex");
        const { ConverseCommand } = require("@aws-sdk/client-bedrock-runtime");
        const chat = new ChatOpenAI({ modelName: "gpt-4o-mini", temperature: 0 });
        const claude = new Claude({ model: "claude-3-haiku-20240307" });
        Settings.llm = new OpenAI({ model: "gpt-4.1-mini" });
        async function run() {
          return client.send(new ConverseCommand({ modelId: "amazon.nova-pro-v1:0" }));
        }
    """,
        "src/agent.js",
    )
    assert found == {
        "src/agent.js#<module>.modelName": ("gpt-4o-mini", None),
        "src/agent.js#<module>.model": ("claude-3-haiku-20240307", None),
        "src/agent.js#<module>.model[2]": ("gpt-4.1-mini", None),
        "src/agent.js#run.modelId": ("amazon.nova-pro-v1:0", None),
    }


def test_a_class_with_a_client_name_from_another_package_is_not_a_site() -> None:
    assert (
        sites("""
        import { OpenAI } from "./fake";
        import { ConverseCommand } from "my-chat-lib";
        const x = new OpenAI({ model: "custom-thing" });
        const y = new ConverseCommand({ modelId: "room-1" });
    """)
        == {}
    )


def test_azure_deployments_in_both_sdks() -> None:
    found = sites("""
        import { AzureOpenAI } from "openai";
        import { OpenAIClient } from "@azure/openai";
        const az = new AzureOpenAI({ deployment: "gpt-4o", apiVersion: "2024-10-21" });
        const old = new OpenAIClient("https://x", cred);
        export const ask = () => old.getChatCompletions("gpt-35-turbo", []);
    """)
    assert found == {
        "src/llm.ts#<module>.deployment": ("gpt-4o", None),
        "src/llm.ts#ask.deploymentName": ("gpt-35-turbo", None),
    }


# --- constants, parameters, wrappers ---------------------------------------------------------


def test_constants_env_defaults_and_object_constants() -> None:
    code = """
        import OpenAI from "openai";
        export const DEFAULT_MODEL = "gpt-4o-mini";
        const embeddingModel: string = process.env.EMBEDDING_MODEL ?? "text-embedding-3-small";
        const RUNTIME_MODEL = process.env["RUNTIME_MODEL"];
        export const llm = { chat: { model: "gpt-4.1", temperature: 0 } } as const;
        const openai = new OpenAI();
        export const ask = () => openai.responses.create({ model: DEFAULT_MODEL, input: "" });
        export const embed = (t: string) => openai.embeddings.create({ model: embeddingModel });
        export const chat = () => openai.responses.create({ model: llm.chat.model, input: "" });
    """
    assert sites(code) == {
        "src/llm.ts:DEFAULT_MODEL": ("gpt-4o-mini", None),
        "src/llm.ts:embeddingModel": ("text-embedding-3-small", None),
        "src/llm.ts:RUNTIME_MODEL": (None, None),
        "src/llm.ts:llm.chat.model": ("gpt-4.1", None),
    }
    assert origins(code)["src/llm.ts:embeddingModel"] == "default of $EMBEDDING_MODEL"
    assert origins(code)["src/llm.ts:RUNTIME_MODEL"] == "$RUNTIME_MODEL at run time"


def test_openai_agents_js_agents_without_a_model_rely_on_the_sdk_default() -> None:
    code = """
        import { Agent } from "@openai/agents";
        export const triage = new Agent({ name: "triage", instructions: "route" });
        export const writer = new Agent({ name: "writer", model: "gpt-4.1-mini" });
    """
    assert sites(code) == {
        "src/llm.ts#<module>.model": (None, "@openai/agents Agent"),
        "src/llm.ts#<module>.model[2]": ("gpt-4.1-mini", None),
    }


def test_an_env_lookup_behind_a_cast_of_any_length_is_still_the_variable() -> None:
    """create-llama: ``model: process.env.MODEL as keyof typeof MODELS`` is $MODEL, and a
    parenthesised cast before a fallback still gives the fallback as the variable's default."""
    code = """
        import { Anthropic, MODELS } from "@llamaindex/anthropic";
        export const a = () => new Anthropic({ model: process.env.MODEL as keyof typeof MODELS });
        export const b = () => new Anthropic({
          model: (process.env.MODEL as string) || "claude-3-5-sonnet-latest",
        });
        export const c = () => new Anthropic({ model: process.env.MODEL as Models<"x"> });
    """
    assert origins(code) == {
        "src/llm.ts#a.model": "$MODEL at run time",
        "src/llm.ts#b.model": "default of $MODEL",
        "src/llm.ts#c.model": "$MODEL at run time",
    }
    assert sites(code)["src/llm.ts#b.model"][0] == "claude-3-5-sonnet-latest"


def test_model_named_constants_that_are_not_models_are_not_sites() -> None:
    assert (
        sites("""
        import mongoose from "mongoose";
        export const USER_MODEL = "User";
        const carModel = "Model S";
        const defaultModel = mongoose.model("Invoice");
        const modelViewMatrix = [1, 0, 0, 1];
    """)
        == {}
    )


def test_wrapper_defaults_plain_and_destructured_count_their_callers() -> None:
    found = {
        s.address: (s.model, s.callers)
        for s in scan(
            textwrap.dedent("""
        import OpenAI from "openai";
        const client = new OpenAI();
        export async function complete(prompt: string, model: string = "gpt-4o-mini") {
          return client.chat.completions.create({ model, messages: [] });
        }
        export const summarize = async ({ text, model = "gpt-4o-mini" }: Opts) =>
          client.chat.completions.create({ model, messages: [] });
        complete("a");
        complete("b", "gpt-4o");
        summarize({ text: "c" });
        summarize({ text: "d", model: "gpt-4.1" });
        summarize(options);
        complete(...args);
        """),
            "src/llm.ts",
        )
    }
    assert found == {
        "src/llm.ts#complete.model": ("gpt-4o-mini", 1),
        "src/llm.ts#summarize.model": ("gpt-4o-mini", 1),
        # a caller that passes its own model, by position or in the options, names it: a site
        "src/llm.ts#<module>.model": ("gpt-4o", 0),
        "src/llm.ts#<module>.model[2]": ("gpt-4.1", 0),
    }


def test_class_fields_methods_and_fallbacks() -> None:
    code = """
        import OpenAI from "openai";
        export class Assistant {
          private readonly model: string = "gpt-4o";
          constructor(private client = new OpenAI()) {}
          async reply(q: string, opts?: { model?: string }) {
            await this.client.responses.create({ model: this.model, input: q });
            return this.client.responses.create({ model: opts?.model ?? "gpt-4.1-mini", input: q });
          }
        }
    """
    assert sites(code) == {
        "src/llm.ts#Assistant.model": ("gpt-4o", None),
        "src/llm.ts#Assistant.reply.model": ("gpt-4.1-mini", None),
    }
    assert origins(code)["src/llm.ts#Assistant.reply.model"] == (
        "fallback when opts ?. model is not set"
    )


def test_a_model_chosen_by_the_caller_is_no_site_one_computed_is_an_unknown_site() -> None:
    assert origins("""
        import OpenAI from "openai";
        const c = new OpenAI();
        export const ask = (model: string) => c.chat.completions.create({ model, messages: [] });
        export const pick = (m: string) => c.responses.create({ model: pick2(m), input: "" });
        export const tpl = (v: string) => c.responses.create({ model: `gpt-${v}`, input: "" });
    """) == {
        "src/llm.ts#pick.model": "pick2(m), computed at run time",
        "src/llm.ts#tpl.model": "`gpt-${...}`, computed at run time",
    }


def test_addresses_survive_unrelated_edits() -> None:
    before = sites("""
        import OpenAI from "openai";
        export const ask = () => new OpenAI().responses.create({ model: "gpt-5", input: "x" });
    """)
    after = sites("""
        /** A long new comment. */
        import OpenAI from "openai";

        export function unrelated(x: number) {
          return x * 2;
        }

        export const ask = () => new OpenAI().responses.create({ model: "gpt-5", input: "x" });
    """)
    assert before == after == {"src/llm.ts#ask.model": ("gpt-5", None)}


# --- library defaults ------------------------------------------------------------------------


def test_a_known_client_without_a_model_relies_on_the_library_default() -> None:
    found = sites("""
        import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
        import { OpenAI } from "llamaindex";
        import OpenAIClient from "openai";
        const chat = new ChatOpenAI({ temperature: 0 });
        const emb = new OpenAIEmbeddings();
        export function make() { return new OpenAI({ temperature: 0.2 }); }
        const client = new OpenAIClient();
        const passed = new ChatOpenAI({ ...settings });
        const pinned = new ChatOpenAI({ model: "gpt-4o-mini" });
    """)
    assert found == {
        "src/llm.ts#<module>.model": (None, "ChatOpenAI"),
        "src/llm.ts#<module>.model[2]": (None, "OpenAIEmbeddings"),
        "src/llm.ts#make.model": (None, "LlamaIndex OpenAI"),
        "src/llm.ts#<module>.model[3]": ("gpt-4o-mini", None),
    }
    unpinned = [s for s in scan_file(
        'import { ChatOpenAI } from "@langchain/openai";\nnew ChatOpenAI();\n', "a.ts"
    ).sites]  # fmt: skip
    assert unpinned[0].package == "@langchain/openai"


# --- not model sites -------------------------------------------------------------------------


def test_comments_strings_templates_and_jsx_text_are_not_sites() -> None:
    assert (
        sites(
            """
        import OpenAI from "openai";
        // client.chat.completions.create({ model: "gpt-4" })
        /* const DEFAULT_MODEL = "gpt-4"; */
        const HELP = 'client.chat.completions.create({ model: "gpt-4o" })';
        const DOC = `new ChatOpenAI({ model: "gpt-4o" })`;
        const RE = /model: "gpt-4"/;
        export const Page = () => <p>Set model: "gpt-4o" in the settings. It's easy.</p>;
    """,
            "src/page.tsx",
        )
        == {}
    )


def test_type_declarations_are_not_sites() -> None:
    assert (
        sites("""
        import OpenAI from "openai";
        interface Options { model: "gpt-4o" | "gpt-4o-mini"; }
        type Settings = { model: "gpt-4o" };
        export declare function f(model: "gpt-4o"): void;
    """)
        == {}
    )


def test_a_hostile_file_is_bounded_and_does_not_crash() -> None:
    deep = "import OpenAI from 'openai';\nconst x = " + "[" * 3000 + "]" * 3000 + ";\n"
    assert sites(deep) == {}
    unbalanced = "import OpenAI from 'openai';\nconst x = ((((;\nconst MODEL = 'gpt-4o';\n"
    assert sites(unbalanced) == {}


def test_a_ternary_before_an_arrow_in_jsx_ends_and_the_sites_after_it_are_found() -> None:
    # langchain-ai/chat-langchain's file-preview-grid.tsx, cut down: "x ? (...) : (...)" read
    # as a parameter list with a return type, whose "=>" sat inside a later group: the scan
    # walked past the end of the file for ever
    code = """
        import OpenAI from "openai";
        const openai = new OpenAI();
        function Card({ file }: { file: File; onRemove: (id: string) => void }) {
          return (
            <div className="card">
              {isImage ? (
                <img src={file.url} />
              ) : (
                <span>{file.name}</span>
              )}
              <button
                onClick={(e) => {
                  remove(file.id)
                }}
              />
            </div>
          )
        }
        export const ask = (q: string) =>
          openai.chat.completions.create({ model: "gpt-4o", messages: [] });
    """
    assert sites(code, "src/card.tsx") == {"src/card.tsx#ask.model": ("gpt-4o", None)}


def test_a_scan_ends_when_the_arrow_it_walks_to_is_only_inside_groups() -> None:
    # the same component alone: no "=>" at the list's level before the end of the file
    code = textwrap.dedent("""
        function Card({ file }: { file: File }) {
          return (
            <div>
              {isImage ? (
                <img src={file.url} />
              ) : (
                <span />
              )}
              <button onClick={(e) => {
                remove(file.id)
              }} />
            </div>
          )
        }
    """)
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(scan_file(code, "src/card.tsx")))
    worker.daemon = True  # (the old scan never returned)
    worker.start()
    worker.join(timeout=20)
    assert done, "the scan did not end"


def test_a_model_object_from_a_factory_is_the_factorys_site_not_an_unknown() -> None:
    # the Vercel AI SDK takes a model object: the provider call that builds it is the site
    assert origins("""
        import { generateText } from "ai";
        import { gateway } from "@ai-sdk/gateway";
        import { getTitleModel } from "@/lib/ai/providers";
        export const title = (prompt: string) => generateText({ model: getTitleModel(), prompt });
        export const pick = () => gateway.languageModel(settings.chatModel);
    """) == {"src/llm.ts#pick.model": "settings.chatModel, computed at run time"}


def test_a_local_variable_declared_once_gives_the_client_its_model() -> None:
    # anthropic-quickstarts' shape: the model is a local above the call, or a React state's
    # initial value sent in a request body
    found = origins(
        """
        import Anthropic from "@anthropic-ai/sdk";
        import { useState } from "react";
        const client = new Anthropic();
        export async function ask(q: string) {
          const model: string = "claude-sonnet-4-20250514";
          return client.messages.create({ model, max_tokens: 9, messages: [] });
        }
        export async function chained(q: string) {
          const chosen = "claude-3-5-haiku-20241022";
          const m = chosen;
          return client.messages.create({ model: m, max_tokens: 9, messages: [] });
        }
        export async function branch(q: boolean) {
          let m = "claude-sonnet-4-5";
          if (q) m = "claude-opus-4-1";
          return client.messages.create({ model: m, max_tokens: 9, messages: [] });
        }
        export async function looped(models: string[]) {
          for (const m of ["claude-sonnet-4-5", "claude-opus-4-1"]) {
            await client.messages.create({ model: m, max_tokens: 9, messages: [] });
          }
        }
        export function Chat() {
          const [selectedModel, setSelectedModel] = useState<string>("claude-3-haiku-20240307");
          const send = async () => {
            await fetch("/api/chat", { body: JSON.stringify({ model: selectedModel }) });
          };
          return <p onClick={() => setSelectedModel("claude-3-5-sonnet-20240620")}>{send}</p>;
        }
        """,
        rel="src/chat.tsx",
    )
    assert found == {
        "src/chat.tsx#ask.model": "variable model",
        "src/chat.tsx#chained.model": "variable chosen",
        "src/chat.tsx#branch.model": "m, computed at run time",
        "src/chat.tsx#looped.model": "m, computed at run time",
        "src/chat.tsx#Chat.send.model": "initial state of selectedModel",
    }
    values = sites(
        """
        export function Chat() {
          const [selectedModel, setSelectedModel] = useState("claude-3-haiku-20240307");
          return fetch("/api/chat", { body: JSON.stringify({ model: selectedModel }) });
        }
        """,
        rel="src/chat.tsx",
    )
    assert values == {"src/chat.tsx#Chat.model": ("claude-3-haiku-20240307", None)}


def test_each_model_of_an_object_named_for_models_is_a_site() -> None:
    found = sites("""
        export const DEFAULT_MODELS = { anthropic: "claude-sonnet-4-5", openai: { fast: "gpt-4o-mini" }, retries: 3 };
        export const PROVIDER_MODEL: Record<string, string> = { bedrock: "amazon.nova-pro-v1:0" };
        export const MODEL_LABELS = { "gpt-4o": "GPT-4o" };
        export const TIMEOUTS = { "gpt-4o": "gpt-4o-30s" };
        export const llm = { chat: { model: "gpt-4.1", label: "Claude Sonnet 4" } };
    """)  # noqa: E501
    assert found == {
        "src/llm.ts:DEFAULT_MODELS.anthropic": ("claude-sonnet-4-5", None),
        "src/llm.ts:DEFAULT_MODELS.openai.fast": ("gpt-4o-mini", None),
        "src/llm.ts:PROVIDER_MODEL.bedrock": ("amazon.nova-pro-v1:0", None),
        "src/llm.ts:llm.chat.model": ("gpt-4.1", None),
    }


def test_a_function_too_long_to_read_holds_no_local_model() -> None:
    filler = "x = x + 1;\n" * 13_000  # past the tokens one function is read for its locals
    code = (
        'import OpenAI from "openai";\nconst c = new OpenAI();\n'
        'export async function ask() {\n  const model = "gpt-4o";\n'
        f"{filler}"
        "  return c.chat.completions.create({ model, messages: [] });\n}\n"
    )
    assert origins(code) == {"src/llm.ts#ask.model": "model, computed at run time"}


def test_a_schema_default_of_a_model_variable_is_a_site() -> None:
    # t3-env / zod: the environment schema gives the model its default
    assert origins(
        """
        import { z } from "zod";
        export const env = z.object({
          OPENAI_MODEL: z.string().default("gpt-4o-mini"),
          EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small").describe("x"),
          PORT: z.coerce.number().default(3000),
        }).parse(process.env);
    """,
        rel="src/env.ts",
    ) == {
        "src/env.ts#<module>.OPENAI_MODEL": "the schema's default",
        "src/env.ts#<module>.EMBEDDING_MODEL": "the schema's default",
    }


def test_a_model_name_beside_a_model_id_is_its_label() -> None:
    # mckaywrigley/chatbot-ui's model lists: "LLaMA3-8b-chat" is how the UI shows llama3-8b-8192
    assert sites("""
        import { LLM } from "@/types";
        const LLaMA3_8B: LLM = { modelId: "llama3-8b-8192", modelName: "LLaMA3-8b-chat" };
        export const pick = () => ({ modelId: "gemma-7b-it", modelName: "Gemma-7b-It" });
        export const other = () => ({ modelName: "gpt-4o" });
    """) == {
        "src/llm.ts:LLaMA3_8B.modelId": ("llama3-8b-8192", None),
        "src/llm.ts#pick.modelId": ("gemma-7b-it", None),
        "src/llm.ts#other.modelName": ("gpt-4o", None),
    }
