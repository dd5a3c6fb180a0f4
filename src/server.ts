import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createNodeApp, readQuotesFile } from './node-app.ts';
import { QuotesFileError } from './quotes.ts';

/** Where and what to serve. */
export interface ServeOptions {
  port: number;
  hostname: string;
  /** A quotes file in the bundled schema; the bundled quotes when absent. */
  quotesFile?: string;
}

/** The serve options from QUOTES_FILE, PORT and HOST, with the defaults (127.0.0.1:8787). */
export function serveOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServeOptions {
  return { port: Number(env.PORT ?? 8787), hostname: env.HOST ?? '127.0.0.1', quotesFile: env.QUOTES_FILE || undefined };
}

/** Serves the cards on Node (`npm start`, `quote-cards serve`); exits 1 when the quotes file is unusable. */
export function startServer({ port, hostname, quotesFile }: ServeOptions) {
  let quotes;
  try {
    quotes = quotesFile ? readQuotesFile(quotesFile) : readQuotesFile();
  } catch (error) {
    // A quotes file is served whole or not at all.
    console.error(error instanceof QuotesFileError ? error.message : `Cannot read the quotes file: ${(error as Error).message}`);
    process.exit(1);
  }

  const { app } = createNodeApp(quotes);
  return serve({ fetch: app.fetch, port, hostname }, (info) => {
    console.log(`Serving ${quotes.length} quotes on http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${info.port}`);
  });
}

// Run directly (`tsx src/server.ts`, as `npm run dev` does).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) startServer(serveOptionsFromEnv());
