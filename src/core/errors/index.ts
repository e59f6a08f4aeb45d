export { type FieldIssue, InputValidationError } from './input-validation-error.js';
export { ModelCallError } from './model-call-error.js';
export { ModelConfigurationError } from './model-configuration-error.js';
export { PersistenceError } from './persistence-error.js';
export { PipelineAbortedError } from './pipeline-aborted-error.js';
export { PipelineExecutionError, type PipelineExecutionErrorOptions } from './pipeline-execution-error.js';
export { type ErrorCategory, readRetryable, ScribeError, type ScribeErrorOptions } from './scribe-error.js';
export { StepExecutionError, type StepExecutionErrorOptions } from './step-execution-error.js';
export { StepValidationError } from './step-validation-error.js';
