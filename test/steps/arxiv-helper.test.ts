import { afterEach, describe, expect, it } from 'vitest';
import { defineStep, parallel, runPipeline, type TemplateType } from '../../src/index.js';
import { ArxivClient, ArxivHelperStep, RequestLimiter } from '../../src/steps/arxiv-helper/index.js';
import { manualClock, type ScriptedResponse, startFakeArxiv } from '../helpers/fake-arxiv-server.js';
import { fixedEmailStep, progressRecorder, validInput } from '../helpers/pipeline.js';

const now = () => new Date('2026-11-28T00:00:00Z');
let server: Awaited<ReturnType<typeof startFakeArxiv>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function classify(templateType: TemplateType) {
  return defineStep({
    name: 'template_parser',
    execute: (data) => {
      data.templateType = templateType;
    },
  });
}

async function arxivStep(
  respond: (index: number, url: URL) => ScriptedResponse,
  limiter = new RequestLimiter(),
) {
  server = await startFakeArxiv(respond);
  const client = new ArxivClient({
    baseUrl: server.baseUrl,
    minRequestIntervalMs: 10,
    maxRetries: 1,
    _internal: { limiter, random: () => 0 },
  });
  return new ArxivHelperStep({ client, now });
}

const lovelaceInput = () =>
  validInput({ recipientName: 'Dr. Ada Lovelace', recipientInterest: 'analytical engines' });

describe('ArxivHelperStep', () => {
  it('finds, filters and ranks the recipient’s papers through runPipeline', async () => {
    const step = await arxivStep(() => ({ fixture: 'lovelace' }));
    const { data, warnings } = await runPipeline({
      input: lovelaceInput(),
      steps: [classify('research'), step, fixedEmailStep],
    });
    expect(data.arxivPapers.map((paper) => paper.id)).toEqual(['2401.00001', '2210.11111']);
    expect(data.enrichmentMetadata).toMatchObject({
      query: 'au:"Ada Lovelace" AND (all:analytical OR all:engine)',
      fetched: 4,
      kept: 2,
      droppedAsNamesake: 1,
      droppedAsOld: 1,
    });
    expect(warnings).toEqual([]);
  });

  it('falls back to the author alone when the interest narrows the search to nothing', async () => {
    const step = await arxivStep((index) => ({ fixture: index === 0 ? 'empty' : 'lovelace' }));
    const { data } = await runPipeline({
      input: lovelaceInput(),
      steps: [classify('research'), step, fixedEmailStep],
    });
    expect(data.enrichmentMetadata?.queries).toEqual([
      'au:"Ada Lovelace" AND (all:analytical OR all:engine)',
      'au:"Ada Lovelace"',
    ]);
    expect(data.arxivPapers).toHaveLength(2);
  });

  it('skips templates that are not research, reporting skipped progress, without calling arXiv', async () => {
    const step = await arxivStep(() => ({ fixture: 'lovelace' }));
    const progress = progressRecorder();
    const { data } = await runPipeline({
      input: lovelaceInput(),
      steps: [classify('book'), step, fixedEmailStep],
      onProgress: progress.onProgress,
    });
    expect(
      progress.events.filter((event) => event.step === 'arxiv_helper').map((event) => event.status),
    ).toEqual(['started', 'skipped']);
    expect(data.enrichmentMetadata).toEqual({ skippedReason: 'template type is book, not research' });
    expect(data.arxivPapers).toEqual([]);
    expect(server?.requests).toHaveLength(0);
  });

  it.each([
    ['an error feed', { status: 400, fixture: 'error' }, /incorrect id format/],
    ['malformed XML', { fixture: 'malformed' }, /unreadable answer/],
    ['a 503 that does not pass', { status: 503, body: 'down' }, /HTTP 503/],
    ['a rate limit', { status: 429, headers: { 'retry-after': '7200' } }, /HTTP 429/],
  ] as const)('turns %s into a warning and lets the pipeline go on', async (_name, response, message) => {
    const step = await arxivStep(() => response);
    const { data, warnings, emailId } = await runPipeline({
      input: lovelaceInput(),
      steps: [classify('research'), step, fixedEmailStep],
    });
    expect(warnings).toEqual([{ step: 'arxiv_helper', message: expect.stringMatching(message) }]);
    expect(warnings[0]?.message).toMatch(/^arXiv lookup failed, going on without its papers/);
    expect(data.arxivPapers).toEqual([]);
    expect(data.finalEmail).not.toBe('');
    expect(emailId).toBeUndefined();
  });

  it('warns when no paper survives the filters', async () => {
    const step = await arxivStep(() => ({ fixture: 'lovelace' }));
    const { warnings } = await runPipeline({
      input: validInput({ recipientName: 'Grace Lovelace', recipientInterest: 'compilers' }),
      steps: [classify('research'), step, fixedEmailStep],
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.step).toBe('arxiv_helper');
    // The facts: no papers, for whom, and which sources were asked.
    expect(warnings[0]?.message).toMatch(/no recent papers.*Grace Lovelace.*arxiv/);
  });

  it('keeps concurrent pipelines to one request at a time, the interval apart', async () => {
    const clock = manualClock();
    const limiter = new RequestLimiter(clock);
    const arrivals: number[] = [];
    // An instant server: only the limiter can space the requests.
    server = await startFakeArxiv(() => {
      arrivals.push(clock.now());
      return { fixture: 'lovelace', delayMs: 0 };
    });
    // Separate clients, as separate parts of a host would have, sharing one limiter.
    const makeStep = () =>
      new ArxivHelperStep({
        client: new ArxivClient({
          baseUrl: server?.baseUrl,
          minRequestIntervalMs: 150,
          _internal: { limiter },
        }),
        now,
      });
    await Promise.all(
      Array.from({ length: 4 }, () =>
        runPipeline({
          input: lovelaceInput(),
          steps: [classify('research'), parallel(makeStep()), fixedEmailStep],
        }),
      ),
    );
    expect(arrivals).toEqual([0, 150, 300, 450]);
    expect(server.maxInFlight()).toBe(1);
  });

  it('judges the papers’ age by its own clock', async () => {
    server = await startFakeArxiv(() => ({ fixture: 'lovelace' }));
    const client = new ArxivClient({ baseUrl: server.baseUrl, minRequestIntervalMs: 0 });
    // Nine and a half years after the newest paper: only it is under ten years old.
    const step = new ArxivHelperStep({ client, now: () => new Date('2033-06-01T00:00:00Z') });
    const { data } = await runPipeline({
      input: lovelaceInput(),
      steps: [classify('research'), step, fixedEmailStep],
    });
    expect(data.arxivPapers.map((paper) => paper.id)).toEqual(['2401.00001']);
    expect(data.enrichmentMetadata).toMatchObject({ kept: 1, droppedAsOld: 2 });
  });
});
