import { lstat, mkdir, readdir, readlink, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileKind } from '../node/quotes-file.ts';
import { ExportUsageError, ioProblem, OutputFolderError } from './errors.ts';
import { TEMPORARY_NAME, temporaryPath } from './files.ts';
import { JOURNAL_FILE } from './journal.ts';
import { LOCK_FILE } from './lock.ts';
import { MANIFEST_JSON, readManifest } from './manifest.ts';

/**
 * The output folder, resolved once (realpath) so every later check compares
 * against one real path:
 * 1. `--out` naming a file (or a device…) is refused;
 * 2. a missing folder is created;
 * 3. a non-empty folder that holds no export of ours (manifest, journal or lock)
 *    is refused unless `force`, so `--out ~` cannot scatter cards among other files;
 * 4. a file is written and removed, so a read-only or full folder is found
 *    before any card is rendered.
 * Throws ExportUsageError (1, 3) or OutputFolderError (2, 4) naming the folder.
 */
export async function openOutputFolder(out: string, force: boolean): Promise<string> {
  const path = resolve(out);
  const stats = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new OutputFolderError(`Cannot use the output folder ${path}: ${ioProblem(error)}.`);
  });
  if (stats && !stats.isDirectory()) {
    throw new ExportUsageError(
      `--out ${path} is ${fileKind(stats)}, not a folder. Give a new or empty folder, or one an earlier export wrote.`,
    );
  }
  if (!stats) await makeFolderPath(path).catch(cannot(`create the output folder ${path}`));
  const root = await realpath(path);
  if (!force && !(await isEmptyOrOurs(root))) {
    throw new ExportUsageError(
      `--out ${root} is not empty and holds no manifest of an earlier export, so the cards would be mixed with other files. Give a new or empty folder, or add --force to export into it anyway.`,
    );
  }
  const probe = temporaryPath(join(root, 'write-check'));
  await writeFile(probe, 'quote-cards\n', { flag: 'wx' }).catch(cannot(`write in the output folder ${root}`));
  await rm(probe, { force: true });
  return root;
}

/**
 * mkdir -p one level at a time: `mkdir(path, { recursive: true })` reports a
 * read-only filesystem as ENOENT, which sends the user looking for a missing folder.
 */
async function makeFolderPath(path: string): Promise<void> {
  const missing: string[] = [];
  for (let folder = path; !(await exists(folder)); folder = dirname(folder)) missing.unshift(folder);
  for (const folder of missing) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error; // made meanwhile by another export (the lock then decides)
    });
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}

/** Empty but for temporary files (another export's write check, say), or holding an export's manifest, journal or lock. */
async function isEmptyOrOurs(root: string): Promise<boolean> {
  const names = (await readdir(root)).filter((name) => !TEMPORARY_NAME.test(name));
  if (names.length === 0 || names.includes(JOURNAL_FILE) || names.includes(LOCK_FILE)) return true;
  return names.includes(MANIFEST_JSON) && (await readManifest(join(root, MANIFEST_JSON))) !== undefined;
}

/**
 * Creates the folders the cards go in (paths relative to `root`, with forward
 * slashes), one level at a time, so nothing is ever created through a symbolic
 * link that leads out of `root`. A link that resolves inside `root` is used as
 * it is. Throws OutputFolderError naming the link and where it points, or the
 * fs error (ENOSPC, EROFS…) with the folder.
 */
export async function makeCardFolders(root: string, folders: Iterable<string>): Promise<void> {
  const made = new Set<string>();
  for (const folder of folders) {
    let path = root;
    for (const part of folder.split('/')) {
      path = join(path, part);
      if (made.has(path)) continue;
      await makeFolderInside(root, path);
      made.add(path);
    }
  }
}

async function makeFolderInside(root: string, path: string): Promise<void> {
  const stats = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new OutputFolderError(`Cannot use ${path}: ${ioProblem(error)}.`);
  });
  if (!stats) {
    await mkdir(path).catch(cannot(`create the folder ${path}`));
    return;
  }
  if (stats.isDirectory()) return;
  if (stats.isSymbolicLink()) {
    const target = await realpath(path).catch(() => undefined);
    if (target !== undefined && isInside(root, target) && (await stat(target)).isDirectory()) return;
    const shown = target ?? (await readlink(path));
    throw new OutputFolderError(
      `${path} is a symbolic link to ${shown}, outside the output folder ${root}; cards are never written through it. Remove the link, or choose another --out.`,
    );
  }
  throw new OutputFolderError(
    `${path} is ${fileKind(stats)}, where the export puts a folder of cards. Move it away, or choose another --out.`,
  );
}

/**
 * Sets aside `bytes` in `root`: a file of zeros, named like a temporary file
 * so that the reserve of a run killed outright is cleaned up by the next.
 * Returns the function that frees it. Throws OutputFolderError naming the
 * folder when there is not that much room.
 */
export async function reserveSpace(root: string, bytes: number): Promise<() => Promise<void>> {
  const file = temporaryPath(join(root, 'manifest-reserve'));
  await writeFile(file, new Uint8Array(bytes), { flag: 'wx' }).catch(async (error: unknown) => {
    await rm(file, { force: true });
    throw new OutputFolderError(`Cannot set aside ${Math.ceil(bytes / 1024)} KiB for the manifest in ${root}: ${ioProblem(error)}.`);
  });
  return () => rm(file, { force: true });
}

/** Card folders are at most this deep below the output folder: <lang>/<template>/<size>/<theme> (see exportFilePath). */
const CARD_FOLDER_DEPTH = 4;

/**
 * Removes temporary files (see temporaryPath) that a run killed outright left
 * in `root` and its card folders. The walk never follows a symbolic link and
 * goes no deeper than the card folders; a file is removed only when it is a
 * regular file whose folder resolves inside `root`. Call it holding the lock,
 * so no live export's files are touched.
 */
export async function removeStaleTemporaryFiles(root: string): Promise<void> {
  const walk = async (folder: string, depth: number): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(folder, entry.name);
      // Dirent types come from lstat: a symbolic link is neither a directory nor a file here.
      if (entry.isDirectory() && depth < CARD_FOLDER_DEPTH) await walk(path, depth + 1);
      else if (entry.isFile() && TEMPORARY_NAME.test(entry.name)) await removeInside(root, path);
    }
  };
  await walk(root, 0);
}

async function removeInside(root: string, file: string): Promise<void> {
  const folder = await realpath(dirname(file)).catch(() => undefined);
  if (folder === undefined || !isInside(root, folder)) return;
  const stats = await lstat(file).catch(() => undefined);
  if (stats?.isFile()) await rm(file, { force: true });
}

/** True when the real path `path` is `root` or below it. */
export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** A catch handler that rethrows an fs error as an OutputFolderError: "Cannot <what>: EROFS: read-only file system." */
function cannot(what: string) {
  return (error: unknown): never => {
    throw new OutputFolderError(`Cannot ${what}: ${ioProblem(error)}.`);
  };
}
