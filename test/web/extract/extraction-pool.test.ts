import { afterEach, describe, expect, it } from 'vitest';
import { ExtractionFailedError } from '../../../src/web/extract/extraction-failed-error.js';
import { createExtractionPool, type ExtractionPool } from '../../../src/web/extract/extraction-pool.js';

// About 2 MiB of link-heavy HTML, the kind of page that blocked the event loop for about 1 s.
const paragraph =
  '<div class="item"><p>The analytical engine weaves <a href="/x">algebraical patterns</a> as the loom weaves flowers.</p></div>\n';
const bigPage = `<!doctype html><html><head><title>Big</title></head><body><main><h1>Big page</h1>${paragraph.repeat(
  Math.ceil((2 * 1024 * 1024) / paragraph.length),
)}</main></body></html>`;

let pool: ExtractionPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('createExtractionPool', () => {
  it('parses in a worker: a timer set before a 2 MiB page is parsed fires before the parse ends', async () => {
    pool = createExtractionPool({ maxThreads: 1 });
    let timerFired = false;
    setTimeout(() => {
      timerFired = true;
    }, 0);
    // Parsed on this thread, the page would hold the loop until it was done, and the promise
    // would settle (a microtask) before the timer (a macrotask) could run.
    const raw = await pool.extract(bigPage, 'https://example.org/big').then((result) => ({
      result,
      timerFiredFirst: timerFired,
    }));
    expect(raw.timerFiredFirst).toBe(true);
    expect(raw.result.title).toBe('Big');
    expect(raw.result.bodyText).toContain('algebraical patterns');
  });

  it('fails a page that needs more than the worker’s heap, as its own typed error, and goes on', async () => {
    // Enough to start a worker and parse a small page; the 2 MiB page needs about 140 MiB.
    pool = createExtractionPool({ maxThreads: 1, maxHeapMb: 64 });
    const failure = await pool.extract(bigPage, 'https://example.org/big').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExtractionFailedError);
    expect((failure as Error).message).toContain('64 MiB');
    // The pool replaces the worker: a small page still parses.
    const small = await pool.extract(
      '<!doctype html><html><head><title>Small</title></head><body><p>Hello there.</p></body></html>',
      'https://example.org/',
    );
    expect(small.title).toBe('Small');
  });

  it('rejects with the signal’s reason when aborted', async () => {
    pool = createExtractionPool({ maxThreads: 1 });
    const controller = new AbortController();
    const reason = new Error('stop');
    const parse = pool.extract(bigPage, 'https://example.org/big', { signal: controller.signal });
    controller.abort(reason);
    await expect(parse).rejects.toBe(reason);
  });
});
