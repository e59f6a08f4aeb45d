// The code of docs/testing.md, run: each block of the guide is one test here, so the guide's claims
// about results, errors, models and the fixture world cannot drift from what the library does.
import { afterAll, describe, expect, it } from 'vitest';
import {
  ArxivClient,
  defaultSteps,
  defineStep,
  EmailComposerStep,
  PipelineData,
  type ProgressEvent,
  parsePipelineInput,
  runPipeline,
  StepExecutionError,
  StepValidationError,
  TemplateParserStep,
} from '../../src/index.js';
import { searxngSearch } from '../../src/search/index.js';
import { createFakeModel, createMockModel, startFixtureWorld } from '../../src/testing/index.js';
import { waitForNoChromiumProcesses } from '../helpers/chromium-processes.js';

afterAll(async () => {
  expect(await waitForNoChromiumProcesses()).toEqual([]);
});

// --- The step under test (the guide's "A step of your own").
const wordCount = defineStep<{ wordCount: number }>({
  name: 'word_count',
  validateInput: (data) => (data.finalEmail ? [] : ['finalEmail is empty: run after the composer']),
  execute: (data, _context, result) => {
    const words = data.finalEmail.split(/\s+/).filter(Boolean).length;
    if (words > 300) return result.fail(`${words} words: too long to send`);
    data.outputs.wordCount = words;
    return words < 50 ? result.ok({ warnings: [`only ${words} words`] }) : result.ok();
  },
});

function newData() {
  return new PipelineData<{ wordCount: number }>(
    parsePipelineInput({
      taskId: 'test-1',
      userId: 'user-1',
      emailTemplate: 'Dear {{name}}, I read your work on {{topic}}.',
      recipientName: 'Ada Lovelace',
      recipientInterest: 'analytical engines',
    }),
  );
}

describe('unit-testing a step of your own', () => {
  it('runs on data you build, writes its typed output and reports warnings', async () => {
    const data = newData();
    data.finalEmail = 'Dear Dr. Lovelace, I read your notes on the engine.';
    const result = await wordCount.execute(data);
    expect(result.success).toBe(true);
    expect(result.warnings).toEqual(['only 10 words']);
    expect(data.outputs.wordCount).toBe(10);
  });

  it('resolves with success: false when the step returns fail(...)', async () => {
    const data = newData();
    data.finalEmail = 'word '.repeat(301);
    const result = await wordCount.execute(data);
    expect(result.success).toBe(false);
    expect(result.error).toBe('301 words: too long to send');
  });

  it('rejects with StepExecutionError, the original in cause, when the step throws or its input is invalid', async () => {
    const broken = defineStep({
      name: 'broken',
      execute: () => {
        throw new RangeError('boom');
      },
    });
    const thrown = await broken.execute(newData()).catch((error: unknown) => error);
    expect(StepExecutionError.isInstance(thrown)).toBe(true);
    expect((thrown as StepExecutionError).cause).toBeInstanceOf(RangeError);

    const invalid = await wordCount.execute(newData()).catch((error: unknown) => error);
    expect(StepExecutionError.isInstance(invalid)).toBe(true);
    expect(StepValidationError.isInstance((invalid as StepExecutionError).cause)).toBe(true);
  });

  it('takes the context fields it needs: progress and an abort signal', async () => {
    const data = newData();
    data.finalEmail = 'Dear Dr. Lovelace, I read your notes on the engine.';
    const events: string[] = [];
    await wordCount.execute(data, { reportProgress: async ({ status }) => void events.push(status) });
    expect(events).toEqual(['started', 'completed']);

    const controller = new AbortController();
    controller.abort();
    await expect(wordCount.execute(data, { signal: controller.signal })).rejects.toMatchObject({
      code: 'PIPELINE_ABORTED',
    });
  });
});

describe('models', () => {
  it('createMockModel: scripted answers in order, every call recorded', async () => {
    const model = createMockModel([
      {
        templateType: 'research',
        searchTerms: ['Ada Lovelace analytical engine'],
        placeholders: ['{{name}}'],
      },
    ]);
    const data = newData();
    const result = await new TemplateParserStep({ model }).execute(data);
    expect(result.success).toBe(true);
    expect(data.searchTerms).toEqual(['Ada Lovelace analytical engine']);
    expect(model.doGenerateCalls).toHaveLength(1);
    expect(JSON.stringify(model.doGenerateCalls[0]?.prompt)).toContain('Ada Lovelace');
  });

  it('createFakeModel: answers the built-in steps by itself, and refuses prompts that are not the library’s', async () => {
    const model = createFakeModel();
    const data = newData();
    await new TemplateParserStep({ model }).execute(data);
    expect(data.searchTerms.every((term) => term.includes('Lovelace'))).toBe(true);
    const facts = [
      'Ada Lovelace leads the analytical engines group at the institute.',
      'She wrote the first published program for the engine, to compute Bernoulli numbers.',
      'Her group also studies how engines could compose music from symbols.',
    ];
    data.scrapedContent = facts.map((fact) => `${fact} [PAGE 1]`).join('\n');
    // The page the notes cite: the composer's claims are checked against it.
    data.scrapedPages = [
      { pageNumber: 1, url: 'https://example.org/ada', title: 'Ada Lovelace', text: facts.join(' ') },
    ];
    await new EmailComposerStep({ model }).execute(data);
    expect(data.finalEmail).toContain('Lovelace');
    expect(data.compositionMetadata?.claims.length).toBeGreaterThan(0);

    const ownPrompt = defineStep({
      name: 'own_prompt',
      execute: async () => {
        await model.doGenerate({ prompt: [{ role: 'system', content: 'You write haiku.' }] });
      },
    });
    await expect(ownPrompt.execute(newData())).rejects.toThrow(
      /unrecognised system prompt "You write haiku\."/,
    );
  });
});

describe('the fixture world', () => {
  it('runs the whole default pipeline offline and records every request it served', async () => {
    const world = await startFixtureWorld();
    const steps = defaultSteps({
      model: createFakeModel(),
      search: searxngSearch({ baseUrl: world.searchUrl }),
      scraper: { allow: [world.origin] },
      arxiv: { client: new ArxivClient({ baseUrl: world.arxivUrl, minRequestIntervalMs: 0 }) },
    });
    const events: ProgressEvent[] = [];
    try {
      const { data } = await runPipeline<{ wordCount: number }>({
        input: {
          taskId: 'world-1',
          userId: 'user-1',
          emailTemplate: world.template,
          recipientName: world.recipient.name,
          recipientInterest: world.recipient.interest,
        },
        steps: [...steps, wordCount],
        onProgress: (event) => void events.push(event),
      });
      expect(data.outputs.wordCount).toBeGreaterThanOrEqual(50);
      expect(data.scrapedUrls).toContain(world.pages.lab);
      expect(world.requests).toContain(`GET ${new URL(world.pages.lab).pathname}`);
      expect(events.filter((event) => event.status === 'completed').map((event) => event.step)).toContain(
        'word_count',
      );
    } finally {
      await steps.close();
      await world.close();
    }
  });
});
