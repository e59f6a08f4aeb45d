import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

// The README's quickstart must be the type-checked example, so it cannot rot.
it('README quickstart is examples/quickstart.ts, which the type check covers', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const quickstart = /## Quickstart\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(quickstart).toBe(readFileSync(new URL('../examples/quickstart.ts', import.meta.url), 'utf8'));
});

// The packed README is read on the registry's page, where docs/ and examples/ are not shipped.
it('README links to the repository by absolute URL, so its links work from the registry page', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const relative = [...readme.matchAll(/\]\(([^)#][^)]*)\)/g)]
    .map((match) => match[1] as string)
    .filter((target) => !/^[a-z]+:/.test(target));
  expect(relative).toEqual([]);
});
