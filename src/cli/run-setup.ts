import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  ArxivClient,
  type BrowserPool,
  type DefaultStepsOptions,
  type InvalidDraftPolicy,
  type PersistenceAdapter,
  type SearchProvider,
  sqlitePersistence,
} from '../index.js';
import type { PaperSource } from '../papers/index.js';
import type { RunSettings } from './options/run-options.js';
import { type ResolvedModel, resolveModel } from './resolve-model.js';
import { UsageError } from './usage-error.js';

/** The models a run uses: one for every step, and the summariser's (the same unless named apart). */
export interface RunModels {
  model: ResolvedModel;
  summarizer: ResolvedModel;
}

/** Resolves `--model` and `--summarizer-model`, or fails (exit 2) naming what to set. */
export async function resolveRunModels(
  settings: Pick<RunSettings, 'model' | 'summarizerModel'>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<RunModels> {
  const model = await resolveModel({ flag: '--model', value: settings.model, env });
  const summarizer =
    settings.summarizerModel === settings.model
      ? model
      : await resolveModel({ flag: '--summarizer-model', value: settings.summarizerModel, env });
  return { model, summarizer };
}

/** The arXiv client the flags ask for; undefined keeps the step's default (arXiv itself). */
export function createArxivClient(settings: Pick<RunSettings, 'arxiv'>): ArxivClient | undefined {
  return Object.keys(settings.arxiv).length === 0 ? undefined : new ArxivClient(settings.arxiv);
}

/**
 * Refuses a `--db` whose directory does not exist, before any model call: SQLite creates the file
 * but not its directory, and would otherwise fail only at the final save (exit 1, work lost).
 */
export function checkDbPath(dbPath: string): void {
  const directory = dirname(resolve(dbPath));
  if (!statSync(directory, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--db ${dbPath}: the directory ${directory} does not exist`, { field: '--db' });
  }
}

/** The SQLite adapter for `--db`, or undefined with `--no-save`. */
export function openPersistence(dbPath: string | undefined): PersistenceAdapter | undefined {
  if (dbPath === undefined) return undefined;
  checkDbPath(dbPath);
  return sqlitePersistence({ path: dbPath });
}

/** `defaultSteps` options from what the flags resolved to. */
export function stepOptions({
  models,
  search,
  settings,
  arxivClient,
  paperSources,
  browserPool,
  onInvalidDraft = 'fail',
}: {
  models: RunModels;
  search: SearchProvider;
  settings: Pick<RunSettings, 'scraper' | 'modelTimeoutMs'>;
  arxivClient: ArxivClient | undefined;
  /** From `resolvePaperSources`; undefined for arXiv alone. */
  paperSources?: PaperSource[] | undefined;
  browserPool?: BrowserPool;
  /** What the composer does with a draft that still fails its checks. Default `fail`. */
  onInvalidDraft?: InvalidDraftPolicy;
}): DefaultStepsOptions {
  return {
    model: models.model.model,
    models: { summarizer: models.summarizer.model },
    search,
    scraper: { ...settings.scraper, ...(browserPool === undefined ? {} : { browserPool }) },
    ...(paperSources === undefined
      ? { arxiv: arxivClient === undefined ? {} : { client: arxivClient } }
      : { paperSources }),
    composer: { onInvalidDraft },
    ...(settings.modelTimeoutMs === undefined ? {} : { modelTimeoutMs: settings.modelTimeoutMs }),
  };
}
