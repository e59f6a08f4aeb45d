import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArxivClient, defaultSteps, runPipeline, sqlitePersistence, validateEmail } from '../../src/index.js';
import { searxngSearch } from '../../src/search/index.js';
import { createFakeModel, type FixtureWorld, startFixtureWorld } from '../../src/testing/index.js';
import { waitForNoChromiumProcesses } from '../helpers/chromium-processes.js';

let world: FixtureWorld;
let directory: string;

beforeAll(async () => {
  world = await startFixtureWorld();
  directory = mkdtempSync(join(tmpdir(), 'scribe-world-'));
});

afterAll(async () => {
  await world.close();
  rmSync(directory, { recursive: true, force: true });
  expect(await waitForNoChromiumProcesses()).toEqual([]);
});

/** One whole run of defaultSteps against the world, saved to a fresh SQLite file. */
async function runInWorld(taskId: string) {
  const model = createFakeModel();
  const path = join(directory, `${taskId}.db`);
  const steps = defaultSteps({
    model,
    search: searxngSearch({ baseUrl: world.searchUrl }),
    scraper: { allow: [world.origin] },
    arxiv: { client: new ArxivClient({ baseUrl: world.arxivUrl, minRequestIntervalMs: 0 }) },
  });
  const persistence = sqlitePersistence({ path });
  try {
    const result = await runPipeline({
      input: {
        taskId,
        userId: 'user-1',
        emailTemplate: world.template,
        recipientName: world.recipient.name,
        recipientInterest: world.recipient.interest,
      },
      steps,
      persistence,
    });
    return { ...result, model, path, persistence };
  } finally {
    await steps.close();
    await persistence.close?.();
  }
}

function savedRows(path: string): number {
  const db = new DatabaseSync(path);
  try {
    return (db.prepare('SELECT COUNT(*) AS count FROM scribe_emails').get() as { count: number }).count;
  } finally {
    db.close();
  }
}

const HER_RECENT_TITLES = [
  'Beyond Number: Engines that Compose Music',
  'Compiling Algebraic Specifications to Operation Cards',
  'Symbolic Differentiation on General-Purpose Engines',
  'Verifying Operation Cards: Loop Bounds for Analytical Engine Programs',
];

describe('defaultSteps with createFakeModel in the fixture world', () => {
  it('runs the whole pipeline: HTTP, Chromium for the lab, marked research, her papers, one saved email', async () => {
    const before = world.requests.length;
    const { data, emailId, warnings, path, model } = await runInWorld('world-e2e');
    expect(await waitForNoChromiumProcesses()).toEqual([]);

    const pages = data.scrapingMetadata?.pages ?? [];
    expect(pages).toEqual([
      expect.objectContaining({ url: world.pages.faculty, ok: true, strategy: 'http', pageNumber: 1 }),
      expect.objectContaining({ url: world.pages.lab, ok: true, strategy: 'browser', pageNumber: 2 }),
      expect.objectContaining({ url: world.pages.news, ok: true, strategy: 'http', pageNumber: 3 }),
    ]);
    expect(data.scrapingMetadata).toMatchObject({
      provider: 'searxng',
      succeeded: 3,
      summaryMode: 'two-tier',
    });
    const lines = data.scrapedContent.split('\n');
    expect(lines.every((line) => /\[PAGE [123]\]/.test(line))).toBe(true);
    // The one sentence all three pages state is confirmed, and comes first as the current position.
    expect(lines[0]).toBe(
      'Ada Lovelace is Professor of Computer Science at Northbridge University. [PAGE 1] [PAGE 2] [PAGE 3]',
    );
    expect(data.scrapedContent).toContain('Difference Engine Reconstruction Project'); // only the rendered lab page says it
    expect(data.scrapedContent.length).toBeLessThanOrEqual(3000);

    expect(data.enrichmentMetadata).toMatchObject({ fetched: 6, droppedAsNamesake: 1, droppedAsOld: 1 });
    expect(data.arxivPapers.map((paper) => paper.title).sort()).toEqual(HER_RECENT_TITLES);

    const email = data.finalEmail;
    const firstPaper = data.arxivPapers[0]?.title ?? '';
    expect(email).toMatch(/^Dear Dr\. Ada Lovelace,/);
    expect(email).toContain(`your paper "${firstPaper}"`);
    expect(data.compositionMetadata).toMatchObject({
      attempts: 1,
      issuesPerAttempt: [[]],
      modelId: 'scribe-fake-model',
      mentionedPapers: [firstPaper],
    });
    const validation = validateEmail({
      email,
      recipientName: world.recipient.name,
      emailTemplate: world.template,
      templateType: 'research',
      papers: data.arxivPapers,
      scrapedContent: data.scrapedContent,
    });
    expect(validation).toMatchObject({ issues: [], warnings: [] });
    expect(validation.wordCount).toBeGreaterThanOrEqual(80);
    expect(validation.wordCount).toBeLessThanOrEqual(250);
    expect(data.isConfident).toBe(true);
    expect(warnings).toEqual([]);

    expect(savedRows(path)).toBe(1);
    const reopened = sqlitePersistence({ path });
    try {
      expect(await reopened.getEmailByTaskId('world-e2e')).toMatchObject({
        id: emailId,
        email,
        isConfident: true,
      });
    } finally {
      await reopened.close?.();
    }

    // Two searches, one arXiv query, robots.txt once, each page once over HTTP and the lab again in Chromium.
    const requests = world.requests.slice(before);
    expect(requests.filter((request) => request.startsWith('GET /searxng/search?'))).toHaveLength(2);
    expect(requests.filter((request) => request.startsWith('GET /arxiv/api/query?'))).toHaveLength(1);
    expect(requests.filter((request) => !/^GET \/(searxng|arxiv)\//.test(request)).sort()).toEqual([
      'GET /faculty/ada-lovelace',
      'GET /lab',
      'GET /lab',
      'GET /news/award',
      'GET /robots.txt',
    ]);
    // parser, three page extractions, the synthesis, the composer: every answer right the first time.
    expect(model.doGenerateCalls).toHaveLength(6);
  });

  it('is deterministic: two runs write the same research and the same email', async () => {
    const first = await runInWorld('world-first');
    const second = await runInWorld('world-second');
    expect(second.data.finalEmail).toBe(first.data.finalEmail);
    expect(second.data.scrapedContent).toBe(first.data.scrapedContent);
    expect(second.data.searchTerms).toEqual(first.data.searchTerms);
    expect(second.model.doGenerateCalls.map((call) => call.prompt)).toEqual(
      first.model.doGenerateCalls.map((call) => call.prompt),
    );
  });
});
