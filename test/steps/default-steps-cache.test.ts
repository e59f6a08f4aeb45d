// defaultSteps({ cache }): a second run about the same recipient asks neither the search engine
// nor arXiv again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ArxivClient, defaultSteps, memoryResearchCache, runPipeline } from '../../src/index.js';
import { searxngSearch } from '../../src/search/index.js';
import { createFakeModel, type FixtureWorld, startFixtureWorld } from '../../src/testing/index.js';

let world: FixtureWorld;
beforeAll(async () => {
  world = await startFixtureWorld();
});
afterAll(async () => {
  await world?.close();
});

it('serves the second run its search results, pages and arXiv lookup from the cache', async () => {
  const steps = defaultSteps({
    model: createFakeModel(),
    search: searxngSearch({ baseUrl: world.searchUrl }),
    scraper: { allow: [world.origin], strategy: 'http' },
    arxiv: { client: new ArxivClient({ baseUrl: world.arxivUrl, minRequestIntervalMs: 0 }) },
    cache: memoryResearchCache(),
  });
  const input = (taskId: string) => ({
    taskId,
    userId: 'user-1',
    emailTemplate: world.template,
    recipientName: world.recipient.name,
    recipientInterest: world.recipient.interest,
  });
  // Everything but robots.txt, which is asked each run: what a site allows may change.
  const isCacheable = (request: string) => !request.endsWith('/robots.txt');
  try {
    const first = await runPipeline({ input: input('cache-1'), steps });
    const before = world.requests.filter(isCacheable).length;
    expect(before).toBeGreaterThan(0);
    const second = await runPipeline({ input: input('cache-2'), steps });
    // Only the lab again: it needs JavaScript, so over plain HTTP it gave no text, and a page that
    // gave nothing is never cached.
    expect(world.requests.filter(isCacheable).slice(before)).toEqual(['GET /lab']);
    expect(second.data.arxivPapers).toEqual(first.data.arxivPapers);
    expect(second.data.scrapedUrls).toEqual(first.data.scrapedUrls);
  } finally {
    await steps.close();
  }
});
