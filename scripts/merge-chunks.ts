/**
 * Builds one TrueType font from a font published as unicode-range chunks
 * (an `@fontsource` package: a CSS file of `@font-face` rules, each a WOFF
 * file and the `unicode-range` it serves, as browsers load them). The chunks
 * that hold the wanted characters are subset with harfbuzz (subset-font) to
 * TrueType, and their glyphs are copied into one font: glyph outlines, advance
 * widths and one cmap; hinting programs, names and vertical metrics come from
 * the first chunk. Composite glyphs are refused (the chunks have none). The result is meant to be subset once more by harfbuzz,
 * which rebuilds cmap, maxp and the bounding boxes from the glyphs.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import opentype from 'opentype.js';
import subsetFont from 'subset-font';

/** One `@font-face` rule of a chunked font's CSS: the WOFF file and the code points it serves. */
export interface Chunk {
  file: string;
  ranges: Array<[number, number]>;
}

/** The chunks of a fontsource CSS file (`url(./files/….woff)` and `unicode-range: U+4e00-4e0f,U+3001`). */
export async function readChunks(cssFile: string): Promise<Chunk[]> {
  const css = await readFile(cssFile, 'utf8');
  return [...css.matchAll(/@font-face\s*{([^}]*)}/g)].map(([, rule]) => {
    const file = /url\(([^)]+\.woff)\)/.exec(rule!)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(rule!)?.[1];
    if (!file || !range) throw new Error(`An @font-face rule in ${cssFile} has no WOFF url or no unicode-range: ${rule}`);
    const ranges = range.split(',').map((part) => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from!, 16), parseInt(to ?? from!, 16)] as [number, number];
    });
    return { file: join(dirname(cssFile), file), ranges };
  });
}

/**
 * A TrueType font with the glyphs of `chars` found in the chunks of `cssFile`
 * (the first chunk whose range holds a character supplies it). Returns its
 * bytes and the characters no chunk has.
 */
export async function mergeChunks(cssFile: string, chars: Iterable<string>): Promise<{ data: Buffer; missing: string[] }> {
  const wanted = [...new Set(chars)];
  const claimed = new Set<string>();
  const parts: Sfnt[] = [];
  for (const chunk of await readChunks(cssFile)) {
    const mine = wanted.filter(
      (char) => !claimed.has(char) && chunk.ranges.some(([from, to]) => char.codePointAt(0)! >= from && char.codePointAt(0)! <= to),
    );
    if (mine.length === 0 && parts.length > 0) continue;
    const subset = await subsetFont(await readFile(chunk.file), mine.join(''), { targetFormat: 'truetype' });
    const part = readSfnt(subset);
    for (const char of part.cmap.keys()) claimed.add(String.fromCodePoint(char));
    parts.push(part);
  }
  return { data: writeMerged(parts), missing: wanted.filter((char) => !claimed.has(char)) };
}

interface Sfnt {
  tables: Map<string, Buffer>;
  /** code point → glyph index */
  cmap: Map<number, number>;
  glyphs: Buffer[];
  metrics: Array<{ advance: number; lsb: number }>;
}

function readSfnt(data: Buffer): Sfnt {
  const tables = new Map<string, Buffer>();
  const count = data.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + 16 * i;
    const offset = data.readUInt32BE(record + 8);
    tables.set(data.toString('latin1', record, record + 4), data.subarray(offset, offset + data.readUInt32BE(record + 12)));
  }
  const table = (tag: string) => {
    const found = tables.get(tag);
    if (!found) throw new Error(`A font chunk has no ${tag} table`);
    return found;
  };
  const numGlyphs = table('maxp').readUInt16BE(4);
  const longLoca = table('head').readInt16BE(50) === 1;
  const loca = table('loca');
  const offset = (index: number) => (longLoca ? loca.readUInt32BE(index * 4) : loca.readUInt16BE(index * 2) * 2);
  const glyf = table('glyf');
  const glyphs = Array.from({ length: numGlyphs }, (_, index) => glyf.subarray(offset(index), offset(index + 1)));
  const hmtx = table('hmtx');
  const longMetrics = table('hhea').readUInt16BE(34);
  const metrics = Array.from({ length: numGlyphs }, (_, index) => {
    const advance = hmtx.readUInt16BE(4 * Math.min(index, longMetrics - 1));
    const lsb = index < longMetrics ? hmtx.readInt16BE(4 * index + 2) : hmtx.readInt16BE(4 * longMetrics + 2 * (index - longMetrics));
    return { advance, lsb };
  });
  // A chunk subset to no character has no cmap subtable at all.
  const parsed = numGlyphs > 1 ? opentype.parse(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) : undefined;
  const map = (parsed?.tables.cmap as { glyphIndexMap: Record<string, number> } | undefined)?.glyphIndexMap ?? {};
  const cmap = new Map(Object.entries(map).map(([code, glyph]) => [Number(code), glyph]));
  return { tables, cmap, glyphs, metrics };
}

function writeMerged(parts: Sfnt[]): Buffer {
  const glyphs: Buffer[] = [];
  const metrics: Array<{ advance: number; lsb: number }> = [];
  const cmap = new Map<number, number>();
  parts.forEach((part, which) => {
    // Every chunk's glyphs, in order, after the first chunk's (only its .notdef is kept as glyph 0).
    const base = glyphs.length - (which === 0 ? 0 : 1);
    part.glyphs.forEach((glyph, index) => {
      if (which > 0 && index === 0) return;
      // A composite glyph would point at glyph indices of its chunk; the web-font chunks have none (they are flattened).
      if (glyph.length > 0 && glyph.readInt16BE(0) < 0)
        throw new Error(`Glyph ${index} of font chunk ${which + 1} is composite; merging copies simple glyphs only`);
      glyphs.push(glyph);
      metrics.push(part.metrics[index]!);
    });
    for (const [code, glyph] of part.cmap) if (!cmap.has(code) && glyph > 0) cmap.set(code, base + glyph);
  });
  const first = parts[0]!.tables;
  const glyf: Buffer[] = [];
  const loca = Buffer.alloc(4 * (glyphs.length + 1));
  let at = 0;
  glyphs.forEach((glyph, index) => {
    loca.writeUInt32BE(at, 4 * index);
    const padded = Buffer.alloc(Math.ceil(glyph.length / 4) * 4);
    glyph.copy(padded);
    glyf.push(padded);
    at += padded.length;
  });
  loca.writeUInt32BE(at, 4 * glyphs.length);
  const head = Buffer.from(first.get('head')!);
  head.writeUInt32BE(0, 8); // checkSumAdjustment, recomputed by the subsetter
  head.writeInt16BE(1, 50); // long loca offsets
  const hhea = Buffer.from(first.get('hhea')!);
  hhea.writeUInt16BE(glyphs.length, 34);
  hhea.writeUInt16BE(Math.max(...metrics.map((metric) => metric.advance)), 10);
  const maxp = Buffer.from(first.get('maxp')!);
  maxp.writeUInt16BE(glyphs.length, 4);
  // The limits (points, contours, depth…) are the largest of any chunk.
  for (let field = 6; field + 2 <= maxp.length; field += 2) {
    maxp.writeUInt16BE(Math.max(...parts.map((part) => part.tables.get('maxp')!.readUInt16BE(field))), field);
  }
  const hmtx = Buffer.alloc(4 * metrics.length);
  metrics.forEach(({ advance, lsb }, index) => {
    hmtx.writeUInt16BE(advance, 4 * index);
    hmtx.writeInt16BE(lsb, 4 * index + 2);
  });
  const post = Buffer.from(first.get('post')!.subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0); // no glyph names
  const tables = new Map<string, Buffer>([
    ['OS/2', first.get('OS/2')!],
    ['cmap', writeCmap(cmap)],
    ['glyf', Buffer.concat(glyf)],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', loca],
    ['maxp', maxp],
    ['name', first.get('name')!],
    ['post', post],
  ]);
  for (const tag of ['cvt ', 'fpgm', 'prep', 'gasp']) if (first.has(tag)) tables.set(tag, first.get(tag)!);
  return writeSfnt(tables);
}

/** A cmap with one format 12 subtable (Windows, Unicode full repertoire), one group per code point. */
function writeCmap(cmap: Map<number, number>): Buffer {
  const codes = [...cmap.keys()].sort((a, b) => a - b);
  const table = Buffer.alloc(4 + 8 + 16 + 12 * codes.length);
  table.writeUInt16BE(0, 0); // version
  table.writeUInt16BE(1, 2); // one subtable
  table.writeUInt16BE(3, 4); // platform: Windows
  table.writeUInt16BE(10, 6); // encoding: Unicode full repertoire
  table.writeUInt32BE(12, 8); // offset of the subtable
  table.writeUInt16BE(12, 12); // format 12
  table.writeUInt32BE(16 + 12 * codes.length, 16); // length
  table.writeUInt32BE(codes.length, 24); // groups
  codes.forEach((code, index) => {
    const at = 28 + 12 * index;
    table.writeUInt32BE(code, at);
    table.writeUInt32BE(code, at + 4);
    table.writeUInt32BE(cmap.get(code)!, at + 8);
  });
  return table;
}

/** An sfnt file (TrueType outlines) holding `tables`, tags in order, each 4-byte aligned. */
function writeSfnt(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const header = Buffer.alloc(12 + 16 * tags.length);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(tags.length, 4);
  const power = 2 ** Math.floor(Math.log2(tags.length));
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(tags.length * 16 - power * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, index) => {
    const data = tables.get(tag)!;
    const record = 12 + 16 * index;
    header.write(tag, record, 'latin1');
    header.writeUInt32BE(checksum(data), record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(data.length, record + 12);
    const padded = Buffer.alloc(Math.ceil(data.length / 4) * 4);
    data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

function checksum(data: Buffer): number {
  let sum = 0;
  for (let at = 0; at < data.length; at += 4) {
    const word = Buffer.alloc(4);
    data.copy(word, 0, at, Math.min(at + 4, data.length));
    sum = (sum + word.readUInt32BE(0)) >>> 0;
  }
  return sum;
}
