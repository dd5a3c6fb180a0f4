import { createHash, randomBytes } from 'node:crypto';
import { constants, type FileHandle, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes files atomically: into a temporary file in the same folder, then
 * renamed over the target, so a reader (or an interrupted run) never sees a
 * half-written file. Remembers the temporary files in flight so they can be
 * removed when a run is stopped.
 */
export class AtomicWriter {
  readonly #inFlight = new Set<string>();

  /** Writes `data` to `file`, creating its folder. */
  async write(file: string, data: Uint8Array | string): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    const temporary = temporaryPath(file);
    this.#inFlight.add(temporary);
    try {
      await writeFile(temporary, data, { flag: 'wx' }); // a new file, never through something already there
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    } finally {
      this.#inFlight.delete(temporary);
    }
  }

  /** A temporary path beside `file`, registered for cleanup; the caller renames it into place. */
  reserve(file: string): { temporary: string; release(): void } {
    const temporary = temporaryPath(file);
    this.#inFlight.add(temporary);
    return { temporary, release: () => this.#inFlight.delete(temporary) };
  }

  /** Removes every temporary file still in flight. */
  async removeTemporaryFiles(): Promise<void> {
    await Promise.all([...this.#inFlight].map((file) => rm(file, { force: true })));
    this.#inFlight.clear();
  }
}

/** Temporary files start with a dot and end in `.<pid>-<random>.tmp`, beside their target. */
export function temporaryPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** The names temporaryPath gives. */
export const TEMPORARY_NAME = /^\..+\.\d+-[0-9a-f]{8}\.tmp$/;

/**
 * The UTF-8 text of one of the export's own files (manifest, journal, lock), or
 * undefined when it does not exist. Opened without following a symbolic link
 * and non-blocking, and read only when it is a regular file, so a link or a
 * FIFO planted in its place is refused (throws) rather than followed.
 */
export async function readOwnFile(file: string): Promise<string | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    if (!(await handle.stat()).isFile()) throw new Error(`${file} is not a regular file`);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** Hex SHA-256 of some bytes. */
export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
