import { describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app.ts';
import { ApiError } from '../src/cards/errors.ts';
import { readQuotesFile } from '../src/node/app.ts';
import { createRenderPool, pooledRenderer } from '../src/node/render-pool.ts';
import { withRenderLimits } from '../src/node/render-queue.ts';
import { decodePng } from './helpers.ts';

const THREAD = new URL('./fixtures/pool-thread.js', import.meta.url);
const OPTIONS = { template: 'classic', size: 'og', lang: 'zh-Hant', theme: 'light', scale: 1 } as const;
const quote = (id: string) => ({ id, text: id, lang: 'zh-Hant' as const, speaker: { name: '李開復' }, source: { title: '演講' } });

describe('createRenderPool', () => {
  it('renders on every thread at once', async () => {
    const pool = createRenderPool(2, THREAD);
    // Once the first thread is up: piscina may hand a thread still starting more than one task.
    await pool.run({ kind: 'report', quote: quote('a'), options: OPTIONS });
    const replies = (await Promise.all(
      ['pause', 'pause'].map((id) => pool.run({ kind: 'report', quote: quote(id), options: OPTIONS })),
    )) as {
      threadId: number;
    }[];
    await pool.close();
    expect(new Set(replies.map((reply) => reply.threadId)).size).toBe(2);
  });

  it('turns an ApiError from a thread back into an ApiError', async () => {
    const pool = createRenderPool(1, THREAD);
    const failed = pool.run({ kind: 'png', quote: quote('fail'), options: OPTIONS });
    await expect(failed).rejects.toBeInstanceOf(ApiError);
    await expect(failed).rejects.toMatchObject({ status: 422, code: 'text_does_not_fit', message: 'too long' });
    await pool.close();
  });

  it('stops a render that never returns by terminating its thread, and renders the next on a new one', async () => {
    const pool = createRenderPool(1, THREAD);
    const abort = new AbortController();
    const stuck = pool.run({ kind: 'png', quote: quote('spin'), options: OPTIONS }, abort.signal);
    setTimeout(() => abort.abort(new Error('too slow')), 200);
    await expect(stuck).rejects.toThrow('too slow');
    const next = (await pool.run({ kind: 'png', quote: quote('next'), options: OPTIONS })) as Uint8Array;
    expect(new TextDecoder().decode(next)).toBe('next');
    await pool.close();
  });
});

describe('the server renders on the pool', () => {
  const quotes = readQuotesFile();

  it('answers a render past its time limit with 503 render_timeout, then serves the next card', async () => {
    const pool = createRenderPool(1, THREAD);
    const renderer = withRenderLimits(pooledRenderer(pool), { concurrency: 1, maxWaiting: 4, timeoutMs: 300 });
    const app = createApp({ quotes: [...quotes, quote('spin')], renderer });
    const stuck = await app.request('/cards/spin.png');
    expect(stuck.status).toBe(503);
    expect(stuck.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await stuck.json()).toMatchObject({ error: { code: 'render_timeout' } });
    expect(renderer.load()).toEqual({ running: 0, waiting: 0 });
    const next = await app.request(`/cards/${quotes[0]!.id}.png`);
    expect(next.status).toBe(200);
    expect(new TextDecoder().decode(await next.arrayBuffer())).toBe(quotes[0]!.id);
    await pool.close();
  });

  it('renders real cards on its threads', async () => {
    const pool = createRenderPool(1);
    const app = createApp({ quotes, renderer: pooledRenderer(pool) });
    const res = await app.request(`/cards/${quotes[0]!.id}.png?size=square`);
    expect(res.status).toBe(200);
    const png = decodePng(new Uint8Array(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([1080, 1080]);
    const report = await app.request(`/cards/${quotes[0]!.id}.json`);
    expect(await report.json()).toMatchObject({ id: quotes[0]!.id, canvas: { width: 1200, height: 630 } });
    await pool.close();
  });
});
