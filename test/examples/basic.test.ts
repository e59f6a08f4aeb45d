import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, expect, it } from 'vitest';
import { MIN_EMAIL_WORDS } from '../../src/index.js';
import { startExample, stopAllExamples, waitForNoMarkedProcesses } from './example-process.js';

const directory = mkdtempSync(join(tmpdir(), 'scribe-basic-example-'));
afterAll(async () => {
  await stopAllExamples();
  rmSync(directory, { recursive: true, force: true });
});

function savedEmail(databasePath: string, id: string): string | undefined {
  const database = new DatabaseSync(databasePath, { readOnly: true });
  try {
    const row = database.prepare('SELECT email FROM scribe_emails WHERE id = ?').get(id) as
      | { email: string }
      | undefined;
    return row?.email;
  } finally {
    database.close();
  }
}

it('runs offline without OPENAI_API_KEY, prints the email it saved, exits 0 and leaves no Chromium behind', async () => {
  const databasePath = join(directory, 'offline.db');
  const example = startExample('examples/basic.ts', {
    env: { OPENAI_API_KEY: undefined, SCRIBE_DB: databasePath },
  });
  const exit = await example.exited;
  expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null });
  expect(exit.stdout).toContain('No OPENAI_API_KEY: offline, with the fake model and a local world.');

  // The world's lab page needs JavaScript, so a Chromium really ran: the check below means something.
  const research = /read (\d+) pages \((\d+) in Chromium\), found (\d+) papers/.exec(exit.stdout);
  expect(research, exit.stdout).not.toBeNull();
  expect(Number(research?.[2])).toBeGreaterThanOrEqual(1);

  const printed = /found \d+ papers\n\n([\s\S]+)\n\nsaved as ([0-9a-f-]{36})/.exec(exit.stdout);
  expect(printed, exit.stdout).not.toBeNull();
  const [, email = '', emailId = ''] = printed ?? [];
  expect(email.split(/\s+/).length).toBeGreaterThanOrEqual(MIN_EMAIL_WORDS);
  expect(savedEmail(databasePath, emailId)).toBe(email);
  // Under it, each claim with the source it was checked against.
  expect(exit.stdout).toMatch(/saved as [0-9a-f-]{36}\n- .+\n {2}(http|https):\/\/\S+/);

  expect(await waitForNoMarkedProcesses(example.marker)).toEqual([]);
});

it('with OPENAI_API_KEY but no BRAVE_API_KEY, fails at start naming the missing key, before any request', async () => {
  const example = startExample('examples/basic.ts', {
    env: {
      OPENAI_API_KEY: 'sk-not-a-real-key',
      BRAVE_API_KEY: undefined,
      SCRIBE_DB: join(directory, 'online.db'),
    },
  });
  const exit = await example.exited;
  expect(exit.code).not.toBe(0);
  expect(exit.stdout).toContain('OpenAI and Brave Search.');
  expect(exit.stderr).toContain('brave search: `apiKey` must be a non-empty string');
  expect(await waitForNoMarkedProcesses(example.marker)).toEqual([]);
});
