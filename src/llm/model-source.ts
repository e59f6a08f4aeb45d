import type { LanguageModel } from 'ai';
import { ModelConfigurationError } from '../core/errors/model-configuration-error.js';
import { hasOpenAiEndpoint, loadOpenAiChatModel } from './openai-from-env.js';

/** How a step gets its model: the host's, or OpenAI's from the environment. */
export interface ModelOptions {
  /** Any AI SDK language model. When given, nothing else is read. */
  model?: LanguageModel;
  /**
   * With no `model`: the OpenAI model id to use. Defaults to the `SCRIBE_MODEL` environment
   * variable. Called through Chat Completions with `OPENAI_API_KEY`, at `OPENAI_BASE_URL` when set
   * (an OpenAI-compatible server such as Ollama, vLLM or LM Studio, where no key is needed).
   */
  modelId?: string;
}

/** A model resolved at construction and loaded on first use. */
export interface ModelSource {
  readonly modelId: string;
  /** The model, loaded on the first call (the provider package imported then). */
  load(): Promise<LanguageModel>;
}

/**
 * Resolves a step's model when the step is built, so a misconfigured host fails at start-up
 * with a message naming what to pass or set. `@ai-sdk/openai` (an optional peer dependency) is
 * only imported when the fallback is used.
 */
export function resolveModelSource(
  stepName: string,
  { model, modelId }: ModelOptions,
  env: Record<string, string | undefined> = process.env,
): ModelSource {
  if (model !== undefined) {
    const id = typeof model === 'string' ? model : model.modelId;
    return { modelId: id, load: async () => model };
  }
  // `openai:gpt-5-mini` (the CLI's provider:model form) names the same model as `gpt-5-mini`.
  const id = (modelId ?? env.SCRIBE_MODEL)?.replace(/^openai:/, '');
  const missing = [
    ...(id ? [] : ['a model id (pass `modelId` or set SCRIBE_MODEL, e.g. SCRIBE_MODEL=gpt-4o-mini)']),
    ...(hasOpenAiEndpoint(env)
      ? []
      : ['an API key (set OPENAI_API_KEY, or OPENAI_BASE_URL for an OpenAI-compatible server)']),
  ];
  if (missing.length > 0) {
    throw new ModelConfigurationError({
      stepName,
      message: `no \`model\` was passed, and the OpenAI fallback needs ${missing.join(' and ')}. Pass \`model\` (any AI SDK LanguageModel) to use another provider.`,
    });
  }
  try {
    import.meta.resolve('@ai-sdk/openai');
  } catch {
    throw new ModelConfigurationError({
      stepName,
      message:
        'no `model` was passed, and the OpenAI fallback needs the package @ai-sdk/openai: run `npm install @ai-sdk/openai`, or pass `model`.',
    });
  }
  const openAiModelId = id as string;
  let loading: Promise<LanguageModel> | undefined;
  return {
    modelId: openAiModelId,
    load: () => {
      loading ??= loadOpenAiChatModel(openAiModelId, env);
      return loading;
    },
  };
}
