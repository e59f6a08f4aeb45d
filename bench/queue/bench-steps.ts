import { setTimeout as sleep } from 'node:timers/promises';
import {
  defineStep,
  EmailComposerStep,
  type Paper,
  type PipelineStage,
  parallel,
  TemplateParserStep,
} from '../../src/index.js';
import { composerModel, parserModel } from '../harness/fake-models.js';

/** What each model call and each stand-in step waits: a fast provider's latency. */
export const STEP_DELAY_MS = 50;

const PAPER: Paper = {
  id: '2401.00001',
  title: 'Symbolic Computation on Analytical Engines',
  abstract: 'We show how the analytical engine can manipulate symbols as well as numbers.',
  authors: ['Ada Lovelace', 'Charles Babbage'],
  year: 2024,
  published: '2024-01-02T00:00:00Z',
  abstractUrl: 'https://arxiv.org/abs/2401.00001',
  score: 0.9,
};

/**
 * The queue benchmark's pipeline, in the default graph's shape: the real template parser and
 * composer with fake models that answer after {@link STEP_DELAY_MS}, and stand-ins for the
 * scraper and the arXiv helper that wait as long and write what the composer reads. Each job's
 * critical path is three waits (~150 ms); the rest is the library's and BullMQ's own work.
 */
export function queueBenchSteps(): PipelineStage[] {
  return [
    new TemplateParserStep({ model: parserModel(STEP_DELAY_MS) }),
    parallel(
      defineStep({
        name: 'web_scraper',
        execute: async (data, { signal }) => {
          await sleep(STEP_DELAY_MS, undefined, { signal });
          data.scrapedContent = 'Ada Lovelace leads the analytical engines group. [PAGE 1]';
          data.scrapedUrls = ['https://example.org/lovelace'];
        },
      }),
      defineStep({
        name: 'arxiv_helper',
        execute: async (data, { signal }) => {
          await sleep(STEP_DELAY_MS, undefined, { signal });
          data.arxivPapers = [PAPER];
        },
      }),
    ),
    new EmailComposerStep({ model: composerModel({ delayMs: STEP_DELAY_MS }) }),
  ];
}
