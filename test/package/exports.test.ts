import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The public API is a list, reviewed like code: a change here is a change to what hosts may rely on.
const ROOT_EXPORTS = [
  'ARXIV_API_URL',
  'ARXIV_MIN_INTERVAL_MS',
  'ArxivClient',
  'ArxivHelperStep',
  'PaperSelectionStep',
  'ArxivRequestError',
  'BasePipelineStep',
  'BudgetExceededError',
  'BrowserLaunchError',
  'ConfigurationError',
  'DEFAULT_CHECKPOINT_TTL_MS',
  'DEFAULT_PRICE_TABLE',
  'EMAIL_STATUSES',
  'ERROR_CODES',
  'ESTIMATED_OUTPUT_TOKENS',
  'EmailComposerStep',
  'InputValidationError',
  'InvalidDraftError',
  'LIBRARY_NAME',
  'MAX_CLAIM_SNIPPET_CHARS',
  'MAX_EMAIL_CHARACTERS',
  'MAX_PAPERS_IN_PROMPT',
  'MIN_EMAIL_WORDS',
  'ModelCallError',
  'ModelConfigurationError',
  'PersistenceError',
  'PipelineAbortedError',
  'PipelineData',
  'PipelineExecutionError',
  'ScribeError',
  'StepExecutionError',
  'StepResult',
  'StepValidationError',
  'TEMPLATE_TYPES',
  'TemplateParserStep',
  'UrlBlockedError',
  'VERSION',
  'WebScraperStep',
  'cachedArxivSearcher',
  'checkEmailClaims',
  'createBrowserPool',
  'DEFAULT_LAUNCH_ARGS',
  'defaultSteps',
  'defineStep',
  'findErrorInChain',
  'isTransientError',
  'memoryCheckpoints',
  'memoryPersistence',
  'memoryResearchCache',
  'parallel',
  'parsePipelineInput',
  'pipelineInputSchema',
  'priceFor',
  'researchCacheKey',
  'runCost',
  'runPipeline',
  'smartChunk',
  'sqliteCheckpoints',
  'sqlitePersistence',
  'validateEmail',
];

const TESTING_EXPORTS = [
  'checkpointConformanceCases',
  'createFakeModel',
  'createMockModel',
  'mockAnswer',
  'persistenceConformanceCases',
  'runCheckpointConformance',
  'runPersistenceConformance',
  'sampleEmailRecord',
  'startFixtureWorld',
];

const SEARCH_EXPORTS = [
  'SearchProviderError',
  'braveSearch',
  'cachedSearch',
  'exaSearch',
  'searxngSearch',
  'serperSearch',
  'staticUrls',
  'tavilySearch',
];

const PAPERS_EXPORTS = [
  'parseArxivFeed',
  'rankPapers',
  'CROSSREF_API_URL',
  'OPENALEX_API_URL',
  'PaperSourceError',
  'SEMANTIC_SCHOLAR_API_URL',
  'arxivSource',
  'cachedPaperSource',
  'chooseAuthor',
  'citationId',
  'crossrefSource',
  'findOrcids',
  'identityKeys',
  'mergePapers',
  'normalizeDoi',
  'openAlexSource',
  'rankPaperList',
  'rebuildAbstract',
  'selectPapers',
  'semanticScholarSource',
];

const LLM_EXPORTS = [
  'InvalidModelAnswerError',
  'askUntilValid',
  'resolveLlmStepSettings',
  'rulesBrokenError',
  'withModelSession',
];

const TELEMETRY_EXPORTS = ['ATTRIBUTES', 'EVENT_NAMES', 'SPAN_NAMES'];

const POSTGRES_EXPORTS = [
  'isRetryablePostgresError',
  'postgresCheckpoints',
  'postgresPersistence',
  'postgresSchemaSql',
];

const BULLMQ_EXPORTS = [
  'DEFAULT_EMAIL_JOB_OPTIONS',
  'EmailWorker',
  'SCRIBE_JOB_NAME',
  'createEmailWorker',
  'createScribeProcessor',
  'enqueueEmail',
  'jobIdForTask',
  'progressToJob',
  'redisCheckpoints',
  'toJobError',
];

// Loading any of these with the root entry would make every host pay for what few use.
const HEAVY = [
  'playwright-core',
  'pg',
  'bullmq',
  'ioredis',
  'node:sqlite',
  'linkedom',
  '@mozilla/readability',
  'undici',
];

const run = promisify(execFile);

async function modulesLoadedBy(entry: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [
    '--import',
    'tsx',
    'test/package/loaded-modules.mjs',
    entry,
  ]);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as string[];
}

describe('public entry points', () => {
  it('the root entry exports exactly the curated list', async () => {
    expect(Object.keys(await import('../../src/index.js')).sort()).toEqual([...ROOT_EXPORTS].sort());
  });

  it('scribe-pipeline/testing exports exactly its list', async () => {
    expect(Object.keys(await import('../../src/testing/index.js')).sort()).toEqual(
      [...TESTING_EXPORTS].sort(),
    );
  });

  it('scribe-pipeline/search exports exactly its list', async () => {
    expect(Object.keys(await import('../../src/search/index.js')).sort()).toEqual([...SEARCH_EXPORTS].sort());
  });

  it('scribe-pipeline/llm exports exactly its list', async () => {
    expect(Object.keys(await import('../../src/llm/index.js')).sort()).toEqual([...LLM_EXPORTS].sort());
  });

  it('scribe-pipeline/telemetry exports exactly its list', async () => {
    expect(Object.keys(await import('../../src/core/telemetry/index.js')).sort()).toEqual(
      [...TELEMETRY_EXPORTS].sort(),
    );
  });

  it('scribe-pipeline/web exports exactly its list', async () => {
    expect(Object.keys(await import('../../src/web/index.js')).sort()).toEqual([
      'UrlBlockedError',
      'createPageReader',
    ]);
  });

  it('scribe-pipeline/papers exports exactly its list', async () => {
    expect(Object.keys(await import('../../src/papers/index.js')).sort()).toEqual([...PAPERS_EXPORTS].sort());
  });

  it('scribe-pipeline/postgres and scribe-pipeline/bullmq export exactly their lists', async () => {
    expect(Object.keys(await import('../../src/persistence/postgres/index.js')).sort()).toEqual(
      [...POSTGRES_EXPORTS].sort(),
    );
    expect(Object.keys(await import('../../src/queue/index.js')).sort()).toEqual([...BULLMQ_EXPORTS].sort());
  });

  it('scribe-pipeline/postgres loads pg only when it makes its own pool', async () => {
    expect(await modulesLoadedBy('src/persistence/postgres/index.ts')).not.toContain('pg');
  });

  it('importing the root entry loads nothing heavy', async () => {
    const loaded = await modulesLoadedBy('src/index.ts');
    expect(loaded).toContain('zod'); // the probe sees packages at all
    expect(loaded.filter((name) => HEAVY.includes(name))).toEqual([]);
  });
});
