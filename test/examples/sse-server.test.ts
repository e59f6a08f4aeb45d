import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_EMAIL_WORDS } from '../../src/index.js';
import { waitForNoChromiumProcesses } from '../helpers/chromium-processes.js';
import {
  type ExampleProcess,
  startExample,
  stopAllExamples,
  waitForNoMarkedProcesses,
} from './example-process.js';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let server: ExampleProcess;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  server = startExample('examples/sse-server/server.ts', { env: { PORT: '0', OPENAI_API_KEY: undefined } });
  baseUrl = (await server.waitForOutput(/listening on (http:\/\/\S+)/))[1] ?? '';
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
  await stopAllExamples();
});

/** One SSE frame as the server wrote it. */
interface Frame {
  event: string;
  data: Record<string, unknown>;
}

function parseFrames(text: string): Frame[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => ({
      event: /^event: (.*)$/m.exec(frame)?.[1] ?? '',
      data: JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? 'null'),
    }));
}

/**
 * Records, in order, every status change of a step's list item (as `<step> was <old status>`) and
 * the moment the email appears. Mutation records carry the old value, so no change is missed even
 * when several arrive in one batch. Runs in the page (a string: these tests compile without DOM types).
 */
const RECORD_PAGE = `
  window.pageLog = [];
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      const target = mutation.target;
      if (mutation.type === 'attributes' && target.matches('#steps li')) {
        window.pageLog.push(target.dataset.step + ' was ' + mutation.oldValue);
      } else if (mutation.type === 'childList' && target.id === 'email' && target.textContent !== '') {
        window.pageLog.push('email shown');
      }
    }
  }).observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'], attributeOldValue: true,
  });
`;

async function stepItems(page: Page): Promise<string[]> {
  const items: string[] = [];
  for (const item of await page.locator('#steps li').all()) {
    items.push(`${await item.getAttribute('data-step')} ${await item.getAttribute('data-status')}`);
  }
  return items;
}

describe('the SSE example in a real browser', () => {
  it('shows each step going from started to completed while the run goes on, then the email', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(baseUrl);
      // The form is filled from /defaults: the fixture world's recipient.
      await expect.poll(() => page.inputValue('#recipientName')).not.toBe('');
      const recipientName = await page.inputValue('#recipientName');
      await page.evaluate(RECORD_PAGE);

      await page.getByRole('button', { name: 'Generate' }).click();
      await page.locator('#email').filter({ hasText: /\S/ }).waitFor({ timeout: 60_000 });

      const email = await page.locator('#email').textContent();
      expect(email?.split(/\s+/).length).toBeGreaterThanOrEqual(MIN_EMAIL_WORDS);
      expect(email).toContain(recipientName.split(' ').at(-1));
      expect(await page.locator('#saved').textContent()).toMatch(/^Saved as [0-9a-f-]{36}/);
      expect(await page.locator('#error').textContent()).toBe('');

      // Every step was shown as started, then changed, all before the email appeared.
      const log = (await page.evaluate('window.pageLog')) as string[];
      const emailAt = log.indexOf('email shown');
      for (const step of [
        'template_parser',
        'web_scraper',
        'arxiv_helper',
        'paper_selection',
        'email_composer',
      ]) {
        const changedAt = log.indexOf(`${step} was started`);
        expect(changedAt, `${step} in ${JSON.stringify(log)}`).toBeGreaterThanOrEqual(0);
        expect(changedAt).toBeLessThan(emailAt);
      }
      // The list holds one item per step, in the order they started, each ending completed.
      const items = await stepItems(page);
      expect(items[0]).toBe('template_parser completed');
      expect(items.slice(1, 3).sort()).toEqual(['arxiv_helper completed', 'web_scraper completed']);
      expect(items[3]).toBe('paper_selection completed');
      expect(items[4]).toBe('email_composer completed');
      expect(items).toHaveLength(5);
    } finally {
      await page.close();
    }
  });

  it('shows every invalid field the server reports as an error event', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(baseUrl);
      await expect.poll(() => page.inputValue('#recipientName')).not.toBe('');
      await page.fill('#recipientName', 'X');
      await page.fill('#emailTemplate', 'too short');
      await page.getByRole('button', { name: 'Generate' }).click();
      const error = page.locator('#error');
      await error.filter({ hasText: /\S/ }).waitFor();
      const text = await error.textContent();
      expect(text).toMatch(/^INPUT_VALIDATION: /);
      expect(text).toContain('- recipientName: ');
      expect(text).toContain('- emailTemplate: ');
      expect(await page.locator('#email').textContent()).toBe('');
      expect(await page.locator('#steps li').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});

describe('the SSE stream itself', () => {
  it('sends progress events, then one done event with the saved email', async () => {
    const response = await fetch(`${baseUrl}/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await (await fetch(`${baseUrl}/defaults`)).json()),
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const frames = parseFrames(await response.text());
    const last = frames.at(-1);
    expect(last?.event).toBe('done');
    expect(frames.slice(0, -1).every((frame) => frame.event === 'progress')).toBe(true);
    expect(frames.filter((frame) => frame.data.status === 'completed')).toHaveLength(5);
    expect(String(last?.data.email).split(/\s+/).length).toBeGreaterThanOrEqual(MIN_EMAIL_WORDS);
    await server.waitForOutput(new RegExp(`saved email ${String(last?.data.emailId)}`));
  });

  it('aborts the run when the client closes the stream, and saves nothing', async () => {
    const controller = new AbortController();
    const response = await fetch(`${baseUrl}/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await (await fetch(`${baseUrl}/defaults`)).json()),
      signal: controller.signal,
    });
    // Wait for the first event, so the run is under way, then go away.
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader?.read();
    expect(first?.value).toMatch(/^event: progress\n/);
    controller.abort();
    const [, taskId] = (await server.waitForOutput(/task (\S+): aborted, the client went away/)) ?? [];
    expect(server.stdout()).not.toContain(`task ${taskId}: saved email`);
  });

  it('answers 400 to a body that is not JSON, before any stream', async () => {
    const response = await fetch(`${baseUrl}/generate`, { method: 'POST', body: '{not json' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/plain');
  });
});

describe('shutdown', () => {
  it('ends on SIGTERM with code 0, its Chromium and the test browser gone', async () => {
    await browser.close();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null });
    expect(await waitForNoMarkedProcesses(server.marker)).toEqual([]);
    expect(await waitForNoChromiumProcesses()).toEqual([]);
  });
});
