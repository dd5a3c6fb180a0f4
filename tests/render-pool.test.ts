import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { BroadcastChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app.ts';
import { ApiError } from '../src/cards/errors.ts';
import { readQuotesFile } from '../src/node/app.ts';
import { backoffDelay, createRenderPool, pooledRenderer, type RenderPool } from '../src/node/render-pool.ts';
import { withRenderLimits } from '../src/node/render-queue.ts';
import { decodePng } from './helpers.ts';

const THREAD = new URL('./fixtures/pool-thread.js', import.meta.url);
const OPTIONS = { template: 'classic', size: 'og', lang: 'zh-Hant', theme: 'light', scale: 1 } as const;
const quote = (id: string) => ({ id, text: id, lang: 'zh-Hant' as const, speaker: { name: '李開復' }, source: { title: '演講' } });

/** What the thread module reports of a task: its quote id, thread and when (Date.now(), ms) it started there. */
interface Started {
  id: string;
  threadId: number;
  startedAt: number;
}

// The thread module announces each task as it starts (tests/fixtures/pool-thread.js).
const announcements = new BroadcastChannel('pool-thread');
const listeners = new Set<(started: Started) => void>();
announcements.onmessage = (event) => listeners.forEach((listener) => listener((event as { data: Started }).data));
announcements.unref();
afterAll(() => announcements.close());

/** Resolves when a task for quote `id` starts on a thread. */
function started(id: string): Promise<Started> {
  return new Promise((resolve) => {
    const listener = (task: Started) => {
      if (task.id !== id) return;
      listeners.delete(listener);
      resolve(task);
    };
    listeners.add(listener);
  });
}

/** A report task: answers on which thread, and when, it ran. */
const report = (pool: RenderPool, id: string) => pool.run({ kind: 'report', quote: quote(id), options: OPTIONS }) as Promise<Started>;

/** Starts a task that never returns, aborts it once it runs, and resolves with when it was aborted (Date.now(), ms). */
async function terminateOne(pool: RenderPool): Promise<{ abortedAt: number; threadId: number }> {
  const abort = new AbortController();
  const running = started('spin');
  const stuck = pool.run({ kind: 'png', quote: quote('spin'), options: OPTIONS }, abort.signal);
  const { threadId } = await running;
  const abortedAt = Date.now();
  abort.abort(new Error('too slow'));
  await expect(stuck).rejects.toThrow('too slow');
  return { abortedAt, threadId };
}

/** The back-off each logged termination chose, in ms. */
const delays = (lines: string[]) => lines.map((line) => Number(/for (\d+) ms/.exec(line)?.[1]));

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

  it('gives a task asked for while its first thread starts to that thread, starting no other', async () => {
    const pool = createRenderPool(2, THREAD);
    const threadsStarted: number[] = [];
    const listener = (task: Started) => void (task.id === '(thread)' && threadsStarted.push(task.threadId));
    listeners.add(listener);
    // Asked for at once, before the first thread is up, as the server's start-up check of its
    // quotes is; it takes 300 ms there, time enough for another thread to start were one asked for.
    const reply = await report(pool, 'pause');
    listeners.delete(listener);
    await pool.close();
    expect(threadsStarted).toEqual([reply.threadId]);
  });

  it('turns an ApiError from a thread back into an ApiError', async () => {
    const pool = createRenderPool(1, THREAD);
    const failed = pool.run({ kind: 'png', quote: quote('fail'), options: OPTIONS });
    await expect(failed).rejects.toBeInstanceOf(ApiError);
    await expect(failed).rejects.toMatchObject({ status: 422, code: 'text_does_not_fit', message: 'too long' });
    await pool.close();
  });

  it('stops a render that never returns by terminating its thread, and renders the next on a new one', async () => {
    const pool = createRenderPool(1, THREAD, { log: () => {} });
    const abort = new AbortController();
    const stuck = pool.run({ kind: 'png', quote: quote('spin'), options: OPTIONS }, abort.signal);
    setTimeout(() => abort.abort(new Error('too slow')), 200);
    await expect(stuck).rejects.toThrow('too slow');
    const next = (await pool.run({ kind: 'png', quote: quote('next'), options: OPTIONS })) as Uint8Array;
    expect(new TextDecoder().decode(next)).toBe('next');
    await pool.close();
  });
});

describe('back-off after a terminated thread', () => {
  it('doubles from backoffMs with each termination in a row, up to 30 s', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((inARow) => backoffDelay(inARow))).toEqual([250, 500, 1000, 2000, 16_000, 30_000, 30_000]);
    expect(backoffDelay(3, 50)).toBe(200);
  });

  it('starts neither a new thread nor the next task before the back-off has passed', async () => {
    const lines: string[] = [];
    const pool = createRenderPool(1, THREAD, { backoffMs: 400, log: (line) => lines.push(line) });
    const first = await report(pool, 'a');
    const { abortedAt, threadId } = await terminateOne(pool);
    expect(threadId).toBe(first.threadId);
    const replacement = started('(thread)');
    const next = await report(pool, 'b');
    await pool.close();
    expect(next.threadId).not.toBe(first.threadId);
    expect((await replacement).threadId).toBe(next.threadId);
    // Timers may fire a millisecond early by Date.now(); later is always allowed.
    expect((await replacement).startedAt).toBeGreaterThanOrEqual(abortedAt + 400 - 2);
    expect(next.startedAt).toBeGreaterThanOrEqual(abortedAt + 400 - 2);
    expect(lines).toEqual([
      `Warning: a render thread was terminated (a render past RENDER_TIMEOUT_MS, or the thread died); renders use one thread fewer for 400 ms (1 in a row).`,
    ]);
  });

  it('doubles the back-off with each termination in a row, and resets it once a task completes', async () => {
    const lines: string[] = [];
    const pool = createRenderPool(1, THREAD, { backoffMs: 100, log: (line) => lines.push(line) });
    await report(pool, 'a');
    await terminateOne(pool);
    const { abortedAt } = await terminateOne(pool);
    const next = await report(pool, 'b');
    expect(next.startedAt).toBeGreaterThanOrEqual(abortedAt + 200 - 2);
    await terminateOne(pool);
    await pool.close();
    expect(delays(lines)).toEqual([100, 200, 100]);
    expect(lines.map((line) => /\((\d+) in a row\)/.exec(line)?.[1])).toEqual(['1', '2', '1']);
  });

  it('runs one task fewer at once until the back-off has passed', async () => {
    const pool = createRenderPool(2, THREAD, { backoffMs: 5_000, log: () => {} });
    await report(pool, 'a');
    const both = await Promise.all([report(pool, 'pause'), report(pool, 'pause')]);
    expect(new Set(both.map((task) => task.threadId)).size).toBe(2);
    await terminateOne(pool);
    // Two tasks at once now run one after the other, on the thread that is left.
    const [one, two] = await Promise.all([report(pool, 'pause'), report(pool, 'pause')]);
    await pool.close();
    expect(two!.threadId).toBe(one!.threadId);
    expect(Math.abs(two!.startedAt - one!.startedAt)).toBeGreaterThanOrEqual(300 - 2);
  });

  it('rejects tasks waiting out a back-off when the pool closes', async () => {
    const pool = createRenderPool(1, THREAD, { backoffMs: 5_000, log: () => {} });
    await report(pool, 'a');
    await terminateOne(pool);
    const waiting = report(pool, 'b');
    expect(pool.queued()).toBe(1);
    await pool.close();
    await expect(waiting).rejects.toThrow('The render pool is closed.');
  });
});

describe('pooledRenderer', () => {
  it('asks a thread once which sizes of a quote fit, then answers from memory; a failure is asked again', async () => {
    const asked: string[] = [];
    let failNext = true;
    // A pool that records what it is asked and answers at once.
    const pool = {
      run: async (task: { kind: string; template?: string; lang?: string }) => {
        asked.push(`${task.kind} ${task.template} ${task.lang}`);
        if (task.lang === 'zh-HK' && failNext) {
          failNext = false;
          throw new Error('the pool is closed');
        }
        return ['og', 'square'];
      },
    } as unknown as RenderPool;
    const renderer = pooledRenderer(pool);
    const a = quote('a');
    expect(await renderer.sizesThatFit(a, 'classic', 'zh-Hant')).toEqual(['og', 'square']);
    expect(await renderer.sizesThatFit(a, 'classic', 'zh-Hant')).toEqual(['og', 'square']);
    await renderer.sizesThatFit(a, 'kai', 'zh-Hant');
    await renderer.sizesThatFit(quote('b'), 'classic', 'zh-Hant');
    await expect(renderer.sizesThatFit(a, 'classic', 'zh-HK')).rejects.toThrow('the pool is closed');
    expect(await renderer.sizesThatFit(a, 'classic', 'zh-HK')).toEqual(['og', 'square']);
    expect(asked).toEqual([
      'sizesThatFit classic zh-Hant',
      'sizesThatFit kai zh-Hant',
      'sizesThatFit classic zh-Hant',
      'sizesThatFit classic zh-HK',
      'sizesThatFit classic zh-HK',
    ]);
  });
});

describe('pooledRenderer fit check', () => {
  it('checks a file a few quotes a task, so renders asked for meanwhile are not kept waiting, and keeps the order', async () => {
    const tasks: string[][] = [];
    const pool = {
      run: async (task: { kind: string; quotes: { id: string }[] }) => {
        tasks.push(task.quotes.map((each) => each.id));
        return task.quotes.filter((each) => each.id.endsWith('7')).map((each) => ({ quote: each, cards: [] }));
      },
    } as unknown as RenderPool;
    const quotes = Array.from({ length: 40 }, (_, index) => quote(`q${index}`));
    const misfits = await pooledRenderer(pool).checkFit(quotes);
    expect(tasks.map((ids) => ids.length)).toEqual([16, 16, 8]);
    expect(tasks.flat()).toEqual(quotes.map((each) => each.id));
    expect(misfits.map((misfit) => misfit.quote.id)).toEqual(['q7', 'q17', 'q27', 'q37']);
  });
});

describe('the server renders on the pool', () => {
  const quotes = readQuotesFile();

  it('answers a render past its time limit with 503 render_timeout, then serves the next card', async () => {
    const pool = createRenderPool(1, THREAD, { backoffMs: 10, log: () => {} });
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

  it('answers 503 render_timeout to a render that waits past its time limit for a thread to come back', async () => {
    const pool = createRenderPool(1, THREAD, { backoffMs: 5_000, log: () => {} });
    await report(pool, 'a'); // the pool's own start-up tasks done, so that only renders wait
    const renderer = withRenderLimits(pooledRenderer(pool), { concurrency: 1, maxWaiting: 4, timeoutMs: 300 });
    const app = createApp({ quotes: [...quotes, quote('spin')], renderer });
    expect((await app.request('/cards/spin.png')).status).toBe(503);
    const waited = await app.request(`/cards/${quotes[0]!.id}.png`);
    expect(waited.status).toBe(503);
    expect(await waited.json()).toMatchObject({ error: { code: 'render_timeout' } });
    // Dropped from the pool's queue, not left to run later.
    expect(renderer.load()).toEqual({ running: 0, waiting: 0 });
    expect(pool.queued()).toBe(0);
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

  it.runIf(process.platform === 'linux')('renders on threads that give way to the main thread (Linux: nice 10)', async () => {
    /** The nice value of each thread of this process (proc(5): the 19th field of /proc/self/task/<tid>/stat). */
    const niceValues = () =>
      readdirSync('/proc/self/task').map((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      });
    const pool = createRenderPool(1);
    await pooledRenderer(pool).png(quotes[0]!, OPTIONS);
    const during = niceValues();
    await pool.close();
    expect(during).toContain(0);
    // The render thread (and any thread it starts, such as a module loader's, which inherits it); the main thread keeps its own.
    expect(during.filter((nice) => nice === 10).length).toBeGreaterThanOrEqual(1);
    expect(getPriority()).toBe(0);
  });
});
