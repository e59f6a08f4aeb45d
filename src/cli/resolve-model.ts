import type { LanguageModel } from 'ai';
import { hasOpenAiEndpoint, loadOpenAiChatModel } from '../llm/openai-from-env.js';
import { UsageError } from './usage-error.js';

/** A model the CLI will use, with what to call it in output. */
export interface ResolvedModel {
  model: LanguageModel;
  /** `openai:gpt-5-mini`, or `fake`. */
  label: string;
  /** True for the deterministic fake model of `scribe-pipeline/testing`. */
  fake: boolean;
}

/** What a `--model` value asks for. */
export type ModelSpec = { provider: 'fake' } | { provider: 'openai'; modelId: string };

const PROVIDERS = 'openai:<model-id> (e.g. openai:gpt-5-mini), or fake for offline trials';

/**
 * Reads a `--model` value: `openai:<model-id>`; a bare `<model-id>`, read as OpenAI's as the
 * library reads `SCRIBE_MODEL`; or `fake`, the deterministic model that answers the library's own
 * prompts (for trying the pipeline offline, and for tests: it writes no real email).
 */
export function parseModelSpec(flag: string, value: string): ModelSpec {
  const spec = value.trim();
  if (spec === 'fake') return { provider: 'fake' };
  const colon = spec.indexOf(':');
  const provider = colon === -1 ? 'openai' : spec.slice(0, colon).trim().toLowerCase();
  const modelId = (colon === -1 ? spec : spec.slice(colon + 1)).trim();
  if (provider !== 'openai') {
    throw new UsageError(`${flag}: unknown model provider "${provider}"; use ${PROVIDERS}`, { field: flag });
  }
  if (modelId === '') {
    throw new UsageError(`${flag}: no model id; use ${PROVIDERS}`, { field: flag });
  }
  return { provider: 'openai', modelId };
}

/**
 * Builds the model a flag names, or says exactly what is missing (exit 2) before any request:
 * no model named (`--model`, `SCRIBE_MODEL`), no key (`OPENAI_API_KEY`; not needed with
 * `OPENAI_BASE_URL`, for local OpenAI-compatible servers), or no `@ai-sdk/openai` installed.
 */
export async function resolveModel({
  flag,
  value,
  env,
}: {
  flag: string;
  value: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
}): Promise<ResolvedModel> {
  if (value === undefined || value.trim() === '') {
    throw new UsageError(
      `no model: pass ${flag} ${PROVIDERS.replace(' (e.g. openai:gpt-5-mini)', '')}, or set SCRIBE_MODEL (e.g. SCRIBE_MODEL=openai:gpt-5-mini)`,
      { field: flag },
    );
  }
  const spec = parseModelSpec(flag, value);
  if (spec.provider === 'fake') {
    // Loaded only here: the testing entry pulls in `ai/test`.
    const { createFakeModel } = await import('../testing/index.js');
    return { model: createFakeModel(), label: 'fake', fake: true };
  }
  if (!hasOpenAiEndpoint(env)) {
    throw new UsageError(
      `${flag} openai:${spec.modelId} needs OPENAI_API_KEY (or OPENAI_BASE_URL for an OpenAI-compatible local server)`,
      { field: 'OPENAI_API_KEY' },
    );
  }
  let model: LanguageModel;
  try {
    // The library's own fallback: Chat Completions, at OPENAI_BASE_URL when set.
    model = await loadOpenAiChatModel(spec.modelId, env);
  } catch (error) {
    throw new UsageError(
      `${flag} openai:… needs the package @ai-sdk/openai: run npm install @ai-sdk/openai`,
      {
        field: flag,
        cause: error,
      },
    );
  }
  return { model, label: `openai:${spec.modelId}`, fake: false };
}
