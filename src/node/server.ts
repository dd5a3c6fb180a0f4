import { pathToFileURL } from 'node:url';
import { createServer, type ServerOptions } from 'node:http';
import { RequestError, getRequestListener, serve } from '@hono/node-server';
import { ApiError } from '../cards/errors.ts';
import { errorResponse } from '../http/error-response.ts';
import { checkFitOnce } from './fit-verdicts.ts';
import { createNodeApp, readQuotesFile } from './app.ts';
import { DEFAULT_SERVE_OPTIONS, serveOptionsOrExit, type ServeOptions } from './config.ts';
import { QuotesFileError } from '../cards/quotes.ts';
import { closeGracefully } from './shutdown.ts';

/**
 * Serves the cards on Node (`npm start`, `quote-cards serve`); exits 1 when the
 * quotes file or a setting is unusable, or when a quote cannot be set on some card.
 * On SIGTERM or SIGINT it stops accepting, lets in-flight requests finish (at
 * most shutdownTimeoutMs) and exits 0.
 */
export async function startServer({
  port,
  hostname,
  quotesFile,
  publicBaseUrl,
  cacheBytes,
  threads,
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

  let app, renderer, closePool;
  try {
    ({ app, renderer, close: closePool } = createNodeApp(quotes, { publicBaseUrl, cacheBytes, threads, renderLimits }));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  // A quote that cannot be set on some card refuses the whole file, as invalid data does.
  const problems = await checkFitOnce(renderer, quotes);
  if (problems.length > 0) {
    await closePool();
    console.error(`The quotes file cannot be served: ${problems.length} card(s) do not fit.\n${problems.join('\n')}`);
    process.exit(1);
  }
  // Requests Node cannot turn into a URL (a bad Host header, a backslash in the
  // path) get the app's JSON error shape too, not an empty 400.
  const listener = getRequestListener(app.fetch, { hostname, errorHandler: unreadableRequest });
  const listen = ((options: ServerOptions) => createServer(options, listener)) as typeof createServer;
  const server = serve({ fetch: app.fetch, port, hostname, createServer: listen }, (info) => {
    console.log(`Serving ${quotes.length} quotes on http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${info.port}`);
  });
  const stop = (signal: NodeJS.Signals) => {
    console.log(`${signal}: finishing requests in flight, then exiting.`);
    void closeGracefully(server, shutdownTimeoutMs)
      .then(closePool)
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return server;
}

/** A request Node could not turn into a Request: a 400 naming why, in the app's error shape and headers. */
function unreadableRequest(error: unknown): Response {
  return errorResponse(
    error instanceof RequestError ? new ApiError(400, 'bad_request', `The request could not be read: ${error.message}.`) : error,
  );
}

// For src/node/main.ts, the built server's entry.
export { serveOptionsOrExit };

// Run directly (`tsx src/node/server.ts`, as `npm run dev` does).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await startServer(serveOptionsOrExit());
