import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Real databases, servers and browsers take longer than vitest's 5 s default on a busy 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
