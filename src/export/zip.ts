import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { AtomicWriter } from './files.ts';

/** A file to put in the zip: its name inside the archive and where to read it. */
export interface ZipItem {
  name: string;
  path: string;
}

/**
 * Writes a zip of `items` atomically (temporary file, then rename), one file
 * in memory at a time. PNGs are stored as they are (already compressed),
 * everything else deflated.
 */
export async function writeZip(zipFile: string, items: readonly ZipItem[], writer: AtomicWriter): Promise<void> {
  await mkdir(dirname(zipFile), { recursive: true });
  const { temporary, release } = writer.reserve(zipFile);
  const stream = createWriteStream(temporary);
  try {
    const finished = new Promise<void>((resolve, reject) => {
      const zip = new Zip((error, chunk, final) => {
        if (error) return reject(error);
        stream.write(chunk);
        if (final) stream.end(resolve);
      });
      (async () => {
        for (const item of items) {
          const entry = item.name.endsWith('.png') ? new ZipPassThrough(item.name) : new ZipDeflate(item.name, { level: 6 });
          zip.add(entry);
          entry.push(await readFile(item.path), true);
          if (stream.writableNeedDrain) await once(stream, 'drain');
        }
        zip.end();
      })().catch(reject);
    });
    await Promise.race([finished, once(stream, 'error').then(([error]) => Promise.reject(error))]);
    await rename(temporary, zipFile);
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  } finally {
    release();
  }
}
