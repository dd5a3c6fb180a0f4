/**
 * Prerendering: the cards of the served quotes written into the Worker's
 * static assets folder at their content-addressed paths (see cardUrl), so
 * Workers Static Assets answer them without running the Worker. Built on the
 * export (incremental, atomic, worker threads); cards of an older render
 * version, or of a quote no longer served, are pruned.
 */
import { lstat, readdir, rm, rmdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { cardHash } from '../cards/identity.ts';
import type { Quote } from '../cards/quotes.ts';
import { prerenderedCardsOf, type PrerenderSubset } from '../http/prerendered.ts';
import { cardUrl } from '../http/urls.ts';
import { ExportUsageError } from './errors.ts';
import { exportCards, type ExportResult } from './export.ts';
import { JOURNAL_FILE } from './journal.ts';
import { LOCK_FILE } from './lock.ts';
import { MANIFEST_CSV, MANIFEST_JSON } from './manifest.ts';
import type { CardJob } from './plan.ts';

/** Workers Static Assets' limits (developers.cloudflare.com/workers/platform/limits/#static-assets): files per Worker version. */
export const MAX_ASSET_FILES = 20_000;
/** … and bytes per file (25 MiB). */
export const MAX_ASSET_BYTES = 25 * 1024 * 1024;

/** The folder under the assets directory the cards go in: /cards/<id>/… is the content-addressed path. */
export const PRERENDER_FOLDER = 'cards';

/** The export's own files in the cards folder, kept out of the upload by assets/.assetsignore. */
const OWN_FILES = new Set([MANIFEST_JSON, MANIFEST_CSV, JOURNAL_FILE, LOCK_FILE]);

export interface PrerenderOptions {
  /** The static assets directory (wrangler.toml's `[assets] directory`). */
  assets: string;
  subset: PrerenderSubset;
  /** A quotes file in the bundled schema; the bundled quotes (what the Worker serves) when absent. */
  quotesFile?: string;
  /** Only these quote ids (tests); every valid quote when absent. */
  ids?: readonly string[];
  concurrency?: number;
}

export interface PrerenderResult extends ExportResult {
  /** Files of earlier runs removed (an older render version, a quote no longer served). */
  pruned: number;
  /** Files the assets directory uploads: the cards and everything else in it. */
  assetFiles: number;
}

/**
 * Writes every card of `subset` for each quote to
 * `<assets>/cards/<id>/<stem>.<hash>.<format>`, skipping the unchanged ones,
 * then removes the cards no longer planned. Before rendering, throws
 * ExportUsageError when the cards and the other assets would be more than
 * MAX_ASSET_FILES files; after it, when a card failed or a file exceeds
 * MAX_ASSET_BYTES. Also throws what exportCards throws.
 */
export async function prerenderCards(options: PrerenderOptions): Promise<PrerenderResult> {
  const out = join(options.assets, PRERENDER_FOLDER);
  const others = (await listFiles(options.assets)).filter((file) => !isUnder(file, PRERENDER_FOLDER) && !isIgnored(file)).length;
  const cardsOf = (quote: Quote) => prerenderedCardsOf(quote, options.subset);
  let planned: Set<string> = new Set();
  const plan = async (quotes: readonly Quote[]): Promise<CardJob[]> => {
    const perQuote = quotes.map((quote) => cardsOf(quote).length);
    const files = perQuote.reduce((sum, count) => sum + count, 0);
    const total = others + files;
    if (total > MAX_ASSET_FILES) {
      const counts = (subset: PrerenderSubset) =>
        [...new Set(quotes.map((quote) => prerenderedCardsOf(quote, subset).length))].join(' or ');
      const arithmetic = `${counts(options.subset)} cards per quote × ${quotes.length} quotes = ${files} files`;
      throw new ExportUsageError(
        `Prerendering ${options.subset === 'all' ? 'every card' : `the ${options.subset} cards`} of ${quotes.length} quotes needs ${arithmetic}, plus ${others} other assets: ${total} files, more than Workers Static Assets' ${MAX_ASSET_FILES}. Prerender a subset with PRERENDER_CARDS=og (${counts('og')} per quote) or PRERENDER_CARDS=none; the cards left out are rendered by the Worker.`,
      );
    }
    const jobs = await Promise.all(
      quotes.flatMap((quote) =>
        cardsOf(quote).map(async ({ options: card, format }): Promise<CardJob> => {
          const url = await cardUrl(quote, card, format);
          return {
            quote,
            options: card,
            format,
            file: url.slice(`/${PRERENDER_FOLDER}/`.length),
            inputHash: await cardHash(quote, card, format),
          };
        }),
      ),
    );
    planned = new Set(jobs.map((job) => job.file));
    return jobs;
  };
  const result = await exportCards({
    out,
    quotesFile: options.quotesFile,
    ids: options.ids,
    concurrency: options.concurrency,
    plan,
    // Unused with a plan; the export's selection type asks for them.
    templates: [],
    sizes: [],
    langs: [],
    themes: [],
    scales: [],
    formats: [],
  });
  // A card the app answers with 422 (its text does not fit) is left to the Worker, which answers the same.
  const failures = result.failures.filter((failure) => failure.status !== 422);
  if (failures.length > 0) {
    const shown = failures.slice(0, 5).map((failure) => `${failure.file ?? failure.id}: ${failure.reason}`);
    throw new ExportUsageError(`${failures.length} card(s) could not be prerendered:\n${shown.join('\n')}`);
  }
  let pruned = 0;
  let kept = 0;
  for (const file of await listFiles(out)) {
    if (OWN_FILES.has(file)) continue;
    if (!planned.has(file)) {
      await rm(join(out, file), { force: true });
      pruned++;
      continue;
    }
    const { size } = await lstat(join(out, file));
    if (size > MAX_ASSET_BYTES)
      throw new ExportUsageError(`${join(out, file)} is ${size} bytes, more than Workers Static Assets' ${MAX_ASSET_BYTES} per file.`);
    kept++;
  }
  await removeEmptyFolders(out);
  return { ...result, pruned, assetFiles: others + kept };
}

/** Every file below `root`, as paths relative to it with forward slashes; none when it does not exist. */
async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

function isUnder(file: string, folder: string): boolean {
  return file.startsWith(`${folder}/`);
}

/** Files Workers Static Assets never upload: `_headers`, `_redirects` and dot files (see assets/.assetsignore). */
function isIgnored(file: string): boolean {
  return file === '_headers' || file === '_redirects' || file.split('/').some((part) => part.startsWith('.'));
}

/** Removes the quote folders left empty by pruning. */
async function removeEmptyFolders(out: string): Promise<void> {
  for (const entry of await readdir(out, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = join(out, entry.name);
    if ((await readdir(folder)).length === 0) await rmdir(folder);
  }
}
