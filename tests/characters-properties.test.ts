import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Quote } from '../src/cards/quotes.ts';
import { graphemes, isEmoji, layoutText } from '../src/typeset/graphemes.ts';
import { decodePng, renderer } from './helpers.ts';

/** Pieces of the text a user brings: emoji sequences, invisible and format characters, Latin, digits, CJK and its punctuation. */
const PIECES = [
  ...['👨‍👩‍👧', '🫸🏽', '🇹🇼', '1️⃣', '☀️', '❤️', '🌊', '🍜', '❤'],
  ...['\u200b', '\u200d', '\ufeff', '\u2060', '\u00ad', '\u200c', '\ufe0f', '\u2028', '\u00a0', ' '],
  ...['GPT', 'AI', 'Hello', 'x', '2024', '63%', '10,000'],
  ...['我', '們', '的', '信', '任', '龘', '，', '。', '、', '「', '」', '！', '？', '……', '——'],
];
const texts = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }).map((pieces) => pieces.join(''));

const quote = (text: string): Quote => ({ id: 'random', text, lang: 'zh-Hant', speaker: { name: '某人' }, source: { title: '某處' } });
const OG = { template: 'minimal', size: 'og', lang: 'zh-Hant', theme: 'light', scale: 1 } as const;
/** Where the minimal og template puts its text box: 84 px in from the left and the top (nothing else there moves with the text). */
const BOX_LEFT = 84;
const BOX_TOP = 84;
/** Anti-aliasing may touch the pixel next to an edge. */
const TOLERANCE = 1;

describe('any text a user brings (random mixes of emoji, invisible characters, Latin, digits and CJK)', () => {
  it('puts no ink outside the text box and draws every emoji as an image, never a missing glyph', async () => {
    const empty = decodePng(await renderer.png(quote(''), OG));
    const { box } = await renderer.report(quote(''), OG);
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        // Every character can be drawn: a font has it, or it is an emoji with an image, or it is invisible.
        expect(await renderer.missingCharacters(text)).toEqual([]);
        const emoji = graphemes(layoutText(text)).filter(isEmoji).length;
        expect((await renderer.svg(quote(text), OG)).match(/<image\b/g)?.length ?? 0).toBe(emoji);
        const card = decodePng(await renderer.png(quote(text), OG));
        const outside: string[] = [];
        for (let y = 0; y < card.height; y++) {
          for (let x = 0; x < card.width; x++) {
            const inBox =
              x >= BOX_LEFT - TOLERANCE &&
              x < BOX_LEFT + box.width + TOLERANCE &&
              y >= BOX_TOP - TOLERANCE &&
              y < BOX_TOP + box.height + TOLERANCE;
            const i = (y * card.width + x) * 4;
            if (
              !inBox &&
              (card.data[i] !== empty.data[i] || card.data[i + 1] !== empty.data[i + 1] || card.data[i + 2] !== empty.data[i + 2])
            )
              outside.push(`${x},${y}`);
          }
        }
        expect(outside.slice(0, 5)).toEqual([]);
      }),
      { numRuns: 24, seed: 16 },
    );
  });
});
