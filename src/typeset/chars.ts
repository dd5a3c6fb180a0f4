import { ZERO_WIDTH_SPACE, isEmoji } from './graphemes.ts';

/**
 * Character classes for line breaking (W3C clreq, JIS X 4051 "kinsoku").
 */

/** Closing brackets and punctuation that must not begin a line. */
export const NO_LINE_START = new Set([
  ...'，。、；：！？）」』》〉】〕〗｝］〙〛’”…‥・·‧',
  ...',.;:!?)]}%',
  ...'ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー々〻゠〜～',
]);

/** Opening brackets and quotation marks that must not end a line. */
export const NO_LINE_END = new Set([...'（「『《〈【〔〖｛［〘〚‘“', ...'([{']);

/** Marks drawn twice as one unit (—— and ……): the second half never starts a line. */
export const DOUBLED_MARKS = new Set([...'—…⋯―']);

/** Pause and stop marks (clreq), which Taiwan and Hong Kong centre in the character's cell and the mainland does not. */
export const PAUSE_AND_STOP_MARKS = new Set([...'，。、；：！？']);

/** Full-width CJK punctuation whose blank half may be squeezed where two marks meet. */
export const CJK_PUNCTUATION = new Set([...'，。、；：！？（）「」『』《》〈〉【】〔〕〖〗｛｝［］']);

/**
 * How much closer (em) two adjacent full-width marks are set, from the blank
 * between their inks (em): half an em is kept before an opening bracket and a
 * quarter em elsewhere, and at most half an em is taken (W3C clreq,
 * "Punctuation adjustment"). 0 unless both are CJK punctuation.
 */
export function punctuationSqueeze(before: string, after: string, blank: number): number {
  if (!CJK_PUNCTUATION.has(before) || !CJK_PUNCTUATION.has(after)) return 0;
  const keep = NO_LINE_END.has(after) ? 0.5 : 0.25;
  return Math.min(0.5, Math.max(0, blank - keep));
}

const LATIN = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]/u;
/** Characters that join Latin letters and digits into one word: `10,000`, `63%`, `ZeroOne.ai`, `Kai-Fu`. */
const LATIN_JOINER = /[.,'’%\-+&/:_@#$€£\u00a0]/u;

/** A letter or digit of an alphabetic script (not an emoji such as the keycap 1️⃣): runs of these are never split. */
export function isLatin(char: string): boolean {
  return LATIN.test(char) && !isEmoji(char);
}

/** Punctuation that may sit inside a Latin word when letters or digits follow it. */
export function isLatinJoiner(char: string): boolean {
  return LATIN_JOINER.test(char);
}

/** A break opportunity that disappears at a line's edge: a space or ZWSP (a no-break space is not one). */
export function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\u3000' || char === ZERO_WIDTH_SPACE;
}

/** A character that forbids a break on either side of it: WORD JOINER (U+2060) and NO-BREAK SPACE (U+00A0). */
export function isGlue(char: string): boolean {
  return char === '\u2060' || char === '\u00a0';
}

/** Vertical presentation forms (U+FE10–FE19, U+FE30–FE4F) for upright setting in columns. */
export const VERTICAL_FORMS: Readonly<Record<string, string>> = {
  '，': '︐',
  '、': '︑',
  '。': '︒',
  '：': '︓',
  '；': '︔',
  '！': '︕',
  '？': '︖',
  '「': '﹁',
  '」': '﹂',
  '『': '﹃',
  '』': '﹄',
  '（': '︵',
  '）': '︶',
  '｛': '︷',
  '｝': '︸',
  '〔': '︹',
  '〕': '︺',
  '【': '︻',
  '】': '︼',
  '《': '︽',
  '》': '︾',
  '〈': '︿',
  '〉': '﹀',
  '［': '﹇',
  '］': '﹈',
  '—': '︱',
  '―': '︱',
  '…': '︙',
  '⋯': '︙',
};
