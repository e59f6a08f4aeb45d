export { InvalidModelAnswerError } from './invalid-model-answer-error.js';
export type { LlmStepOptions } from './llm-step-settings.js';
export type { ModelOptions } from './model-source.js';
