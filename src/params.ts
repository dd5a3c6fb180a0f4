import { z } from 'zod';
import { TEMPLATE_NAMES } from '../templates/index.ts';
import { ApiError } from './errors.ts';
import { DEFAULTS, LANGS, SCALES, SIZES, THEMES, type Format } from './options.ts';
import { ID_PATTERN, MAX_ID_LENGTH } from './quotes.ts';
import type { CardOptions } from './render.ts';

/** Each card parameter, its allowed values, and its default. */
const CARD_PARAMETERS = {
  template: TEMPLATE_NAMES,
  size: Object.keys(SIZES),
  lang: LANGS,
  theme: Object.keys(THEMES),
  scale: SCALES.map(String),
} as const;

const cardQuerySchema = z.strictObject({
  template: z.enum(TEMPLATE_NAMES).default(DEFAULTS.template),
  size: z.enum(Object.keys(SIZES) as [keyof typeof SIZES]).default(DEFAULTS.size),
  lang: z.enum(LANGS).default(DEFAULTS.lang),
  theme: z.enum(Object.keys(THEMES) as [keyof typeof THEMES]).default(DEFAULTS.theme),
  scale: z
    .enum(['1', '2', '3'])
    .default('1')
    .transform((value) => Number(value) as CardOptions['scale']),
});

const langQuerySchema = z.strictObject({ lang: z.enum(LANGS).default(DEFAULTS.lang) });

/** Reads a card's options from a query, refusing unknown, repeated or invalid parameters. */
export function parseCardOptions(query: Record<string, string[]>): CardOptions {
  return parseQuery(query, cardQuerySchema);
}

/** Reads the `lang` of the quote API. */
export function parseLangQuery(query: Record<string, string[]>): { lang: CardOptions['lang'] } {
  return parseQuery(query, langQuerySchema);
}

function parseQuery<T>(query: Record<string, string[]>, schema: z.ZodType<T> & { shape: Record<string, unknown> }): T {
  const names = Object.keys(schema.shape);
  const single: Record<string, string> = {};
  for (const [name, values] of Object.entries(query)) {
    if (!names.includes(name)) {
      throw new ApiError(400, 'unknown_parameter', `Unknown query parameter "${name}". Allowed: ${names.join(', ')}.`, names);
    }
    if (values.length > 1) {
      throw new ApiError(400, 'repeated_parameter', `Query parameter "${name}" is given ${values.length} times; give it once.`);
    }
    single[name] = values[0] ?? '';
  }
  const result = schema.safeParse(single);
  if (result.success) return result.data;
  const name = String(result.error.issues[0]?.path[0]);
  const allowed = CARD_PARAMETERS[name as keyof typeof CARD_PARAMETERS] ?? [];
  throw new ApiError(
    400,
    'invalid_parameter',
    `Invalid value for "${name}": ${JSON.stringify(single[name])}. Allowed: ${allowed.join(', ')}.`,
    allowed,
  );
}

/** Checks a quote id's shape before any lookup. */
export function checkId(id: string): string {
  if (id.length > MAX_ID_LENGTH || !ID_PATTERN.test(id)) {
    throw new ApiError(
      400,
      'invalid_id',
      `Invalid quote id ${JSON.stringify(id.slice(0, MAX_ID_LENGTH + 1))}: ids are lowercase ASCII words joined by hyphens, at most ${MAX_ID_LENGTH} characters.`,
    );
  }
  return id;
}

/** Splits `name.ext` from a card path into id and format. */
export function parseCardFile(file: string, formats: readonly Format[]): { id: string; format: Format } {
  const dot = file.lastIndexOf('.');
  const format = file.slice(dot + 1) as Format;
  if (dot <= 0 || !formats.includes(format)) {
    throw new ApiError(
      404,
      'not_found',
      `No card at "${file}": a card path ends in ${formats.map((f) => `.${f}`).join(', ')}, such as /cards/<id>.png.`,
      formats,
    );
  }
  return { id: checkId(file.slice(0, dot)), format };
}

/** The query string for options, leaving out defaults and keeping a fixed order. */
export function cardQuery(options: Partial<CardOptions>): string {
  const params = new URLSearchParams();
  for (const name of Object.keys(CARD_PARAMETERS) as (keyof CardOptions)[]) {
    const value = options[name];
    if (value !== undefined && value !== DEFAULTS[name]) params.set(name, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}
