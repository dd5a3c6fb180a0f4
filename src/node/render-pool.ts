import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { ApiError } from '../cards/errors.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardOptions, CardRenderer } from '../cards/render.ts';
import type { ThreadReply, ThreadTask } from './render-thread.ts';

// Defined by scripts/build.mjs in the built server: the bundled thread module next to it.
declare const BUILT_RENDER_THREAD: string | undefined;

/** The thread module: the built one in the built server, else render-thread.ts from source through tsx. */
const THREAD_MODULE =
  typeof BUILT_RENDER_THREAD === 'string' ? BUILT_RENDER_THREAD : new URL('./render-thread-source.js', import.meta.url).href;

/** Render threads when RENDER_THREADS is unset: one per core. */
export function defaultThreads(): number {
  return availableParallelism();
}

/** How long a terminated thread's place stays empty (see createRenderPool). */
export interface BackoffOptions {
  /** Milliseconds after the first termination in a row; each further one doubles it (default 250). */
  backoffMs?: number;
  /** Where the one line per terminated thread goes (default console.warn). */
  log?: (line: string) => void;
}

/** The longest back-off after a terminated thread, in ms. */
export const MAX_BACKOFF_MS = 30_000;

/** The back-off after the `inARow`-th termination in a row, in ms: `firstMs`, doubled each time, at most MAX_BACKOFF_MS. */
export function backoffDelay(inARow: number, firstMs = 250): number {
  return Math.min(MAX_BACKOFF_MS, firstMs * 2 ** (inARow - 1));
}

/**
 * A pool of render threads (piscina). The first thread starts at once, in
 * parallel with the caller's own start-up; the others once it has done its
 * first task (or a second after it is ready), so that on a machine of few
 * cores their start-up does not delay the first card. Until the first thread
 * has started, tasks wait for it rather than start another; after that, tasks
 * that find every thread busy start the rest at once. Each thread parses its fonts at start, then
 * renders one task at a time. At most `threads` tasks are on the threads;
 * the rest wait their turn in order.
 * A task whose `signal` aborts is dropped while it waits or, when running,
 * stopped by terminating its thread; the task rejects with the signal's
 * reason. A thread that dies fails only its own task.
 *
 * Back-off: a terminated thread (a render past its time limit, or a thread
 * that died) is replaced only after a delay, so a quote that always hangs the
 * renderer cannot make the pool start a thread (imports, fonts: hundreds of
 * ms of CPU) for every request. Until the delay passes, the pool runs one
 * task fewer at once; the delay is `backoffMs` (250 ms) after the first
 * termination in a row and doubles with each further one, up to 30 s
 * (backoffDelay); a task that completes resets it. Each termination logs one
 * line with the delay chosen. Waiting tasks still count against the caller's
 * time limit (withRenderLimits: 503 render_timeout).
 * `module` is for tests: a module whose default export takes a task.
 */
export function createRenderPool(threads: number, module: string | URL = THREAD_MODULE, options: BackoffOptions = {}) {
  const { backoffMs = 250, log = console.warn } = options;
  const pool = new Piscina<ThreadTask, ThreadReply>({
    filename: String(module),
    // No thread is replaced by piscina itself the moment one ends: the gate below decides when.
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: Infinity,
    // Between tasks a thread returns to its event loop, where resvg's native memory is freed.
    atomics: 'disabled',
    // A capped old generation keeps a thread's caches (glyph outlines, converted
    // texts: about 120 MiB once every template and script has been drawn) bounded.
    // The thread collects each card's native pixel memory itself (render-thread.ts).
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  });
  // A thread that fails with no task of its own (say, it cannot even start): the next run reports it.
  let broken: Error | undefined;
  pool.on('error', (error: Error) => {
    broken = error;
  });

  // The gate in front of pool.run: `running` tasks are on the threads, at most
  // `threads` less those `resting` after a termination (one until the first
  // thread has started); the others wait in order.
  let started = false;
  let running = 0;
  let resting = 0;
  let inARow = 0;
  let closed = false;
  const waiting: { admit: () => void; refuse: (reason: unknown) => void }[] = [];
  const admitNext = () => {
    while (waiting.length > 0 && running < (started ? threads - resting : 1)) {
      running++;
      waiting.shift()!.admit();
    }
  };
  const enter = (signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (closed) return reject(new Error('The render pool is closed.'));
      if (signal?.aborted) return reject(signal.reason);
      const entry = { admit: () => (signal?.removeEventListener('abort', drop), resolve()), refuse: reject };
      const drop = () => {
        const index = waiting.indexOf(entry);
        if (index >= 0) waiting.splice(index, 1); // not refused by close() already
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', drop, { once: true });
      waiting.push(entry);
      admitNext();
    });
  const leave = () => {
    running--;
    admitNext();
  };
  pool.on('workerDestroy', () => {
    if (closed) return;
    const delay = backoffDelay(++inARow, backoffMs);
    resting++;
    log(
      `Warning: a render thread was terminated (a render past RENDER_TIMEOUT_MS, or the thread died); renders use one thread fewer for ${delay} ms (${inARow} in a row).`,
    );
    setTimeout(() => {
      resting--;
      admitNext();
    }, delay).unref();
  });

  /** Runs one task through the gate; rejects with `signal.reason` once aborted. */
  async function gated(task: ThreadTask, signal?: AbortSignal): Promise<ThreadReply> {
    if (broken) throw broken;
    await enter(signal);
    try {
      const reply = await pool.run(task, { signal });
      inARow = 0;
      return reply;
    } catch (error) {
      throw signal?.aborted ? signal.reason : error;
    } finally {
      leave();
    }
  }

  // Tasks that find no free thread make the pool start another, up to `threads`:
  // as many tasks at once as threads start the rest.
  let grown = false;
  const ready = () => gated({ kind: 'ready' });
  const grow = () => {
    if (grown) return;
    grown = true;
    Promise.all(Array.from({ length: threads }, ready)).catch(() => {}); // a thread that cannot start fails the tasks it is given
  };
  const firstStarted = () => {
    started = true;
    admitNext();
  };
  void ready()
    .then(() => setTimeout(grow, 1000).unref())
    .catch(() => {})
    .finally(firstStarted);

  return {
    threads,
    /**
     * Runs one task on the next free thread. Rejects with the ApiError a render
     * threw (a 422 text_does_not_fit, say), with `signal.reason` once aborted,
     * or with the thread's own error when it dies.
     */
    async run(task: ThreadTask, signal?: AbortSignal): Promise<unknown> {
      let reply: ThreadReply;
      try {
        reply = await gated(task, signal);
      } finally {
        grow();
      }
      if (reply.ok) return reply.value;
      const { status, code, message, allowed, retryAfter } = reply.error;
      throw new ApiError(status, code, message, allowed, retryAfter);
    },
    /** Tasks waiting for a thread. */
    queued: () => waiting.length + pool.queueSize,
    /** Terminates every thread at once; tasks not finished, and those waiting, reject. */
    close: () => {
      closed = true;
      for (const entry of waiting.splice(0)) entry.refuse(new Error('The render pool is closed.'));
      return pool.destroy();
    },
  };
}

export type RenderPool = ReturnType<typeof createRenderPool>;

let early: RenderPool | undefined;

/**
 * Starts the render threads before the rest of the server is even imported,
 * so their start-up (imports, fonts) overlaps the main thread's. The count is
 * RENDER_THREADS read as it stands, or one per core; takeEarlyPool hands the
 * pool over only when the validated settings ask for that same count.
 */
export function startEarlyPool(env: NodeJS.ProcessEnv = process.env): void {
  const asked = Number(env.RENDER_THREADS);
  early ??= createRenderPool(Number.isSafeInteger(asked) && asked >= 1 && asked <= 1024 ? asked : defaultThreads());
}

/** The pool startEarlyPool started, when it has `threads` threads (else it is closed); then undefined. */
export function takeEarlyPool(threads: number): RenderPool | undefined {
  const pool = early;
  early = undefined;
  if (pool?.threads === threads) return pool;
  void pool?.close();
  return undefined;
}

/** Quotes a fit-check task holds: about 100 ms of a thread (5 ms a quote, every card kind). */
const FIT_CHECK_QUOTES = 16;

/**
 * A renderer whose work all happens on the pool's threads: cards, reports and
 * the fit check. The calling thread only sends quotes and receives bytes, and
 * remembers which sizes fit: a quote's answer never changes while the server
 * runs (its quotes and renderer are fixed), and pages ask for it for every
 * quote and template, which would otherwise wait behind the renders in the
 * pool's queue each time.
 */
export function pooledRenderer(pool: RenderPool): CardRenderer {
  const card = (kind: 'svg' | 'png' | 'report') => (quote: Quote, options: CardOptions, signal?: AbortSignal) =>
    pool.run({ kind, quote, options }, signal);
  const fitting = new WeakMap<Quote, Map<string, ReturnType<CardRenderer['sizesThatFit']>>>();
  return {
    svg: card('svg') as CardRenderer['svg'],
    png: card('png') as CardRenderer['png'],
    report: card('report') as CardRenderer['report'],
    async checkFit(quotes) {
      // A few quotes a task: renders asked for meanwhile take their turn between two
      // (one task for a whole file held a thread for minutes, and with one thread every card).
      const misfits = [];
      for (let first = 0; first < quotes.length; first += FIT_CHECK_QUOTES) {
        const some = quotes.slice(first, first + FIT_CHECK_QUOTES);
        misfits.push(...((await pool.run({ kind: 'checkFit', quotes: some })) as Awaited<ReturnType<CardRenderer['checkFit']>>));
      }
      return misfits;
    },
    sizesThatFit(quote, template, lang) {
      let known = fitting.get(quote);
      if (!known) fitting.set(quote, (known = new Map()));
      const key = `${template} ${lang}`;
      let sizes = known.get(key);
      if (!sizes) {
        sizes = pool.run({ kind: 'sizesThatFit', quote, template, lang }) as ReturnType<CardRenderer['sizesThatFit']>;
        known.set(key, sizes);
        sizes.catch(() => known.delete(key)); // a failure (a closed pool) is not remembered
      }
      return sizes;
    },
    missingCharacters: (text) => pool.run({ kind: 'missingCharacters', text }) as ReturnType<CardRenderer['missingCharacters']>,
  };
}
