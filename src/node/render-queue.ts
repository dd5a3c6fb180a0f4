import { ApiError } from '../cards/errors.ts';
import type { CardRenderer } from '../cards/render.ts';

/** How much rendering may happen at once, wait, and take. */
export interface RenderLimits {
  /** Renders running at once (RENDER_CONCURRENCY); Infinity for no queue. */
  concurrency: number;
  /** Renders that may wait for a slot (RENDER_QUEUE); one more is refused with 503 overloaded. */
  maxWaiting: number;
  /** Milliseconds a render may take from arrival, waiting included (RENDER_TIMEOUT_MS); then 503 render_timeout. */
  timeoutMs: number;
}

/**
 * Runs `run` on a later turn of the event loop. On Node, setImmediate: it runs
 * after the loop has polled for I/O and signals, so a SIGTERM or a new
 * connection is handled between two renders (with a 0 ms timer, queued renders
 * were seen running back to back before a SIGTERM was handled). Elsewhere, a 0 ms timer.
 */
const nextTurn: (run: () => void) => void =
  typeof setImmediate === 'function' ? (run) => void setImmediate(run) : (run) => void setTimeout(run, 0);

/** What a limited renderer is doing now. */
export interface RenderLoad {
  running: number;
  waiting: number;
}

/** A limited renderer's controls. */
export interface RenderQueue {
  /** What it is doing now. */
  load(): RenderLoad;
  /**
   * For a server that is stopping: renders still waiting, and any asked for
   * from now on, are refused with 503 `shutting_down` (Retry-After: 1) at
   * once; running ones finish.
   */
  refuseWaiting(): void;
}

/**
 * Wraps a renderer's svg, png and report so that at most `concurrency` renders run,
 * at most `maxWaiting` wait, and none is answered later than `timeoutMs`:
 * beyond that a request gets a 503 with Retry-After at once instead of piling
 * up memory. A render still running at `timeoutMs` is answered 503
 * `render_timeout` on time and its signal is aborted: on the render pool,
 * that terminates its thread. Where a render cannot be interrupted (satori
 * and resvg hold the thread on Workers), it is answered on time when the
 * event loop is free, or as soon as its drawing returns; its card is
 * discarded, and it keeps its slot until its work really ends, so the bound
 * stays true. Plain timers and promises: the same code runs on Node and on
 * Workers.
 */
export function withRenderLimits<R extends CardRenderer>(renderer: R, limits: RenderLimits): R & RenderQueue {
  let running = 0;
  let refusing = false;
  const waiting: { run: () => void; refuse: () => void }[] = [];
  // A smoothed render time, to tell a refused client when to come back.
  let averageMs = 100;

  function retryAfterSeconds(): number {
    const queued = waiting.length + running;
    const slots = Number.isFinite(limits.concurrency) ? limits.concurrency : queued || 1;
    return Math.min(30, Math.max(1, Math.ceil((queued * averageMs) / slots / 1000)));
  }

  /** A finished render's slot goes to the next waiting one, after a turn of the event loop. */
  function release(): void {
    const next = waiting.shift();
    // Renders are CPU work chained by promises: without this yield, one render
    // after another would keep the event loop from accepting (or refusing)
    // requests, and native memory of finished renders from being freed.
    if (next) nextTurn(next.run);
    else running--;
  }

  function timedOut(): ApiError {
    return new ApiError(
      503,
      'render_timeout',
      `The card took longer than ${limits.timeoutMs} ms to render; try again shortly.`,
      undefined,
      retryAfterSeconds(),
    );
  }

  function limited<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const arrived = Date.now();
    const abort = new AbortController();
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      // Runs in a slot already counted in `running`.
      const run = () => {
        if (settled) return release(); // timed out while handed over
        const began = Date.now();
        Promise.resolve()
          .then(() => work(abort.signal))
          .then(
            // A drawing that held the thread past the limit returns before its
            // timer can fire: it is late all the same.
            (value) => finish(() => (Date.now() - arrived >= limits.timeoutMs ? reject(timedOut()) : resolve(value))),
            (error: unknown) => finish(() => reject(error)),
          )
          .finally(() => {
            averageMs = 0.8 * averageMs + 0.2 * (Date.now() - began);
            release();
          });
      };
      const refuse = () => finish(() => reject(shuttingDown()));
      const entry = { run, refuse };
      const timer = setTimeout(() => {
        const index = waiting.indexOf(entry);
        if (index >= 0) waiting.splice(index, 1); // never started: no work wasted
        const late = timedOut();
        finish(() => reject(late));
        abort.abort(late);
      }, limits.timeoutMs);

      // Even a free slot starts its render after a turn of the event loop:
      // a render is CPU work that, started at once, would finish before the
      // next request is even read, so no request would ever see a busy slot.
      if (refusing) refuse();
      else if (running < limits.concurrency) {
        running++;
        setTimeout(run, 0);
      } else if (waiting.length < limits.maxWaiting) waiting.push(entry);
      else {
        finish(() =>
          reject(
            new ApiError(
              503,
              'overloaded',
              `Too many cards are being rendered (${running} running, ${waiting.length} waiting); try again shortly.`,
              undefined,
              retryAfterSeconds(),
            ),
          ),
        );
      }
    });
  }

  return {
    ...renderer,
    svg: (quote, options) => limited((signal) => renderer.svg(quote, options, signal)),
    png: (quote, options) => limited((signal) => renderer.png(quote, options, signal)),
    // A report typesets the card: on the render pool, it takes a thread like a render.
    report: (quote, options) => limited(() => renderer.report(quote, options)),
    load: () => ({ running, waiting: waiting.length }),
    refuseWaiting() {
      refusing = true;
      for (const entry of waiting.splice(0)) entry.refuse();
    },
  };
}

/** What a render that cannot start on a stopping server gets: try again (elsewhere, or once restarted) in a second. */
function shuttingDown(): ApiError {
  return new ApiError(503, 'shutting_down', 'The server is shutting down and cannot start this render; try again shortly.', undefined, 1);
}
