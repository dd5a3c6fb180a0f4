import { connect } from 'node:net';
import { Agent, createServer, request, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type RunningServer } from '../scripts/spawn-server.ts';
import { trackRequests } from '../src/node/shutdown.ts';

// Node's own HTTP layer, through real sockets: what it refuses before the app
// sees a request, HEAD, and shutdown with keep-alive connections.

const ID = 'trust-is-the-key-skill';

/** A raw HTTP/1.1 response, read until the server closes the connection. */
interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes `bytes` to the server as they are and reads its answer until it closes the connection. */
function rawRequest(base: string, bytes: string): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = received.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: Buffer.from(rest.join('\r\n\r\n'), 'latin1').toString('utf8') });
    });
  });
}

/** A request through node:http (which keeps what fetch hides, such as Connection), body read whole. */
function get(url: string, options: { method?: string; agent?: Agent } = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; bytes: number }>((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', agent: options.agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe("errors Node's HTTP parser answers, in the app's JSON error shape", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await spawnServer({ HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  });

  it.each([
    ['a bad request line', 400, 'bad_request', 'NOT AN HTTP REQUEST\r\n\r\n', 'The request is not valid HTTP/1.1 (HPE_INVALID_METHOD).'],
    [
      'header fields larger than 16 KiB',
      431,
      'header_fields_too_large',
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      "The request's header fields are larger than the 16384 bytes allowed.",
    ],
    [
      'a chunk extension larger than 16 KiB',
      413,
      'content_too_large',
      `POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;${'a'.repeat(20_000)}\r\n`,
      'The chunk extensions of the request body are larger than allowed.',
    ],
    [
      'headers that never finish (HEADERS_TIMEOUT_MS=300)',
      408,
      'request_timeout',
      'GET /healthz HTTP/1.1\r\nHost: x\r\n',
      'The request did not arrive in time: headers are allowed 300 ms, the whole request 1000 ms.',
    ],
  ])('answers %s with %d %s and closes the connection', async (_, status, code, bytes, message) => {
    const res = await rawRequest(server.url, bytes);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers.connection).toBe('close');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    expect(JSON.parse(res.body)).toEqual({ error: { code, message } });
  });

  it('answers another method on a route with 405 and Allow', async () => {
    const res = await rawRequest(server.url, 'DELETE /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(JSON.parse(res.body).error.code).toBe('method_not_allowed');
  });

  it('sends an absolute-form target’s host back only privately, with Vary: Host', async () => {
    const res = await rawRequest(
      server.url,
      `GET http://evil.example/api/quotes/${ID} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    expect(res.status).toBe(200);
    expect([res.headers['cache-control'], res.headers.vary]).toEqual(['private', 'Host']);
    expect(JSON.parse(res.body).card).toMatch(
      new RegExp(`^http://evil\\.example/cards/${ID}/classic\\.og\\.zh-Hant\\.light\\.[0-9a-f]{12}\\.png$`),
    );
  });

  it('answers HEAD on a card with its headers, and Content-Length once it has drawn the card', async () => {
    const url = `${server.url}/cards/${ID}.png?theme=dark&size=square`;
    const before = await get(url, { method: 'HEAD' });
    expect([before.status, before.headers['content-type'], before.bytes]).toEqual([200, 'image/png', 0]);
    expect(before.headers['content-length']).toBeUndefined();
    const drawn = await get(url);
    expect(drawn.bytes).toBeGreaterThan(1000);
    const after = await get(url, { method: 'HEAD' });
    expect([after.status, after.headers['content-length'], after.headers.etag, after.bytes]).toEqual([
      200,
      String(drawn.bytes),
      drawn.headers.etag,
      0,
    ]);
  });
});

describe('graceful shutdown (trackRequests)', () => {
  /** A node:http server whose handler answers only when the test releases it. */
  async function holdingServer() {
    const held: ServerResponse[] = [];
    const server = createServer((_request, response) => void held.push(response));
    const graceful = trackRequests(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const arrived = async (count: number) => {
      while (held.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    return { server, graceful, held, url, arrived };
  }

  it('sends Connection: close on a response in flight when shutdown starts, then closes with nothing cut', async () => {
    const { graceful, held, url, arrived } = await holdingServer();
    const agent = new Agent({ keepAlive: true });
    const before = get(url, { agent });
    await arrived(1);
    held[0]!.end('first');
    expect((await before).headers.connection).toBe('keep-alive');
    const during = get(url, { agent });
    await arrived(2);
    const closed = graceful.close(5_000);
    held[1]!.end('second');
    const answered = await during;
    expect([answered.status, answered.headers.connection, answered.bytes]).toEqual([200, 'close', 6]);
    expect(await closed).toBe(0);
    agent.destroy();
  });

  it('adds no listener per request to a keep-alive connection', async () => {
    const { held, url, arrived } = await holdingServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const listeners: number[] = [];
    for (let n = 1; n <= 30; n++) {
      const answer = get(url, { agent });
      await arrived(n);
      const socket = held[n - 1]!.socket!;
      held[n - 1]!.end('ok');
      await answer;
      sockets.add(socket);
      listeners.push(socket.listenerCount('close'));
    }
    // Thirty requests on one connection, each leaving it as the first did.
    expect(sockets.size).toBe(1);
    expect(listeners).toEqual(listeners.map(() => listeners[0]));
    agent.destroy();
  });

  it('cuts what is still running after the timeout and counts it', async () => {
    const { graceful, url, arrived } = await holdingServer();
    const hung = get(url).catch((error: NodeJS.ErrnoException) => error.code);
    await arrived(1);
    expect(await graceful.close(100)).toBe(1);
    expect(await hung).toBe('ECONNRESET');
  });
});
