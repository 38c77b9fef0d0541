"""The well-known LLM clients of JavaScript / TypeScript: which call takes a model, where.

Three explicit tables, the JavaScript side of ``model_clients.py``:

- ``JS_METHODS``: request methods of client instances, matched on the end of the call's dotted
  name whatever the variable is called (``openai.chat.completions.create({ model })``). The model
  is a property of the options object (argument 0) or, for the old Azure SDK, argument 0 itself.
- ``JS_CLASSES``: constructors and functions matched on ``<npm package>.<export>`` after the
  file's imports are applied (``import { ChatOpenAI as C } from "@langchain/openai"``,
  ``const { ChatOpenAI } = require("@langchain/openai")``). ``optional_model`` marks the ones
  whose library picks a model when the call sets none.
- ``AI_SDK_PROVIDERS``: Vercel AI SDK provider packages; ``openai("gpt-4o")``,
  ``openai.chat("gpt-4o")`` and an instance made by ``createOpenAI({...})`` take the model as
  argument 0.
"""

from __future__ import annotations

from collections.abc import Mapping

from finops_gate.sources.model_clients import ClientCall

_OPTS = ClientCall(("model",), None)
JS_METHODS: dict[str, ClientCall] = {
    # OpenAI and Azure OpenAI (openai-node; AzureOpenAI's model is the deployment name)
    **{
        m: _OPTS
        for m in (
            "chat.completions.create",
            "chat.completions.parse",
            "chat.completions.stream",
            "chat.completions.runTools",
            "completions.create",
            "responses.create",
            "responses.parse",
            "responses.stream",
            "embeddings.create",
            "images.generate",
            "audio.speech.create",
            "audio.transcriptions.create",
            "moderations.create",
        )
    },
    # Anthropic (@anthropic-ai/sdk)
    "messages.create": _OPTS,
    "messages.stream": _OPTS,
    "messages.countTokens": _OPTS,
    # Google GenAI (@google/genai), Gemini (@google/generative-ai), Vertex (@google-cloud/vertexai)
    "models.generateContent": _OPTS,
    "models.generateContentStream": _OPTS,
    "models.embedContent": _OPTS,
    "models.countTokens": _OPTS,
    "chats.create": _OPTS,
    "getGenerativeModel": _OPTS,
    "preview.getGenerativeModel": _OPTS,
    # the old Azure OpenAI SDK (@azure/openai 1.x): the deployment name comes first
    "getChatCompletions": ClientCall(("deploymentName",), 0),
    "streamChatCompletions": ClientCall(("deploymentName",), 0),
    "getCompletions": ClientCall(("deploymentName",), 0),
    "getEmbeddings": ClientCall(("deploymentName",), 0),
}


def _opt(package: str, name: str, *keys: str, optional: bool = False) -> ClientCall:
    return ClientCall(keys or ("model",), None, optional, package, name)


_BEDROCK = "@aws-sdk/client-bedrock-runtime"
JS_CLASSES: dict[str, ClientCall] = {
    # Vercel AI SDK: generateText({ model: openai("gpt-4o") }) or a gateway string
    **{
        f"ai.{fn}": ClientCall(("model",), None, False, "ai", fn, model_object=True)
        for fn in (
            "generateText",
            "streamText",
            "generateObject",
            "streamObject",
            "embed",
            "embedMany",
            "generateImage",
            "experimental_generateImage",
            "generateSpeech",
            "experimental_generateSpeech",
            "transcribe",
            "experimental_transcribe",
        )
    },
    # OpenAI Agents SDK for JavaScript: an Agent without a model runs the SDK's default
    **{
        f"{pkg}.Agent": ClientCall(
            ("model",), None, True, "@openai/agents", "@openai/agents Agent", model_object=True
        )
        for pkg in ("@openai/agents", "@openai/agents-core")
    },
    # Azure OpenAI through openai-node
    "openai.AzureOpenAI": _opt("openai", "AzureOpenAI", "deployment"),
    # LangChain.js
    "@langchain/openai.ChatOpenAI": _opt(
        "@langchain/openai", "ChatOpenAI", "model", "modelName", optional=True
    ),
    "@langchain/openai.OpenAI": _opt(
        "@langchain/openai", "OpenAI", "model", "modelName", optional=True
    ),
    "@langchain/openai.OpenAIEmbeddings": _opt(
        "@langchain/openai", "OpenAIEmbeddings", "model", "modelName", optional=True
    ),
    "@langchain/openai.AzureChatOpenAI": _opt(
        "@langchain/openai",
        "AzureChatOpenAI",
        "azureOpenAIApiDeploymentName",
        "deploymentName",
        "model",
        "modelName",
    ),
    "@langchain/anthropic.ChatAnthropic": _opt(
        "@langchain/anthropic", "ChatAnthropic", "model", "modelName", optional=True
    ),
    "@langchain/google-genai.ChatGoogleGenerativeAI": _opt(
        "@langchain/google-genai", "ChatGoogleGenerativeAI", "model", "modelName"
    ),
    "@langchain/google-vertexai.ChatVertexAI": _opt(
        "@langchain/google-vertexai", "ChatVertexAI", "model", "modelName", optional=True
    ),
    "@langchain/aws.ChatBedrockConverse": _opt(
        "@langchain/aws", "ChatBedrockConverse", "model", optional=True
    ),
    "@langchain/mistralai.ChatMistralAI": _opt(
        "@langchain/mistralai", "ChatMistralAI", "model", "modelName", optional=True
    ),
    "@langchain/groq.ChatGroq": _opt("@langchain/groq", "ChatGroq", "model"),
    "langchain/chat_models/universal.initChatModel": ClientCall(("model",), 0, False, "langchain"),
    # LlamaIndex.TS
    **{
        f"{pkg}.{cls}": _opt(pkg, f"LlamaIndex {cls}", "model", optional=True)
        for pkg, classes in (
            ("llamaindex", ("OpenAI", "Anthropic", "OpenAIEmbedding", "Gemini")),
            ("@llamaindex/openai", ("OpenAI", "OpenAIEmbedding")),
            ("@llamaindex/anthropic", ("Anthropic",)),
            ("@llamaindex/google", ("Gemini",)),
        )
        for cls in classes
    },
    # Amazon Bedrock runtime (AWS SDK v3)
    **{
        f"{_BEDROCK}.{cmd}": ClientCall(("modelId",), None)
        for cmd in (
            "InvokeModelCommand",
            "InvokeModelWithResponseStreamCommand",
            "ConverseCommand",
            "ConverseStreamCommand",
        )
    },
}
# package -> (default provider instance, factory that makes one)
AI_SDK_PROVIDERS: dict[str, tuple[str, str]] = {
    "@ai-sdk/openai": ("openai", "createOpenAI"),
    "@ai-sdk/azure": ("azure", "createAzure"),
    "@ai-sdk/anthropic": ("anthropic", "createAnthropic"),
    "@ai-sdk/google": ("google", "createGoogleGenerativeAI"),
    "@ai-sdk/google-vertex": ("vertex", "createVertex"),
    "@ai-sdk/amazon-bedrock": ("bedrock", "createAmazonBedrock"),
    "@ai-sdk/mistral": ("mistral", "createMistral"),
    "@ai-sdk/groq": ("groq", "createGroq"),
    "@ai-sdk/xai": ("xai", "createXai"),
    "@ai-sdk/deepseek": ("deepseek", "createDeepSeek"),
    "@ai-sdk/cohere": ("cohere", "createCohere"),
    "@ai-sdk/perplexity": ("perplexity", "createPerplexity"),
    "@ai-sdk/togetherai": ("togetherai", "createTogetherAI"),
    "@ai-sdk/fireworks": ("fireworks", "createFireworks"),
    "@openrouter/ai-sdk-provider": ("openrouter", "createOpenRouter"),
    # Vercel's AI Gateway: "provider/model" ids ("anthropic/claude-haiku-4.5")
    "@ai-sdk/gateway": ("gateway", "createGateway"),
}
PROVIDER_METHODS = frozenset(
    {"chat", "languageModel", "responses", "completion", "textEmbeddingModel", "embedding",
     "textEmbedding", "image", "imageModel", "transcription", "speech", "messages"}
)  # fmt: skip
_PROVIDER = ClientCall(("model",), 0)
# packages whose import makes a file an LLM file: its model-named constants are settings
JS_PACKAGES = (
    "openai",
    "@anthropic-ai/sdk",
    "@google/genai",
    "@google/generative-ai",
    "@google-cloud/vertexai",
    _BEDROCK,
    "ai",
    "@ai-sdk/",
    "@langchain/",
    "langchain",
    "llamaindex",
    "@llamaindex/",
    "@mistralai/mistralai",
    "groq-sdk",
    "cohere-ai",
    "@azure/openai",
    "@openrouter/",
)


def is_llm_module(module: str) -> bool:
    return any(
        module.startswith(p) if p.endswith("/") else module == p or module.startswith(p + "/")
        for p in JS_PACKAGES
    )


def provider_path(module: str, export: str) -> str | None:
    """``@ai-sdk/openai`` + ``createOpenAI`` -> the path its instances stand for."""
    entry = AI_SDK_PROVIDERS.get(module)
    if entry is not None and export == entry[1]:
        return f"{module}.{entry[0]}"
    return None


def match_js_call(dotted: str, imports: Mapping[str, str]) -> ClientCall | None:
    """The rule for a call's dotted name after the file's imports are applied."""
    root, _, rest = dotted.partition(".")
    full = imports.get(root, root) + ("." + rest if rest else "")
    spec = JS_CLASSES.get(full)
    if spec is not None:
        return spec
    if root in imports:
        module, _, path = full.partition(".") if not full.startswith("@") else _split_scoped(full)
        entry = AI_SDK_PROVIDERS.get(module)
        if entry is not None:
            head, _, method = path.partition(".")
            if head == entry[0] and (not method or method in PROVIDER_METHODS):
                return ClientCall(("model",), 0, False, module, f"{module} {head}")
    elif "." not in dotted:
        return None  # a bare name nobody imported: a local function, not a client
    for suffix, rule in JS_METHODS.items():
        if full == suffix or full.endswith("." + suffix):
            return rule
    return None


def _split_scoped(full: str) -> tuple[str, str, str]:
    scope, _, rest = full.partition("/")
    name, dot, path = rest.partition(".")
    return f"{scope}/{name}", dot, path
