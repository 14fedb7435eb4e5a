// Test runner configuration. Integration tests start real worker threads and sharp
// decodes, so files run in forked processes and get generous per-test time limits.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/fixtures/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
