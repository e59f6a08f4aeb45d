import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ArxivClient,
  createBrowserPool,
  defaultSteps,
  ModelCallError,
  PipelineData,
  parsePipelineInput,
  runPipeline,
  sqlitePersistence,
  WebScraperStep,
} from '../../../src/index.js';
import { searxngSearch, staticUrls } from '../../../src/search/index.js';
import { createFakeModel, createMockModel } from '../../../src/testing/index.js';
import { waitForNoChromiumProcesses } from '../../helpers/chromium-processes.js';
import { startFakeArxiv } from '../../helpers/fake-arxiv-server.js';
import { FIXTURE_FACTS } from '../../helpers/fixture-pages/facts.js';
import { type FixtureSite, startFixtureSite } from '../../helpers/fixture-site.js';
import { researchTemplate } from '../../helpers/steps.js';

let site: FixtureSite;
let directory: string;

beforeAll(async () => {
  site = await startFixtureSite();
  directory = mkdtempSync(join(tmpdir(), 'scribe-scraper-'));
});

afterAll(async () => {
  await site.close();
  rmSync(directory, { recursive: true, force: true });
  expect(await waitForNoChromiumProcesses()).toEqual([]);
});

describe('defaultSteps against the fixture site', () => {
  it('runs the whole pipeline: HTTP for static pages, Chromium for the JS page, nothing private, one save', async () => {
    const arxiv = await startFakeArxiv(() => ({ fixture: 'lovelace', delayMs: 0 }));
    const urls = [
      '/faculty/ada-lovelace',
      '/lab',
      '/news/award',
      '/private/notes',
      '/redirect/to-canary',
      '/paper.pdf',
    ];
    const steps = defaultSteps({
      // The fake model reads its prompts: every page it is shown, the facts it merges, the template it fills.
      model: createFakeModel(),
      search: staticUrls(urls.map((path) => site.url(path))),
      scraper: { allow: [site.origin] },
      arxiv: { client: new ArxivClient({ baseUrl: arxiv.baseUrl, minRequestIntervalMs: 0 }) },
    });
    const persistence = sqlitePersistence({ path: join(directory, 'emails.db') });
    try {
      const { data, emailId, warnings } = await runPipeline({
        input: {
          taskId: 'scraper-e2e',
          userId: 'user-1',
          emailTemplate: researchTemplate,
          recipientName: FIXTURE_FACTS.name,
          recipientInterest: 'analytical engines',
        },
        steps,
        persistence,
      });

      const pages = data.scrapingMetadata?.pages ?? [];
      const byPath = (path: string) => pages.find((page) => page.url === site.url(path));
      expect(byPath('/faculty/ada-lovelace')).toMatchObject({ ok: true, strategy: 'http', pageNumber: 1 });
      expect(byPath('/lab')).toMatchObject({ ok: true, strategy: 'browser', pageNumber: 2 });
      expect(byPath('/news/award')).toMatchObject({ ok: true, strategy: 'http', pageNumber: 3 });
      expect(byPath('/private/notes')).toMatchObject({ ok: false, reason: 'robots' });
      expect(byPath('/redirect/to-canary')).toMatchObject({ ok: false, reason: 'blocked' });
      expect(byPath('/paper.pdf')).toBeUndefined(); // a file type is dropped before any fetch
      expect(data.scrapingMetadata).toMatchObject({ attempted: 5, succeeded: 3, summaryMode: 'two-tier' });
      expect(data.scrapedUrls).toEqual([
        site.url('/faculty/ada-lovelace'),
        site.url('/lab'),
        site.url('/news/award'),
      ]);
      // Each read page's own text is kept beside the summary, numbered like its [PAGE N] markers.
      expect(data.scrapedPages.map((page) => [page.pageNumber, page.url])).toEqual([
        [1, site.url('/faculty/ada-lovelace')],
        [2, site.url('/lab')],
        [3, site.url('/news/award')],
      ]);
      expect(data.scrapedPages[1]?.text).toContain(FIXTURE_FACTS.labMarker);
      // The one sentence all three pages state is confirmed by all three; nothing private or leaked is in it.
      expect(data.scrapedContent).toContain('[PAGE 1] [PAGE 2] [PAGE 3]');
      expect(data.scrapedContent).toContain(FIXTURE_FACTS.labMarker);
      expect(data.scrapedContent).not.toContain(FIXTURE_FACTS.privateMarker);
      expect(data.scrapedContent).not.toContain(FIXTURE_FACTS.canarySecret);

      expect(site.canary.requests).toEqual([]);
      expect(site.requests).not.toContain('GET /private/notes');
      expect(site.requests.filter((request) => request === 'GET /robots.txt')).toHaveLength(1);
      expect(warnings.map((warning) => warning.message)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/private\/notes: robots/),
          expect.stringMatching(/to-canary: blocked/),
        ]),
      );

      expect(data.arxivPapers.map((paper) => paper.title)).toContain(
        'Symbolic Computation on Analytical Engines',
      );
      expect(data.finalEmail).toMatch(/^Dear Dr\. Ada Lovelace,/);
      expect(data.finalEmail).toContain(`"${data.arxivPapers[0]?.title}"`);
      expect(data.compositionMetadata).toMatchObject({ attempts: 1, issuesPerAttempt: [[]] });
      const saved = await persistence.getEmailByTaskId('scraper-e2e');
      expect(saved?.id).toBe(emailId);
      expect(saved?.metadata.scrapedUrls).toHaveLength(3);
      expect(Object.keys(saved?.metadata.usage ?? {}).sort()).toEqual([
        'email_composer',
        'template_parser',
        'web_scraper',
      ]);
    } finally {
      await steps.close();
      await persistence.close?.();
      await arxiv.close();
    }
  });
});

describe('WebScraperStep', () => {
  const data = () => {
    const pipelineData = new PipelineData(
      parsePipelineInput({
        taskId: 'scraper-unit',
        userId: 'user-1',
        emailTemplate: researchTemplate,
        recipientName: FIXTURE_FACTS.name,
        recipientInterest: 'analytical engines',
      }),
    );
    pipelineData.templateType = 'research';
    pipelineData.searchTerms = ['Ada Lovelace analytical engines'];
    return pipelineData;
  };

  it('shares the deadline between pages: three pages that never finish rendering do not starve the good one behind them', async () => {
    const slow = [1, 2, 3].map((n) => site.url(`/endless-js?copy=${n}`));
    const scraper = new WebScraperStep({
      search: staticUrls([...slow, site.url('/lab')]),
      model: createFakeModel(),
      allow: [site.origin],
      strategy: 'browser',
      // Alone, one endless page would take 30 s, three the whole deadline and more; the good page
      // (fourth in the browser's single queue) must still get its share of the 12 s.
      pageTimeoutMs: 30_000,
      deadlineMs: 12_000,
    });
    try {
      const pipelineData = data();
      await scraper.execute(pipelineData);
      const pages = pipelineData.scrapingMetadata?.pages ?? [];
      expect(pages.find((page) => page.url === site.url('/lab'))).toMatchObject({
        ok: true,
        strategy: 'browser',
      });
      for (const url of slow) {
        expect(pages.find((page) => page.url === url)).toMatchObject({ ok: false, reason: 'timeout' });
      }
    } finally {
      await scraper.close();
    }
  });

  it('bounds summarising by summaryDeadlineMs: a model that never answers fails the step, retryable, before its per-call timeout', async () => {
    let calls = 0;
    const model = new MockLanguageModelV4({
      doGenerate: ({ abortSignal }) => {
        calls += 1;
        return new Promise((_resolve, reject) =>
          abortSignal?.addEventListener('abort', () => reject(abortSignal.reason)),
        );
      },
    });
    const scraper = new WebScraperStep({
      search: staticUrls([site.url('/faculty/ada-lovelace')]),
      model,
      // Longer than the summary's deadline, shorter than the test's own timeout: without the
      // deadline the step would end by this per-call timeout instead, with another message.
      timeoutMs: 3_000,
      allow: [site.origin],
      strategy: 'http',
      summaryDeadlineMs: 1_000,
    });
    try {
      const error = (await scraper.execute(data()).catch((caught: unknown) => caught)) as {
        cause?: unknown;
        retryable?: boolean;
      };
      expect(ModelCallError.isInstance(error.cause)).toBe(true);
      expect(error.cause).toMatchObject({ timedOut: true, retryable: true });
      expect((error.cause as Error).message).toContain('1000 ms summaryDeadlineMs');
      expect(error.retryable).toBe(true);
      // Stopped, not retried: the deadline covers every call of the summary together.
      expect(calls).toBe(1);
    } finally {
      await scraper.close();
    }
  });

  it('uses no browser at all for static pages under the auto strategy', async () => {
    const scraper = new WebScraperStep({
      search: staticUrls([site.url('/faculty/ada-lovelace'), site.url('/news/award')]),
      model: createFakeModel(),
      allow: [site.origin],
    });
    try {
      const pipelineData = data();
      await scraper.execute(pipelineData);
      expect(pipelineData.scrapingMetadata?.pages.map((page) => page.strategy)).toEqual(['http', 'http']);
      expect(await waitForNoChromiumProcesses(0)).toEqual([]);
    } finally {
      await scraper.close();
    }
  });

  it('reads a page whose subresources point at a private address, refuses them all, and says so', async () => {
    const scraper = new WebScraperStep({
      search: staticUrls([site.url('/hostile/subresources')]),
      model: createFakeModel(),
      allow: [site.origin],
      strategy: 'browser',
    });
    try {
      const pipelineData = data();
      const result = await scraper.execute(pipelineData);
      expect(pipelineData.scrapingMetadata?.pages[0]).toMatchObject({ ok: true, strategy: 'browser' });
      expect(result.warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/refused \d+ request\(s\) made by .*hostile\/subresources/),
        ]),
      );
      expect(site.canary.requests).toEqual([]);
    } finally {
      await scraper.close();
    }
  });

  it('goes on without the JavaScript pages when no browser can be launched, saying why', async () => {
    const browserPool = createBrowserPool({
      executablePath: '/nonexistent/chromium',
      _internal: {
        env: {},
        playwrightExecutablePath: () => undefined,
        systemExecutablePath: '/nonexistent/system-chromium',
        headlessShellPath: '/nonexistent/headless-shell',
      },
    });
    const scraper = new WebScraperStep({
      search: staticUrls([site.url('/faculty/ada-lovelace'), site.url('/lab')]),
      model: createFakeModel(),
      allow: [site.origin],
      browserPool,
    });
    try {
      const pipelineData = data();
      const result = await scraper.execute(pipelineData);
      expect(result.success).toBe(true);
      expect(pipelineData.scrapingMetadata?.pages.map((page) => page.ok)).toEqual([true, false]);
      expect(result.warnings).toEqual(
        expect.arrayContaining([expect.stringMatching(/\/lab: network: no browser/)]),
      );
    } finally {
      await scraper.close();
      await browserPool.close();
    }
  });

  it('with nothing readable it succeeds with a warning and an explicit no-information content', async () => {
    const scraper = new WebScraperStep({
      search: staticUrls([site.url('/missing'), site.url('/redirect/to-metadata')]),
      model: createMockModel([{ facts: 'never asked' }]),
      allow: [site.origin],
    });
    try {
      const pipelineData = data();
      const result = await scraper.execute(pipelineData);
      expect(result.success).toBe(true);
      expect(result.warnings).toEqual(
        expect.arrayContaining([expect.stringContaining('no page gave readable text')]),
      );
      expect(pipelineData.scrapedContent).toMatch(/No web information/);
      expect(pipelineData.scrapingMetadata).toMatchObject({
        attempted: 2,
        succeeded: 0,
        summaryMode: 'none',
      });
    } finally {
      await scraper.close();
    }
  });

  it('says which parser outputs are missing before doing anything', async () => {
    const scraper = new WebScraperStep({
      search: staticUrls([site.url('/faculty/ada-lovelace')]),
      model: createMockModel([{ facts: '' }]),
    });
    const empty = new PipelineData(parsePipelineInput({ ...data().input }));
    await expect(scraper.execute(empty)).rejects.toMatchObject({
      code: 'STEP_EXECUTION',
      cause: { problems: [expect.stringContaining('searchTerms'), expect.stringContaining('templateType')] },
    });
    await scraper.close();
  });

  it('fails the run when the search provider refuses the key, and never fetches a page', async () => {
    const server = await import('node:http').then(({ createServer }) =>
      createServer((_request, response) => {
        response.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const before = site.requests.length;
    const scraper = new WebScraperStep({
      search: searxngSearch({ baseUrl: `http://127.0.0.1:${port}` }),
      model: createMockModel([{ facts: '' }]),
    });
    try {
      const result = await scraper.execute(data());
      expect(result.success).toBe(false);
      expect(result.error).toMatch(/searxng/i);
      expect(site.requests.length).toBe(before);
    } finally {
      await scraper.close();
      server.close();
    }
  });

  it('rejects bad options at construction, naming them', () => {
    expect(
      () =>
        new WebScraperStep({
          search: staticUrls([site.url('/lab')]),
          model: createMockModel([{}]),
          pageTimeoutMs: 5,
        }),
    ).toThrow(expect.objectContaining({ code: 'CONFIGURATION', option: 'pageTimeoutMs' }));
    // The summariser takes at most five pages: reading a sixth would only be refused later.
    expect(
      () =>
        new WebScraperStep({
          search: staticUrls([site.url('/lab')]),
          model: createMockModel([{}]),
          maxPages: 6,
        }),
    ).toThrow(expect.objectContaining({ code: 'CONFIGURATION', option: 'maxPages' }));
    // @ts-expect-error a search provider is required.
    expect(() => new WebScraperStep({ model: createMockModel([{}]) })).toThrow(/search/);
  });
});
