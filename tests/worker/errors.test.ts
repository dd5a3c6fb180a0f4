import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
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

  it('takes a valid PUBLIC_BASE_URL binding for absolute URLs', async () => {
    const worker = createWorker();
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request('https://cards.example/api/quotes/trust-is-the-key-skill'),
      { PUBLIC_BASE_URL: 'https://public.example/' },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(((await res.json()) as { card: string }).card).toBe('https://public.example/cards/trust-is-the-key-skill.png');
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
