import { readFileSync } from 'node:fs';
import { createApp } from './app.ts';
import { nodePlatform } from './platform/node.ts';
import { parseQuotes, type Quote } from './quotes.ts';
import { createRenderer } from './render.ts';

/** The bundled quotes file. */
export const BUNDLED_QUOTES_FILE = new URL('../quotes.json', import.meta.url);

/** Reads and validates a quotes file; throws QuotesFileError naming the entry and field. */
export function readQuotesFile(file: string | URL = BUNDLED_QUOTES_FILE): Quote[] {
  const name = file === BUNDLED_QUOTES_FILE ? 'quotes.json' : String(file);
  return parseQuotes(readFileSync(file, 'utf8'), name);
}

/** The app on Node: quotes from a file (the bundled ones by default), fonts from disk, native resvg. */
export function createNodeApp(quotes: readonly Quote[] = readQuotesFile()) {
  const renderer = createRenderer(nodePlatform());
  return { app: createApp({ quotes, renderer }), renderer };
}
