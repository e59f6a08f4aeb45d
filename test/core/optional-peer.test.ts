import { expect, it } from 'vitest';
import { importOptionalPeer } from '../../src/core/optional-peer.js';
import { ConfigurationError } from '../../src/index.js';

const notFound = (name: string) =>
  Object.assign(
    new Error(`Cannot find package '${name}' imported from /app/node_modules/scribe-pipeline/dist/x.js`),
    {
      code: 'ERR_MODULE_NOT_FOUND',
    },
  );

it('turns a missing optional peer into a ConfigurationError naming it and how to install it', async () => {
  const failure = await importOptionalPeer(() => Promise.reject(notFound('pg')), {
    name: 'pg',
    entry: 'scribe-pipeline/postgres',
  }).catch((error: unknown) => error);
  expect(ConfigurationError.isInstance(failure)).toBe(true);
  expect((failure as Error).message).toBe(
    'scribe-pipeline/postgres: `pg` is an optional peer dependency that is not installed: npm install pg',
  );
});

it('lets any other failure through as it is, a missing module of the peer’s own included', async () => {
  const other = notFound('pg-types');
  await expect(importOptionalPeer(() => Promise.reject(other), { name: 'pg', entry: 'x' })).rejects.toBe(
    other,
  );
  const broken = new TypeError('boom');
  await expect(importOptionalPeer(() => Promise.reject(broken), { name: 'pg', entry: 'x' })).rejects.toBe(
    broken,
  );
  await expect(importOptionalPeer(async () => 42, { name: 'pg', entry: 'x' })).resolves.toBe(42);
});
