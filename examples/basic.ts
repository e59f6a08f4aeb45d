/**
 * The main job: a template and a recipient in, a researched email out, saved to SQLite.
 *   bash scripts/run-example.sh examples/basic.ts
 * Without OPENAI_API_KEY it runs OFFLINE: a local fixture world (a university site, a search
 * engine and arXiv on 127.0.0.1) and the test kit's deterministic fake model stand in for the web
 * and OpenAI. With OPENAI_API_KEY and BRAVE_API_KEY it researches the real web and OpenAI writes:
 *   OPENAI_API_KEY=sk-... BRAVE_API_KEY=... bash scripts/run-example.sh examples/basic.ts "Geoffrey Hinton" "capsule networks"
 */
import { randomUUID } from 'node:crypto';
import { openai } from '@ai-sdk/openai';
import { ArxivClient, defaultSteps, runPipeline, sqlitePersistence } from 'scribe-pipeline';
import { braveSearch, searxngSearch } from 'scribe-pipeline/search';
import { createFakeModel, startFixtureWorld } from 'scribe-pipeline/testing';

const online = Boolean(process.env.OPENAI_API_KEY);
console.log(
  online ? 'OpenAI and Brave Search.' : 'No OPENAI_API_KEY: offline, with the fake model and a local world.',
);

const world = online ? undefined : await startFixtureWorld();
const steps = world
  ? defaultSteps({
      model: createFakeModel(),
      search: searxngSearch({ baseUrl: world.searchUrl }),
      scraper: { allow: [world.origin] }, // the world is on loopback, which the scraper refuses by default
      arxiv: { client: new ArxivClient({ baseUrl: world.arxivUrl, minRequestIntervalMs: 0 }) },
    })
  : defaultSteps({
      model: openai('gpt-4o-mini'), // parses and summarises
      models: { composer: openai('gpt-4o') }, // writes
      search: braveSearch({ apiKey: process.env.BRAVE_API_KEY ?? '' }), // throws at once without a key
    });
const persistence = sqlitePersistence({ path: process.env.SCRIBE_DB ?? 'scribe-emails.db' });
const template = 'Dear {{name}},\n\nI have been reading your work on {{topic}}. {{question}}\n\nBest,\nSam';

try {
  const { emailId, data } = await runPipeline({
    input: {
      taskId: randomUUID(),
      userId: 'user-1',
      emailTemplate: world?.template ?? template,
      recipientName: world?.recipient.name ?? process.argv[2] ?? 'Geoffrey Hinton',
      recipientInterest: world?.recipient.interest ?? process.argv[3] ?? 'capsule networks',
    },
    steps,
    persistence,
    onProgress: (event) => console.log(`  ${event.step}: ${event.status}`),
  });
  const pages = data.scrapingMetadata?.pages.filter((page) => page.ok) ?? [];
  const inBrowser = pages.filter((page) => page.strategy === 'browser').length;
  console.log(
    `\nread ${pages.length} pages (${inBrowser} in Chromium), found ${data.arxivPapers.length} papers`,
  );
  console.log(`\n${data.finalEmail}\n\nsaved as ${emailId}${data.isConfident ? '' : ' (flagged: check it)'}`);
  // Each fact the email states about the recipient, with the page or paper it was checked against.
  for (const claim of data.compositionMetadata?.claims ?? []) {
    console.log(`- ${claim.text}\n  ${claim.sources.map((source) => source.url).join(', ')}`);
  }
} finally {
  await Promise.all([steps.close(), persistence.close?.()]);
  await world?.close();
}
