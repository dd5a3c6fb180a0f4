import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { spawnServer } from '../scripts/spawn-server.ts';
import { ApiError } from '../src/cards/errors.ts';
import { createApp } from '../src/http/app.ts';
import { errorResponse } from '../src/http/error-response.ts';
import { readQuotesFile } from '../src/node/app.ts';
import { app, renderer } from './helpers.ts';

/** The headers every error response has, on every path (the Worker's is tested in tests/worker/errors.test.ts). */
/** The headers of an error; `decidedByUrl` false for one that depends on the method, Host or how the request was sent. */
function errorHeaders(status: number, decidedByUrl = true) {
  return {
    'content-type': 'application/json',
    'cache-control': status >= 500 || !decidedByUrl ? 'no-store' : 'public, max-age=60',
    'x-content-type-options': 'nosniff',
  };
}

const headersOf = (res: Response) => ({
  'content-type': res.headers.get('content-type'),
  'cache-control': res.headers.get('cache-control'),
  'x-content-type-options': res.headers.get('x-content-type-options'),
});

describe('errorResponse', () => {
  it('answers an ApiError with its JSON, status, headers and Retry-After', async () => {
    const res = errorResponse(new ApiError(503, 'overloaded', 'Too many.', undefined, 7));
    expect(res.status).toBe(503);
    expect(headersOf(res)).toEqual(errorHeaders(503));
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({ error: { code: 'overloaded', message: 'Too many.' } });
  });

  it('answers a 4xx as cacheable for a minute, with what is allowed', async () => {
    const res = errorResponse(new ApiError(400, 'invalid_parameter', 'Bad size.', ['og', 'square']));
    expect(res.status).toBe(400);
    expect(headersOf(res)).toEqual(errorHeaders(400));
    expect(await res.json()).toEqual({ error: { code: 'invalid_parameter', message: 'Bad size.', allowed: ['og', 'square'] } });
  });

  it('answers anything else as a 500 without its message', async () => {
    const res = errorResponse(new Error('/secret/path exploded'));
    expect(res.status).toBe(500);
    expect(headersOf(res)).toEqual(errorHeaders(500));
    const text = await res.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text).error.code).toBe('internal_error');
  });

  it.each([
    [405, 'method_not_allowed'],
    [400, 'host_not_allowed'],
    [408, 'request_timeout'],
    [413, 'content_too_large'],
    [431, 'header_fields_too_large'],
    [400, 'bad_request'],
  ] as const)('never lets a cache keep a %d %s, which depends on more than the URL', (status, code) => {
    expect(headersOf(errorResponse(new ApiError(status, code, 'No.')))).toEqual(errorHeaders(status, false));
  });

  it('lists the allowed methods of a 405 in Allow', () => {
    expect(errorResponse(new ApiError(405, 'method_not_allowed', 'No.', ['GET', 'HEAD'])).headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('the app’s errors', () => {
  it('answers an unknown route with the error headers', async () => {
    const res = await app.request('/no/such/route');
    expect(res.status).toBe(404);
    expect(headersOf(res)).toEqual(errorHeaders(404));
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('answers a failed render with a 500 that is never stored', async () => {
    const failing = { ...renderer, png: () => Promise.reject(new Error('resvg fell over at /opt/secret')) };
    const res = await createApp({ quotes: readQuotesFile(), renderer: failing }).request('/cards/trust-is-the-key-skill.png');
    expect(res.status).toBe(500);
    expect(headersOf(res)).toEqual(errorHeaders(500));
    expect(await res.text()).not.toContain('secret');
  });
});

describe('the Node server’s own errors', () => {
  it('answers a request Node cannot read with the same shape and headers as the app', async () => {
    const server = await spawnServer();
    try {
      const { hostname, port } = new URL(server.url);
      const res = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
        const req = request({ hostname, port, path: '/healthz', headers: { Host: 'bad host/"><x>' } }, (incoming) => {
          let body = '';
          incoming.on('data', (chunk) => (body += chunk));
          incoming.on('end', () => resolve({ status: incoming.statusCode!, headers: incoming.headers, body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(res.status).toBe(400);
      expect({
        'content-type': res.headers['content-type'],
        'cache-control': res.headers['cache-control'],
        'x-content-type-options': res.headers['x-content-type-options'],
      }).toEqual(errorHeaders(400, false));
      expect(JSON.parse(res.body).error.code).toBe('bad_request');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
