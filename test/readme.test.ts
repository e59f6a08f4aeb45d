import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

// The README's quickstart must be the type-checked example, so it cannot rot.
it('README quickstart is examples/quickstart.ts, which the type check covers', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const quickstart = /## Quickstart\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(quickstart).toBe(readFileSync(new URL('../examples/quickstart.ts', import.meta.url), 'utf8'));
});
