import { randomUUID } from 'node:crypto';
import {
  type DefaultSteps,
  defaultSteps,
  parsePipelineInput,
  runPipeline,
  sqliteCheckpoints,
} from '../../index.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { booleanFlag, type OptionSpecs, parseCommandLine, stringFlag } from '../options/command-line.js';
import { RUN_OPTIONS, readRunSettings, SAVE_OPTION } from '../options/run-options.js';
import { renderClaims } from '../output/claims-text.js';
import { type EmailSummary, summarizeRun, summarizeStored } from '../output/email-summary.js';
import { formatCost } from '../output/format.js';
import { renderCommandHelp } from '../output/help.js';
import { createProgressDisplay, type ProgressDisplay } from '../output/progress-display.js';
import { EXIT_CODES } from '../output/report-error.js';
import { readTemplate } from '../read-template.js';
import { resolvePaperSources } from '../resolve-paper-sources.js';
import { resolveSearch } from '../resolve-search.js';
import { createArxivClient, openPersistence, resolveRunModels, stepOptions } from '../run-setup.js';
import { UsageError } from '../usage-error.js';

const OPTIONS: OptionSpecs = {
  name: {
    type: 'string',
    value: '<name>',
    description: "The recipient's name, e.g. 'Dr. Ada Lovelace'. Required.",
  },
  interest: {
    type: 'string',
    value: '<text>',
    description: "The recipient's research interest, e.g. 'analytical engines'. Required.",
  },
  affiliation: {
    type: 'string',
    value: '<institution>',
    description:
      "The recipient's institution, e.g. 'Northbridge University': tells them apart from namesakes in the paper sources.",
  },
  orcid: {
    type: 'string',
    value: '<orcid>',
    description: "The recipient's ORCID iD (bare or as a URL): the surest way to find their own papers.",
  },
  template: {
    type: 'string',
    value: '<file|->',
    description: 'The email template: a file, or - for standard input. Required.',
  },
  'task-id': {
    type: 'string',
    value: '<id>',
    description:
      'The task id the email is saved under; an id already saved as a finished email prints it and runs nothing (a draft saved for review runs again). Default: a new one.',
  },
  ...RUN_OPTIONS,
  ...SAVE_OPTION,
};

/** `scribe generate`: one email, printed on stdout (or the whole result with `--json`). */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'Write one email: parse the template, research the recipient, compose, save.',
  usage: 'scribe generate --name <name> --interest <text> --template <file|-> [options]',
  description: [
    'Runs the whole pipeline (template parser, web research and arXiv side by side, composer) and prints the email on stdout; progress goes to stderr. The email is saved once, by task id, in a SQLite file.',
    'Configuration is checked before anything is requested: a missing model, key or search provider exits 2 naming the flag or variable to set.',
    'The claims the email makes about the recipient are printed under it (on stderr), each with the page or paper it rests on. An email whose last draft still fails its checks (an unfilled placeholder, an invented title or year, an unsupported claim) is never printed or saved as finished: the command exits 3 saying why; with --save-for-review the draft is saved and printed marked "needs review".',
  ],
  options: OPTIONS,
  inputFields: {
    taskId: '--task-id',
    userId: '--user-id',
    emailTemplate: '--template',
    recipientName: '--name',
    recipientInterest: '--interest',
    recipientAffiliation: '--affiliation',
    recipientOrcid: '--orcid',
  },
  run: runGenerate,
};

async function runGenerate(args: readonly string[], io: CliIo): Promise<number> {
  const line = parseCommandLine('generate', args, OPTIONS);
  if (line.values.help === true) {
    io.stdout.write(renderCommandHelp(generateCommand));
    return 0;
  }
  const settings = readRunSettings(line, io.env);
  const name = stringFlag(line, 'name');
  const interest = stringFlag(line, 'interest');
  if (name === undefined)
    throw new UsageError("--name is required: the recipient's name", { field: '--name' });
  if (interest === undefined) {
    throw new UsageError("--interest is required: the recipient's research interest", {
      field: '--interest',
    });
  }
  const emailTemplate = await readTemplate(stringFlag(line, 'template'), io);
  // Everything is checked, cheapest first, before the first request.
  const input = parsePipelineInput({
    taskId: stringFlag(line, 'task-id') ?? `cli-${randomUUID()}`,
    userId: settings.userId,
    emailTemplate,
    recipientName: name,
    recipientInterest: interest,
    ...optionalInput('recipientAffiliation', stringFlag(line, 'affiliation')),
    ...optionalInput('recipientOrcid', stringFlag(line, 'orcid')),
  });
  const search = resolveSearch(settings.search, io.env, { required: true });
  const models = await resolveRunModels(settings, io.env);
  const arxivClient = createArxivClient(settings);
  const paperSources = resolvePaperSources(settings.papers, io.env, arxivClient);
  const persistence = openPersistence(settings.dbPath);
  const checkpoints =
    settings.dbPath === undefined ? undefined : sqliteCheckpoints({ path: settings.dbPath });
  const display = createProgressDisplay({ stream: io.stderr });
  let steps: DefaultSteps | undefined;
  try {
    // Built first: it checks the step options, so a bad one is reported before anything is opened.
    const saveForReview = booleanFlag(line, 'save-for-review');
    steps = defaultSteps(
      stepOptions({
        models,
        search,
        settings,
        arxivClient,
        paperSources,
        onInvalidDraft: saveForReview ? 'save-for-review' : 'fail',
      }),
    );
    if (models.model.fake || models.summarizer.fake) {
      display.note('using the deterministic fake model: the email shows the pipeline working, not a writer');
    }
    // Opens the database before any paid call, so a bad --db costs nothing and a re-run is free.
    const stored = await persistence?.getEmailByTaskId(input.taskId);
    if (stored?.status === 'finished' && settings.dbPath !== undefined) {
      display.note(
        `task ${input.taskId} is already saved in ${settings.dbPath} (email ${stored.id}): nothing was run`,
      );
      display.stop();
      printSummary(io, summarizeStored(stored, settings.dbPath), settings.json);
      return EXIT_CODES.ok;
    }
    const result = await runPipeline({
      input,
      steps,
      ...(persistence === undefined ? {} : { persistence }),
      // The same --task-id run again after a failure resumes where it stopped.
      ...(checkpoints === undefined ? {} : { checkpoints }),
      onProgress: display.onProgress,
      signal: io.signal,
    });
    const summary = summarizeRun(result, settings.dbPath);
    printSummary(io, summary, settings.json);
    // Under the email, on stderr: what it claims and on what, then how the run ended.
    if (!settings.json) noteOutcome(display, summary);
    display.stop();
    return summary.status === 'finished' ? EXIT_CODES.ok : EXIT_CODES.needsReview;
  } finally {
    display.stop();
    await Promise.all([steps?.close(), persistence?.close?.(), checkpoints?.close?.()]);
  }
}

function noteOutcome(display: ProgressDisplay, summary: EmailSummary): void {
  for (const line of renderClaims(summary.claims).trimEnd().split('\n')) display.note(line);
  for (const warning of summary.warnings) display.note(`warning: ${warning.step}: ${warning.message}`);
  if (summary.status === 'needs_review') {
    display.note(`NEEDS REVIEW: the last draft still fails its checks: ${summary.problems.join('; ')}`);
  }
  if (summary.cost !== null)
    display.note(`cost: ${formatCost(summary.cost)}, at prices of ${summary.cost.pricesAsOf}`);
  if (summary.emailId !== null) {
    const what = summary.status === 'finished' ? 'saved' : 'saved for review';
    display.note(`${what} as ${summary.emailId} in ${summary.savedTo} (task ${summary.taskId})`);
  }
}

/** The email on stdout, alone; with `--json`, the whole summary (claims included). */
function printSummary(io: CliIo, summary: EmailSummary, json: boolean): void {
  io.stdout.write(json ? `${JSON.stringify(summary, null, 2)}\n` : `${summary.email.trimEnd()}\n`);
}

function optionalInput<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
