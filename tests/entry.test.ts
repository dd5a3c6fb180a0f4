import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnServer } from '../scripts/spawn-server.ts';

const TRACE = fileURLToPath(new URL('./fixtures/trace-threads.cjs', import.meta.url));

// The server's three entries (src/node/main.ts): each starts its render threads before importing the rest of the server.
const ENTRY_POINTS = {
  'quote-cards serve': ['bin/quote-cards.js', 'serve'],
  'npm start (scripts/start.mjs)': ['scripts/start.mjs'],
  'npm run dev (src/node/main.ts)': ['--import', 'tsx', 'src/node/main.ts'],
};

describe.each(Object.entries(ENTRY_POINTS))('%s', (_, args) => {
  it('starts its render thread before the server loads, then listens once', async () => {
    const server = await spawnServer({ NODE_OPTIONS: `--require ${TRACE}`, RENDER_THREADS: '1' }, args);
    const untilListening = server.stdout();
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect(await server.stop()).toBe(0);
    // The only worker thread before listening is the render thread, and it started before node:http was loaded.
    expect(untilListening.split('\n').filter((line) => line.startsWith('worker thread'))).toEqual([
      'worker thread starting; node:http loaded: false',
    ]);
    expect(untilListening.indexOf('worker thread starting')).toBeLessThan(untilListening.indexOf('Serving'));
    expect(server.stdout().match(/^Serving \d+ quotes on /gm)).toHaveLength(1);
  });
});
