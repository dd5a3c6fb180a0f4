import opentype from 'opentype.js';
import { readFileSync } from 'node:fs';
const load = (f: string) => { const b = readFileSync('fonts/' + f); return opentype.parse(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); };
const a = load('sans-hant-400.otf'), b = load('sans-hans-400.otf');
const diff: string[] = [];
for (const ch of '直過這的是一人我們不在有能為中國這個會說今天以們要來時'.split('')) {
  if (!a.charToGlyphIndex(ch) || !b.charToGlyphIndex(ch)) continue;
  if (a.charToGlyph(ch).getPath(0,0,100).toPathData(1) !== b.charToGlyph(ch).getPath(0,0,100).toPathData(1)) diff.push(ch);
}
console.log(diff.join(''));
