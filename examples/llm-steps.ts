/**
 * The two LLM steps with OpenAI models, and a research step of your own in between.
 * Run: OPENAI_API_KEY=sk-... node --import tsx examples/llm-steps.ts
 */
import { openai } from '@ai-sdk/openai';
import {
  defineStep,
  EmailComposerStep,
  memoryPersistence,
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
    recipientName: 'Dr. Grace Hopper',
    recipientInterest: 'compiler design',
  },
  steps: [
    new TemplateParserStep({ model: openai('gpt-4o-mini') }),
    notesFromMyDatabase,
    new EmailComposerStep({ model: openai('gpt-4o'), temperature: 0.5 }),
  ],
  persistence: memoryPersistence(),
});

console.log(result.data.finalEmail);
console.log(result.data.isConfident ? 'confident' : 'needs a human look', result.usage);
