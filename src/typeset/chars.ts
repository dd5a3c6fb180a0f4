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

/** Full-width CJK punctuation whose blank half may be squeezed where two marks meet. */
export const CJK_PUNCTUATION = new Set([...'，。、；：！？（）「」『』《》〈〉【】〔〕〖〗｛｝［］']);

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
