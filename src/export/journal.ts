import { constants, open } from 'node:fs/promises';
import { readOwnFile } from './files.ts';
import { isManifestEntry, type ManifestEntry } from './manifest.ts';

/**
 * The journal, beside the manifest: one JSON line per card, appended as soon as
 * the card's file is in place. A run killed outright (`kill -9`, a power cut)
 * leaves it behind, and the next run rebuilds what finished from it; a run
 * that writes its manifest removes it.
 */
export const JOURNAL_FILE = '.quote-cards-journal.jsonl';

/** Appended lines between fdatasync calls: a crash of the machine loses at most these (the files are verified on re-run anyway). */
const SYNC_EVERY = 32;

/**
 * The cards a journal records, later lines winning; none when there is no
 * journal. A torn or foreign line (a crash mid-write) is skipped.
 * Throws when the journal is not a regular file (a symbolic link, say).
 */
export async function readJournal(file: string): Promise<ManifestEntry[]> {
  const text = await readOwnFile(file);
  return (text ?? '').split('\n').flatMap((line) => {
    try {
      const entry: unknown = JSON.parse(line);
      return isManifestEntry(entry) ? [entry] : [];
    } catch {
      return [];
    }
  });
}

/** A journal open for appending; appends are written one after another, never interleaved. */
export interface Journal {
  /** Appends one card; rejects with the fs error (ENOSPC…) when the line cannot be written. */
  append(entry: ManifestEntry): Promise<void>;
  /** Flushes what was appended to the disk (fdatasync) and closes the file. */
  close(): Promise<void>;
}

/** Opens (creating) the journal for appending. */
export async function openJournal(file: string): Promise<Journal> {
  // Not through a symbolic link, so appending cannot reach outside the folder.
  const handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
  let queue: Promise<void> = Promise.resolve();
  let unsynced = 0;
  const write = async (line: string) => {
    await handle.write(line);
    if (++unsynced >= SYNC_EVERY) {
      unsynced = 0;
      await handle.datasync();
    }
  };
  return {
    append(entry) {
      const appended = queue.then(() => write(`${JSON.stringify(entry)}\n`));
      queue = appended.catch(() => {});
      return appended;
    },
    async close() {
      await queue;
      // Best effort: the journal is the fallback; the manifest written next is the record.
      if (unsynced > 0) await handle.datasync().catch(() => {});
      await handle.close();
    },
  };
}
