/**
 * An HTTP endpoint that runs the pipeline and streams its progress with Server-Sent Events, and a
 * one-file page that shows each step live, then the email. Plain `node:http`, no framework.
 *   bash scripts/run-example.sh examples/sse-server/server.ts      then open http://127.0.0.1:3000
 * Offline by default: a local fixture world and the test kit's fake model. With OPENAI_API_KEY and
 * BRAVE_API_KEY set it uses OpenAI and Brave Search. PORT (default 3000; 0 = any free port).
 *
 * POST /generate with JSON `{ recipientName, recipientInterest, emailTemplate }` answers a stream:
 *   event: progress   data: a ProgressEvent (step, status, index, total, durationMs, ...)
 *   event: done       data: { emailId, email, isConfident, warnings }
 *   event: error      data: { code, message, issues? }
 * Closing the stream aborts the run: no more model calls are paid for, and nothing is saved.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openai } from '@ai-sdk/openai';
import {
  ArxivClient,
  defaultSteps,
  InputValidationError,
  memoryPersistence,
  parsePipelineInput,
  runPipeline,
  ScribeError,
} from 'scribe-pipeline';
import { braveSearch, searxngSearch } from 'scribe-pipeline/search';
import { createFakeModel, startFixtureWorld } from 'scribe-pipeline/testing';

const online = Boolean(process.env.OPENAI_API_KEY);
const world = online ? undefined : await startFixtureWorld();
// Steps hold no per-run state: one list (and one browser) serves every request, also concurrent ones.
const steps = world
  ? defaultSteps({
      model: createFakeModel(),
      search: searxngSearch({ baseUrl: world.searchUrl }),
      scraper: { allow: [world.origin] }, // the world is on loopback, which the scraper refuses by default
      arxiv: { client: new ArxivClient({ baseUrl: world.arxivUrl, minRequestIntervalMs: 0 }) },
    })
  : defaultSteps({
      model: openai('gpt-4o-mini'),
      models: { composer: openai('gpt-4o') },
      search: braveSearch({ apiKey: process.env.BRAVE_API_KEY ?? '' }),
    });
const persistence = memoryPersistence(); // use sqlitePersistence or postgresPersistence to keep them
const page = await readFile(new URL('./index.html', import.meta.url));
// What the page's form starts with.
const defaults = {
  recipientName: world?.recipient.name ?? 'Geoffrey Hinton',
  recipientInterest: world?.recipient.interest ?? 'capsule networks',
  emailTemplate:
    world?.template ??
    'Dear {{name}},\n\nI have been reading your work on {{topic}}. {{question}}\n\nBest,\nSam',
};

/** One SSE frame. JSON has no raw line breaks, so one `data:` line always holds it. */
function send(response: ServerResponse, event: 'progress' | 'done' | 'error', data: unknown): void {
  response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** What the browser may see of an error: our errors' code and message, nothing of anything else. */
function describe(error: unknown) {
  if (InputValidationError.isInstance(error))
    return { code: error.code, message: error.message, issues: error.issues };
  if (ScribeError.isInstance(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: 'something went wrong; see the server log' };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let body = '';
  for await (const chunk of request.setEncoding('utf8')) {
    body += chunk;
    if (body.length > 100_000) throw new RangeError('body too large');
  }
  return JSON.parse(body);
}

async function generate(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let fields: unknown;
  try {
    fields = await readJson(request);
  } catch {
    response
      .writeHead(400, { 'content-type': 'text/plain' })
      .end('expected a JSON object of at most 100 kB\n');
    return;
  }
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no', // nginx would otherwise hold the events back
  });
  const taskId = randomUUID();
  const controller = new AbortController();
  // The page went away before the end: stop the run.
  response.once('close', () => {
    if (!response.writableFinished) controller.abort(new Error('the client closed the stream'));
  });
  try {
    const { emailId, data, warnings } = await runPipeline({
      // Untrusted: validated here, at the boundary (InputValidationError lists every bad field).
      input: parsePipelineInput({ ...(fields as object), taskId, userId: 'sse-example' }),
      steps,
      persistence,
      signal: controller.signal,
      onProgress: (event) => send(response, 'progress', event),
    });
    send(response, 'done', { emailId, email: data.finalEmail, isConfident: data.isConfident, warnings });
    console.log(`task ${taskId}: saved email ${emailId}`);
  } catch (error) {
    if (controller.signal.aborted) console.log(`task ${taskId}: aborted, the client went away`);
    else {
      console.error(`task ${taskId}: failed:`, error);
      send(response, 'error', describe(error));
    }
  } finally {
    response.end();
  }
}

const server = createServer((request, response) => {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (request.method === 'GET' && pathname === '/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  } else if (request.method === 'GET' && pathname === '/defaults') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(defaults));
  } else if (request.method === 'POST' && pathname === '/generate') {
    void generate(request, response);
  } else {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  }
});

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(online ? 'OpenAI and Brave Search.' : 'Offline: the fake model and a local fixture world.');
  console.log(`listening on http://127.0.0.1:${port}`);
});

// Stop taking requests, cut open streams (which aborts their runs), then close what we opened.
async function shutdown(): Promise<void> {
  server.close();
  server.closeAllConnections();
  await steps.close();
  await world?.close();
}
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
