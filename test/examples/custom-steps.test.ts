import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, expect, it } from 'vitest';
import { startExample, stopAllExamples } from './example-process.js';

const directory = mkdtempSync(join(tmpdir(), 'scribe-custom-steps-example-'));
afterAll(async () => {
  await stopAllExamples();
  rmSync(directory, { recursive: true, force: true });
});

it('runs its own steps with progress, a typed word count and a warning, and saves the email it prints', async () => {
  const databasePath = join(directory, 'emails.db');
  const exit = await startExample('examples/custom-steps.ts', { env: { SCRIBE_DB: databasePath } }).exited;
  expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null });

  const lines = exit.stdout.split('\n');
  // The parallel group's two steps both start before count_words, which runs last.
  const started = lines.filter((line) => line.endsWith(': started'));
  expect(started.slice(0, 2).sort()).toEqual(['[1/3] find_topics: started', '[2/3] greeting: started']);
  expect(started[2]).toBe('[3/3] count_words: started');
  expect(lines).toContain('[3/3] count_words: completed');

  const saved =
    /saved email ([0-9a-f-]{36}) \((\d+) words\):\n\n([\s\S]+?)\n\nwarning from count_words: only (\d+) words/.exec(
      exit.stdout,
    );
  expect(saved, exit.stdout).not.toBeNull();
  const [, emailId = '', wordCount = '', email = '', warnedCount = ''] = saved ?? [];
  expect(Number(wordCount)).toBe(email.split(/\s+/).length);
  expect(warnedCount).toBe(wordCount);

  const database = new DatabaseSync(databasePath, { readOnly: true });
  try {
    const row = database.prepare('SELECT email FROM scribe_emails WHERE id = ?').get(emailId) as
      | { email: string }
      | undefined;
    expect(row?.email).toBe(email);
  } finally {
    database.close();
  }
});
