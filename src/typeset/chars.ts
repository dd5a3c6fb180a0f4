import { ZERO_WIDTH_SPACE, isEmoji } from './graphemes.ts';

/**
 * Character classes for line breaking (W3C clreq, "Prohibition rules for line
 * start and line end"; JIS X 4051 calls them kinsoku; numbers and handles
 * follow UAX #14 where it agrees with clreq).
 */

/**
 * clreq's levels of line-start and line-end prohibition:
 * - `basic`: closing brackets, pause and stop marks, connector marks and interpuncts never start a line, opening brackets never end one;
 * - `gb`: also a solidus (／ /) never ends a line;
 * - `strict`: also the ellipsis `……` and the two-em dash `——` never start a line.
 * At every level `……` and `——` are never split, and the number, unit and handle rules below hold.
 */
export const KINSOKU_LEVELS = ['basic', 'gb', 'strict'] as const;
export type KinsokuLevel = (typeof KINSOKU_LEVELS)[number];

/** The level cards are set at. */
export const DEFAULT_KINSOKU: KinsokuLevel = 'strict';

/**
 * Closing brackets and punctuation that must not begin a line (clreq basic),
 * and Japanese's own (W3C jlreq, "Characters not starting a line", classes
 * cl-02 to cl-06 and cl-09, strict as JIS X 4051 sets them): small kana
 * ぁぃぅぇぉっゃゅょゎゕゖ and their katakana, the prolonged sound mark ー,
 * iteration marks 々〻ゝゞヽヾ, the middle dot ・ and the hyphens ‐ ゠ 〜.
 */
export const NO_LINE_START = new Set([
  ...'，。、；：！？）」』》〉】〕〗｝］〙〛〟»⦆’”…‥・·‧‼⁇⁈⁉',
  ...',.;:!?)]}%',
  ...'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿー々〻ゝゞヽヾ゠〜～‐',
]);

/** Opening brackets and quotation marks that must not end a line (clreq basic; jlreq cl-01). */
export const NO_LINE_END = new Set([...'（「『《〈【〔〖｛［〘〚〝«⦅‘“', ...'([{']);

/** Marks drawn twice as one unit (—— and ……): the second half never starts a line. */
export const DOUBLED_MARKS = new Set([...'—…⋯―']);

/** Units after a number (UAX #14 class PO) and the full-width full stop: never at a line's start (`50％`, `3‰`, `20℃`, `90°`). */
export const UNIT_MARKS = new Set([...'％‰℃°．']);

/** Currency signs (UAX #14 class PR), which stay with the number after them, and `＃ # @`, which stay with their tag or handle: never at a line's end. */
export const PREFIX_MARKS = new Set([...'￥＄€£$＃#@']);

/** Solidi, which clreq's GB level keeps from ending a line. */
const SOLIDI = new Set([...'／/']);

/** Whether `char` may not begin a line at `level` (the second half of a doubled mark is handled where marks are paired). */
export function noLineStart(char: string, level: KinsokuLevel = DEFAULT_KINSOKU): boolean {
  if (DOUBLED_MARKS.has(char)) return level === 'strict';
  return NO_LINE_START.has(char) || UNIT_MARKS.has(char);
}

/** Whether `char` may not end a line at `level`. */
export function noLineEnd(char: string, level: KinsokuLevel = DEFAULT_KINSOKU): boolean {
  return NO_LINE_END.has(char) || PREFIX_MARKS.has(char) || (level !== 'basic' && SOLIDI.has(char));
}

/** Pause and stop marks (clreq), which Taiwan and Hong Kong centre in the character's cell and the mainland does not. */
export const PAUSE_AND_STOP_MARKS = new Set([...'，。、；：！？']);

/**
 * CJK punctuation whose blank half may be squeezed where two marks meet
 * (clreq, "punctuation squeezing") when the font sets it full width: “ ” ‘ ’
 * are full width in Noto Sans SC but proportional (about 0.35 em) in LXGW
 * WenKai, so horizontal setting measures before squeezing (fit.ts, FULL_WIDTH).
 */
export const CJK_PUNCTUATION = new Set([...'，。、；：！？（）「」『』《》〈〉【】〔〕〖〗｛｝［］“”‘’']);

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
