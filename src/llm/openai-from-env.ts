import type { LanguageModel } from 'ai';

type Env = Record<string, string | undefined>;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Whether the environment names an OpenAI endpoint: a key, or an OpenAI-compatible server's URL. */
export function hasOpenAiEndpoint(env: Env): boolean {
  return nonEmpty(env.OPENAI_API_KEY) !== undefined || nonEmpty(env.OPENAI_BASE_URL) !== undefined;
}

/**
 * The OpenAI model the library and the CLI fall back to, from `OPENAI_API_KEY` and
 * `OPENAI_BASE_URL`. Always Chat Completions: OpenAI serves it, and so do the OpenAI-compatible
 * servers (Ollama, vLLM, LM Studio, llama.cpp), which lack the Responses API. A local server needs
 * no key, but the provider sends one: any placeholder does. Imports `@ai-sdk/openai` (an optional
 * peer) only when called.
 */
export async function loadOpenAiChatModel(modelId: string, env: Env): Promise<LanguageModel> {
  const { createOpenAI } = await import('@ai-sdk/openai');
  const baseURL = nonEmpty(env.OPENAI_BASE_URL);
  const provider = createOpenAI({
    apiKey: nonEmpty(env.OPENAI_API_KEY) ?? 'no-key',
    ...(baseURL === undefined ? {} : { baseURL }),
  });
  return provider.chat(modelId);
}
