/**
 * Words: where a line may break without cutting one (Unicode word boundaries,
 * UAX #29, as `Intl.Segmenter` finds them with ICU's Chinese dictionary), and
 * the runs that are never cut at all (URLs, e-mail addresses, handles, hashtags).
 */

const segmenters = new Map<string, Intl.Segmenter>();

/** The word segmenter of a BCP 47 locale, made once (building one costs about a millisecond). */
function segmenter(locale: string): Intl.Segmenter {
  let found = segmenters.get(locale);
  if (!found) {
    found = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, found);
  }
  return found;
}

/** The words of `text` as the segmenter cuts them (punctuation and spaces are segments of their own). */
export function words(text: string, locale: string): string[] {
  return Array.from(segmenter(locale).segment(text), (part) => part.segment);
}

/**
 * Whether lines of a language break only at spaces: Korean (between words,
 * never between syllables) and English and any other language that is not
 * Chinese or Japanese, which break between characters.
 */
export function breaksAtSpaces(locale: string): boolean {
  return !/^(?:zh|ja)(?:-|$)/i.test(locale);
}

const HIRAGANA_WORD = /^[\p{Script=Hiragana}ー]+$/u;
const KANJI_OR_KATAKANA = /[\p{Script=Han}\p{Script=Katakana}]$/u;

/** Boundaries of recent texts: an attribution is segmented once, not once per size tried. */
const recent = new Map<string, Set<number>>();
const RECENT = 256;

function japanese(locale: string): boolean {
  return /^ja(?:-|$)/i.test(locale);
}

/**
 * The UTF-16 offsets in `text` where a word starts or ends (0 and `text.length`
 * included); in Japanese, where a phrase (bunsetsu) does: a particle or
 * ending written in hiragana stays with the kanji or katakana word before it.
 */
export function wordBoundaries(text: string, locale: string): Set<number> {
  const key = `${locale}\u0000${text}`;
  let boundaries = recent.get(key);
  if (!boundaries) {
    boundaries = new Set<number>([text.length]);
    let previous = '';
    for (const part of segmenter(locale).segment(text)) {
      // Japanese phrases (bunsetsu): a word of hiragana after kanji or katakana is its particle or
      // inflection (学生|です, 本|を), so no line breaks before it where another break will do.
      if (!(japanese(locale) && HIRAGANA_WORD.test(part.segment) && KANJI_OR_KATAKANA.test(previous))) boundaries.add(part.index);
      previous = part.segment;
    }
    if (recent.size >= RECENT) recent.clear();
    recent.set(key, boundaries);
  }
  return boundaries;
}

/**
 * How many of the breaks between `lines` fall inside a word of `text`, the
 * text the lines were set from (a break at a space or at `\n` never does).
 * Lines hold the text's characters in order, without the spaces at breaks.
 */
export function breaksInsideWords(text: string, lines: readonly string[], locale: string): number {
  const boundaries = wordBoundaries(text, locale);
  let offset = 0;
  let inside = 0;
  lines.forEach((line, index) => {
    while (offset < text.length && /\s/.test(text[offset]!)) offset++;
    if (index > 0 && !/\s/.test(text[offset - 1] ?? '\n') && !boundaries.has(offset)) inside++;
    for (const char of line) {
      if (/\s/.test(char)) continue;
      while (offset < text.length && text.startsWith(char, offset) === false) offset++;
      offset += char.length;
    }
  });
  return inside;
}

/** URLs (with a scheme or `www.`), e-mail addresses, handles (`@name`) and hashtags (`#話題`, `＃tag`). */
const UNBREAKABLE =
  /(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'*+=%]*[A-Za-z0-9\-_~/#=&]|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}|[@＠][A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*|[#＃][\p{L}\p{N}_]+/gu;

/** Where URLs, e-mail addresses, handles and hashtags are in `text`: [start, end) UTF-16 offsets, in order. */
export function unbreakableRuns(text: string): [number, number][] {
  return Array.from(text.matchAll(UNBREAKABLE), (match) => [match.index, match.index + match[0].length]);
}

const URL_START = /https?:\/\/|www\./;

/**
 * A URL cut where it may break when it is longer than a line: after `/`, `.`
 * or `-` (not between the two slashes of `//`). Text without a URL comes back whole.
 */
export function urlParts(text: string): string[] {
  const chars = [...text];
  const start = [...text.slice(0, Math.max(0, text.search(URL_START)))].length;
  if (text.search(URL_START) < 0) return [text];
  const parts: string[] = [];
  let part = '';
  chars.forEach((char, index) => {
    part += char;
    if (index > start && index < chars.length - 1 && '/.-'.includes(char) && chars[index + 1] !== '/') {
      parts.push(part);
      part = '';
    }
  });
  parts.push(part);
  return parts;
}
