// The public API: a curated list, snapshot-tested (test/exports.test.ts). Anything not listed here
// is internal and may change in any release. Heavy integrations live behind subpath entries.

// Running a pipeline.
export { runPipeline, type PipelineRunResult, type RunPipelineOptions } from './core/run-pipeline.js';
export { parallel, type ParallelGroup, type PipelineStage } from './core/parallel.js';
export {
  PipelineData,
  type PipelineMetadata,
  type StepIssue,
  type StepOutputs,
} from './core/pipeline-data.js';
export {
  type PipelineInput,
  type PipelineInputShape,
  parsePipelineInput,
  pipelineInputSchema,
} from './core/pipeline-input.js';
export type { ProgressCallback, ProgressEvent, StepProgress, StepStatus } from './core/progress.js';
export type {
  CompositionMetadata,
  EnrichmentMetadata,
  ScrapedPageReport,
  ScrapingMetadata,
  TemplateAnalysis,
} from './core/step-outputs.js';
export type { Paper } from './core/paper.js';
export { TEMPLATE_TYPES, type TemplateType } from './core/template-type.js';
export type { TokenUsage } from './core/token-usage.js';

// Writing steps.
export { BasePipelineStep, type PipelineStep } from './core/base-pipeline-step.js';
export { defineStep, type StepDefinition, type StepResultHelpers, type StepReturn } from './core/define-step.js';
export type { ModelUsageReport, StepContext } from './core/step-context.js';
export { StepResult, type StepResultOptions } from './core/step-result.js';
export { checkNumberOption, checkStringOption, checkUrlOption, type NumberRange } from './core/check-option.js';
export { ATTRIBUTES, EVENT_NAMES, SPAN_NAMES } from './core/telemetry/attributes.js';

// Writing LLM steps the way the built-in ones are written.
export {
  type AnswerRound,
  type AskUntilValidOptions,
  type AskUntilValidResult,
  askUntilValid,
  rulesBrokenError,
} from './llm/ask-until-valid.js';
export { InvalidModelAnswerError } from './llm/invalid-model-answer-error.js';
export { type LlmStepOptions, type LlmStepSettings, resolveLlmStepSettings } from './llm/llm-step-settings.js';
export { type AskModel, type ModelSessionOptions, withModelSession } from './llm/model-session.js';
export type { ModelOptions } from './llm/model-source.js';

// Errors.
export * from './core/errors/index.js';

// Persistence.
export type {
  EmailRecord,
  EmailRecordMetadata,
  PersistenceAdapter,
  SavedPaper,
  SaveEmailResult,
  StoredEmail,
} from './core/persistence/persistence-adapter.js';
export { memoryPersistence } from './persistence/memory-persistence.js';
export { type SqlitePersistenceOptions, sqlitePersistence } from './persistence/sqlite-persistence.js';

// The built-in steps.
export { type TemplateParserOptions, TemplateParserStep } from './steps/template-parser/template-parser-step.js';
export {
  type EmailComposerOptions,
  EmailComposerStep,
  MAX_PAPERS_IN_PROMPT,
} from './steps/email-composer/email-composer-step.js';
export {
  type EmailValidationInput,
  type EmailValidationResult,
  MAX_EMAIL_CHARACTERS,
  MIN_EMAIL_WORDS,
  validateEmail,
} from './steps/email-composer/validate-email.js';
export {
  ARXIV_API_URL,
  ARXIV_MIN_INTERVAL_MS,
  ArxivClient,
  type ArxivClientOptions,
  type ArxivSearchOptions,
  type ArxivSearchResult,
} from './steps/arxiv-helper/arxiv-client.js';
export type { ArxivAuthor, ArxivEntry, ArxivFeed } from './steps/arxiv-helper/arxiv-entry.js';
export { type ArxivHelperOptions, ArxivHelperStep } from './steps/arxiv-helper/arxiv-helper-step.js';
export { type ArxivFailureKind, ArxivRequestError } from './steps/arxiv-helper/arxiv-request-error.js';
export { parseArxivFeed } from './steps/arxiv-helper/parse-arxiv-feed.js';
export { type RankedPapers, type RankPapersOptions, rankPapers } from './steps/arxiv-helper/rank-papers.js';

export { LIBRARY_NAME, VERSION } from './version.js';
