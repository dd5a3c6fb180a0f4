import { serve } from '@hono/node-server';
import { createNodeApp, parseCacheMegabytes, readQuotesFile } from './node-app.ts';
import { QuotesFileError } from './quotes.ts';

// Serves the cards on Node: `npm start`. QUOTES_FILE, PORT and HOST override the defaults;
// PUBLIC_BASE_URL sets the origin of absolute URLs, CARD_CACHE_MB the memory for rendered cards.
const port = Number(process.env.PORT ?? 8787);
const hostname = process.env.HOST ?? '127.0.0.1';

let quotes;
try {
  quotes = process.env.QUOTES_FILE ? readQuotesFile(process.env.QUOTES_FILE) : readQuotesFile();
} catch (error) {
  // A quotes file is served whole or not at all.
  console.error(error instanceof QuotesFileError ? error.message : `Cannot read the quotes file: ${(error as Error).message}`);
  process.exit(1);
}

let app;
try {
  const cacheBytes = process.env.CARD_CACHE_MB === undefined ? undefined : parseCacheMegabytes(process.env.CARD_CACHE_MB);
  ({ app } = createNodeApp(quotes, { publicBaseUrl: process.env.PUBLIC_BASE_URL || undefined, cacheBytes }));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
serve({ fetch: app.fetch, port, hostname }, (info) => {
  console.log(`Serving ${quotes.length} quotes on http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${info.port}`);
});
