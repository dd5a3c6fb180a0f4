import { QuotesFileError, type InvalidQuoteEntry, type Quote } from './quotes.ts';

/** The graphemes of a text that nothing can draw, as `"𠮷" (U+20BB7)` (FontLibrary.missingCharacters). */
export type FindMissing = (text: string) => Promise<string[]>;

/**
 * The quotes with a character that no font and no emoji image can draw,
 * each with one problem per field naming the characters and their code
 * points: `field "text" has "𠮷" (U+20BB7), which no font here can draw`.
 * `indexOf` gives a quote's position in its file, for the message. Every
 * field that is drawn on a card is checked (the text, the speaker's and the
 * source's names in both languages); converted scripts use the same fonts.
 */
export async function undrawableEntries(
  quotes: readonly Quote[],
  findMissing: FindMissing,
  indexOf: (quote: Quote, position: number) => number = (_quote, position) => position,
): Promise<InvalidQuoteEntry[]> {
  const fieldsOf = (quote: Quote) => ({
    text: quote.text,
    'speaker.name': quote.speaker.name,
    'speaker.nameEn': quote.speaker.nameEn,
    'source.title': quote.source.title,
    'source.titleEn': quote.source.titleEn,
  });
  // Every field at once first (a line feed always ends a grapheme, UAX #29 GB4/GB5):
  // a file with nothing undrawable, the usual case, costs one call; on the
  // render pool, one task rather than one per field.
  const everything = quotes.flatMap((quote) => Object.values(fieldsOf(quote)).filter((value) => value !== undefined));
  if ((await findMissing(everything.join('\n'))).length === 0) return [];
  const entries: InvalidQuoteEntry[] = [];
  for (const [position, quote] of quotes.entries()) {
    const fields = fieldsOf(quote);
    const problems: string[] = [];
    for (const [field, value] of Object.entries(fields)) {
      const missing = value === undefined ? [] : await findMissing(value);
      if (missing.length > 0) problems.push(`field "${field}" has ${missing.join(', ')}, which no font here can draw`);
    }
    if (problems.length > 0) {
      const index = indexOf(quote, position);
      entries.push({ index, id: quote.id, label: `entry ${index} (id "${quote.id}")`, problems });
    }
  }
  return entries;
}

/**
 * Refuses a quotes file whole when a quote has a character nothing can draw,
 * with a QuotesFileError in the shape of validateQuotes' (file, count, then
 * one line per problem).
 */
export async function checkDrawable(quotes: readonly Quote[], findMissing: FindMissing, fileName = 'quotes.json'): Promise<void> {
  const problems = (await undrawableEntries(quotes, findMissing)).flatMap((entry) =>
    entry.problems.map((problem) => `${entry.label}: ${problem}`),
  );
  if (problems.length === 0) return;
  const shown = problems.slice(0, 20).map((problem) => `  - ${problem}`);
  if (problems.length > 20) shown.push(`  … and ${problems.length - 20} more`);
  throw new QuotesFileError(`${fileName}: ${problems.length} problem(s)\n${shown.join('\n')}`);
}
