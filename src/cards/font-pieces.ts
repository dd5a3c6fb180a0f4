import type { FontPiece, Layout } from '../typeset/fit.ts';

/**
 * The layout with each run that needs a fallback font cut into pieces by
 * the font that draws them, and each emoji on its own as an image
 * (Run.pieces), so satori draws every character
 * from a font that has it while the rest of the line, punctuation included,
 * keeps the template's own font, with its regional forms and size. (satori
 * picks one font per word, by the word's first character: a rare character
 * at the start of a word would otherwise pull the marks after it into the
 * fallback font. And satori draws an emoji of its graphemeImages only when
 * its line breaker keeps the grapheme whole, which it does not for 🫸🏽 or
 * 1️⃣2️⃣: an image element is drawn whatever the breaker does.)
 */
export function withFontPieces<T extends Layout | undefined>(layout: T, pieces: (text: string) => FontPiece[]): T {
  if (!layout) return layout;
  return {
    ...layout,
    lines: layout.lines.map((line) => ({
      ...line,
      runs: line.runs.map((run) => {
        const cut = pieces(run.text);
        return cut.some((piece) => piece.family || piece.image) ? { ...run, pieces: cut } : run;
      }),
    })),
  };
}
