import type { Lang } from './options.ts';

/**
 * Quotation marks by region, for horizontal text: the mainland standard
 * (GB/T 15834-2011 标点符号用法) uses “ ” outside and ‘ ’ inside; Taiwan
 * (教育部《重訂標點符號手冊》) and Hong Kong use 「 」 outside and 『 』 inside.
 * Vertical text of every region uses the corner brackets in their vertical
 * forms: the vertical typesetter (src/typeset/chars.ts, VERTICAL_FORMS) turns
 * “ ” ‘ ’ into ﹁ ﹂ ﹃ ﹄ as it does 「 」 『 』.
 */
const MARKS: Partial<Record<Lang, readonly [Pair, Pair]>> = {
  'zh-Hans': [
    ['“', '”'],
    ['‘', '’'],
  ],
  'zh-Hant': [
    ['「', '」'],
    ['『', '』'],
  ],
  'zh-HK': [
    ['「', '」'],
    ['『', '』'],
  ],
};
type Pair = readonly [open: string, close: string];

/** Opening and closing marks, with their level when unpaired: 0 outer (“ 「), 1 inner (‘ 『). */
const OPENING: Record<string, number> = { '“': 0, '「': 0, '‘': 1, '『': 1 };
const CLOSING: Record<string, number> = { '”': 0, '」': 0, '’': 1, '』': 1 };

const LETTER = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

/**
 * Returns `text` with its quotation marks in the style of `lang`. Nesting
 * decides the mark, not the glyph it was written with: a quotation at the
 * outer level gets the outer pair, one inside it the inner pair, and so on
 * alternately. A closing mark without its opening keeps its own level. A ’
 * between two letters or digits that are not Han characters (don’t, Kai-Fu’s)
 * is an apostrophe and stays. Straight quotes (" ') are left alone. Text in
 * a language other than Chinese (Japanese, Korean, English) is never converted,
 * so it keeps the marks it was written with.
 */
export function setQuotationMarks(text: string, lang: Lang): string {
  const marks = MARKS[lang];
  if (!marks || !/[“”‘’「」『』]/u.test(text)) return text;
  const chars = [...text];
  let depth = 0;
  return chars
    .map((char, index) => {
      const opening = OPENING[char];
      if (opening !== undefined) return marks[depth++ % 2]![0];
      const closing = CLOSING[char];
      if (closing === undefined || (char === '’' && isApostrophe(chars[index - 1], chars[index + 1]))) return char;
      if (depth === 0) return marks[closing]![1];
      return marks[--depth % 2]![1];
    })
    .join('');
}

function isApostrophe(before: string | undefined, after: string | undefined): boolean {
  const word = (char: string | undefined) => char !== undefined && LETTER.test(char) && !HAN.test(char);
  return word(before) && word(after);
}

/** Where an opening mark goes: at the start, after a space, an opening bracket, a dash or another opening mark. */
const OPENS_AFTER = /[\s([{\u2014\u2013“‘]/u;

/**
 * English text with typewriter quotes made typographic, as it is loaded: `"`
 * becomes “ at the start of a quotation (at the start of the text, after a
 * space, an opening bracket, a dash or another opening mark) and ” elsewhere;
 * `'` becomes ‘ there and ’ elsewhere, the apostrophe (don’t, Kai-Fu’s, ’90s
 * after a space is the one it gets wrong, as every such rule does).
 */
export function typographicQuotes(text: string): string {
  const chars = [...text];
  return chars
    .map((char, index) => {
      if (char !== '"' && char !== "'") return char;
      const before = chars[index - 1];
      const opens = before === undefined || OPENS_AFTER.test(before);
      if (char === '"') return opens ? '“' : '”';
      return opens ? '‘' : '’';
    })
    .join('');
}
