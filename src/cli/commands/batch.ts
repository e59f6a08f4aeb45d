import { readFile } from 'node:fs/promises';
import { mapBounded } from '../../core/map-bounded.js';
import {
  ArxivClient,
  type CheckpointStore,
  createBrowserPool,
  type DefaultSteps,
  defaultSteps,
  type PersistenceAdapter,
  PipelineAbortedError,
  runPipeline,
  type SearchProvider,
  sqliteCheckpoints,
  sqlitePersistence,
} from '../../index.js';
import { BATCH_INPUT_FIELDS, type BatchTask, type InvalidRow, prepareTasks } from '../batch/prepare-tasks.js';
import { readRecipients } from '../batch/recipients.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { booleanFlag, type OptionSpecs, parseCommandLine, stringFlag } from '../options/command-line.js';
import { parseIntegerFlag } from '../options/numbers.js';
import { DEFAULT_DB_PATH, RUN_OPTIONS, type RunSettings, readRunSettings } from '../options/run-options.js';
import { countOf, formatDuration } from '../output/format.js';
import { renderCommandHelp } from '../output/help.js';
import { createProgressDisplay, type ProgressDisplay } from '../output/progress-display.js';
import { describeFailure, EXIT_CODES } from '../output/report-error.js';
import { renderSummaryTable, type TaskOutcome } from '../output/summary-table.js';
import { readTemplate } from '../read-template.js';
import { resolvePaperSources } from '../resolve-paper-sources.js';
import { resolveSearch } from '../resolve-search.js';
import { checkDbPath, createArxivClient, resolveRunModels, stepOptions } from '../run-setup.js';
import { UsageError } from '../usage-error.js';

const OPTIONS: OptionSpecs = {
  template: {
    type: 'string',
    value: '<file|->',
    description: 'The email template every recipient gets: a file, or - for standard input. Required.',
  },
  concurrency: { type: 'string', value: '<n>', description: 'Recipients run at once, 1 to 16. Default 2.' },
  'skip-invalid': {
    type: 'boolean',
    description:
      'Run the good rows and list the rows with problems as invalid (exit 1), instead of running none (exit 2).',
  },
  ...RUN_OPTIONS,
};

/** `scribe batch`: one email per row of a recipients CSV, resumable. */
export const batchCommand: Command = {
  name: 'batch',
  summary: 'Write one email per row of a recipients CSV; a re-run skips what is saved.',
  usage: 'scribe batch <recipients.csv> --template <file> [options]',
  description: [
    'The CSV has a header row with the columns name and interest, and optionally task_id, urls (pages to read for that row instead of searching, separated by spaces or |), affiliation and orcid (to tell the recipient apart from namesakes in the paper sources). Other columns are ignored.',
    'Every row is checked before any runs. Rows run a few at a time, sharing one Chromium and the arXiv rate limit; each email is saved once in the SQLite file, keyed by the task_id column or, without one, by a hash of template, name and interest, so running the same file again skips the rows already saved.',
    'A row whose last draft still fails its checks (an unfilled placeholder, an invented title or year, an unsupported claim) is saved marked "needs review", never as done, and a re-run tries it again: only finished emails are skipped.',
    "Prints a summary table on stdout (--json: the same as JSON) with what the run's model calls cost; exits 1 if any row failed, else 3 if any needs review.",
  ],
  options: OPTIONS,
  inputFields: BATCH_INPUT_FIELDS,
  run: runBatch,
};

async function runBatch(args: readonly string[], io: CliIo): Promise<number> {
  const line = parseCommandLine('batch', args, OPTIONS, { maxPositionals: 1 });
  if (line.values.help === true) {
    io.stdout.write(renderCommandHelp(batchCommand));
    return 0;
  }
  const file = line.positionals[0];
  if (file === undefined) {
    throw new UsageError('the recipients file is required: scribe batch <recipients.csv> --template <file>', {
      field: '<recipients.csv>',
    });
  }
  const settings = readRunSettings(line, io.env);
  const concurrency = parseIntegerFlag('--concurrency', stringFlag(line, 'concurrency') ?? '2', {
    min: 1,
    max: 16,
  });
  const template = await readTemplate(stringFlag(line, 'template'), io);
  const { tasks, invalid } = prepareTasks(readRecipients(await readCsv(file), file), {
    template,
    userId: settings.userId,
    file,
    skipInvalid: booleanFlag(line, 'skip-invalid'),
  });
  const sharedSearch = resolveSearch(settings.search, io.env, {
    required: tasks.some((task) => task.search === undefined),
  });
  const models = await resolveRunModels(settings, io.env);
  // One client for every row; the process-wide limiter keeps arXiv's pace across them all anyway.
  const arxivClient = createArxivClient(settings) ?? new ArxivClient();
  const paperSources = resolvePaperSources(settings.papers, io.env, arxivClient);
  const dbPath = settings.dbPath ?? DEFAULT_DB_PATH;
  checkDbPath(dbPath);
  const persistence = sqlitePersistence({ path: dbPath });
  // In the same file: a re-run after a failure or Ctrl-C resumes each row where it stopped.
  const checkpoints = sqliteCheckpoints({ path: dbPath });
  const browserPool = createBrowserPool({ maxOpenContexts: concurrency });
  const built: DefaultSteps[] = [];
  const labels = new Map(tasks.map((task, index) => [task.input.taskId, `[${index + 1}/${tasks.length}]`]));
  const display = createProgressDisplay({ stream: io.stderr, labelFor: (taskId) => labels.get(taskId) });
  try {
    const build = (search: SearchProvider) => {
      // A batch keeps a failing draft for review: the row says so, and a re-run tries it again.
      const steps = defaultSteps(
        stepOptions({
          models,
          search,
          settings,
          arxivClient,
          paperSources,
          browserPool,
          onInvalidDraft: 'save-for-review',
        }),
      );
      built.push(steps);
      return steps;
    };
    // Built before any row runs, so a bad option fails the batch before it costs anything.
    const shared = sharedSearch === undefined ? undefined : build(sharedSearch);
    const stepsFor = tasks.map((task) => (task.search === undefined ? shared : build(task.search)));
    if (models.model.fake || models.summarizer.fake) {
      display.note('using the deterministic fake model: the emails show the pipeline working, not a writer');
    }
    const context = { io, display, persistence, checkpoints, settings, labels };
    const outcomes = await mapBounded(tasks, concurrency, (task, index) =>
      runTask(task, stepsFor[index] as DefaultSteps, context),
    );
    display.stop();
    const all = [...outcomes, ...invalid.map(invalidOutcome)].sort((a, b) => a.line - b.line);
    io.stdout.write(settings.json ? `${JSON.stringify(all, null, 2)}\n` : renderSummaryTable(all));
    if (io.signal.aborted) return EXIT_CODES.interrupted;
    if (all.some((outcome) => outcome.status === 'failed' || outcome.status === 'invalid'))
      return EXIT_CODES.failed;
    return outcomes.some((outcome) => outcome.status === 'needs review')
      ? EXIT_CODES.needsReview
      : EXIT_CODES.ok;
  } finally {
    display.stop();
    await Promise.all([...built.map((steps) => steps.close()), persistence.close?.(), checkpoints.close?.()]);
    // After the steps: they borrowed the pool and never close it themselves.
    await browserPool.close();
  }
}

interface TaskContext {
  io: CliIo;
  display: ProgressDisplay;
  persistence: PersistenceAdapter;
  checkpoints: CheckpointStore;
  settings: RunSettings;
  labels: ReadonlyMap<string, string>;
}

/** Runs one row; never rejects: how it ended is the outcome. */
async function runTask(task: BatchTask, steps: DefaultSteps, context: TaskContext): Promise<TaskOutcome> {
  const { io, display, persistence, checkpoints, settings, labels } = context;
  const { taskId, recipientName } = task.input;
  const who = `${labels.get(taskId) ?? ''} ${recipientName}`.trim();
  const startedAt = performance.now();
  const seconds = () => Math.round((performance.now() - startedAt) / 100) / 10;
  const base = { taskId, line: task.row.line, recipient: recipientName };
  if (io.signal.aborted) return { ...base, status: 'not run', seconds: 0, warnings: 0 };
  try {
    const stored = await persistence.getEmailByTaskId(taskId);
    // Only a finished email is skipped: a draft saved for review gets another run.
    if (stored?.status === 'finished') {
      display.note(`${who}: skipped, already saved as ${stored.id}`);
      return {
        ...base,
        status: 'skipped',
        seconds: seconds(),
        warnings: stored.metadata.warnings.length,
        emailId: stored.id,
        ...(stored.metadata.cost?.unpricedModels.length === 0 ? { costUsd: stored.metadata.cost.total } : {}),
      };
    }
    display.note(`${who}: started (task ${taskId})`);
    const result = await runPipeline({
      input: task.input,
      steps,
      persistence,
      checkpoints,
      onProgress: display.onProgress,
      signal: io.signal,
    });
    const warnings = result.warnings.length;
    const finished = result.status === 'finished';
    display.note(
      `${who}: ${finished ? 'done' : 'NEEDS REVIEW'} in ${formatDuration(performance.now() - startedAt)}${warnings === 0 ? '' : ` (${countOf(warnings, 'warning')})`}, saved${finished ? '' : ' for review'} as ${result.emailId}`,
    );
    return {
      ...base,
      status: finished ? 'done' : 'needs review',
      seconds: seconds(),
      warnings,
      // A total that leaves out unpriced models would read as the whole bill: none then.
      ...(result.cost.unpricedModels.length === 0 ? { costUsd: result.cost.total } : {}),
      ...(result.emailId ? { emailId: result.emailId } : {}),
    };
  } catch (error) {
    const [first = '', ...causes] = describeFailure(error, {
      verbose: settings.verbose,
      secrets: io.secrets,
      inputFields: BATCH_INPUT_FIELDS,
    });
    const warnings = (error as { warnings?: unknown[] }).warnings?.length ?? 0;
    // Stopped by Ctrl-C is not a failure of the row: a re-run finishes it.
    if (PipelineAbortedError.isInstance(error)) {
      display.note(`${who}: interrupted`);
      return { ...base, status: 'interrupted', seconds: seconds(), warnings };
    }
    const message = first.replace(/^scribe: /, '');
    display.note(`${who}: failed: ${message}`);
    for (const cause of causes) display.note(cause);
    return { ...base, status: 'failed', seconds: seconds(), warnings, error: message };
  }
}

function invalidOutcome({ row, problems }: InvalidRow): TaskOutcome {
  return {
    taskId: '',
    line: row.line,
    recipient: row.name,
    status: 'invalid',
    seconds: 0,
    warnings: 0,
    error: problems.join('; '),
  };
}

async function readCsv(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as { code?: string }).code ?? String(error);
    throw new UsageError(`cannot read ${file} (${reason})`, { field: '<recipients.csv>', cause: error });
  }
}
