import { afterAll, expect, it } from 'vitest';
import { MIN_EMAIL_WORDS } from '../../src/index.js';
import { startExample, stopAllExamples, waitForNoMarkedProcesses } from './example-process.js';

afterAll(stopAllExamples);

// The README's quickstart (test/readme.test.ts keeps the two identical) must run as it is, offline.
it('runs the whole default pipeline offline: every step in order, then an email from real pages and papers', async () => {
  const example = startExample('examples/quickstart.ts', { env: { OPENAI_API_KEY: undefined } });
  const exit = await example.exited;
  expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null });

  const progress = exit.stdout
    .split('\n')
    .filter((line) => /^\w+: (started|completed|failed|skipped)$/.test(line));
  const completed = progress.filter((line) => line.endsWith(': completed')).map((line) => line.split(':')[0]);
  expect(completed).toHaveLength(5);
  expect(completed[0]).toBe('template_parser');
  expect(new Set(completed.slice(1, 3))).toEqual(new Set(['web_scraper', 'arxiv_helper']));
  // The join: decides among the paper sources' candidates once the pages are read.
  expect(completed[3]).toBe('paper_selection');
  expect(completed[4]).toBe('email_composer');

  const printed = /\nemail [0-9a-f-]{36}:\n\n([\s\S]+)\n\npages: (\d+), papers: (\d+), warnings: (\d+)/.exec(
    exit.stdout,
  );
  expect(printed, exit.stdout).not.toBeNull();
  const [, email = '', pages = '0', papers = '0'] = printed ?? [];
  expect(email.split(/\s+/).length).toBeGreaterThanOrEqual(MIN_EMAIL_WORDS);
  expect(Number(pages)).toBeGreaterThan(0);
  expect(Number(papers)).toBeGreaterThan(0);

  expect(await waitForNoMarkedProcesses(example.marker)).toEqual([]);
});
