import { afterAll, expect, it } from 'vitest';
import { startExample, stopAllExamples, waitForNoMarkedProcesses } from './example-process.js';

afterAll(stopAllExamples);

it('reads the JavaScript lab page through scribe-pipeline/web in Chromium, uses its text, and leaves no browser behind', async () => {
  const example = startExample('examples/read-lab-page.ts');
  const exit = await example.exited;
  expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null });
  expect(exit.stdout).toMatch(
    /^read http:\/\/127\.0\.0\.1:\d+\/lab with browser: "Research Lab \| Northbridge University", \d+ characters$/m,
  );
  // The text only exists once the page's script has run: Chromium really rendered it.
  expect(exit.stdout).toContain(
    'The Lovelace Lab at Northbridge University studies how machines can manipulate symbols',
  );
  expect(exit.stdout).not.toContain('warning from');
  expect(await waitForNoMarkedProcesses(example.marker)).toEqual([]);
});
