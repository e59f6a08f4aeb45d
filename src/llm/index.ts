export { InvalidModelAnswerError } from './invalid-model-answer-error.js';
export type { ModelOptions } from './model-source.js';
