import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveModelSource } from '../../src/llm/model-source.js';
import { TemplateParserStep } from '../../src/steps/template-parser/template-parser-step.js';
import {
  type OpenAiCompatibleServer,
  startOpenAiCompatibleServer,
} from '../cli/helpers/openai-compatible-server.js';
import { makeData } from '../helpers/pipeline.js';
import { researchTemplate } from '../helpers/steps.js';

let server: OpenAiCompatibleServer;
beforeAll(async () => {
  server = await startOpenAiCompatibleServer();
});
afterAll(() => server.close());

describe('the library default model (SCRIBE_MODEL, no `model`)', () => {
  it('with only OPENAI_BASE_URL set, calls that OpenAI-compatible server over Chat Completions, no key needed', async () => {
    const source = resolveModelSource(
      'template_parser',
      {},
      {
        SCRIBE_MODEL: 'llama3.1:8b',
        OPENAI_BASE_URL: server.baseUrl,
      },
    );
    expect(source.modelId).toBe('llama3.1:8b');
    const model = await source.load();
    expect((model as { provider: string }).provider).toBe('openai.chat');
    // A real step, built with no `model`, parses a template through that server.
    const step = new TemplateParserStep({
      _internal: { env: { SCRIBE_MODEL: 'llama3.1:8b', OPENAI_BASE_URL: server.baseUrl } },
    });
    const result = await step.execute(
      makeData({
        recipientName: 'Ada Lovelace',
        recipientInterest: 'analytical engines',
        emailTemplate: researchTemplate,
      }),
    );
    expect(result.success, JSON.stringify(result)).toBe(true);
  });

  it('with a key and no base URL, uses Chat Completions too, as the CLI does', async () => {
    const model = await resolveModelSource(
      'template_parser',
      {},
      {
        SCRIBE_MODEL: 'openai:gpt-5-mini',
        OPENAI_API_KEY: 'sk-test',
      },
    ).load();
    expect(model).toMatchObject({ provider: 'openai.chat', modelId: 'gpt-5-mini' });
  });
});
