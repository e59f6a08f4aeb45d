import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import {
  EmailComposerStep,
  parallel,
  runPipeline,
  sqlitePersistence,
  TemplateParserStep,
} from '../../src/index.js';
import { createMockModel } from '../../src/testing/index.js';
import { progressRecorder, validInput } from '../helpers/pipeline.js';
import {
  fakeArxivStep,
  fakeScraperStep,
  goodLovelaceAnswer,
  goodLovelaceEmail,
  researchTemplate,
} from '../helpers/steps.js';

const directory = mkdtempSync(join(tmpdir(), 'scribe-llm-pipeline-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

it('chains parser, scraper, arXiv and composer through runPipeline into SQLite', async () => {
  const parserModel = createMockModel(
    [
      {
        templateType: 'research',
        searchTerms: ['Ada Lovelace analytical engines'],
        placeholders: ['{{paper_reference}}'],
      },
    ],
    { modelId: 'fast-model' },
  );
  const composerModel = createMockModel(
    [
      { ...goodLovelaceAnswer, email: goodLovelaceEmail.replace('Professor Lovelace', 'Professor') },
      goodLovelaceAnswer,
    ],
    { modelId: 'strong-model' },
  );
  const persistence = sqlitePersistence({ path: join(directory, 'emails.db') });
  const progress = progressRecorder();
  const input = validInput({
    recipientName: 'Dr. Ada Lovelace',
    recipientInterest: 'analytical engines',
    emailTemplate: researchTemplate,
  });

  const result = await runPipeline({
    input,
    steps: [
      new TemplateParserStep({ model: parserModel }),
      parallel(fakeScraperStep, fakeArxivStep),
      new EmailComposerStep({ model: composerModel }),
    ],
    persistence,
    onProgress: progress.onProgress,
  });

  expect(result.usage).toEqual({
    template_parser: { inputTokens: 100, outputTokens: 50, totalTokens: 150 },
    email_composer: { inputTokens: 200, outputTokens: 100, totalTokens: 300 },
  });
  const stored = await persistence.getEmailByTaskId(input.taskId);
  expect(stored).toMatchObject({
    id: result.emailId,
    email: goodLovelaceEmail,
    isConfident: true,
    templateType: 'research',
    metadata: {
      searchTerms: ['Ada Lovelace analytical engines'],
      scrapedUrls: ['https://example.org/lovelace', 'https://example.org/engines'],
      papers: [
        {
          title: 'Symbolic Computation on Analytical Engines',
          url: 'https://arxiv.org/abs/2401.00001',
          year: 2024,
        },
        { title: 'Bernoulli Numbers by Machine', url: 'https://arxiv.org/abs/2302.00002', year: 2023 },
      ],
      modelsUsed: { template_parser: 'fast-model', email_composer: 'strong-model' },
      usage: result.usage,
    },
  });
  expect(Object.keys(stored?.metadata.stepTimings ?? {}).sort()).toEqual([
    'arxiv_helper',
    'email_composer',
    'template_parser',
    'web_scraper',
  ]);
  expect(
    progress.events.filter((event) => event.status === 'completed').map((event) => event.step),
  ).toContain('email_composer');
  await persistence.close?.();
});
