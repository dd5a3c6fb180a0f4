import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/http/app.ts';
import { withCardCache } from '../src/node/card-cache.ts';
import { ApiError } from '../src/cards/errors.ts';
import { readQuotesFile } from '../src/node/app.ts';
import type { CardOptions, Renderer } from '../src/cards/render.ts';
import { withRenderLimits } from '../src/node/render-queue.ts';
import { serveOptionsFromEnv } from '../src/node/config.ts';

const renderLimitsFromEnv = (env: NodeJS.ProcessEnv) => serveOptionsFromEnv(env).renderLimits;
import { renderer as realRenderer } from './helpers.ts';

const quotes = readQuotesFile();
const [quote, other] = quotes as [(typeof quotes)[0], (typeof quotes)[0]];
const OPTIONS: CardOptions = { template: 'classic', size: 'og', lang: 'zh-Hant', theme: 'light', scale: 1 };

/** A renderer whose renders finish only when the test says so. */
function manualRenderer() {
  const pending: { id: string; finish: () => void; fail: (error: Error) => void }[] = [];
  const started: string[] = [];
  const render = (id: string) =>
    new Promise<never>((resolve, reject) => {
      started.push(id);
      pending.push({ id, finish: () => resolve(new Uint8Array([1, 2, 3]) as never), fail: reject });
    });
  const renderer: Renderer = { ...realRenderer, svg: (q) => render(q.id), png: (q) => render(q.id) };
  return { renderer, pending, started };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

afterEach(() => vi.restoreAllMocks());

describe('the render queue', () => {
  it('runs `concurrency` renders, queues `maxWaiting`, and refuses the next with 503 overloaded and Retry-After', async () => {
    const { renderer, pending, started } = manualRenderer();
    const limited = withRenderLimits(renderer, { concurrency: 1, maxWaiting: 1, timeoutMs: 60_000 });
    const first = limited.png(quote, OPTIONS);
    const second = limited.png(other, OPTIONS);
    const third = limited.png(quote, OPTIONS).catch((error: unknown) => error);
    const refused = (await third) as ApiError;
    expect(refused).toBeInstanceOf(ApiError);
    expect([refused.status, refused.code]).toEqual([503, 'overloaded']);
    expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
    await settle();
    expect(started).toEqual([quote.id]);
    expect(limited.load()).toEqual({ running: 1, waiting: 1 });
    pending[0]!.finish();
    await first;
    await settle();
    expect(started).toEqual([quote.id, other.id]);
    pending[1]!.finish();
    await second;
    await settle();
    expect(limited.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('answers 503 render_timeout when the time limit passes, keeps the slot until the work ends, and drops a waiting render unstarted', async () => {
    const { renderer, pending, started } = manualRenderer();
    const limited = withRenderLimits(renderer, { concurrency: 1, maxWaiting: 4, timeoutMs: 30 });
    const running = limited.png(quote, OPTIONS).catch((error: unknown) => error);
    const waiting = limited.png(other, OPTIONS).catch((error: unknown) => error);
    expect(((await running) as ApiError).code).toBe('render_timeout');
    expect(((await waiting) as ApiError).code).toBe('render_timeout');
    expect(limited.load()).toEqual({ running: 1, waiting: 0 });
    pending[0]!.finish();
    await settle();
    await settle();
    expect(limited.load()).toEqual({ running: 0, waiting: 0 });
    expect(started).toEqual([quote.id]);
  });

  it('answers 503 render_timeout for a render that held the thread past the limit, discarding its card', async () => {
    // A drawing is synchronous work: its timer cannot fire until it returns.
    const blocking: Renderer = {
      ...realRenderer,
      png: async () => {
        const until = Date.now() + 150;
        while (Date.now() < until);
        return new Uint8Array([1, 2, 3]);
      },
    };
    const limited = withRenderLimits(blocking, { concurrency: 1, maxWaiting: 0, timeoutMs: 100 });
    const late = (await limited.png(quote, OPTIONS).catch((error: unknown) => error)) as ApiError;
    expect(late).toBeInstanceOf(ApiError);
    expect([late.status, late.code, late.message]).toEqual([
      503,
      'render_timeout',
      'The card took longer than 100 ms to render; try again shortly.',
    ]);
    expect(late.retryAfter).toBeGreaterThanOrEqual(1);
    await settle();
    expect(limited.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses waiting renders, and later ones, with 503 shutting_down once shutdown starts; the running one finishes', async () => {
    const { renderer, pending, started } = manualRenderer();
    const limited = withRenderLimits(renderer, { concurrency: 1, maxWaiting: 4, timeoutMs: 60_000 });
    const running = limited.png(quote, OPTIONS);
    const waiting = limited.png(other, OPTIONS).catch((error: unknown) => error);
    await settle();
    limited.refuseWaiting();
    const refused = (await waiting) as ApiError;
    expect([refused.status, refused.code, refused.retryAfter]).toEqual([503, 'shutting_down', 1]);
    await expect(limited.svg(other, OPTIONS)).rejects.toMatchObject({ code: 'shutting_down' });
    expect(limited.load()).toEqual({ running: 1, waiting: 0 });
    pending[0]!.finish();
    await expect(running).resolves.toEqual(new Uint8Array([1, 2, 3]));
    expect(started).toEqual([quote.id]);
  });

  it('passes a render failure through and frees the slot', async () => {
    const { renderer, pending } = manualRenderer();
    const limited = withRenderLimits(renderer, { concurrency: 1, maxWaiting: 0, timeoutMs: 60_000 });
    const failing = limited.svg(quote, OPTIONS).catch((error: unknown) => error);
    await settle();
    pending[0]!.fail(new Error('boom'));
    expect(((await failing) as Error).message).toBe('boom');
    await settle();
    expect(limited.load().running).toBe(0);
  });

  it('serves a cached card while the queue is full: cache hits never wait', async () => {
    const { renderer, pending } = manualRenderer();
    const cached = withCardCache(withRenderLimits(renderer, { concurrency: 1, maxWaiting: 0, timeoutMs: 60_000 }));
    const warm = cached.png(quote, OPTIONS);
    await settle();
    pending[0]!.finish();
    await warm;
    const blocking = cached.png(other, OPTIONS); // takes the only slot
    await settle();
    await expect(cached.png(quote, OPTIONS)).resolves.toEqual(new Uint8Array([1, 2, 3]));
    await expect(cached.png(other, { ...OPTIONS, theme: 'dark' })).rejects.toMatchObject({ code: 'overloaded' });
    pending[1]!.finish();
    await blocking;
  });

  it('reads its settings from the environment, refusing nonsense', () => {
    expect(renderLimitsFromEnv({})).toEqual({ concurrency: availableParallelism(), maxWaiting: 32, timeoutMs: 10_000 });
    expect(renderLimitsFromEnv({ RENDER_THREADS: '5' })).toEqual({ concurrency: 5, maxWaiting: 32, timeoutMs: 10_000 });
    expect(renderLimitsFromEnv({ RENDER_CONCURRENCY: '4', RENDER_QUEUE: '0', RENDER_TIMEOUT_MS: '2000' })).toEqual({
      concurrency: 4,
      maxWaiting: 0,
      timeoutMs: 2000,
    });
    expect(() => renderLimitsFromEnv({ RENDER_CONCURRENCY: '0' })).toThrow(
      'RENDER_CONCURRENCY must be a whole number, at least 1; received "0"',
    );
    expect(() => renderLimitsFromEnv({ RENDER_QUEUE: 'lots' })).toThrow('RENDER_QUEUE');
  });
});

describe('the error contract over HTTP', () => {
  it('answers an overloaded render with 503 JSON, Retry-After, and no caching', async () => {
    const { renderer } = manualRenderer();
    const app = createApp({ quotes, renderer: withRenderLimits(renderer, { concurrency: 1, maxWaiting: 0, timeoutMs: 60_000 }) });
    void app.request(`/cards/${quote.id}.png`);
    await settle();
    const res = await app.request(`/cards/${other.id}.png`);
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await res.json()).error.code).toBe('overloaded');
  });

  it('hides an internal error: no message, stack or path in the body, never cached', async () => {
    const secret = new Error('ENOENT: no such file, open /srv/app/fonts/secret.otf');
    const broken: Renderer = { ...realRenderer, png: () => Promise.reject(secret), svg: () => Promise.reject(secret) };
    const app = createApp({ quotes, renderer: broken });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const format of ['png', 'svg']) {
      const res = await app.request(`/cards/${quote.id}.${format}`);
      expect(res.status).toBe(500);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: { code: 'internal_error', message: 'Something went wrong on our side; the error has been logged.' },
      });
      expect(text).not.toMatch(/ENOENT|secret|\/srv|\bat\s|\.ts\b/);
    }
    // The operator still sees what happened.
    expect(logged).toHaveBeenCalledWith(secret);
  });
});
