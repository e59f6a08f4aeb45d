/**
 * Writing LLM steps the way the built-in ones are written: a model session with timeouts and
 * usage reporting, the retry-with-feedback loop, and the settings resolver.
 *
 * @module scribe-pipeline/llm
 */
export {
  type AnswerRound,
  type AskUntilValidOptions,
  type AskUntilValidResult,
  askUntilValid,
  rulesBrokenError,
} from './ask-until-valid.js';
export type { StructuredAnswer } from './generate-structured.js';
export { InvalidModelAnswerError } from './invalid-model-answer-error.js';
export { type LlmStepOptions, type LlmStepSettings, resolveLlmStepSettings } from './llm-step-settings.js';
export { type AskModel, type ModelSessionOptions, withModelSession } from './model-session.js';
export type { ModelOptions, ModelSource } from './model-source.js';
