/**
 * The LLM steps with OpenAI models, arXiv papers, and a web-research step of your own.
 * Run: OPENAI_API_KEY=sk-... node --import tsx examples/llm-steps.ts
 */
import { openai } from '@ai-sdk/openai';
import {
  ArxivHelperStep,
  defineStep,
  EmailComposerStep,
  memoryPersistence,
  parallel,
  runPipeline,
  TemplateParserStep,
} from 'scribe-pipeline';

// Until the built-in web scraper lands, research comes from wherever you keep it.
const notesFromMyDatabase = defineStep({
  name: 'research_notes',
  execute: (data) => {
    data.scrapedContent = `[PAGE 1] ${data.recipientName} leads a group working on ${data.recipientInterest}.`;
    data.scrapedUrls = ['https://example.edu/group'];
  },
});

const result = await runPipeline({
  input: {
    taskId: `example-${Date.now()}`,
    userId: 'user-1',
    emailTemplate:
      'Dear {{name}},\n\nI am a master’s student and your work on {{topic}} is why I applied to this programme. Could we talk about {{question}}?\n\nBest,\n[Your Name]',
    recipientName: 'Dr. Geoffrey Hinton',
    recipientInterest: 'capsule networks',
  },
  steps: [
    new TemplateParserStep({ model: openai('gpt-4o-mini') }),
    // Both depend only on the parser's output, so they run side by side.
    parallel(notesFromMyDatabase, new ArxivHelperStep()),
    new EmailComposerStep({ model: openai('gpt-4o'), temperature: 0.5 }),
  ],
  persistence: memoryPersistence(),
});

console.log(result.data.finalEmail);
console.log(`papers: ${result.data.arxivPapers.map((paper) => paper.title).join('; ') || 'none'}`);
console.log(result.data.isConfident ? 'confident' : 'needs a human look', result.usage);
