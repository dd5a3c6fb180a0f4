import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkFileSize, decodeQuotesFile, MAX_QUOTES_FILE_BYTES, QuotesFileError } from '../cards/quotes.ts';

/** The bundled quotes file. */
export const BUNDLED_QUOTES_FILE = new URL('../../quotes.json', import.meta.url);

/**
 * The text of a quotes file, read with hard bounds, and its name for messages
 * (its path, or quotes.json for the bundled one); the one reader behind
 * `serve`, `render` and `export`.
 * 1. The file is opened non-blocking, so a FIFO without a writer cannot hang start-up.
 * 2. `fstat` on that descriptor refuses anything but a regular file, by name
 *    (a directory, FIFO, character or block device, socket).
 * 3. At most MAX_QUOTES_FILE_BYTES + 1 bytes are read, whatever `stat` says, so a
 *    file that grows while it is read cannot exhaust memory.
 * Throws a QuotesFileError naming the file: missing, unreadable, not a regular
 * file, larger than 16 MiB, or not UTF-8.
 */
export function readQuotesText(file: string | URL = BUNDLED_QUOTES_FILE): { name: string; text: string } {
  const name = quotesFileName(file);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    // A socket cannot be opened at all (ENXIO): name what it is rather than the errno.
    const kind = fileKindOrUndefined(file);
    if (kind !== undefined && kind !== REGULAR) throw notRegular(name, kind);
    throw new QuotesFileError(`${name}: cannot open the file (${(error as Error).message})`);
  }
  try {
    const stats = fstatSync(fd);
    const kind = fileKind(stats);
    if (kind !== REGULAR) throw notRegular(name, kind);
    checkFileSize(stats.size, name); // refused unread when stat says so already
    const bytes = readAtMost(fd, MAX_QUOTES_FILE_BYTES + 1);
    if (bytes.byteLength > MAX_QUOTES_FILE_BYTES) {
      const limit = `${MAX_QUOTES_FILE_BYTES / 1024 / 1024} MiB`;
      throw new QuotesFileError(`${name}: holds more than ${limit} (reading stopped there); a quotes file may be at most ${limit}.`);
    }
    return { name, text: decodeQuotesFile(bytes, name) };
  } catch (error) {
    if (error instanceof QuotesFileError) throw error;
    throw new QuotesFileError(`${name}: cannot read the file (${(error as Error).message})`);
  } finally {
    closeSync(fd);
  }
}

function quotesFileName(file: string | URL): string {
  if (file === BUNDLED_QUOTES_FILE) return 'quotes.json';
  return file instanceof URL ? fileURLToPath(file) : file;
}

const REGULAR = 'a regular file';

function notRegular(name: string, kind: string): QuotesFileError {
  return new QuotesFileError(`${name}: is ${kind}; a quotes file must be a regular file.`);
}

function fileKindOrUndefined(file: string | URL): string | undefined {
  try {
    return fileKind(statSync(file));
  } catch {
    return undefined;
  }
}

/** What a file is, as a message names it (from lstat or fstat). */
export function fileKind(stats: Stats): string {
  if (stats.isFile()) return REGULAR;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * Reads from `fd` until end of file or until `limit` bytes, whichever comes
 * first: never more than `limit` bytes, in 64 KiB steps, however long the
 * source (a device such as /dev/zero never ends).
 */
export function readAtMost(fd: number, limit: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit - total));
    const read = readSync(fd, chunk, 0, chunk.byteLength, null);
    if (read === 0) break;
    chunks.push(read === chunk.byteLength ? chunk : chunk.subarray(0, read));
    total += read;
  }
  return Buffer.concat(chunks, total);
}
