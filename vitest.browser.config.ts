import { defineConfig } from 'vitest/config';

// Pages in real headless Chromium: `npm run test:browser` (needs Debian's chromium).
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
