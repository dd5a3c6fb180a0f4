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

/**
 * CJK punctuation whose blank half may be squeezed where two marks meet
 * (clreq, "punctuation squeezing") when the font sets it full width: “ ” ‘ ’
 * are full width in Noto Sans SC but proportional (about 0.35 em) in LXGW
 * WenKai, so the typesetter measures before squeezing (fit.ts, FULL_WIDTH).
 */
export const CJK_PUNCTUATION = new Set([...'，。、；：！？（）「」『』《》〈〉【】〔〕〖〗｛｝［］“”‘’']);

const LATIN = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]/u;
/** Characters that join Latin letters and digits into one word: `10,000`, `63%`, `ZeroOne.ai`, `Kai-Fu`. */
const LATIN_JOINER = /[.,'’%\-+&/:_@#$€£\u00a0]/u;

/** A letter or digit of an alphabetic script: runs of these are never split. */
export function isLatin(char: string): boolean {
  return LATIN.test(char);
}

/** Punctuation that may sit inside a Latin word when letters or digits follow it. */
export function isLatinJoiner(char: string): boolean {
  return LATIN_JOINER.test(char);
}

/** A break opportunity that disappears at a line's edge (a no-break space is not one). */
export function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\u3000';
}

/**
 * Vertical presentation forms (U+FE10–FE19, U+FE30–FE4F) for upright setting
 * in columns. Vertical text quotes with corner brackets in every region
 * (clreq; there are no vertical “ ”), so “ ” ‘ ’ take the forms of 「 」 『 』.
 */
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
  '“': '﹁',
  '”': '﹂',
  '‘': '﹃',
  '’': '﹄',
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
