/**
 * `npm run bench:big-quotes`: how long a server takes to serve a quotes file
 * near the 16 MiB limit. Writes a file of valid quotes (BIG_QUOTES_MB, default
 * 15 MB) made from the bundled quotes' sentences, a few long enough that some
 * cards cannot hold them, starts `node scripts/start.mjs` on it, and prints
 * the seconds from spawn to listening, to `/healthz`, to the first card and
 * to the end of the background fit check.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readQuotesFile } from '../src/node/app.ts';
import type { Quote } from '../src/cards/quotes.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Quotes of mixed lengths (20–300 characters, one in 500 of 400), `megabytes` of JSON in all; deterministic. */
export function bigQuotes(megabytes: number): Quote[] {
  const bundled = readQuotesFile();
  const sentences = bundled.flatMap((quote) => quote.text.split(/(?<=[。！？])/u).filter((part) => part.length > 0));
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const quotes: Quote[] = [];
  let bytes = 2;
  while (bytes < megabytes * 1_000_000) {
    const target = quotes.length % 500 === 499 ? 400 : 20 + Math.floor(random() * 280);
    let text = '';
    while (text.length < target) text += sentences[Math.floor(random() * sentences.length)];
    const base = bundled[quotes.length % bundled.length]!;
    const quote: Quote = { ...base, id: `quote-${quotes.length}`, text: text.slice(0, Math.max(target, 1)).replace(/[，、]$/u, '。') };
    quotes.push(quote);
    bytes += Buffer.byteLength(JSON.stringify(quote)) + 1;
  }
  return quotes;
}

async function main(): Promise<void> {
  const megabytes = Number(process.env.BIG_QUOTES_MB ?? 15);
  const directory = mkdtempSync(join(tmpdir(), 'big-quotes-'));
  const file = join(directory, 'quotes.json');
  const quotes = bigQuotes(megabytes);
  writeFileSync(file, JSON.stringify(quotes));
  console.log(`${quotes.length} quotes, ${(Buffer.byteLength(JSON.stringify(quotes)) / 1e6).toFixed(1)} MB`);
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...process.env, QUOTES_FILE: file, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listening = new Promise<string>((resolve, reject) => {
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const url = /Serving \d+ quotes on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
  let checked = '';
  const fitChecked = new Promise<void>((resolve) => {
    server.stderr.on('data', (chunk: Buffer) => {
      checked += chunk;
      if (/fit check done/i.test(checked)) resolve();
    });
    server.stdout.on('data', () => /fit check done/i.test(output) && resolve());
  });
  try {
    const url = await listening;
    console.log(`listening after ${seconds()} s`);
    const health = await fetch(`${url}/healthz`);
    console.log(`/healthz ${health.status} ${await health.text()} after ${seconds()} s`);
    const card = await fetch(`${url}/cards/quote-0.png`);
    console.log(`first card ${card.status} after ${seconds()} s`);
    await fitChecked;
    console.log(`background fit check done after ${seconds()} s`);
    console.log(checked.split('\n').slice(0, 3).join('\n'));
  } finally {
    server.kill('SIGTERM');
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
