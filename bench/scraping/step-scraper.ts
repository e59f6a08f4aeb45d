import {
  type BrowserPool,
  PipelineData,
  parsePipelineInput,
  type ScrapedPageReport,
  type ScrapeStrategyOption,
  WebScraperStep,
} from '../../src/index.js';
import { staticUrls } from '../../src/search/index.js';
import { RECIPIENT, RESEARCH_TEMPLATE, summarizerModel } from '../harness/fake-models.js';

/**
 * Pages one step run reads. `maxPages` allows 10, but the summariser refuses more than 5 pages
 * (`MAX_PAGES` in summarize.ts), so a run that reads 6 or more pages fails; 5 is the most a run
 * can really read.
 */
export const PAGES_PER_RUN = 5;

/** The data a scraper run needs: what the template parser would have written. */
function parsedData(taskId: string): PipelineData {
  const data = new PipelineData(
    parsePipelineInput({
      taskId,
      userId: 'bench',
      emailTemplate: RESEARCH_TEMPLATE,
      recipientName: RECIPIENT.name,
      recipientInterest: RECIPIENT.interest,
    }),
  );
  data.searchTerms = ['Ada Lovelace analytical engines'];
  data.templateType = 'research';
  return data;
}

/**
 * Reads `urls` through the public `WebScraperStep`, as consecutive runs of {@link PAGES_PER_RUN}
 * pages (a `staticUrls` provider per run), all sharing `pool`. The summariser is a fake that
 * answers at once; `onPrompt` sees the page text the step handed it.
 *
 * @throws Error when a run fails: a benchmark of a broken path measures nothing.
 */
export async function scrapeWithStep({
  urls,
  strategy,
  pool,
  origin,
  onPrompt,
}: {
  urls: readonly string[];
  strategy: ScrapeStrategyOption;
  pool: BrowserPool;
  /** The fixture site's origin: a loopback address the SSRF guard must be told to allow. */
  origin: string;
  onPrompt?: (prompt: string) => void;
}): Promise<ScrapedPageReport[]> {
  const reports: ScrapedPageReport[] = [];
  for (let start = 0; start < urls.length; start += PAGES_PER_RUN) {
    const batch = urls.slice(start, start + PAGES_PER_RUN);
    const step = new WebScraperStep({
      search: staticUrls(batch),
      model: summarizerModel(onPrompt ? { onPrompt } : {}),
      strategy,
      maxPages: batch.length,
      allow: [origin],
      browserPool: pool,
    });
    try {
      const data = parsedData(`scrape-${start}`);
      const result = await step.execute(data);
      if (!result.success) throw new Error(`the scraper run failed: ${result.error}`);
      reports.push(...(data.scrapingMetadata?.pages ?? []));
    } finally {
      await step.close();
    }
  }
  return reports;
}
