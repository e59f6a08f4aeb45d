import type { ArxivClientOptions, ScrapeStrategyOption, WebScraperOptions } from '../../index.js';
import type { SearchFlags } from '../resolve-search.js';
import { booleanFlag, type CommandLine, type OptionSpecs, stringFlag, stringFlags } from './command-line.js';
import { parseDurationFlag } from './numbers.js';

/** Where emails are saved unless `--db` says otherwise. */
export const DEFAULT_DB_PATH = './scribe.db';
/** The user id saved with every email unless `--user-id` says otherwise. */
export const DEFAULT_USER_ID = 'cli';

/** Flags every command that runs the pipeline (`generate`, `batch`) takes. */
export const RUN_OPTIONS: OptionSpecs = {
  model: {
    type: 'string',
    value: '<provider:model-id>',
    description:
      'The model of every step: openai:<model-id> (OPENAI_API_KEY; OPENAI_BASE_URL for any OpenAI-compatible server), or fake (offline trials and tests: it writes no real email). Default: SCRIBE_MODEL.',
  },
  'summarizer-model': {
    type: 'string',
    value: '<provider:model-id>',
    description: "The web research summariser's model (a cheap one does well). Default: --model.",
  },
  search: {
    type: 'string',
    value: '<brave|searxng|tavily|exa|serper|urls>',
    description:
      'Where the web research searches. Default: urls with --url, else the first provider configured in the environment.',
  },
  'search-key': {
    type: 'string',
    value: '<key>',
    description:
      'The search API key. Default: BRAVE_API_KEY, TAVILY_API_KEY, EXA_API_KEY or SERPER_API_KEY (for searxng: a Bearer token, if the instance wants one).',
  },
  'search-url': {
    type: 'string',
    value: '<url>',
    description:
      "The search API's root: the SearXNG instance (default SEARXNG_URL), or a proxy for the others.",
  },
  url: {
    type: 'string',
    multiple: true,
    value: '<url>',
    description: 'A page to read instead of searching (repeatable); means --search urls.',
  },
  db: {
    type: 'string',
    value: '<path>',
    description: `The SQLite file the email is saved to, once, keyed by task id. Default ${DEFAULT_DB_PATH}.`,
  },
  'page-timeout': {
    type: 'string',
    value: '<ms>',
    description: 'Time limit per page, 1000 to 60000 ms (or 12s). Default 10000.',
  },
  deadline: {
    type: 'string',
    value: '<ms>',
    description: 'Time limit for searching and reading all pages, 5000 to 300000 ms (or 45s). Default 45000.',
  },
  strategy: {
    type: 'string',
    value: '<auto|http|browser>',
    description:
      'How pages are read: auto (plain HTTP, Chromium for JavaScript pages), http, browser. Default auto.',
  },
  allow: {
    type: 'string',
    multiple: true,
    value: '<origin>',
    description:
      'A private origin or address the SSRF guard may read anyway, e.g. http://127.0.0.1:8080 (repeatable).',
  },
  'arxiv-url': {
    type: 'string',
    value: '<url>',
    description: 'An arXiv-compatible API endpoint (a mirror, a local test server). Default arXiv.',
  },
  papers: {
    type: 'string',
    value: '<sources>',
    description:
      'Where to look for papers, comma-separated: arxiv, openalex (OPENALEX_API_KEY), semantic_scholar (SEMANTIC_SCHOLAR_API_KEY optional), crossref (CROSSREF_MAILTO optional). Default: arxiv, plus each of the others whose variable is set.',
  },
  'model-timeout': {
    type: 'string',
    value: '<ms>',
    description: 'Time limit per model call, 100 to 600000 ms (or 90s). Default 60000, the composer 90000.',
  },
  'arxiv-interval': {
    type: 'string',
    value: '<ms>',
    description: "Time between arXiv requests. Default 3000, arXiv's terms; lower only for other servers.",
  },
  'user-id': {
    type: 'string',
    value: '<id>',
    description: `Saved with the email. Default ${DEFAULT_USER_ID}.`,
  },
  json: { type: 'boolean', description: 'Print the whole result as JSON.' },
  verbose: { type: 'boolean', description: 'On failure, print the chain of causes too (never keys).' },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
};

/** `--no-save` and `--save-for-review`: `generate` only (a batch always keeps drafts for review). */
export const SAVE_OPTION: OptionSpecs = {
  save: { type: 'boolean', negatable: true, description: 'Save nothing: print the email only.' },
  'save-for-review': {
    type: 'boolean',
    description:
      'When the last draft still fails its checks, save it marked "needs review" (and print it) instead of saving nothing. Exits 3 either way.',
  },
};

/** What the shared run flags say, read but not yet turned into models and providers. */
export interface RunSettings {
  /** `--model`, else `SCRIBE_MODEL`. */
  model: string | undefined;
  /** `--summarizer-model`, else the model. */
  summarizerModel: string | undefined;
  search: SearchFlags;
  /** The SQLite path, or undefined with `--no-save`. */
  dbPath: string | undefined;
  userId: string;
  scraper: Pick<WebScraperOptions, 'pageTimeoutMs' | 'deadlineMs' | 'strategy' | 'allow'>;
  arxiv: Pick<ArxivClientOptions, 'baseUrl' | 'minRequestIntervalMs'>;
  /** `--papers`: the paper sources by name, or undefined for the default. */
  papers: string[] | undefined;
  /** `--model-timeout`: one model call's time limit for every LLM step. */
  modelTimeoutMs: number | undefined;
  json: boolean;
  verbose: boolean;
}

/** Reads the shared run flags; values are checked where they are used (the library names the range). */
export function readRunSettings(
  line: CommandLine,
  env: Readonly<Record<string, string | undefined>>,
): RunSettings {
  const duration = (flag: string) => {
    const value = stringFlag(line, flag);
    return value === undefined ? undefined : parseDurationFlag(`--${flag}`, value);
  };
  const pageTimeoutMs = duration('page-timeout');
  const deadlineMs = duration('deadline');
  const minRequestIntervalMs = duration('arxiv-interval');
  const strategy = stringFlag(line, 'strategy');
  const allow = stringFlags(line, 'allow');
  const arxivUrl = stringFlag(line, 'arxiv-url');
  const searchKey = stringFlag(line, 'search-key');
  const searchUrl = stringFlag(line, 'search-url');
  const search = stringFlag(line, 'search');
  const model = stringFlag(line, 'model') ?? nonEmpty(env.SCRIBE_MODEL);
  return {
    model,
    summarizerModel: stringFlag(line, 'summarizer-model') ?? model,
    search: {
      ...(search === undefined ? {} : { search }),
      ...(searchKey === undefined ? {} : { searchKey }),
      ...(searchUrl === undefined ? {} : { searchUrl }),
      urls: stringFlags(line, 'url'),
    },
    dbPath: booleanFlag(line, 'save', true) ? (stringFlag(line, 'db') ?? DEFAULT_DB_PATH) : undefined,
    userId: stringFlag(line, 'user-id') ?? DEFAULT_USER_ID,
    scraper: {
      ...(pageTimeoutMs === undefined ? {} : { pageTimeoutMs }),
      ...(deadlineMs === undefined ? {} : { deadlineMs }),
      ...(strategy === undefined ? {} : { strategy: strategy as ScrapeStrategyOption }),
      ...(allow.length === 0 ? {} : { allow }),
    },
    arxiv: {
      ...(arxivUrl === undefined ? {} : { baseUrl: arxivUrl }),
      ...(minRequestIntervalMs === undefined ? {} : { minRequestIntervalMs }),
    },
    papers: stringFlag(line, 'papers')
      ?.split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    modelTimeoutMs: duration('model-timeout'),
    json: booleanFlag(line, 'json'),
    verbose: booleanFlag(line, 'verbose'),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
