import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { checkFitOnce } from './fit-verdicts.ts';
import { createNodeApp, parseCacheMegabytes, readQuotesFile } from './node-app.ts';
import { QuotesFileError } from './quotes.ts';

/** Where and what to serve. */
export interface ServeOptions {
  port: number;
  hostname: string;
  /** A quotes file in the bundled schema; the bundled quotes when absent. */
  quotesFile?: string;
  /** The public origin for absolute URLs; the request's own origin when absent. */
  publicBaseUrl?: string;
  /** Memory for rendered cards, in bytes (default 64 MiB, 0 = off). */
  cacheBytes?: number;
}

/**
 * The serve options from the environment: PORT and HOST (default 127.0.0.1:8787),
 * QUOTES_FILE, PUBLIC_BASE_URL and CARD_CACHE_MB.
 */
export function serveOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServeOptions {
  return {
    port: Number(env.PORT ?? 8787),
    hostname: env.HOST ?? '127.0.0.1',
    quotesFile: env.QUOTES_FILE || undefined,
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
    cacheBytes: env.CARD_CACHE_MB === undefined ? undefined : parseCacheMegabytes(env.CARD_CACHE_MB),
  };
}

/**
 * Serves the cards on Node (`npm start`, `quote-cards serve`); exits 1 when the
 * quotes file or a setting is unusable, or when a quote cannot be set on some card.
 */
export async function startServer({ port, hostname, quotesFile, publicBaseUrl, cacheBytes }: ServeOptions) {
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
    ({ app, renderer } = createNodeApp(quotes, { publicBaseUrl, cacheBytes }));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  // A quote that cannot be set on some card refuses the whole file, as invalid data does.
  const problems = await checkFitOnce(renderer, quotes);
  if (problems.length > 0) {
    console.error(`The quotes file cannot be served: ${problems.length} card(s) do not fit.\n${problems.join('\n')}`);
    process.exit(1);
  }
  return serve({ fetch: app.fetch, port, hostname }, (info) => {
    console.log(`Serving ${quotes.length} quotes on http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${info.port}`);
  });
}

/** Reads the environment, exiting 1 with the message when a setting is invalid. */
function serveOptionsOrExit(): ServeOptions {
  try {
    return serveOptionsFromEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

// Run directly (`tsx src/server.ts`, as `npm run dev` does).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await startServer(serveOptionsOrExit());
