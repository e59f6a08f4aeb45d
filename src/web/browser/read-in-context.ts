import type { BrowserContext, Page } from 'playwright-core';
import { finishExtraction, hasTooLittleText } from '../extract/extract.js';
import type { PageOutcome } from '../page-outcome.js';
import { firstLine, type PageRun, skipped } from './browser-reader-settings.js';
import { fetchMainDocument, type MainDocument } from './fetch-main-document.js';
import { extractInPage } from './page-extraction.js';
import type { RouteGuardState } from './route-guard.js';
import { settlePage, watchPageActivity } from './settle-page.js';

export async function readInContext(
  context: BrowserContext,
  routes: RouteGuardState,
  run: PageRun,
): Promise<PageOutcome> {
  const { url } = run;
  const main = await fetchMainDocument(run.http, url, run);
  if (!main.ok) return skipped(url, main.reason, main.detail);
  routes.prime(main.finalUrl, main.document);

  const page = await context.newPage();
  const busy = watchPageActivity(page);
  // Playwright launches Chromium with popup blocking off: popups would be more renderers to feed.
  context.on('page', (other) => {
    if (other !== page) void other.close().catch(() => {});
  });
  try {
    await page.goto(main.finalUrl, {
      waitUntil: 'domcontentloaded',
      timeout: Math.max(1, run.remainingMs()),
    });
  } catch (error) {
    const failure = navigationFailure(error, page, routes, run);
    if (failure) return failure;
  }
  await settlePage(page, {
    budgetMs: Math.min(run.settleMs, run.remainingMs()),
    busy,
    remainingMs: run.remainingMs,
  });
  return extractPage(page, routes, main, run);
}

/** What a failed `goto` means, or undefined when the page simply moved on (and is read as it is). */
function navigationFailure(
  error: unknown,
  page: Page,
  routes: RouteGuardState,
  run: PageRun,
): PageOutcome | undefined {
  const message = firstLine(error);
  if (error instanceof Error && error.name === 'TimeoutError') {
    return skipped(run.url, 'timeout', `no DOMContentLoaded within ${run.timeoutMs} ms`);
  }
  // A meta refresh or script navigated before DOMContentLoaded: the checks after settling decide.
  if (/interrupted by another navigation/i.test(message)) return undefined;
  const refused = routes.refusedNavigation(page.mainFrame());
  if (refused) return skipped(run.url, 'blocked', `navigation to ${refused.url} refused: ${refused.reason}`);
  if (/Download is starting|ERR_ABORTED/i.test(message)) {
    return skipped(run.url, 'not-html', 'the browser turned the page into a download');
  }
  return skipped(run.url, 'network', message);
}

/** The page left for a refused address, or shows Chromium's error page: never read as text. */
function leftThePage(page: Page, routes: RouteGuardState, url: string): PageOutcome | undefined {
  const refused = routes.refusedNavigation(page.mainFrame());
  if (refused)
    return skipped(url, 'blocked', `the page navigated to ${refused.url}, refused: ${refused.reason}`);
  if (page.url().startsWith('chrome-error:')) {
    return skipped(url, 'network', 'the browser shows an error page instead of the document');
  }
  return undefined;
}

async function extractPage(
  page: Page,
  routes: RouteGuardState,
  main: MainDocument & { ok: true },
  run: PageRun,
) {
  const { url, maxChars } = run;
  const left = leftThePage(page, routes, url);
  if (left) return left;
  const limit = Math.max(100_000, maxChars * 20);
  let raw: Awaited<ReturnType<typeof extractInPage>>;
  try {
    raw = await extractInPage(page, { limit });
  } catch (error) {
    // A navigation replaced the document mid-extraction: read the new one once it has loaded.
    if (!/context was destroyed|navigat/i.test(firstLine(error))) throw error;
    await page.waitForLoadState('domcontentloaded', { timeout: Math.max(1, run.remainingMs()) });
    const leftNow = leftThePage(page, routes, url);
    if (leftNow) return leftNow;
    raw = await extractInPage(page, { limit });
  }
  // Checked again: the page may have navigated away while we read it.
  const leftLater = leftThePage(page, routes, url);
  if (leftLater) return leftLater;
  if (raw === undefined) return skipped(url, 'too-little-text', 'the page gave no readable text');
  const extracted = finishExtraction(raw, { maxChars });
  if (hasTooLittleText(extracted.text)) {
    return skipped(url, 'too-little-text', `only ${extracted.text.length} characters of readable text`);
  }
  const outcome: PageOutcome = {
    ok: true,
    url,
    finalUrl: routes.finalUrlOf(page.url()),
    strategy: 'browser',
    status: main.status,
    bytes: main.bytes,
    truncated: main.truncated,
    ...(main.noStore ? { noStore: true } : {}),
    ...extracted,
  };
  return outcome;
}
