import { randomUUID } from 'node:crypto';
import { ArxivClient, type DefaultSteps, defaultSteps, runPipeline, sqlitePersistence } from '../../index.js';
import { arxivSource, crossrefSource, openAlexSource, semanticScholarSource } from '../../papers/index.js';
import { searxngSearch } from '../../search/index.js';
import type { FixtureWorld } from '../../testing/index.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { DEMO_USER_ID, resetDemoDatabase } from '../demo/demo-database.js';
import { type OptionSpecs, parseCommandLine, stringFlag } from '../options/command-line.js';
import { RUN_OPTIONS } from '../options/run-options.js';
import { renderCommandHelp } from '../output/help.js';
import { createProgressDisplay } from '../output/progress-display.js';
import { renderRunReport } from '../output/run-report.js';
import { type ResolvedModel, resolveModel } from '../resolve-model.js';
import { checkDbPath } from '../run-setup.js';
import { UsageError } from '../usage-error.js';

/** Where the demo saves its one email unless `--db` says otherwise. */
export const DEFAULT_DEMO_DB_PATH = './scribe-demo.db';

/** What the demo says first when it uses the fake model (always, unless `--model` names another). */
export const FAKE_MODEL_NOTICE =
  'Offline: the deterministic fake model from scribe-pipeline/testing writes; the email shows the pipeline working, not a writer. Pass --model openai:<model-id> for a real model.';

const OPTIONS: OptionSpecs = {
  model: {
    ...(RUN_OPTIONS.model as NonNullable<(typeof RUN_OPTIONS)['model']>),
    description:
      'The model: openai:<model-id>, or fake. Default: fake, whatever the environment holds (OPENAI_API_KEY and OPENAI_BASE_URL are read only for an openai: model).',
  },
  recipient: {
    type: 'string',
    value: '<ada|chemist>',
    description:
      'Who the demo writes to: ada (Dr. Ada Lovelace, a computer scientist with arXiv papers and a namesake at another university) or chemist (Prof. Imani Okafor, whose papers only OpenAlex, Semantic Scholar and Crossref know). Default ada.',
  },
  db: {
    type: 'string',
    value: '<path>',
    description: `The SQLite file the demo saves its email in, emptied first on every run. Default ${DEFAULT_DEMO_DB_PATH}.`,
  },
  verbose: RUN_OPTIONS.verbose as NonNullable<(typeof RUN_OPTIONS)['verbose']>,
  help: RUN_OPTIONS.help as NonNullable<(typeof RUN_OPTIONS)['help']>,
};

/** `scribe demo`: the whole pipeline, for real, against a local fixture world. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the whole pipeline for real against a local fixture site, search engine and arXiv.',
  usage: 'scribe demo [options]',
  description: [
    'Starts a small world on this machine (a university site with a page that needs JavaScript, a SearXNG-style search, and arXiv-, OpenAlex-, Semantic Scholar- and Crossref-style APIs) and runs the default pipeline against it for real: Chromium, page extraction, Atom parsing, scraping and the paper lookup side by side, choosing the right author among namesakes, validation and one save in a SQLite file.',
    'It runs offline with the deterministic fake model of scribe-pipeline/testing, and says so, whatever the environment holds; a real model is an explicit choice: --model openai:<model-id> (which then reads OPENAI_API_KEY / OPENAI_BASE_URL). Nothing leaves the machine except those model calls.',
  ],
  options: OPTIONS,
  inputFields: {},
  run: runDemo,
};

async function runDemo(args: readonly string[], io: CliIo): Promise<number> {
  const line = parseCommandLine('demo', args, OPTIONS);
  if (line.values.help === true) {
    io.stdout.write(renderCommandHelp(demoCommand));
    return 0;
  }
  const recipient = stringFlag(line, 'recipient') ?? 'ada';
  if (recipient !== 'ada' && recipient !== 'chemist') {
    throw new UsageError(`--recipient ${recipient}: choose ada or chemist`, { field: '--recipient' });
  }
  const model = await chooseDemoModel(stringFlag(line, 'model'), io);
  const dbPath = stringFlag(line, 'db') ?? DEFAULT_DEMO_DB_PATH;
  checkDbPath(dbPath);
  await resetDemoDatabase(dbPath);
  const display = createProgressDisplay({ stream: io.stderr });
  let world: FixtureWorld | undefined;
  let steps: DefaultSteps | undefined;
  const persistence = sqlitePersistence({ path: dbPath });
  try {
    // Loaded here: the testing entry is only for the demo, not for every command.
    const { startFixtureWorld } = await import('../../testing/index.js');
    world = await startFixtureWorld();
    display.note(`fixture world on ${world.origin}; model ${model.label}`);
    steps = defaultSteps({
      model: model.model,
      search: searxngSearch({ baseUrl: world.searchUrl }),
      // The world lives on loopback, which the SSRF guard refuses unless told otherwise.
      scraper: { allow: [world.origin] },
      // Every paper source the world imitates; local servers, so no need to wait between requests.
      paperSources: [
        arxivSource({ client: new ArxivClient({ baseUrl: world.arxivUrl, minRequestIntervalMs: 0 }) }),
        openAlexSource({ apiKey: 'demo', baseUrl: world.openAlexUrl, minRequestIntervalMs: 0 }),
        semanticScholarSource({ baseUrl: world.semanticScholarUrl, minRequestIntervalMs: 0 }),
        crossrefSource({ baseUrl: world.crossrefUrl, minRequestIntervalMs: 0 }),
      ],
    });
    const who = recipient === 'chemist' ? world.chemist : world.recipient;
    const result = await runPipeline({
      input: {
        taskId: `demo-${randomUUID()}`,
        userId: DEMO_USER_ID,
        emailTemplate: world.template,
        recipientName: who.name,
        recipientInterest: who.interest,
      },
      steps,
      persistence,
      onProgress: display.onProgress,
      signal: io.signal,
    });
    display.stop();
    io.stdout.write(`\n${renderRunReport(result, { savedTo: dbPath })}`);
    return 0;
  } finally {
    display.stop();
    await Promise.all([steps?.close(), persistence.close?.()]);
    await world?.close();
  }
}

/**
 * `--model` when given; otherwise the fake model, said plainly first. The environment never picks
 * a model here: a stray `OPENAI_API_KEY` or `OPENAI_BASE_URL` in the shell must not turn the
 * offline demo into one that needs a model flag or a network.
 */
async function chooseDemoModel(flag: string | undefined, { env, stdout }: CliIo): Promise<ResolvedModel> {
  const resolved = await resolveModel({ flag: '--model', value: flag ?? 'fake', env });
  if (resolved.fake) stdout.write(`${FAKE_MODEL_NOTICE}\n`);
  return resolved;
}
