import { BASELINE_CHROMIUM_FLAGS, CHROMIUM_PATH } from '../harness/chromium.js';

/** What one page gave a scraper: its text, or why not. */
export interface ScrapedText {
  url: string;
  ok: boolean;
  text: string;
  /** Why a page gave no text: the first line of the error. */
  error?: string;
}

/**
 * The naive baseline, as a first version of a scraper is usually written: for each URL in turn a
 * new Chromium, `goto` until `networkidle` (no request for 500 ms), nothing blocked (images,
 * fonts, analytics all load), `document.body.innerText`, browser closed. Failures are kept as
 * pages without text, as a simple script would log and move on.
 */
export async function naiveScrape(urls: readonly string[]): Promise<ScrapedText[]> {
  const { chromium } = await import('playwright-core');
  const results: ScrapedText[] = [];
  for (const url of urls) {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...BASELINE_CHROMIUM_FLAGS],
    });
    try {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'networkidle', timeout: 30_000 });
      // biome-ignore lint/performance/useDomNodeTextContent: the baseline is innerText by definition, as naive scrapers read pages
      results.push({ url, ok: true, text: await page.innerText('body') });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ url, ok: false, text: '', error: message.split('\n', 1)[0] ?? message });
    } finally {
      await browser.close();
    }
  }
  return results;
}
