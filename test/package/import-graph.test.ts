import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every file's relative imports (type-only ones included), as paths under src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => relative(SRC, resolve(dirname(file), name.replace(/\.js$/, '.ts'))));
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

// docs/architecture.md: text -> core -> { llm, persistence, cache, search, web, papers } -> steps
// -> { queue, cli }; testing may use everything below the CLI.
const LEVEL: Record<string, number> = {
  text: 0,
  'version.ts': 0,
  core: 1,
  llm: 2,
  persistence: 2,
  cache: 2,
  search: 2,
  web: 2,
  papers: 2,
  steps: 3,
  'index.ts': 4,
  testing: 5,
  queue: 5,
  cli: 6,
};
const levelOf = (path: string) => LEVEL[path.split('/')[0] as string];

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('knows the level of every file', () => {
    expect([...graph.keys()].filter((file) => levelOf(file) === undefined)).toEqual([]);
  });

  it('never imports upward (a level may use its own and those below it)', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) => (levelOf(target) ?? 0) > (levelOf(file) ?? 0))
        .map((target) => `${file} -> ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no import circles, type-only ones included', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].join(' > '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });
});
