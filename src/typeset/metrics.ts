import type opentype from 'opentype.js';
import { graphemes, isEmoji, isZeroWidth } from './graphemes.ts';

/** What the typesetter needs to know about a font, in em (multiply by the font size for px). */
export interface Metrics {
  /** Whether the font has a glyph for `char` (one code point). */
  covers(char: string): boolean;
  /** Horizontal advance of `text`, as satori measures it (kerning included). */
  advance(text: string): number;
  /** Blank space before and after the ink of a character set horizontally. */
  blanks(char: string): { before: number; after: number };
  /** How far to move a character so its ink sits in the middle of the em box (x rightwards, y downwards). */
  centring(char: string): { x: number; y: number };
}

const WIDE =
  /[\u2014\u2015\u2026\u22ef\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/**
 * Metrics of a parsed font. Graphemes it lacks take their advance from the
 * first of `fallbacks` that has them (the fonts that will draw them), else
 * 1em if wide and 0.5em otherwise. An emoji grapheme is 1em (satori draws it
 * as a 1em square image); ZWSP and WORD JOINER are 0.
 */
export function fontMetrics(font: opentype.Font, fallbacks: readonly opentype.Font[] = []): Metrics {
  const advances = new Map<string, number>();
  const blanks = new Map<string, { before: number; after: number }>();
  const centrings = new Map<string, { x: number; y: number }>();
  const scale = 1 / font.unitsPerEm;
  // The middle of the ideographic em box, in em above the baseline.
  const middle = ((font.ascender + font.descender) / 2) * scale;
  const has = (char: string) => font.charToGlyphIndex(char) > 0 || char === ' ';
  const drawnBy = (grapheme: string) => [font, ...fallbacks].find((each) => [...grapheme].every((char) => each.charToGlyphIndex(char) > 0));
  const graphemeAdvance = (grapheme: string): number => {
    if (isZeroWidth(grapheme)) return 0;
    if (isEmoji(grapheme)) return 1;
    if ([...grapheme].every(has)) return font.getAdvanceWidth(grapheme, 1);
    const other = drawnBy(grapheme);
    return other ? other.getAdvanceWidth(grapheme, 1) : monospaceAdvance(grapheme);
  };
  return {
    covers: has,
    advance(text) {
      let width = advances.get(text);
      if (width === undefined) {
        const units = graphemes(text);
        // Text the font draws whole is measured whole, kerning included, as satori does.
        const plain = units.every((grapheme) => !isZeroWidth(grapheme) && !isEmoji(grapheme) && [...grapheme].every(has));
        width = plain ? font.getAdvanceWidth(text, 1) : units.reduce((sum, grapheme) => sum + graphemeAdvance(grapheme), 0);
        advances.set(text, width);
      }
      return width;
    },
    blanks(char) {
      let found = blanks.get(char);
      if (!found) {
        found = { before: 0, after: 0 };
        if (has(char)) {
          const glyph = font.charToGlyph(char);
          const box = glyph.getBoundingBox();
          const advance = glyph.advanceWidth ?? font.unitsPerEm;
          if (box.x2 > box.x1) found = { before: Math.max(0, box.x1 * scale), after: Math.max(0, (advance - box.x2) * scale) };
        }
        blanks.set(char, found);
      }
      return found;
    },
    centring(char) {
      let found = centrings.get(char);
      if (!found) {
        found = { x: 0, y: 0 };
        if (has(char)) {
          const glyph = font.charToGlyph(char);
          const box = glyph.getBoundingBox();
          const advance = glyph.advanceWidth ?? font.unitsPerEm;
          if (box.x2 > box.x1) found = { x: (advance / 2 - (box.x1 + box.x2) / 2) * scale, y: ((box.y1 + box.y2) / 2) * scale - middle };
        }
        centrings.set(char, found);
      }
      return found;
    },
  };
}

/** A grapheme's advance without a font: 1em if emoji or wide, 0 if ZWSP or WORD JOINER, else 0.5em. */
function monospaceAdvance(grapheme: string): number {
  if (isZeroWidth(grapheme)) return 0;
  return isEmoji(grapheme) || WIDE.test(grapheme) ? 1 : 0.5;
}

/** Metrics without a font: 1em for emoji and wide characters, 0 for ZWSP and WORD JOINER, 0.5em for the rest (for tests and estimates). */
export const MONOSPACE_METRICS: Metrics = {
  covers: () => true,
  advance: (text) => graphemes(text).reduce((sum, grapheme) => sum + monospaceAdvance(grapheme), 0),
  blanks: () => ({ before: 0, after: 0 }),
  centring: () => ({ x: 0, y: 0 }),
};
