import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createWorker } from '../../src/worker/index.ts';
import { fetchWorker } from './helpers.ts';

const headersOf = (res: Response) => ({
  'content-type': res.headers.get('content-type'),
  'cache-control': res.headers.get('cache-control'),
  'x-content-type-options': res.headers.get('x-content-type-options'),
});

describe('the Worker’s errors', () => {
  it('answers when a binding fails validation with the app’s error shape and headers', async () => {
    const worker = createWorker();
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request('https://cards.example/healthz'), { PUBLIC_BASE_URL: 'cards.example.org/x' }, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    expect(headersOf(res)).toEqual({
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).toContain('PUBLIC_BASE_URL');
  });

  it('answers 500 naming the ASSETS binding when it is missing, as the fonts are there', async () => {
    const worker = createWorker();
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request('https://cards.example/healthz'), {}, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).toContain('ASSETS');
  });

  it('takes a valid PUBLIC_BASE_URL binding for absolute URLs', async () => {
    const worker = createWorker();
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request('https://cards.example/api/quotes/trust-is-the-key-skill'),
      { ...env, PUBLIC_BASE_URL: 'https://public.example/' },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(((await res.json()) as { card: string }).card).toMatch(
      /^https:\/\/public\.example\/cards\/trust-is-the-key-skill\/classic\.og\.zh-Hant\.light\.[0-9a-f]{12}\.png$/,
    );
    expect(res.headers.get('vary')).toBeNull();
  });

  it('sends absolute URLs taken from the Host as private, with Vary: Host, without PUBLIC_BASE_URL', async () => {
    const res = await fetchWorker('https://forged.example/api/quotes/trust-is-the-key-skill');
    expect(((await res.json()) as { card: string }).card).toMatch(
      /^https:\/\/forged\.example\/cards\/trust-is-the-key-skill\/classic\.og\.zh-Hant\.light\.[0-9a-f]{12}\.png$/,
    );
    expect([res.headers.get('cache-control'), res.headers.get('vary')]).toEqual(['private', 'Host']);
  });

  it('refuses a host not in the ALLOWED_HOSTS binding, for cards too, before the edge cache', async () => {
    const worker = createWorker();
    const bindings = { ...env, PUBLIC_BASE_URL: 'https://cards.example', ALLOWED_HOSTS: 'cards.example' };
    for (const path of ['/healthz', '/cards/trust-is-the-key-skill.png']) {
      const ctx = createExecutionContext();
      const allowed = await worker.fetch(new Request(`https://cards.example${path}`), bindings, ctx);
      const refused = await worker.fetch(new Request(`https://other.example${path}`), bindings, ctx);
      await waitOnExecutionContext(ctx);
      expect(allowed.status).toBe(200);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('cache-control')).toBe('no-store');
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('host_not_allowed');
      await allowed.arrayBuffer();
    }
  });

  it('answers another method on a route with 405 and Allow, as Node does', async () => {
    const res = await fetchWorker('https://cards.example/cards/trust-is-the-key-skill.png', { method: 'POST' });
    expect([res.status, res.headers.get('allow'), res.headers.get('cache-control')]).toEqual([405, 'GET, HEAD', 'no-store']);
  });

  it('answers an unknown route with the same headers as Node', async () => {
    const res = await fetchWorker('https://cards.example/no/such/route');
    expect(res.status).toBe(404);
    expect(headersOf(res)).toEqual({
      'content-type': 'application/json',
      'cache-control': 'public, max-age=60',
      'x-content-type-options': 'nosniff',
    });
  });
});
