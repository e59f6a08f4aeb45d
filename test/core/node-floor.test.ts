import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors/configuration-error.js';
import { assertSupportedNode, isSupportedNode, NODE_FLOOR } from '../../src/core/node-floor.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
};

function filesUnder(directory: string, extensions: readonly string[]): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    // docs/api is generated (`npm run docs`) and quotes the changelog's history.
    if (name === 'api' && directory.endsWith('docs')) return [];
    if (statSync(path).isDirectory()) return filesUnder(path, extensions);
    return extensions.some((extension) => name.endsWith(extension)) ? [path] : [];
  });
}

describe('the Node floor has one source: package.json engines.node', () => {
  it('NODE_FLOOR is engines.node', () => {
    expect(packageJson.engines.node).toBe(`>=${NODE_FLOOR}`);
  });

  it('every "Node >= x" in the README, docs, sources and scripts names the same floor', () => {
    const files = [
      join(root, 'README.md'),
      ...filesUnder(join(root, 'docs'), ['.md']),
      ...filesUnder(join(root, 'src'), ['.ts']),
      ...filesUnder(join(root, 'scripts'), ['.sh', '.mjs']),
    ];
    const mentions = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/Node(?:\.js)?\*{0,2} >= (\d+\.\d+(?:\.\d+)?)/g)].map(
        (match) => `${file.slice(root.length)}: ${match[1]}`,
      ),
    );
    expect(mentions.length).toBeGreaterThan(3);
    expect(mentions.filter((mention) => !mention.endsWith(`: ${NODE_FLOOR}`))).toEqual([]);
  });

  it('scripts/ensure-node.sh reads the floor from package.json', async () => {
    const { stdout } = await run(
      'bash',
      ['-c', 'source scripts/ensure-node.sh && echo "$scribe_node_floor"'],
      {
        cwd: root,
      },
    );
    expect(stdout.trim()).toBe(NODE_FLOOR);
  });
});

describe('isSupportedNode / assertSupportedNode', () => {
  it('compares each part as a number', () => {
    const [major = 0, minor = 0, patch = 0] = NODE_FLOOR.split('.').map(Number);
    expect(isSupportedNode(NODE_FLOOR)).toBe(true);
    expect(isSupportedNode(`v${NODE_FLOOR}`)).toBe(true);
    expect(isSupportedNode(`${major}.${minor}.${patch + 1}`)).toBe(true);
    expect(isSupportedNode(`${major}.${minor + 1}.0`)).toBe(true);
    expect(isSupportedNode(`${major + 1}.0.0`)).toBe(true);
    expect(isSupportedNode(`${major}.${minor - 1}.99`)).toBe(false);
    expect(isSupportedNode(`${major - 1}.99.99`)).toBe(false);
    expect(isSupportedNode('22.13.0')).toBe(false);
    expect(isSupportedNode('22.18.1')).toBe(false);
  });

  it('throws a ConfigurationError naming the Node running and the one needed', () => {
    expect(() => assertSupportedNode(NODE_FLOOR)).not.toThrow();
    let thrown: unknown;
    try {
      assertSupportedNode('22.13.0');
    } catch (error) {
      thrown = error;
    }
    expect(ConfigurationError.isInstance(thrown)).toBe(true);
    const error = thrown as ConfigurationError;
    expect(error.code).toBe('CONFIGURATION');
    expect(error.retryable).toBe(false);
    expect(error.option).toBe('node');
    expect(error.message).toContain('v22.13.0');
    expect(error.message).toContain(`>= ${NODE_FLOOR}`);
  });
});
