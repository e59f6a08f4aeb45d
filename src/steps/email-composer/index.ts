export { type ComposerAnswer, composerAnswerSchema } from './answer-schema.js';
export { type EmailComposerOptions, EmailComposerStep, MAX_PAPERS_IN_PROMPT } from './email-composer-step.js';
export { AI_TELLS, GENERIC_PHRASES } from './phrases.js';
export { COMPOSER_SYSTEM_PROMPT } from './prompts.js';
export {
  type EmailValidationInput,
  type EmailValidationResult,
  MAX_EMAIL_CHARACTERS,
  MIN_EMAIL_WORDS,
  validateEmail,
} from './validate-email.js';
