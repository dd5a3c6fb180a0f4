import { serve } from '@hono/node-server';
import { createNodeApp, readQuotesFile } from './node-app.ts';
import { QuotesFileError } from './quotes.ts';

// Serves the cards on Node: `npm start`. QUOTES_FILE, PORT and HOST override the defaults.
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

const { app, renderer } = createNodeApp(quotes);
// A quote that cannot be set on some card refuses the whole file, as invalid data does.
const problems = await renderer.checkFit(quotes);
if (problems.length > 0) {
  console.error(`The quotes file cannot be served: ${problems.length} card(s) do not fit.\n${problems.join('\n')}`);
  process.exit(1);
}
serve({ fetch: app.fetch, port, hostname }, (info) => {
  console.log(`Serving ${quotes.length} quotes on http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${info.port}`);
});
