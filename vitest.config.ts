import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// The Worker's module aliases (wrangler.toml, [alias]), so that its tests run the modules it deploys.
const [, aliasSection = ''] = readFileSync(new URL('wrangler.toml', import.meta.url), 'utf8').split(/^\[alias\]$/m);
const workerAliases = Object.fromEntries(
  [...aliasSection.split(/^\[/m)[0]!.matchAll(/^"([^"]+)" = "([^"]+)"$/gm)].map(([, from, to]) => [
    from!,
    new URL(to!, import.meta.url).pathname,
  ]),
);

// Two projects, one `npm test`: the Node suite, and the Worker suite inside
// workerd (the real Workers runtime, via Miniflare). The root must stay the
// folder that holds node_modules, or the Worker's .wasm imports fail to resolve.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Servers the tests start render on one thread: test files already run side by side on every core.
    env: { RENDER_THREADS: '1' },
    projects: [
      {
        extends: true,
        // Browser tests need Chromium: `npm run test:browser`.
        test: { name: 'node', include: ['tests/**/*.test.ts'], exclude: ['tests/worker/**', 'tests/browser/**'] },
      },
      {
        extends: true,
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        resolve: { alias: workerAliases },
        test: {
          name: 'workers',
          isolate: false,
          include: ['tests/worker/**/*.test.ts'],
          globalSetup: ['tests/worker/node-reference.ts'],
          setupFiles: ['tests/worker/setup.ts'],
        },
      },
    ],
  },
});
