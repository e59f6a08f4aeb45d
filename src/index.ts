/**
 * The pipeline: `runPipeline`, the step template and helpers, the built-in steps and
 * `defaultSteps`, memory and SQLite persistence, the errors.
 *
 * @module scribe-pipeline
 */
// The public API: a curated list, snapshot-tested (test/exports.test.ts). Anything not listed here
// is internal and may change in any release. Heavy integrations live behind subpath entries.

export { type MemoryResearchCacheOptions, memoryResearchCache } from './cache/memory-research-cache.js';
// Writing steps.
export { BasePipelineStep, type PipelineStep } from './core/base-pipeline-step.js';
export { type ResearchCache, researchCacheKey } from './core/cache/research-cache.js';
export {
  type CheckpointStore,
  DEFAULT_CHECKPOINT_TTL_MS,
  type StageSnapshot,
} from './core/checkpoint/checkpoint-store.js';
export { type ClaimSource, type EmailClaim, MAX_CLAIM_SNIPPET_CHARS } from './core/claims.js';
export { DEFAULT_PRICE_TABLE, type ModelPrice, type PriceTable, priceFor } from './core/cost/price-table.js';
export { ESTIMATED_OUTPUT_TOKENS, type ModelCallEstimate, type RunBudget } from './core/cost/run-budget.js';
export { type RunCost, runCost } from './core/cost/run-cost.js';
export {
  defineStep,
  type StepDefinition,
  type StepResultHelpers,
  type StepReturn,
} from './core/define-step.js';
// Errors.
export * from './core/errors/index.js';
export type { AuthorCandidate, AuthorPapers, Paper, PaperLookup, PaperSourceName } from './core/paper.js';
export { type ParallelGroup, type PipelineStage, parallel } from './core/parallel.js';
// Persistence.
export {
  EMAIL_STATUSES,
  type EmailRecord,
  type EmailRecordMetadata,
  type EmailStatus,
  type PersistenceAdapter,
  type SavedPaper,
  type SaveEmailResult,
  type StoredEmail,
} from './core/persistence/persistence-adapter.js';
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
// Running a pipeline.
export {
  type PipelineRunResult,
  type RunPipelineCommonOptions,
  type RunPipelineOptions,
  runPipeline,
} from './core/run-pipeline.js';
export type { ModelUsageReport, StepContext } from './core/step-context.js';
export type {
  CompositionMetadata,
  EnrichmentMetadata,
  ScrapedPage,
  ScrapedPageReport,
  ScrapingMetadata,
  TemplateAnalysis,
} from './core/step-outputs.js';
export { StepResult, type StepResultOptions } from './core/step-result.js';
export { TEMPLATE_TYPES, type TemplateType } from './core/template-type.js';
export type { TokenUsage } from './core/token-usage.js';
// The options every LLM step takes; the helpers for writing one are in `scribe-pipeline/llm`.
export type { LlmStepOptions } from './llm/llm-step-settings.js';
export type { ModelOptions } from './llm/model-source.js';
export {
  ARXIV_API_URL,
  ARXIV_MIN_INTERVAL_MS,
  ArxivClient,
  type ArxivClientOptions,
  type ArxivSearchOptions,
  type ArxivSearchResult,
} from './papers/arxiv/arxiv-client.js';
export { type ArxivFailureKind, ArxivRequestError } from './papers/arxiv/arxiv-request-error.js';
export { memoryCheckpoints } from './persistence/checkpoints/memory-checkpoints.js';
export {
  type SqliteCheckpointsOptions,
  sqliteCheckpoints,
} from './persistence/checkpoints/sqlite-checkpoints.js';
export { memoryPersistence } from './persistence/memory-persistence.js';
export {
  type SqlitePersistence,
  type SqlitePersistenceOptions,
  sqlitePersistence,
} from './persistence/sqlite-persistence.js';
export type { SearchOptions, SearchProvider, SearchResult } from './search/search-provider.js';
export {
  type ArxivHelperOptions,
  ArxivHelperStep,
  type ArxivSearcher,
} from './steps/arxiv-helper/arxiv-helper-step.js';
export {
  type CachedArxivSearcherOptions,
  cachedArxivSearcher,
} from './steps/arxiv-helper/cached-arxiv-searcher.js';
export type { PaperSelectionSettings } from './steps/arxiv-helper/decide-papers.js';
export { PaperSelectionStep } from './steps/arxiv-helper/paper-selection-step.js';
export { type DefaultSteps, type DefaultStepsOptions, defaultSteps } from './steps/default-steps.js';
export {
  type ClaimCheckResult,
  checkEmailClaims,
  type StatedClaim,
} from './steps/email-composer/claims/check-email-claims.js';
export type {
  ClaimCheckOptions,
  EmailComposerOptions,
  InvalidDraftPolicy,
} from './steps/email-composer/email-composer-options.js';
export { EmailComposerStep, MAX_PAPERS_IN_PROMPT } from './steps/email-composer/email-composer-step.js';
export {
  type EmailValidationInput,
  type EmailValidationResult,
  MAX_EMAIL_CHARACTERS,
  MIN_EMAIL_WORDS,
  validateEmail,
} from './steps/email-composer/validate-email.js';
// The built-in steps.
export {
  type TemplateParserOptions,
  TemplateParserStep,
} from './steps/template-parser/template-parser-step.js';
export { type SmartChunkOptions, smartChunk } from './steps/web-scraper/summary/chunk.js';
export type { ScrapeStrategyOption, WebScraperOptions } from './steps/web-scraper/web-scraper-options.js';
export { WebScraperStep } from './steps/web-scraper/web-scraper-step.js';
export { LIBRARY_NAME, VERSION } from './version.js';
export {
  BrowserLaunchError,
  type BrowserLaunchFailure,
  type ExecutableAttempt,
  type ExecutableSource,
} from './web/browser/browser-launch-error.js';
export {
  type AcquireContextOptions,
  type BrowserEgress,
  type BrowserPool,
  type BrowserPoolEvent,
  type BrowserPoolOptions,
  createBrowserPool,
  DEFAULT_LAUNCH_ARGS,
} from './web/browser/browser-pool.js';
export type { ExtractedPage, PageOutcome, PageSkipReason, ScrapeStrategy } from './web/page-outcome.js';
export { UrlBlockedError } from './web/ssrf/url-blocked-error.js';
