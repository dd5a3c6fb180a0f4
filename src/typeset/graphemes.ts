import { parse as parseEmoji } from '@twemoji/parser';

/**
 * Graphemes, emoji and invisible characters: the one rule the typesetter,
 * the vertical setter and what satori receives all follow.
 *
 * - A grapheme (Unicode UAX #29 extended grapheme cluster, `Intl.Segmenter`)
 *   is never split: an emoji sequence (ZWJ family, skin tone, flag, keycap,
 *   VS16), or a letter with its combining marks, is one unit.
 * - An emoji grapheme is drawn as an image one em square (satori draws
 *   `graphemeImages` at the font size), so it measures exactly 1 em.
 * - Invisible and format characters take no width and are never drawn:
 *   ZERO WIDTH SPACE (U+200B) is a break opportunity; WORD JOINER (U+2060)
 *   and NO-BREAK SPACE (U+00A0) forbid a break (the latter is drawn as a
 *   space); LINE SEPARATOR and PARAGRAPH SEPARATOR (U+2028, U+2029) are
 *   forced line breaks like `\n`; every other Default_Ignorable_Code_Point
 *   (soft hyphen, ZWNJ, a ZWJ or variation selector outside an emoji, BOM,
 *   bidi marks, tags…) is dropped.
 */

const graphemeSegmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** A text's graphemes, in order (UAX #29 extended grapheme clusters). */
export function graphemes(text: string): string[] {
  // Plain ASCII and CJK without marks are one grapheme per code point: skip the segmenter.
  if (SIMPLE.test(text)) return [...text];
  // A grapheme always ends after a line feed (UAX #29 GB4; CR LF stays one), so a
  // long text is segmented line by line: V8's segmenter slows down faster than
  // the text grows (80,000 characters in one string took 4 s, by lines 0.1 s).
  const pieces = text.length > LONG_TEXT ? text.split(/(?<=\n)/) : [text];
  return pieces.flatMap((piece) => Array.from(graphemeSegmenter.segment(piece), (part) => part.segment));
}

/** Characters above which graphemes() segments a text line by line. */
const LONG_TEXT = 2_000;

/** Text whose code points are each a grapheme: no marks, joiners, selectors, regional indicators or emoji modifiers. */
const SIMPLE = /^[\u0020-\u007e\u00a0-\u02ff\u2000-\u200b\u2010-\u205f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]*$/;

export const ZERO_WIDTH_SPACE = '\u200b';
export const WORD_JOINER = '\u2060';

const emojiNames = new Map<string, string | undefined>();

/**
 * One code point that is never an emoji on its own: below U+2000 (digits
 * need U+20E3, © and ® are text), CJK punctuation but 〰 and 〽, ideographs,
 * Hangul and full-width forms. A fast answer for the bulk of Chinese text.
 */
const NEVER_EMOJI =
  /^(?:[\u0000-\u1fff\u3000-\u302f\u3031-\u303c\u303e-\u3296\u3298\u329a-\ud7ff\uf900-\ufe0e\ufe10-\uffff]|[\u{20000}-\u{3ffff}])$/u;

/**
 * The Twemoji file name of an emoji grapheme (`1f468-200d-1f469-200d-1f467`,
 * `31-20e3`, `2764`), or undefined when the grapheme is not one emoji.
 * Follows Twemoji's rule: U+FE0F is dropped from a sequence without a ZWJ
 * and kept in one with a ZWJ (`@twemoji/parser`).
 */
export function emojiName(grapheme: string): string | undefined {
  if (NEVER_EMOJI.test(grapheme)) return undefined;
  if (emojiNames.has(grapheme)) return emojiNames.get(grapheme);
  const found = parseEmoji(grapheme, { buildUrl: (codepoints: string) => codepoints });
  const whole = found.length === 1 && found[0]!.indices[0] === 0 && found[0]!.indices[1] === grapheme.length;
  // A lone U+FE0F matches with no code points left (an empty name): it is a selector, not an emoji.
  const name = whole && found[0]!.url !== '' ? found[0]!.url : undefined;
  emojiNames.set(grapheme, name);
  return name;
}

/** Whether a grapheme is drawn as an emoji image (1 em square). */
export function isEmoji(grapheme: string): boolean {
  return emojiName(grapheme) !== undefined;
}

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const HAS_SPECIAL = /[\p{Default_Ignorable_Code_Point}\u2028\u2029]/u;

/**
 * The text as the typesetter takes it: U+2028 and U+2029 become `\n`; the
 * Default_Ignorable_Code_Points are dropped, except ZWSP and WORD JOINER
 * (kept for the line breaker, never drawn) and the joiners, selectors and
 * tags inside an emoji grapheme. Text without such characters is returned as is.
 */
export function layoutText(text: string): string {
  if (!HAS_SPECIAL.test(text)) return text;
  let kept = '';
  for (const grapheme of graphemes(text.replace(/[\u2028\u2029]/g, '\n'))) {
    // An emoji with a stray selector after it (👨‍👩‍👧 + U+FE0F) is still that emoji.
    const unselected = grapheme.replace(/[\ufe0e\ufe0f]+$/, '');
    if (isEmoji(grapheme)) kept += grapheme;
    else if (unselected !== grapheme && isEmoji(unselected)) kept += unselected;
    else for (const char of grapheme) if (char === ZERO_WIDTH_SPACE || char === WORD_JOINER || !IGNORABLE.test(char)) kept += char;
  }
  return kept;
}

/** Zero-width characters the line breaker reads but nothing draws: ZWSP and WORD JOINER. */
export function isZeroWidth(grapheme: string): boolean {
  return grapheme === ZERO_WIDTH_SPACE || grapheme === WORD_JOINER;
}

/** What is drawn of laid-out text: without ZWSP and WORD JOINER. */
export function drawnText(text: string): string {
  return text.includes(ZERO_WIDTH_SPACE) || text.includes(WORD_JOINER) ? text.replace(/[\u200b\u2060]/g, '') : text;
}
