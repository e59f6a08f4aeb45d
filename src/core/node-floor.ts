import { ConfigurationError } from './errors/configuration-error.js';

/**
 * The oldest Node.js this package runs on. It is `engines.node` in package.json (a test keeps the
 * two, the docs, the CLI and `scripts/ensure-node.sh` in step). The floor is the highest of every
 * dependency's own: undici needs 22.19.0 (it decodes `zstd` bodies with `zlib`'s zstd streams,
 * added in 22.19), above node:sqlite's 22.13 and the AI SDK's 22.
 */
export const NODE_FLOOR = '22.19.0';

function parts(version: string): number[] {
  return version
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
}

/** Whether `version` (e.g. `process.versions.node`) is at or above {@link NODE_FLOOR}. */
export function isSupportedNode(version: string): boolean {
  const have = parts(version);
  const need = parts(NODE_FLOOR);
  for (let index = 0; index < need.length; index++) {
    const difference = (have[index] ?? 0) - (need[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

/**
 * Throws a `ConfigurationError` when this process runs a Node older than {@link NODE_FLOOR}, so a
 * host finds out before the first step instead of from a missing built-in halfway through a run.
 */
export function assertSupportedNode(version: string = process.versions.node): void {
  if (isSupportedNode(version)) return;
  throw new ConfigurationError({
    component: 'scribe-pipeline',
    option: 'node',
    message: `is v${version.replace(/^v/, '')}; this package needs Node.js >= ${NODE_FLOOR} (undici, its HTTP client, needs zlib's zstd streams). Upgrade Node.`,
  });
}
