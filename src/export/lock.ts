import { link, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputFolderError } from './errors.ts';
import { readOwnFile, temporaryPath } from './files.ts';

/** The lock file in the output folder: the pid of the export writing there. */
export const LOCK_FILE = '.quote-cards.lock';

/**
 * Takes the output folder for this process, so two exports never write into
 * one folder at once. The lock file holds the owner's pid; it is created with
 * link(2), which fails when the file exists (and never follows a symbolic
 * link), so it appears whole or not at all. A lock whose process is gone (a
 * run killed outright) is taken over. Returns the function that releases it.
 * Throws OutputFolderError naming the pid when a live process holds the lock.
 */
export async function lockOutputFolder(root: string): Promise<() => Promise<void>> {
  const file = join(root, LOCK_FILE);
  const mine = temporaryPath(file);
  await writeFile(mine, `${process.pid}\n`, { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await link(mine, file);
        return () => releaseLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = await lockOwner(file);
      if (owner !== undefined && isAlive(owner)) {
        throw new OutputFolderError(
          `${root} is being written by another export (process ${owner}; lock file ${file}). Run one export per folder at a time: wait for it to finish, or choose another --out.`,
        );
      }
      await rm(file, { force: true }); // the lock of a process that is gone: take it over
    }
    throw new OutputFolderError(`Another export took ${file} at the same moment; run one export per folder at a time.`);
  } finally {
    await rm(mine, { force: true });
  }
}

/** The pid in a lock file; undefined when it is missing or unreadable. */
async function lockOwner(file: string): Promise<number | undefined> {
  const text = await readOwnFile(file).catch(() => undefined);
  const pid = Number(text?.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** True while process `pid` exists (signal 0 checks without signalling; EPERM means it exists, owned by someone else). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the lock, if it is still this process's. */
async function releaseLock(file: string): Promise<void> {
  if ((await lockOwner(file)) === process.pid) await rm(file, { force: true });
}
