import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputFolderError } from './errors.ts';
import { readJournal } from './journal.ts';
import { MANIFEST_JSON, readManifest, type ManifestEntry } from './manifest.ts';
import type { CardJob } from './plan.ts';

/**
 * The jobs that need no render: an earlier run recorded the card (in its
 * manifest, or in the journal of a run killed before it wrote one; the
 * journal wins) with the same inputHash, and its file still has the recorded
 * size and SHA-256.
 */
export async function unchangedEntries(out: string, jobs: readonly CardJob[], journalFile: string): Promise<Map<CardJob, ManifestEntry>> {
  const journaled = await readJournal(journalFile).catch((error: unknown) => {
    throw new OutputFolderError(`Cannot read the journal ${journalFile}: ${(error as Error).message}.`);
  });
  const recorded = [...((await readManifest(join(out, MANIFEST_JSON)))?.cards ?? []), ...journaled];
  const previous = new Map(recorded.map((entry) => [entry.file, entry]));
  const entries = new Map<CardJob, ManifestEntry>();
  await forEachLimited(jobs, 16, async (job) => {
    const entry = previous.get(job.file);
    if (entry && entry.inputHash === job.inputHash && (await isIntact(join(out, job.file), entry))) entries.set(job, entry);
  });
  return entries;
}

/** True when the card is a regular file (not a link) that still has the size and SHA-256 recorded. */
async function isIntact(file: string, entry: ManifestEntry): Promise<boolean> {
  try {
    const stats = await lstat(file);
    if (!stats.isFile() || stats.size !== entry.bytes) return false;
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
