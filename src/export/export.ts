import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { SIZES } from '../cards/options.ts';
import { decodeQuotesFile, parseQuoteEntries, type Quote } from '../cards/quotes.ts';
import { undrawableEntries } from '../cards/characters.ts';
import { createFontLibrary } from '../cards/font-library.ts';
import { nodePlatform } from '../node/platform.ts';
import { RENDER_VERSION } from '../cards/render-version.ts';
import { AtomicWriter, pngSize, removeStaleTemporaryFiles, sha256 } from './files.ts';
import {
  MANIFEST_CSV,
  MANIFEST_JSON,
  manifestCsv,
  manifestJson,
  readPreviousEntries,
  type ExportFailure,
  type ManifestEntry,
} from './manifest.ts';
import { planCards, type CardJob, type Selection } from './plan.ts';
import { createRenderPool, StoppedError } from './pool.ts';
import { writeZip } from './zip.ts';

const BUNDLED_QUOTES_FILE = new URL('../../quotes.json', import.meta.url);

export interface ExportOptions extends Selection {
  /** The output folder. */
  out: string;
  /** A quotes file in the bundled schema; the bundled quotes when absent. */
  quotesFile?: string;
  /** Only these quote ids; every valid quote when absent. */
  ids?: readonly string[];
  /** Render worker threads; one per core when absent. */
  concurrency?: number;
  /** Re-render cards that are unchanged. */
  force?: boolean;
  /** Also write a zip of the cards and the manifests here. */
  zip?: string;
  /** Stops the export: workers end, temporary files go, the manifest lists what finished. */
  signal?: AbortSignal;
  /** Told about the export's progress. */
  progress?: ExportProgress;
}

/** Hooks for showing progress; the export itself prints nothing. */
export interface ExportProgress {
  /** Called once, before the first render. */
  start(plan: { cards: number; skipped: number; toRender: number; workers: number }): void;
  /** Called after each render, successful or not. */
  card(event: { done: number; total: number; file: string; failure?: string }): void;
  /** Called once the renders are over (finished or stopped). */
  stop(): void;
}

export interface ExportResult {
  /** Every card planned. */
  cards: number;
  rendered: number;
  skipped: number;
  failures: ExportFailure[];
  interrupted: boolean;
  manifest: string;
  zip?: string;
}

/** A request the export cannot act on (say, an unknown quote id); the CLI exits 2. */
export class ExportUsageError extends Error {
  override name = 'ExportUsageError';
}

/**
 * Exports the cross product of quotes and the selection into `out`:
 * 1. read the quotes, entry by entry (an invalid entry fails alone);
 * 2. plan the cards and skip those unchanged since the last run;
 * 3. render the rest on worker threads, writing each file atomically;
 * 4. write manifest.json and manifest.csv (and the zip) for what finished.
 */
export async function exportCards(options: ExportOptions): Promise<ExportResult> {
  const out = resolve(options.out);
  const failures: ExportFailure[] = [];

  // 1. Quotes.
  const quotesFile = options.quotesFile ?? BUNDLED_QUOTES_FILE;
  const fileName = options.quotesFile ?? 'quotes.json';
  const parsed = parseQuoteEntries(decodeQuotesFile(await readFile(quotesFile), fileName), fileName);
  // A quote with a character nothing can draw fails alone, like an invalid one.
  const undrawable = await undrawableEntries(parsed.quotes, createFontLibrary(nodePlatform()).missingCharacters, (quote) =>
    parsed.indexById.get(quote.id)!,
  );
  const valid = parsed.quotes.filter((quote) => !undrawable.some((entry) => entry.id === quote.id));
  const invalid = [...parsed.invalid, ...undrawable].sort((a, b) => a.index - b.index);
  const quotes = selectQuotes(
    valid,
    invalid.map((entry) => entry.id),
    options.ids,
  );
  for (const entry of invalid) {
    if (options.ids && (entry.id === undefined || !options.ids.includes(entry.id))) continue;
    failures.push({
      id: entry.id ?? `entry ${entry.index}`,
      reason: `invalid quote in ${fileName}, ${entry.label}: ${entry.problems.join('; ')}`,
    });
  }

  // 2. Plan, and skip what is unchanged and intact.
  await removeStaleTemporaryFiles(out);
  const jobs = planCards(quotes, options);
  const previous = options.force ? new Map<string, ManifestEntry>() : await readPreviousEntries(join(out, MANIFEST_JSON));
  const entries = new Map<CardJob, ManifestEntry>();
  await forEachLimited(jobs, 16, async (job) => {
    const entry = previous.get(job.file);
    if (entry && entry.inputHash === job.inputHash && (await isIntact(join(out, job.file), entry))) entries.set(job, entry);
  });
  const skipped = entries.size;
  const toRender = jobs.filter((job) => !entries.has(job));

  // 3. Render.
  const writer = new AtomicWriter();
  const workers = Math.max(0, Math.min(options.concurrency ?? availableParallelism(), toRender.length));
  options.progress?.start({ cards: jobs.length, skipped, toRender: toRender.length, workers });
  const renderFailures = new Map<CardJob, ExportFailure>();
  let rendered = 0;
  let done = 0;
  let interrupted = options.signal?.aborted ?? false;
  if (workers > 0 && !interrupted) {
    const pool = createRenderPool(workers);
    const stop = () => {
      interrupted = true;
      void pool.stop();
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    try {
      await Promise.all(
        toRender.map(async (job) => {
          let failure: string | undefined;
          try {
            const { bytes, alt } = await pool.render({ quote: job.quote, options: job.options, format: job.format });
            await writer.write(join(out, job.file), bytes);
            entries.set(job, manifestEntry(job, bytes, alt));
            rendered++;
          } catch (error) {
            if (error instanceof StoppedError) return;
            failure = (error as Error).message;
            renderFailures.set(job, { id: job.quote.id, file: job.file, reason: failure });
          }
          options.progress?.card({ done: ++done, total: toRender.length, file: job.file, failure });
        }),
      );
    } finally {
      options.signal?.removeEventListener('abort', stop);
      await pool.stop();
      await writer.removeTemporaryFiles();
      options.progress?.stop();
    }
  } else {
    options.progress?.stop();
  }

  // 4. Manifests (in plan order, whatever order the workers finished in), then the zip.
  const cards = jobs.flatMap((job) => entries.get(job) ?? []);
  failures.push(...jobs.flatMap((job) => renderFailures.get(job) ?? []));
  const manifest = join(out, MANIFEST_JSON);
  await writer.write(manifest, manifestJson({ renderVersion: RENDER_VERSION, complete: !interrupted, cards, failures }));
  await writer.write(join(out, MANIFEST_CSV), manifestCsv(cards));
  let zip: string | undefined;
  if (options.zip && !interrupted) {
    zip = resolve(options.zip);
    const items = [...cards.map((card) => card.file), MANIFEST_JSON, MANIFEST_CSV].map((name) => ({ name, path: join(out, name) }));
    await writeZip(zip, items, writer);
  }
  return { cards: jobs.length, rendered, skipped, failures, interrupted, manifest, zip };
}

/** The quotes to export: all valid ones, or those named by `ids`, which must exist. */
function selectQuotes(valid: Quote[], invalidIds: (string | undefined)[], ids: readonly string[] | undefined): Quote[] {
  if (!ids) return valid;
  const byId = new Map(valid.map((quote) => [quote.id, quote]));
  const unknown = ids.filter((id) => !byId.has(id) && !invalidIds.includes(id));
  if (unknown.length > 0) {
    const known = [...byId.keys()];
    const shown = known.length > 8 ? `${known.slice(0, 8).join(', ')}, … (${known.length} in all)` : known.join(', ');
    throw new ExportUsageError(`Unknown quote id(s): ${unknown.map((id) => JSON.stringify(id)).join(', ')}. Known ids: ${shown}.`);
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function manifestEntry(job: CardJob, bytes: Uint8Array, alt: string): ManifestEntry {
  const { width, height } = job.format === 'png' ? pngSize(bytes) : SIZES[job.options.size];
  return {
    id: job.quote.id,
    ...job.options,
    format: job.format,
    file: job.file,
    width,
    height,
    bytes: bytes.byteLength,
    sha256: sha256(bytes),
    alt,
    renderVersion: RENDER_VERSION,
    inputHash: job.inputHash,
  };
}

/** True when the file on disk still has the size and SHA-256 the manifest recorded. */
async function isIntact(file: string, entry: ManifestEntry): Promise<boolean> {
  try {
    if ((await stat(file)).size !== entry.bytes) return false;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    return hash.digest('hex') === entry.sha256;
  } catch {
    return false;
  }
}

/** Runs `task` over `items`, at most `limit` at a time. */
async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}
