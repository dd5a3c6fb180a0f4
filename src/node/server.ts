import { pathToFileURL } from 'node:url';
import { createServer, type ServerOptions } from 'node:http';
import { RequestError, getRequestListener, serve } from '@hono/node-server';
import { ApiError } from '../cards/errors.ts';
import { errorResponse } from '../http/error-response.ts';
import { checkFitOnce } from './fit-verdicts.ts';
import { checkDrawable } from '../cards/characters.ts';
import { describeMisfits } from '../cards/fit-index.ts';
import type { Quote } from '../cards/quotes.ts';
import type { Renderer } from '../cards/render.ts';
import { createNodeApp, readQuotesFile } from './app.ts';
import { DEFAULT_SERVE_OPTIONS, serveOptionsOrExit, type ServeOptions } from './config.ts';
import { QuotesFileError } from '../cards/quotes.ts';
import { closeGracefully } from './shutdown.ts';

/**
 * Serves the cards on Node (`npm start`, `quote-cards serve`); exits 1 when the
 * quotes file or a setting is unusable, or a quote has a character no font can
 * draw. A quote that some cards cannot hold is served: those cards answer 422,
 * and a warning lists them once the background fit check is done.
 * On SIGTERM or SIGINT it stops accepting, lets in-flight requests finish (at
 * most shutdownTimeoutMs) and exits 0.
 */
export async function startServer({
  port,
  hostname,
  quotesFile,
  publicBaseUrl,
  cacheBytes,
  renderLimits,
  shutdownTimeoutMs = DEFAULT_SERVE_OPTIONS.shutdownTimeoutMs,
}: ServeOptions) {
  let quotes;
  try {
    quotes = quotesFile ? readQuotesFile(quotesFile) : readQuotesFile();
  } catch (error) {
    // A quotes file is served whole or not at all.
    console.error(error instanceof QuotesFileError ? error.message : `Cannot read the quotes file: ${(error as Error).message}`);
    process.exit(1);
  }

  let app, renderer;
  try {
    ({ app, renderer } = createNodeApp(quotes, { publicBaseUrl, cacheBytes, renderLimits }));
    // A character no font can draw refuses the file, as invalid data does.
    await checkDrawable(quotes, renderer.missingCharacters, quotesFile ?? 'quotes.json');
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  // Requests Node cannot turn into a URL (a bad Host header, a backslash in the
  // path) get the app's JSON error shape too, not an empty 400.
  const listener = getRequestListener(app.fetch, { hostname, errorHandler: unreadableRequest });
  const listen = ((options: ServerOptions) => createServer(options, listener)) as typeof createServer;
  const server = serve({ fetch: app.fetch, port, hostname, createServer: listen }, (info) => {
    console.log(`Serving ${quotes.length} quotes on http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${info.port}`);
    // After listening: each card checks its own fit when asked (422 text_does_not_fit), so this only warns.
    void warnAboutMisfits(renderer, quotes);
  });
  const stop = (signal: NodeJS.Signals) => {
    console.log(`${signal}: finishing requests in flight, then exiting.`);
    void closeGracefully(server, shutdownTimeoutMs).then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return server;
}

/** Checks every card of every quote after the server listens, and warns once about those that cannot be set. */
async function warnAboutMisfits(renderer: Renderer, quotes: readonly Quote[]): Promise<void> {
  const started = performance.now();
  try {
    const misfits = await checkFitOnce(renderer, quotes);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (misfits.length > 0) {
      const lines = describeMisfits(misfits);
      const shown = lines.slice(0, 50).map((line) => `  - ${line}`);
      if (lines.length > 50) shown.push(`  … and ${lines.length - 50} more`);
      console.warn(
        `Warning: ${misfits.length} quote(s) do not fit some cards, which answer 422 text_does_not_fit (fit check done in ${seconds} s):\n${shown.join('\n')}`,
      );
    } else {
      console.log(`Every quote fits every card (fit check done in ${seconds} s).`);
    }
  } catch (error) {
    console.error('The background fit check failed:', error);
  }
}

/** A request Node could not turn into a Request: a 400 naming why, in the app's error shape and headers. */
function unreadableRequest(error: unknown): Response {
  return errorResponse(
    error instanceof RequestError ? new ApiError(400, 'bad_request', `The request could not be read: ${error.message}.`) : error,
  );
}

// For scripts/start.mjs, which runs this module bundled.
export { serveOptionsOrExit };

// Run directly (`tsx src/node/server.ts`, as `npm run dev` does).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await startServer(serveOptionsOrExit());
