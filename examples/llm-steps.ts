/**
 * The built-in steps assembled by hand, with a model per step: what `defaultSteps` does, spelled
 * out so you can swap, drop or add a step. Needs keys (it reads the real web and calls OpenAI):
 *   npm install @ai-sdk/openai
 *   OPENAI_API_KEY=sk-... BRAVE_API_KEY=... bash scripts/run-example.sh examples/llm-steps.ts
 */
import { openai } from '@ai-sdk/openai';
import {
  ArxivHelperStep,
  EmailComposerStep,
  memoryPersistence,
  parallel,
  runPipeline,
  TemplateParserStep,
  WebScraperStep,
} from 'scribe-pipeline';
import { braveSearch } from 'scribe-pipeline/search';

const braveKey = process.env.BRAVE_API_KEY;
if (!braveKey) throw new Error('set BRAVE_API_KEY (or use another provider from scribe-pipeline/search)');

// A cheap model parses and summarises; a stronger one writes.
const fast = openai('gpt-4o-mini');
const scraper = new WebScraperStep({ search: braveSearch({ apiKey: braveKey }), model: fast, maxPages: 4 });

try {
  const result = await runPipeline({
    input: {
      taskId: `llm-steps-${Date.now()}`,
      userId: 'user-1',
      emailTemplate:
        'Dear {{name}},\n\nI am a master’s student and your work on {{topic}} is why I applied to this programme. Could we talk about {{question}}?\n\nBest,\n[Your Name]',
      recipientName: 'Dr. Geoffrey Hinton',
      recipientInterest: 'capsule networks',
    },
    steps: [
      new TemplateParserStep({ model: fast }),
      // Both depend only on the parser's output, so they run side by side.
      parallel(scraper, new ArxivHelperStep()),
      new EmailComposerStep({ model: openai('gpt-4o'), temperature: 0.5 }),
    ],
    persistence: memoryPersistence(),
    onProgress: (event) => console.log(`${event.step}: ${event.status}`),
  });

  console.log(`\n${result.data.finalEmail}\n`);
  console.log(`pages read: ${result.data.scrapedUrls.join(', ') || 'none'}`);
  console.log(`papers: ${result.data.arxivPapers.map((paper) => paper.title).join('; ') || 'none'}`);
  console.log(result.data.isConfident ? 'confident' : 'needs a human look');
  console.log('tokens per step:', result.usage);
} finally {
  // The scraper owns the Chromium it may have launched and its HTTP connections.
  await scraper.close();
}
