import { setTimeout as sleep } from 'node:timers/promises';
import type { Page, Request } from 'playwright-core';
import { textLength } from './page-extraction.js';

const POLL_MS = 100;
/** Equal text lengths in a row (after the first) that count as "stopped growing": ~200 ms steady. */
const STEADY_SAMPLES = 2;
/** Requests that can still change the text: documents (the page, iframes, a meta refresh), scripts and data. */
const TEXT_CHANGING_TYPES: ReadonlySet<string> = new Set(['document', 'script', 'fetch', 'xhr']);

/**
 * Counts the page's requests in flight that can still change its text, so settling does not call
 * a page done while its data is on the way or it is being replaced (a meta refresh, a script
 * setting `location`). Call before navigating. Returns "is anything in flight?".
 */
export function watchPageActivity(page: Page): () => boolean {
  const inFlight = new Set<Request>();
  page.on('request', (request) => {
    if (TEXT_CHANGING_TYPES.has(request.resourceType())) inFlight.add(request);
  });
  const done = (request: Request) => inFlight.delete(request);
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return () => inFlight.size > 0;
}

/**
 * Waits until the body's text has stopped growing (the same length for ~200 ms) with no
 * text-changing request in flight, or `budgetMs`, whichever comes first: a short, capped settle,
 * never Playwright's `networkidle`, which a chatty page may never reach. Then, if the page has
 * moved to another document meanwhile, waits for that document's DOMContentLoaded (within
 * `remainingMs`). A page whose script never yields keeps the text probe from answering: the
 * caller's deadline ends that.
 */
export async function settlePage(
  page: Page,
  { budgetMs, busy, remainingMs }: { budgetMs: number; busy: () => boolean; remainingMs: () => number },
): Promise<void> {
  const startUrl = page.url();
  const until = performance.now() + budgetMs;
  let previous: number | undefined;
  let steady = 0;
  while (performance.now() < until) {
    const length = await textLength(page);
    steady = length !== undefined && length === previous && !busy() ? steady + 1 : 0;
    if (steady >= STEADY_SAMPLES) break;
    previous = length;
    await sleep(Math.min(POLL_MS, Math.max(0, until - performance.now())));
  }
  if (page.url() !== startUrl) {
    await page.waitForLoadState('domcontentloaded', { timeout: Math.max(1, remainingMs()) }).catch(() => {});
  }
}
