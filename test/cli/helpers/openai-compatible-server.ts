// An OpenAI-compatible Chat Completions server on loopback, as Ollama or vLLM would be: it
// answers the library's prompts with the fake model, except that the composer's answer can be
// replaced, e.g. by a draft that always breaks the rules.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { COMPOSER_SYSTEM_PROMPT } from '../../../src/steps/email-composer/prompts.js';
import { createFakeModel } from '../../../src/testing/index.js';

interface ChatMessage {
  role: string;
  content: string;
}

export interface OpenAiCompatibleServer {
  /** For OPENAI_BASE_URL. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the server. `composer` gives the composer's answer text for each call (1-based); without
 * it the fake model answers the composer too.
 */
export async function startOpenAiCompatibleServer({
  composer,
}: {
  composer?: (call: number) => string;
} = {}): Promise<OpenAiCompatibleServer> {
  const fake = createFakeModel();
  let composerCalls = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', async () => {
      try {
        const { messages, model } = JSON.parse(body) as { messages: ChatMessage[]; model: string };
        const system = messages.find((message) => message.role === 'system')?.content ?? '';
        const user = messages.find((message) => message.role === 'user')?.content ?? '';
        let text: string;
        if (system === COMPOSER_SYSTEM_PROMPT && composer) {
          composerCalls += 1;
          text = composer(composerCalls);
        } else {
          const result = await fake.doGenerate({
            prompt: [
              { role: 'system', content: system },
              { role: 'user', content: [{ type: 'text', text: user }] },
            ],
          });
          text = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: 'chatcmpl-test',
            object: 'chat.completion',
            created: 0,
            model,
            choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
          }),
        );
      } catch (error) {
        response
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: String(error), type: 'server_error' } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
