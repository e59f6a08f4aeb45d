import { ConfigurationError } from '../../core/errors/configuration-error.js';
import {
  type LlmStepOptions,
  type LlmStepSettings,
  resolveLlmStepSettings,
} from '../../llm/llm-step-settings.js';
import type { ModelOptions } from '../../llm/model-source.js';

/** What happens when the last draft still breaks a hard rule. */
export type InvalidDraftPolicy = 'fail' | 'save-for-review';

/** The optional second claim check, by a model: a cheap one does. */
export interface ClaimCheckOptions extends ModelOptions {
  /** One checking call's time limit, in ms: 100 to 600,000. Default 60,000. */
  timeoutMs?: number;
  /** The AI SDK's own retries per call, 0 to 10. Default 2. */
  maxRetries?: number;
}

/**
 * Options of the step. Default temperature 0.4: some freedom of phrasing, little invention.
 * `maxAttempts` counts drafts; `timeoutMs` (default 90,000) bounds each model call.
 */
export interface EmailComposerOptions extends LlmStepOptions {
  /**
   * When the last draft still breaks a hard rule: `fail` (default) fails the run with an
   * `InvalidDraftError` that carries the draft and its problems, and nothing is saved;
   * `save-for-review` keeps the draft as the run's email with `status: 'needs_review'`, never as a
   * finished email.
   */
  onInvalidDraft?: InvalidDraftPolicy;
  /**
   * Also ask a model whether each claim's sources support it, after the word-for-word check
   * passed. Off by default; its tokens are counted under `email_composer.claim_check`.
   */
  claimCheck?: ClaimCheckOptions;
}

/** The composer's checked settings. */
export interface EmailComposerSettings {
  composer: LlmStepSettings;
  onInvalidDraft: InvalidDraftPolicy;
  claimCheck: LlmStepSettings | undefined;
}

const POLICIES: readonly InvalidDraftPolicy[] = ['fail', 'save-for-review'];

/** Checks the composer's options at construction, so a misconfiguration costs nothing. */
export function resolveEmailComposerSettings(
  stepName: string,
  options: EmailComposerOptions,
): EmailComposerSettings {
  const { onInvalidDraft = 'fail', claimCheck } = options;
  if (!POLICIES.includes(onInvalidDraft)) {
    throw new ConfigurationError({
      component: stepName,
      option: 'onInvalidDraft',
      message: `must be ${POLICIES.map((policy) => `'${policy}'`).join(' or ')}, got ${JSON.stringify(onInvalidDraft)}`,
    });
  }
  if (claimCheck !== undefined && (claimCheck === null || typeof claimCheck !== 'object')) {
    throw new ConfigurationError({
      component: stepName,
      option: 'claimCheck',
      message: 'must be an object such as { model }',
    });
  }
  return {
    composer: resolveLlmStepSettings(stepName, options, { temperature: 0.4, timeoutMs: 90_000 }),
    onInvalidDraft,
    claimCheck:
      claimCheck === undefined
        ? undefined
        : {
            ...resolveLlmStepSettings(
              stepName,
              { ...claimCheck, _internal: options._internal },
              { temperature: 0 },
            ),
            functionId: `scribe.${stepName}.claim_check`,
          },
  };
}
