import type { Quote } from '../cards/quotes.ts';
import type { CardOptions } from '../cards/render.ts';
import type { Format } from '../cards/options.ts';
import { createRenderPool } from '../node/render-pool.ts';

/** What a thread is asked to render for a file. */
export interface RenderRequest {
  quote: Quote;
  options: CardOptions;
  /** json (a layout report) only in a prerender plan (src/export/prerender.ts). */
  format: Format;
}

/** Rejects the renders a stopped pool did not finish; not a failure of the card. */
export class StoppedError extends Error {
  override name = 'StoppedError';
}

/**
 * The export's render threads: the server's render pool (src/node/render-pool.ts),
 * fed every card at once and answering each with its file's bytes and alt
 * text. A render that throws fails that card only; a thread that dies fails
 * its card and is replaced after a back-off. `module` is for tests (see
 * createRenderPool, for both).
 */
export function createExportPool(size: number, module?: string | URL) {
  const pool = createRenderPool(size, module);
  let stopped = false;
  return {
    /**
     * Renders one card on the next free thread; rejects with the reason it
     * failed (an ApiError, with its status, when the renderer refused the
     * card: 422 when its text does not fit), or StoppedError.
     */
    async render(request: RenderRequest): Promise<{ bytes: Uint8Array; alt: string }> {
      if (stopped) throw new StoppedError('the render pool is stopped');
      try {
        return (await pool.run({ kind: 'file', ...request })) as { bytes: Uint8Array; alt: string };
      } catch (error) {
        if (stopped) throw new StoppedError('stopped before the card was rendered');
        throw error;
      }
    },
    /** Stops every thread at once; unfinished renders reject with StoppedError. */
    async stop(): Promise<void> {
      stopped = true;
      await pool.close();
    },
  };
}

export type ExportPool = ReturnType<typeof createExportPool>;
