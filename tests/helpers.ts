import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PNG } from 'pngjs';
import { createNodeApp } from '../src/node/app.ts';
import { nodePlatform } from '../src/node/platform.ts';
import { createRenderer } from '../src/cards/render.ts';

/** One app for the whole test file, rendering on one thread (vitest runs test files side by side). */
export const { app, renderer: appRenderer } = createNodeApp(undefined, { threads: 1 });

/** The Node renderer in this thread, for tests that call it directly (fonts parse once per file). */
export const renderer = createRenderer(nodePlatform());

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Reads width and height from a PNG's IHDR chunk, checking the signature first. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) throw new Error('not a PNG: bad signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new Error('not a PNG: first chunk is not IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Decodes a PNG fully (checks every chunk's CRC and the zlib stream). */
export function decodePng(bytes: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(bytes));
}

/** Parses an SVG document, failing on any XML error; returns the root <svg> attributes. */
export function parseSvg(text: string): Record<string, string> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`invalid XML: ${valid.err.msg} at line ${valid.err.line}`);
  const document = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(text);
  return document.svg;
}

export async function getBytes(path: string, init?: RequestInit): Promise<{ res: Response; bytes: Uint8Array }> {
  const res = await app.request(path, init);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

export async function getJson(path: string): Promise<{ res: Response; body: any }> {
  const res = await app.request(path);
  return { res, body: await res.json() };
}
