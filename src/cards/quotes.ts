import { z } from 'zod';
import { LANGS } from './options.ts';
import { typographicQuotes } from './quotation-marks.ts';
import { unsupportedScriptProblem } from './scripts.ts';

/** Ids appear in URLs and file names: lowercase ASCII words joined by hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_ID_LENGTH = 80;
/** Longer texts cannot be set legibly on any card size. */
export const MAX_TEXT_LENGTH = 600;

/** A quotes file larger than this is refused before it is parsed: 16 MiB holds thousands of quotes. */
export const MAX_QUOTES_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Why a text cannot be drawn or shown safely, or undefined when it can:
 * control characters other than a line break (\n), and unpaired UTF-16
 * surrogates (not Unicode text at all), are refused rather than guessed at,
 * as are scripts the renderer cannot lay out (see scripts.ts).
 */
export function textProblem(text: string): string | undefined {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f)) {
      return `contains the control character U+${hex(code)} at position ${index}; only line breaks (\\n) are allowed`;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(index + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) index++;
      else return `contains an unpaired surrogate U+${hex(code)} at position ${index}, which is not Unicode text`;
    }
  }
  return unsupportedScriptProblem(text);
}

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

const drawable = (value: string, ctx: z.core.$RefinementCtx<string>) => {
  const problem = textProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
};

const nonEmpty = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).superRefine(drawable);

const quoteSchema = z
  .strictObject({
    id: z
      .string()
      .min(1, 'must not be empty')
      .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
      .regex(ID_PATTERN, 'must be lowercase ASCII kebab-case, such as "trust-is-the-key-skill"'),
    text: nonEmpty(MAX_TEXT_LENGTH),
    lang: z.enum(LANGS, `must be one of ${LANGS.join(', ')}`),
    speaker: z.strictObject({ name: nonEmpty(60), nameEn: nonEmpty(80).optional() }),
    source: z.strictObject({
      title: nonEmpty(80),
      titleEn: nonEmpty(120).optional(),
      date: z
        .string()
        .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'must be a date such as 2024-05 or 2024-05-21')
        .optional(),
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    }),
  })
  .transform((quote) => (quote.lang === 'en' ? withTypographicQuotes(quote) : quote));

/** An English quote's text, speaker and title with typewriter quotes made typographic (" → “ ”, ' → ‘ ’). */
function withTypographicQuotes<Q extends { text: string; speaker: { name: string }; source: { title: string } }>(quote: Q): Q {
  return {
    ...quote,
    text: typographicQuotes(quote.text),
    speaker: { ...quote.speaker, name: typographicQuotes(quote.speaker.name) },
    source: { ...quote.source, title: typographicQuotes(quote.source.title) },
  };
}

export type Quote = z.output<typeof quoteSchema>;

/** A quotes file that cannot be served; the message names the entry and the field. */
export class QuotesFileError extends Error {
  override name = 'QuotesFileError';
}

/**
 * Parses and validates the text of a quotes file: a JSON array of quotes.
 * Throws a QuotesFileError describing every problem found, so a file is
 * either served whole or not at all.
 */
export function parseQuotes(json: string, fileName = 'quotes.json'): Quote[] {
  return validateQuotes(parseJson(json, fileName), fileName);
}

/** Validates already-parsed quotes data; see parseQuotes. */
export function validateQuotes(data: unknown, fileName = 'quotes.json'): Quote[] {
  const { quotes, invalid } = checkQuoteEntries(data, fileName);
  const problems = invalid.flatMap((entry) => entry.problems.map((problem) => `${entry.label}: ${problem}`));
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((p) => `  - ${p}`);
    if (problems.length > 20) shown.push(`  … and ${problems.length - 20} more`);
    throw new QuotesFileError(`${fileName}: ${problems.length} problem(s)\n${shown.join('\n')}`);
  }
  return quotes;
}

/** An entry of a quotes file that failed validation, and why. */
export interface InvalidQuoteEntry {
  index: number;
  /** The entry's id when it has a usable one. */
  id?: string;
  /** `entry 3 (id "…")`, as messages name it. */
  label: string;
  problems: string[];
}

/**
 * Validates each entry on its own: the valid quotes, and every invalid entry
 * with its problems. For tools that process what they can (batch export);
 * the server uses parseQuotes, which accepts a file only whole. Throws a
 * QuotesFileError only when the file as a whole is unusable (not a non-empty array).
 */
export function parseQuoteEntries(
  json: string,
  fileName = 'quotes.json',
): { quotes: Quote[]; invalid: InvalidQuoteEntry[]; indexById: ReadonlyMap<string, number> } {
  return checkQuoteEntries(parseJson(json, fileName), fileName);
}

/**
 * The text of a quotes file from its bytes: UTF-8, with or without a byte
 * order mark, at most MAX_QUOTES_FILE_BYTES. Invalid UTF-8 is refused, not
 * replaced, so a mis-saved file is noticed.
 */
export function decodeQuotesFile(bytes: Uint8Array, fileName = 'quotes.json'): string {
  checkFileSize(bytes.byteLength, fileName);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new QuotesFileError(`${fileName}: not valid UTF-8 text; save the file as UTF-8.`);
  }
}

/** Refuses a quotes file above MAX_QUOTES_FILE_BYTES, before it is read or parsed. */
export function checkFileSize(bytes: number, fileName = 'quotes.json'): void {
  if (bytes > MAX_QUOTES_FILE_BYTES) {
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    throw new QuotesFileError(`${fileName}: the file is ${mib(bytes)}; a quotes file may be at most ${mib(MAX_QUOTES_FILE_BYTES)}.`);
  }
}

function parseJson(json: string, fileName: string): unknown {
  // Counted in UTF-16 units, an upper bound on nothing but cheap: the byte check comes first where there are bytes.
  if (json.length > MAX_QUOTES_FILE_BYTES) checkFileSize(json.length, fileName);
  try {
    // A byte order mark, as some editors write, is not part of the JSON.
    return JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch (error) {
    throw new QuotesFileError(`${fileName}: not valid JSON (${(error as Error).message})`);
  }
}

function checkQuoteEntries(
  data: unknown,
  fileName: string,
): { quotes: Quote[]; invalid: InvalidQuoteEntry[]; indexById: ReadonlyMap<string, number> } {
  if (!Array.isArray(data)) {
    throw new QuotesFileError(`${fileName}: expected a JSON array of quotes, received ${describe(data)}`);
  }
  if (data.length === 0) throw new QuotesFileError(`${fileName}: the array holds no quotes`);

  const quotes: Quote[] = [];
  const invalid: InvalidQuoteEntry[] = [];
  const firstIndexById = new Map<string, number>();
  data.forEach((entry, index) => {
    const label = entryLabel(entry, index);
    const id = entryId(entry);
    const result = quoteSchema.safeParse(entry, { reportInput: true });
    if (!result.success) {
      invalid.push({ index, id, label, problems: result.error.issues.map(describeIssue) });
      return;
    }
    const earlier = firstIndexById.get(result.data.id);
    if (earlier !== undefined) {
      invalid.push({ index, id, label, problems: [`field "id" duplicates entry ${earlier}`] });
      return;
    }
    firstIndexById.set(result.data.id, index);
    quotes.push(result.data);
  });
  return { quotes, invalid, indexById: firstIndexById };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const where = path ? ` in "${path}"` : '';
    return `unknown field(s)${where}: ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.input === undefined) return `field "${path}" is missing`;
  const received = typeof issue.input === 'object' ? describe(issue.input) : JSON.stringify(issue.input);
  const message = issue.code === 'invalid_type' ? `must be a ${issue.expected}` : issue.message;
  return `field "${path}" ${message} (received ${truncate(received)})`;
}

function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function entryId(entry: unknown): string | undefined {
  const id = entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function entryLabel(entry: unknown, index: number): string {
  const id = entryId(entry);
  return id === undefined ? `entry ${index}` : `entry ${index} (id "${id}")`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
