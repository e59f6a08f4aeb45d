import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeNetworkError } from '../../src/core/errors/describe-network-error.js';

/** A loopback URL nothing listens on: a server is started to get a free port, then closed. */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return `http://127.0.0.1:${port}/`;
}

const socketError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('describeNetworkError', () => {
  it('reads the reason of a real refused fetch from its cause', async () => {
    const error = await fetch(await refusedUrl()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect(describeNetworkError(error)).toBe('ECONNREFUSED');
    expect(describeNetworkError(error, { innermost: true })).toMatch(/^ECONNREFUSED: .*ECONNREFUSED/);
  });

  it('gives the first cause’s code, else its message, else the error’s own message', () => {
    const wrapped = (cause: unknown) => new TypeError('fetch failed', { cause });
    expect(describeNetworkError(wrapped(socketError('ECONNRESET', 'read ECONNRESET')))).toBe('ECONNRESET');
    expect(describeNetworkError(wrapped(new Error('other side closed')))).toBe('other side closed');
    expect(describeNetworkError(wrapped({ code: 42, message: 'numeric code' }))).toBe('numeric code');
    expect(describeNetworkError(new Error('no cause'))).toBe('no cause');
    expect(describeNetworkError('plain string')).toBe('plain string');
    expect(describeNetworkError(undefined)).toBe('undefined');
    // The default stops at the first cause, however deep the chain goes.
    const deep = wrapped(new Error('middle', { cause: socketError('EPIPE', 'write EPIPE') }));
    expect(describeNetworkError(deep)).toBe('middle');
  });

  it('with innermost, follows the chain to its end and gives code and message', () => {
    const deep = new TypeError('fetch failed', {
      cause: new Error('middle', { cause: socketError('UND_ERR_SOCKET', 'other side closed') }),
    });
    expect(describeNetworkError(deep, { innermost: true })).toBe('UND_ERR_SOCKET: other side closed');
    expect(describeNetworkError(new Error('alone'), { innermost: true })).toBe('alone');
    expect(describeNetworkError('plain string', { innermost: true })).toBe('plain string');
    // A non-Error cause ends the walk: the last Error's message stands.
    expect(describeNetworkError(new Error('outer', { cause: 'text' }), { innermost: true })).toBe('outer');
  });

  it('ends on a cause chain that loops back on itself', () => {
    const first = new Error('first');
    const second = socketError('ECONNRESET', 'second');
    first.cause = second;
    second.cause = first;
    expect(describeNetworkError(first, { innermost: true })).toBe('ECONNRESET: second');
  });
});
