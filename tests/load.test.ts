import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { drive, mixedWorkload, uncachedWorkload } from '../scripts/load.ts';
import { spawnServer } from '../scripts/spawn-server.ts';
import { TEMPLATE_NAMES } from '../templates/index.ts';

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

  it('on SIGTERM answers every request it has read, refusing queued renders with 503 and Connection: close, and exits 0', async () => {
    const server = await spawnServer({ CARD_CACHE_MB: '0', RENDER_CONCURRENCY: '1' });
    let output = '';
    server.child.stdout!.on('data', (chunk) => (output += chunk));
    const agent = new Agent({ keepAlive: true });
    // Enough distinct cards that some still wait when the signal arrives.
    const cards = ['og', 'square', 'story'].flatMap((size) =>
      TEMPLATE_NAMES.slice(0, 2).flatMap((template) =>
        ['light', 'dark'].map((theme) => `${server.url}/cards/trust-is-the-key-skill.png?size=${size}&template=${template}&theme=${theme}`),
      ),
    );
    const requests = cards.map((url) => keepAliveGet(url, agent));
    // Every request in the server's hands first: a connection still in the
    // listen backlog when the server stops accepting is reset by the kernel.
    await Promise.all(requests.map(({ read }) => read));
    const exited = server.stop();
    const finished = await Promise.all(requests.map(({ response }) => response));
    // Every request is answered, none reset: cards drawn before the server saw
    // the signal, the render then in flight, and the queued ones refused.
    // (How many of each depends on when the signal is seen, which is between
    // renders; tests/limits.test.ts and tests/server.test.ts check the
    // refusal and Connection: close exactly.)
    for (const res of finished) {
      if (res.status === 200) expect(res.bytes).toBeGreaterThan(1000);
      else
        expect([res.status, res.retryAfter, res.connection, JSON.parse(res.body).error.code]).toEqual([503, '1', 'close', 'shutting_down']);
    }
    console.log(
      `shutdown: ${finished.filter((res) => res.status === 200).length} × 200, ${finished.filter((res) => res.status === 503).length} × 503`,
    );
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: finishing requests in flight, then exiting.');
    agent.destroy();
  });
});

/** A GET on a keep-alive agent, with what fetch hides (Connection); `read` once the server has read the request. */
function keepAliveGet(url: string, agent: Agent) {
  let req!: ReturnType<typeof request>;
  const response = new Promise<{ status: number; connection?: string; retryAfter?: string; bytes: number; body: string }>(
    (resolve, reject) => {
      req = request(url, { agent, headers: { Expect: '100-continue' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode!,
            connection: res.headers.connection,
            retryAfter: res.headers['retry-after'],
            bytes: body.length,
            body: body.toString('utf8'),
          });
        });
      });
      req.on('error', reject);
      req.end();
    },
  );
  // The server answers `Expect: 100-continue` once it has read the request.
  const read = new Promise<void>((resolve) => req.once('continue', resolve));
  return { response, read };
}

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
