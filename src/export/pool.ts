import { Worker } from 'node:worker_threads';
import type { Quote } from '../cards/quotes.ts';
import type { CardOptions } from '../cards/render.ts';
import type { Format } from '../cards/options.ts';

/** What a worker is asked to render. */
export interface RenderRequest {
  quote: Quote;
  options: CardOptions;
  format: Format;
}

/** A worker's answer: the card's bytes and alt text, or why it failed. */
export type RenderReply = { ok: true; bytes: Uint8Array<ArrayBuffer>; alt: string } | { ok: false; reason: string; status?: number };

/** A render the renderer refused, with the HTTP status the app answers that card with (422: the text does not fit). */
export class RenderRefusedError extends Error {
  override name = 'RenderRefusedError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Rejects the renders a stopped pool did not finish; not a failure of the card. */
export class StoppedError extends Error {
  override name = 'StoppedError';
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

interface Task {
  request: RenderRequest;
  resolve(result: { bytes: Uint8Array; alt: string }): void;
  reject(error: Error): void;
}

/**
 * A pool of render worker threads, each with its own renderer (src/cards/render.ts
 * on the Node platform), fed one card at a time. A render that throws fails
 * that card only; a worker that dies fails its card and is replaced.
 * `workerUrl` is for tests; the default worker renders with src/cards/render.ts.
 */
export function createRenderPool(size: number, workerUrl: URL = WORKER_URL) {
  const queue: Task[] = [];
  const busy = new Map<Worker, Task | undefined>();
  let stopped = false;
  let crashes = 0;
  let broken: Error | undefined;

  function spawn() {
    const worker = new Worker(workerUrl);
    busy.set(worker, undefined);
    worker.on('message', (reply: RenderReply) => {
      const task = busy.get(worker);
      busy.set(worker, undefined);
      if (task) {
        if (reply.ok) task.resolve({ bytes: reply.bytes, alt: reply.alt });
        else task.reject(reply.status === undefined ? new Error(reply.reason) : new RenderRefusedError(reply.reason, reply.status));
      }
      next(worker);
    });
    let lastError: string | undefined;
    worker.on('error', (error) => {
      lastError = error.message;
    });
    worker.on('exit', (code) => {
      if (!busy.has(worker)) return; // stopped on purpose
      const task = busy.get(worker);
      busy.delete(worker);
      const reason = `render worker stopped: ${lastError ?? `exit code ${code}`}`;
      task?.reject(new Error(reason));
      // Replace it, unless workers keep dying (say, one cannot even start): then fail what is left.
      if (++crashes > size + 2) {
        broken = new Error(reason);
        for (const waiting of queue.splice(0)) waiting.reject(broken);
      } else if (!stopped) {
        next(spawn());
      }
    });
    return worker;
  }

  function next(worker: Worker) {
    if (stopped || busy.get(worker) !== undefined) return;
    const task = queue.shift();
    if (!task) return;
    busy.set(worker, task);
    worker.postMessage(task.request);
  }

  for (let i = 0; i < size; i++) spawn();

  return {
    /** Renders one card on the next free worker. */
    render(request: RenderRequest): Promise<{ bytes: Uint8Array; alt: string }> {
      if (stopped) return Promise.reject(new StoppedError('the render pool is stopped'));
      if (broken) return Promise.reject(broken);
      return new Promise((resolve, reject) => {
        queue.push({ request, resolve, reject });
        for (const worker of busy.keys()) next(worker);
      });
    },
    /** Stops every worker at once; unfinished renders reject with StoppedError. */
    async stop(): Promise<void> {
      stopped = true;
      const pending = [...queue.splice(0), ...[...busy.values()].filter((task) => task !== undefined)];
      for (const task of pending) task.reject(new StoppedError('stopped before the card was rendered'));
      const workers = [...busy.keys()];
      busy.clear();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

export type RenderPool = ReturnType<typeof createRenderPool>;
