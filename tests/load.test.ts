import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { drive, mixedWorkload, uncachedWorkload } from '../scripts/load.ts';
import { spawnServer } from '../scripts/spawn-server.ts';

// The short form of `npm run load`, against real servers on 127.0.0.1:
// a few seconds each, so it stays cheap in CI. Figures go to the log only.

describe('the Node server under load', () => {
  it('answers a mixed workload with exactly the planned statuses', async () => {
    const server = await spawnServer();
    try {
      const result = await drive(server.url, mixedWorkload(), { seconds: 5, connections: 8 });
      console.log(
        `mixed: ${result.requests} requests, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, statuses ${JSON.stringify(result.statuses)}`,
      );
      expect(result.requests).toBeGreaterThan(20);
      expect(result.unexpected).toBe(0);
      expect(result.statuses['200']).toBeGreaterThan(0);
      // What Node cannot make a URL of still gets the JSON error shape.
      for (const [path, host] of [
        ['/healthz', 'evil.example/"><script>'],
        ['/q\\x', new URL(server.url).host],
      ] as const) {
        const { status, type, body } = await rawGet(server.url, path, host);
        expect([status, type]).toEqual([400, 'application/json']);
        expect(JSON.parse(body).error.code).toBe('bad_request');
        expect(body).not.toContain('<script>');
      }
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('refuses what it cannot queue with 503 overloaded and Retry-After, and nothing else fails', async () => {
    const server = await spawnServer({ CARD_CACHE_MB: '0', RENDER_CONCURRENCY: '1', RENDER_QUEUE: '2' });
    try {
      const result = await drive(server.url, uncachedWorkload(), { seconds: 4, connections: 24, allow503: true });
      console.log(`overload: ${result.requests} requests, statuses ${JSON.stringify(result.statuses)}`);
      expect(result.overloaded).toBeGreaterThan(0);
      expect(result.statuses['200']).toBeGreaterThan(0);
      expect(result.unexpected).toBe(0);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('finishes requests in flight on SIGTERM, refuses new ones, and exits 0', async () => {
    const server = await spawnServer({ CARD_CACHE_MB: '0', RENDER_CONCURRENCY: '1' });
    let output = '';
    server.child.stdout!.on('data', (chunk) => (output += chunk));
    const cards = ['og', 'square', 'story'].flatMap((size) =>
      ['classic', 'minimal'].map((template) => `${server.url}/cards/trust-is-the-key-skill.png?size=${size}&template=${template}`),
    );
    const responses = cards.map((url) =>
      fetch(url).then(async (res) => ({ status: res.status, bytes: (await res.arrayBuffer()).byteLength })),
    );
    // Once one card is out, the others are in flight or queued behind it.
    await Promise.race(responses);
    const exited = server.stop();
    const finished = await Promise.all(responses);
    expect(finished.map((r) => r.status)).toEqual(cards.map(() => 200));
    expect(finished.every((r) => r.bytes > 1000)).toBe(true);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: finishing requests in flight, then exiting.');
  });
});

/** A GET with a Host header and path as given, which fetch would not send. */
function rawGet(base: string, path: string, host: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers: { Host: host } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'] ?? '', body }));
    });
    req.on('error', reject);
    req.end();
  });
}
