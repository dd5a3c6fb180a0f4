import { availableParallelism } from 'node:os';
import { rm } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import { SIZES } from '../cards/options.ts';
import { parseQuoteEntries, type Quote } from '../cards/quotes.ts';
import { undrawableEntries } from '../cards/characters.ts';
import { createFontLibrary } from '../cards/font-library.ts';
import { nodePlatform } from '../node/platform.ts';
import { RENDER_VERSION } from '../cards/render-version.ts';
import { ExportUsageError, ioProblem, isOutOfSpace, OutputFolderError } from './errors.ts';
import { AtomicWriter, pngSize, sha256 } from './files.ts';
import { openJournal, JOURNAL_FILE, type Journal } from './journal.ts';
import { lockOutputFolder } from './lock.ts';
import { makeCardFolders, openOutputFolder, removeStaleTemporaryFiles, reserveSpace } from './out-dir.ts';
import {
  cardEntry,
  MANIFEST_CSV,
  MANIFEST_JSON,
  manifestBytesBound,
  manifestCsv,
  manifestJson,
  type ExportFailure,
  type ManifestEntry,
} from './manifest.ts';
import { planCards, type CardJob, type Selection } from './plan.ts';
import { createExportPool, StoppedError } from './pool.ts';
import { unchangedEntries } from './resume.ts';
import { writeZip } from './zip.ts';
import { readQuotesText } from '../node/quotes-file.ts';

export interface ExportOptions extends Selection {
  /** The output folder. */
  out: string;
  /** A quotes file in the bundled schema; the bundled quotes when absent. */
  quotesFile?: string;
  /** Only these quote ids; every valid quote when absent. */
  ids?: readonly string[];
  /** Render worker threads; one per core when absent. */
  concurrency?: number;
  /** Re-render cards that are unchanged, and export into a non-empty folder that holds no earlier export. */
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
  /** Stopped by the signal (Ctrl-C). */
  interrupted: boolean;
  /** Why the run stopped early because the folder could take no more (ENOSPC, EDQUOT, EROFS), and at which file. */
  stopped?: string;
  /** The output folder, resolved (realpath). */
  folder: string;
  manifest: string;
  zip?: string;
}

/**
 * Exports the cross product of quotes and the selection into `out`:
 * 1. read the quotes, entry by entry (an invalid entry fails alone);
 * 2. open the output folder (see openOutputFolder) and lock it for this run;
 * 3. plan the cards and skip those unchanged and intact since an earlier run,
 *    as its manifest, or the journal of a run killed outright, records them;
 * 4. render the rest on worker threads, writing each file atomically and
 *    journaling it as it lands; the first ENOSPC/EDQUOT/EROFS stops the run;
 * 5. write manifest.json and manifest.csv (and the zip) for what finished.
 * Writes nothing outside the output folder but the zip, and never through a
 * symbolic link that leads out of it.
 * Throws ExportUsageError (unknown ids, `--out` a file or someone else's
 * folder), OutputFolderError (locked, read-only, full, a link out) or
 * QuotesFileError.
 */
export async function exportCards(options: ExportOptions): Promise<ExportResult> {
  // 1. Quotes.
  const { quotes, failures } = await readSelectedQuotes(options);

  // 2. The output folder: resolved once, ours, writable, one export at a time.
  const out = await openOutputFolder(options.out, options.force ?? false);
  const unlock = await lockOutputFolder(out);
  try {
    return await exportInto(out, quotes, failures, options);
  } finally {
    await unlock();
  }
}

async function exportInto(out: string, quotes: Quote[], failures: ExportFailure[], options: ExportOptions): Promise<ExportResult> {
  // 3. Plan, and skip what is unchanged and intact.
  await removeStaleTemporaryFiles(out);
  const jobs = await planCards(quotes, options);
  const journalFile = join(out, JOURNAL_FILE);
  const entries = options.force ? new Map<CardJob, ManifestEntry>() : await unchangedEntries(out, jobs, journalFile);
  const skipped = entries.size;
  await makeCardFolders(out, new Set(jobs.map((job) => posix.dirname(job.file))));
  // Room for the manifest, set aside now: a disk that fills up while rendering cannot take it.
  const releaseReserve = await reserveSpace(out, manifestBytesBound(jobs, failures));

  // 4. Render.
  const writer = new AtomicWriter();
  let run: RenderRun;
  try {
    const journal = await openJournal(journalFile).catch((error: unknown) => {
      throw new OutputFolderError(`Cannot write the journal ${journalFile}: ${ioProblem(error)}.`);
    });
    try {
      run = await renderCards(out, jobs, entries, { writer, journal, skipped }, options);
    } finally {
      await journal.close();
    }
  } finally {
    await releaseReserve(); // every write has finished: the room is the manifest's
  }

  // 5. Manifests (in plan order, whatever order the workers finished in), then the zip.
  const cards = jobs.flatMap((job) => entries.get(job) ?? []);
  failures.push(...jobs.flatMap((job) => run.failures.get(job) ?? []));
  const complete = !run.interrupted && run.stopped === undefined;
  const manifest = join(out, MANIFEST_JSON);
  await writer.write(manifest, manifestJson({ renderVersion: RENDER_VERSION, complete, cards, failures })).catch((error: unknown) => {
    if (!isOutOfSpace(error)) throw error;
    throw new OutputFolderError(
      `Cannot write the manifest in ${out}: ${ioProblem(error)}. The ${cards.length} finished card(s) are recorded in ${journalFile}; the next export into ${out} rebuilds the manifest from it.`,
    );
  });
  // The manifest now records everything the journal did; removing the journal first also frees room for the CSV.
  await rm(journalFile, { force: true });
  await writer.write(join(out, MANIFEST_CSV), manifestCsv(cards)).catch((error: unknown) => {
    if (!isOutOfSpace(error)) throw error;
    run.stopped = `${run.stopped ? `${run.stopped}; then ` : ''}${ioProblem(error)}, writing ${MANIFEST_CSV} (not updated)`;
  });
  let zip: string | undefined;
  if (options.zip && !run.interrupted && run.stopped === undefined) {
    zip = resolve(options.zip);
    const items = [...cards.map((card) => card.file), MANIFEST_JSON, MANIFEST_CSV].map((name) => ({ name, path: join(out, name) }));
    await writeZip(zip, items, writer);
  }
  const { rendered, interrupted, stopped } = run;
  return { cards: jobs.length, rendered, skipped, failures, interrupted, stopped, folder: out, manifest, zip };
}

/** The quotes file read and validated entry by entry: the selected valid quotes, and a failure per selected invalid entry. */
async function readSelectedQuotes(options: ExportOptions): Promise<{ quotes: Quote[]; failures: ExportFailure[] }> {
  const { name: fileName, text } = options.quotesFile ? readQuotesText(options.quotesFile) : readQuotesText();
  const parsed = parseQuoteEntries(text, fileName);
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
  const failures: ExportFailure[] = [];
  for (const entry of invalid) {
    if (options.ids && (entry.id === undefined || !options.ids.includes(entry.id))) continue;
    failures.push({
      id: entry.id ?? `entry ${entry.index}`,
      reason: `invalid quote in ${fileName}, ${entry.label}: ${entry.problems.join('; ')}`,
    });
  }
  return { quotes, failures };
}

interface RenderRun {
  rendered: number;
  failures: Map<CardJob, ExportFailure>;
  interrupted: boolean;
  stopped?: string;
}

/**
 * Renders the jobs not in `entries` on a pool of worker threads. Each card is
 * written atomically, added to `entries` and appended to the journal. The
 * signal stops the run (interrupted); so does the first write that finds the
 * folder full or read-only (stopped, with the reason and file).
 */
async function renderCards(
  out: string,
  jobs: readonly CardJob[],
  entries: Map<CardJob, ManifestEntry>,
  { writer, journal, skipped }: { writer: AtomicWriter; journal: Journal; skipped: number },
  options: ExportOptions,
): Promise<RenderRun> {
  const toRender = jobs.filter((job) => !entries.has(job));
  const workers = Math.max(0, Math.min(options.concurrency ?? availableParallelism(), toRender.length));
  options.progress?.start({ cards: jobs.length, skipped, toRender: toRender.length, workers });
  const run: RenderRun = { rendered: 0, failures: new Map(), interrupted: options.signal?.aborted ?? false };
  if (workers === 0 || run.interrupted) {
    options.progress?.stop();
    return run;
  }
  const pool = createExportPool(workers);
  const interrupt = () => {
    run.interrupted = true;
    void pool.stop();
  };
  const stopWriting = (error: unknown, file: string) => {
    run.stopped ??= `${ioProblem(error)}, writing ${file}`;
    void pool.stop();
  };
  options.signal?.addEventListener('abort', interrupt, { once: true });
  let done = 0;
  try {
    await Promise.all(
      toRender.map(async (job) => {
        let failure: string | undefined;
        try {
          const { bytes, alt } = await pool.render({ quote: job.quote, options: job.options, format: job.format });
          await writer.write(join(out, job.file), bytes);
          const entry = manifestEntry(job, bytes, alt);
          entries.set(job, entry);
          run.rendered++;
          // A journal that cannot be written stops the run too: a crash from here on would lose cards.
          await journal.append(entry).catch((error: unknown) => stopWriting(error, JOURNAL_FILE));
        } catch (error) {
          if (error instanceof StoppedError) return;
          if (isOutOfSpace(error)) return stopWriting(error, job.file);
          failure = (error as Error).message;
          run.failures.set(job, { id: job.quote.id, file: job.file, reason: failure });
        }
        options.progress?.card({ done: ++done, total: toRender.length, file: job.file, failure });
      }),
    );
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
    await pool.stop();
    await writer.removeTemporaryFiles();
    options.progress?.stop();
  }
  return run;
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
  return cardEntry(job, { width, height, bytes: bytes.byteLength, sha256: sha256(bytes), alt });
}
