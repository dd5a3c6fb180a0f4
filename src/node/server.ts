import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestError, getRequestListener } from '@hono/node-server';
import { ApiError } from '../cards/errors.ts';
import { errorResponse } from '../http/error-response.ts';
import { warnWithoutPublicBaseUrl } from '../http/base-url.ts';
import { checkFitOnce } from './fit-verdicts.ts';
import { checkDrawable } from '../cards/characters.ts';
import { describeMisfits } from '../cards/fit-index.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardRenderer } from '../cards/render.ts';
import { createNodeApp, readQuotesFile } from './app.ts';
import { answerClientError } from './client-errors.ts';
import { DEFAULT_SERVE_OPTIONS, exitWith, serveOptionsOrExit, type ServeOptions } from './config.ts';
import { QuotesFileError } from '../cards/quotes.ts';
import { buildPageFonts } from './page-fonts.ts';
import type { PageFonts } from '../http/page-fonts.ts';
import { trackRequests } from './shutdown.ts';

/**
 * Serves the cards on Node (`npm start`, `quote-cards serve`); exits 1 with
 * one line on stderr when the quotes file or a setting is unusable, a quote
 * has a character no font can draw, or the address cannot be listened on. A
 * quote that some cards cannot hold is served: those cards answer 422, and a
 * warning lists them once the background fit check is done. On SIGTERM or
 * SIGINT it stops accepting, refuses renders still queued, lets in-flight
 * requests finish (at most shutdownTimeoutMs) and exits 0, or 1 when it had
 * to cut some.
 */
export async function startServer({
  port,
  hostname,
  quotesFile,
  publicBaseUrl,
  allowedHosts,
  cacheBytes,
  threads,
  renderLimits,
  shutdownTimeoutMs = DEFAULT_SERVE_OPTIONS.shutdownTimeoutMs,
  timeouts = DEFAULT_SERVE_OPTIONS.timeouts,
}: ServeOptions): Promise<Server> {
  let quotes;
  try {
    quotes = quotesFile ? readQuotesFile(quotesFile) : readQuotesFile();
  } catch (error) {
    // A quotes file is served whole or not at all.
    exitWith(error instanceof QuotesFileError ? error.message : `Cannot read the quotes file: ${(error as Error).message}`);
  }

  // The committed page fonts cover the bundled quotes; another quotes file gets its own.
  const pageFonts = quotesFile ? await pageFontsFor(quotes) : undefined;
  let node;
  try {
    node = createNodeApp(quotes, { publicBaseUrl, allowedHosts, cacheBytes, threads, renderLimits, pageFonts });
    // A character no font can draw refuses the file, as invalid data does.
    await checkDrawable(quotes, node.renderer.missingCharacters, quotesFile ?? 'quotes.json');
  } catch (error) {
    exitWith((error as Error).message);
  }
  const { app, renderer, limits } = node;

  // Requests Node cannot turn into a URL (a bad Host header, a backslash in the
  // path) get the app's JSON error shape too, not an empty 400.
  const listener = getRequestListener(app.fetch, { hostname, errorHandler: unreadableRequest });
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // How often Node looks for clients past those limits (its default, 30 s, would let them overstay).
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    },
    listener,
  );
  server.keepAliveTimeout = timeouts.keepAliveMs;
  server.on('clientError', answerClientError(timeouts));
  const graceful = trackRequests(server);

  await new Promise<void>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => exitWith(listenErrorMessage(error, hostname, port)));
    server.listen(port, hostname, resolve);
  });
  const bound = server.address() as AddressInfo;
  console.log(`Serving ${quotes.length} quotes on http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${bound.port}`);
  if (!publicBaseUrl) warnWithoutPublicBaseUrl();
  // After listening: each card checks its own fit when asked (422 text_does_not_fit), so this only warns.
  void warnAboutMisfits(renderer, quotes);

  const stop = (signal: NodeJS.Signals) => {
    console.log(`${signal}: finishing requests in flight, then exiting.`);
    limits.refuseWaiting();
    void graceful.close(shutdownTimeoutMs).then((cut) => {
      if (cut === 0) process.exit(0);
      console.error(`${signal}: ${cut} request(s) still unanswered after SHUTDOWN_TIMEOUT_MS (${shutdownTimeoutMs} ms) were cut.`);
      process.exit(1);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return server;
}

/** Checks every card of every quote after the server listens, and warns once about those that cannot be set. */
async function warnAboutMisfits(renderer: CardRenderer, quotes: readonly Quote[]): Promise<void> {
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

/** What each error of listen(2) or getaddrinfo(3) means for the server, and what to change. */
const LISTEN_ERRORS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is already in use; stop what holds it or set PORT to another port',
  EACCES: 'permission denied; ports below 1024 need privileges, so set PORT to 1024 or above',
  EADDRNOTAVAIL: 'no network interface of this machine has that address; set HOST to one of its addresses, such as 127.0.0.1 or 0.0.0.0',
  ENOTFOUND: 'the host name does not resolve; set HOST to an address of this machine, such as 127.0.0.1 or 0.0.0.0',
  EAI_AGAIN: 'the host name could not be resolved now; set HOST to an IP address, such as 127.0.0.1 or 0.0.0.0',
};

/** Why the server cannot listen on `hostname:port`, in one line naming the address and what to change. */
export function listenErrorMessage(error: NodeJS.ErrnoException, hostname: string, port: number): string {
  const address = `${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
  const why = (error.code && LISTEN_ERRORS[error.code]) || error.message;
  return `Cannot listen on ${address}: ${why} (${error.code ?? 'error'}).`;
}

/**
 * Page fonts subset for a quotes file's characters (buildPageFonts). Without
 * the font packages (a production-only install) the committed fonts are used,
 * and characters they lack fall back on the reader's system fonts.
 */
async function pageFontsFor(quotes: readonly Quote[]): Promise<PageFonts | undefined> {
  try {
    return await buildPageFonts(quotes);
  } catch (error) {
    console.error(`Pages use the fonts built for the bundled quotes: ${(error as Error).message}.`);
    return undefined;
  }
}

/** A request Node could not turn into a Request: a 400 naming why, in the app's error shape and headers. */
function unreadableRequest(error: unknown): Response {
  return errorResponse(
    error instanceof RequestError ? new ApiError(400, 'bad_request', `The request could not be read: ${error.message}.`) : error,
  );
}

// For src/node/main.ts, the server's entry (`npm start`, `npm run dev`, `quote-cards serve`).
export { serveOptionsOrExit };
