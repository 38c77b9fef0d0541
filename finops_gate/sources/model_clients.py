"""The well-known LLM clients: which call takes a model, in which argument, and whether the
library has a default for it (a call that sets none then relies on that default).

Two kinds of rule, both explicit tables:

- ``METHODS``: request methods of client *instances* (``client.chat.completions.create``), matched
  on the end of the call's dotted name whatever the variable is called. These always need a model
  argument, so a site is only ever a call that passes one.
- ``CLASSES``: constructors and functions matched on their fully qualified name after the file's
  imports are applied (``from langchain_openai import ChatOpenAI as C`` -> ``C(...)`` is
  ``langchain_openai.ChatOpenAI``). ``optional_model`` marks the ones with a library default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClientCall:
    """How an LLM client call names its model: keywords, position, library default."""

    keywords: tuple[str, ...]  # model argument names, the usual one first
    positional: int | None = None  # index of the positional model argument, where the SDK has one
    optional_model: bool = False  # the library picks a model when the call sets none
    package: str | None = None  # the distribution (PyPI / npm) that ships the default
    name: str | None = None  # how the report names the client
    # the model argument may be a model object another client call builds (an agent's ``llm``,
    # the Vercel AI SDK's ``model: openai("gpt-4o")``): a value the scan cannot follow is that
    # call's, which is a site of its own, not an unknown model of this one
    model_object: bool = False


_MODEL = ClientCall(("model",))
METHODS: dict[str, ClientCall] = {
    # OpenAI and Azure OpenAI (openai-python; AzureOpenAI's model is the deployment name)
    "chat.completions.create": _MODEL,
    "chat.completions.parse": _MODEL,
    "chat.completions.stream": _MODEL,
    "completions.create": _MODEL,
    "responses.create": _MODEL,
    "responses.parse": _MODEL,
    "responses.stream": _MODEL,
    "embeddings.create": _MODEL,
    "images.generate": _MODEL,
    "audio.speech.create": _MODEL,
    "audio.transcriptions.create": _MODEL,
    # Anthropic
    "messages.create": _MODEL,
    "messages.stream": _MODEL,
    "messages.count_tokens": _MODEL,
    # Google GenAI (google-genai) and the Gemini Developer API
    "models.generate_content": _MODEL,
    "models.generate_content_stream": _MODEL,
    "models.embed_content": _MODEL,
    "models.count_tokens": _MODEL,
    "chats.create": _MODEL,
    # Amazon Bedrock runtime (boto3)
    "invoke_model": ClientCall(("modelId",)),
    "invoke_model_with_response_stream": ClientCall(("modelId",)),
    "converse": ClientCall(("modelId",)),
    "converse_stream": ClientCall(("modelId",)),
}


def _lc(package: str, name: str, *keywords: str, optional: bool = False) -> ClientCall:
    return ClientCall(keywords or ("model",), None, optional, package, name)


CLASSES: dict[str, ClientCall] = {
    # LiteLLM: completion(model, messages)
    **{
        f"litellm.{fn}": ClientCall(("model",), 0, False, "litellm", f"litellm.{fn}")
        for fn in (
            "completion",
            "acompletion",
            "embedding",
            "aembedding",
            "text_completion",
            "image_generation",
            "responses",
            "aresponses",
        )
    },
    # LangChain chat models and embeddings
    "langchain_openai.ChatOpenAI": _lc(
        "langchain-openai", "ChatOpenAI", "model", "model_name", optional=True
    ),
    "langchain_openai.OpenAI": _lc(
        "langchain-openai", "OpenAI", "model", "model_name", optional=True
    ),
    "langchain_openai.OpenAIEmbeddings": _lc(
        "langchain-openai", "OpenAIEmbeddings", "model", optional=True
    ),
    "langchain_openai.AzureChatOpenAI": _lc(
        "langchain-openai",
        "AzureChatOpenAI",
        "azure_deployment",
        "deployment_name",
        "model",
        "model_name",
    ),
    "langchain_anthropic.ChatAnthropic": _lc(
        "langchain-anthropic", "ChatAnthropic", "model", "model_name"
    ),
    "langchain_google_genai.ChatGoogleGenerativeAI": _lc(
        "langchain-google-genai", "ChatGoogleGenerativeAI", "model"
    ),
    "langchain_google_genai.GoogleGenerativeAIEmbeddings": _lc(
        "langchain-google-genai", "GoogleGenerativeAIEmbeddings", "model"
    ),
    "langchain_google_vertexai.ChatVertexAI": _lc(
        "langchain-google-vertexai", "ChatVertexAI", "model_name", "model", optional=True
    ),
    "langchain_aws.ChatBedrock": _lc("langchain-aws", "ChatBedrock", "model_id", "model"),
    "langchain_aws.ChatBedrockConverse": _lc(
        "langchain-aws", "ChatBedrockConverse", "model_id", "model"
    ),
    "langchain_mistralai.ChatMistralAI": _lc(
        "langchain-mistralai", "ChatMistralAI", "model", "model_name", optional=True
    ),
    "langchain_groq.ChatGroq": _lc("langchain-groq", "ChatGroq", "model", "model_name"),
    "langchain.chat_models.init_chat_model": ClientCall(("model",), 0, False, "langchain"),
    "langchain.chat_models.ChatOpenAI": _lc(
        "langchain", "ChatOpenAI", "model", "model_name", optional=True
    ),
    "langchain_community.chat_models.ChatOpenAI": _lc(
        "langchain-community", "ChatOpenAI", "model", "model_name", optional=True
    ),
    # LlamaIndex
    "llama_index.llms.openai.OpenAI": _lc(
        "llama-index-llms-openai", "llama_index OpenAI", "model", optional=True
    ),
    "llama_index.llms.anthropic.Anthropic": _lc(
        "llama-index-llms-anthropic", "llama_index Anthropic", "model", optional=True
    ),
    "llama_index.llms.azure_openai.AzureOpenAI": _lc(
        "llama-index-llms-azure-openai", "llama_index AzureOpenAI", "engine", "model"
    ),
    "llama_index.embeddings.openai.OpenAIEmbedding": _lc(
        "llama-index-embeddings-openai", "OpenAIEmbedding", "model", "model_name", optional=True
    ),
    # Google: google-generativeai and Vertex AI
    "google.generativeai.GenerativeModel": ClientCall(("model_name",), 0, False),
    "vertexai.generative_models.GenerativeModel": ClientCall(("model_name",), 0, False),
    "vertexai.preview.generative_models.GenerativeModel": ClientCall(("model_name",), 0, False),
    # agent frameworks
    "crewai.LLM": ClientCall(("model",), 0, False, "crewai"),
    "crewai.Agent": ClientCall(("llm",), None, True, "crewai", "crewai Agent", model_object=True),
    "dspy.LM": ClientCall(("model",), 0, False, "dspy"),
    "pydantic_ai.Agent": ClientCall(("model",), 0, False, "pydantic-ai", model_object=True),
    # OpenAI Agents SDK (openai-agents, imported as ``agents``): an Agent without a model runs
    # the SDK's default, which its releases have changed (gpt-4o -> gpt-4.1 -> gpt-5.4-mini)
    "agents.Agent": ClientCall(
        ("model",), None, True, "openai-agents", "openai-agents Agent", model_object=True
    ),
    "agents.OpenAIChatCompletionsModel": ClientCall(("model",), None, False, "openai-agents"),
    "agents.OpenAIResponsesModel": ClientCall(("model",), None, False, "openai-agents"),
    "agents.extensions.models.litellm_model.LitellmModel": ClientCall(
        ("model",), None, False, "openai-agents"
    ),
}
# the packages whose import makes a file an LLM file: its model-named constants are settings
PY_PACKAGES = (
    "openai",
    "anthropic",
    "litellm",
    "langchain",
    "langchain_openai",
    "langchain_anthropic",
    "langchain_google_genai",
    "langchain_google_vertexai",
    "langchain_aws",
    "langchain_mistralai",
    "langchain_groq",
    "langchain_community",
    "llama_index",
    "google.genai",
    "google.generativeai",
    "vertexai",
    "boto3",
    "crewai",
    "dspy",
    "pydantic_ai",
    "mistralai",
    "groq",
    "cohere",
)
PY_CALLS = (METHODS, CLASSES)


def match_call(dotted: str, imports: Mapping[str, str]) -> ClientCall | None:
    """The rule for a call's dotted name (``client.chat.completions.create``, ``ChatOpenAI``)."""
    root, _, rest = dotted.partition(".")
    full = imports.get(root, root) + ("." + rest if rest else "")
    spec = CLASSES.get(full)
    if spec is not None:
        return spec
    if root not in imports and "." not in dotted:
        return None  # a bare name nobody imported: a local function, not a client
    for suffix, method in METHODS.items():
        if full.endswith("." + suffix):
            return method
    return None
