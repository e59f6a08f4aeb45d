import { setTimeout as sleep } from 'node:timers/promises';
import { fetch } from 'undici';
import { expect, it } from 'vitest';
import { createGuardedAgent } from '../../../src/web/http/guarded-dispatcher.js';
import { createUrlGuard } from '../../../src/web/ssrf/ssrf-guard.js';

it('bounds the connect-time address check by connectTimeoutMs: a lookup that never answers does not hold the request', async () => {
  let lookups = 0;
  // Called twice: once by the URL check the caller would do, once at connect time. This one hangs.
  const guard = createUrlGuard({
    lookup: () => {
      lookups += 1;
      return new Promise(() => {});
    },
  });
  const agent = createGuardedAgent(guard, { connectTimeoutMs: 200 });
  try {
    // Without the bound, the request waits for good (even its own signal does not reach a pending
    // connect); 5 s is 25 times the bound, so 'still waiting' means there is none.
    const failure = await Promise.race([
      fetch('http://never-answers.test/', { dispatcher: agent }).catch((error: unknown) => error),
      sleep(5_000, 'still waiting', { ref: false }),
    ]);
    expect(failure).toBeInstanceOf(TypeError);
    expect(String((failure as Error & { cause?: Error }).cause?.message)).toBe(
      'checking the addresses of http://never-answers.test took longer than 200 ms',
    );
    expect(lookups).toBe(1);
  } finally {
    await agent.destroy();
  }
});
