import bundledQuotes from '../quotes.json';
import { createApp } from './app.ts';
import { withEdgeCache, type WaitUntil } from './edge-cache.ts';
import { ApiError } from './errors.ts';
import { workerPlatform } from './platform/worker.ts';
import { validateQuotes } from './quotes.ts';
import { createRenderer } from './render.ts';
import { RENDER_VERSION } from './render-version.ts';

type Handler = (request: Request, ctx: WaitUntil) => Promise<Response>;
let handler: Handler | undefined;

/**
 * The app with the edge cache around it, built on the first request rather
 * than at start-up: validating the quotes, like parsing fonts, is work the
 * Worker's one-second start-up budget should not pay for.
 */
function createHandler(): Handler {
  const quotes = validateQuotes(bundledQuotes, 'quotes.json');
  const app = createApp({ quotes, renderer: createRenderer(workerPlatform()) });
  // The bundled quotes are part of a card too: an edited quote gets new keys.
  const version = `${RENDER_VERSION}.${hash(JSON.stringify(bundledQuotes))}`;
  return withEdgeCache((request) => app.fetch(request), { cache: (caches as unknown as { default: Cache }).default, version });
}

/** The Worker entry (wrangler.toml's `main`): the same routes as on Node, cached at the edge. */
export default {
  async fetch(request: Request, _env: unknown, ctx: WaitUntil): Promise<Response> {
    try {
      handler ??= createHandler();
    } catch (error) {
      // A quotes file is served whole or not at all; the message names the entry and field.
      console.error(error);
      const unavailable = new ApiError(500, 'internal_error', 'The bundled quotes failed validation; see the Worker logs.');
      return Response.json(unavailable.toJSON(), { status: 500 });
    }
    return handler(request, ctx);
  },
};

/** FNV-1a, 32 bits, as 8 hex digits: a cheap fingerprint, not a security hash. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
