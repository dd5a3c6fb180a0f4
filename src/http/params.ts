import { z } from 'zod';
import { TEMPLATE_NAMES } from '../../templates/index.ts';
import { ApiError } from '../cards/errors.ts';
import { checkCanvas } from '../cards/limits.ts';
import {
  DEFAULTS,
  LANGS,
  SCALES,
  SIZES,
  THEMES,
  WIDTHS,
  canonicalLang,
  defaultLang,
  widthsOf,
  type Format,
  type Lang,
} from '../cards/options.ts';
import { ID_PATTERN, MAX_ID_LENGTH } from '../cards/quotes.ts';
import type { CardOptions } from '../cards/render.ts';

/** Each card parameter, its allowed values, and its default. */
const CARD_PARAMETERS = {
  template: TEMPLATE_NAMES,
  size: Object.keys(SIZES),
  lang: LANGS,
  theme: Object.keys(THEMES),
  scale: SCALES.map(String),
  width: WIDTHS.map(String),
} as const;

/** A BCP 47 tag for one of LANGS, in any case or as a region alias (canonicalLang). */
// Left out when not given: the default language depends on the quote (see cardOptionsFor).
const lang = z
  .string()
  .optional()
  .transform((tag, context) => {
    if (tag === undefined) return undefined;
    const found = canonicalLang(tag);
    if (!found) context.addIssue({ code: 'custom', message: 'Unknown language tag' });
    return found ?? DEFAULTS.lang;
  });

/** What a share page can choose: a card's options but its rendition width. */
const pageQuerySchema = z.strictObject({
  template: z.enum(TEMPLATE_NAMES).default(DEFAULTS.template),
  size: z.enum(Object.keys(SIZES) as [keyof typeof SIZES]).default(DEFAULTS.size),
  lang,
  theme: z.enum(Object.keys(THEMES) as [keyof typeof THEMES]).default(DEFAULTS.theme),
  scale: z
    .enum(['1', '2', '3'])
    .default('1')
    .transform((value) => Number(value) as CardOptions['scale']),
});

const cardQuerySchema = pageQuerySchema.extend({
  width: z
    .enum(WIDTHS.map(String) as [string, ...string[]])
    .optional()
    .transform((value) => (value === undefined ? undefined : Number(value))),
});

const langQuerySchema = z.strictObject({ lang });
const noQuerySchema = z.strictObject({});

/** A positive whole number of pixels, as oEmbed's maxwidth and maxheight. */
const pixels = z
  .string()
  .regex(/^[1-9]\d{0,5}$/, 'Expected a positive whole number of pixels')
  .transform(Number)
  .optional();

const oembedQuerySchema = z.strictObject({
  url: z.string().min(1, 'Expected the address of a share page, such as /q/<id>').optional(),
  format: z.string().optional(),
  maxwidth: pixels,
  maxheight: pixels,
});

/** Assets are linked with their content fingerprint, eight hex digits. */
const assetQuerySchema = z.strictObject({
  v: z
    .string()
    .regex(/^[0-9a-f]{8}$/, 'Expected the eight hex digits pages link assets with')
    .optional(),
});

/** A card's options as a request gives them: the language is left out when not given, as its default depends on the quote. */
export type CardRequest = Omit<CardOptions, 'lang'> & { lang?: Lang };

/**
 * Reads a card's options from a query, refusing unknown, repeated or invalid
 * parameters, a canvas above the pixel limit (see limits.ts) and a `width`
 * that is not a PNG rendition (checkWidth). `lang` takes any case and the
 * region aliases (canonicalLang); whether the quote comes in it and the
 * template sets it is checked once the quote is known (cardOptionsFor).
 */
export function parseCardOptions(query: Record<string, string[]>, format: Format = 'png'): CardRequest {
  const options = parseQuery(query, cardQuerySchema);
  checkCanvas(options);
  checkWidth(options, format, query.scale !== undefined);
  return options;
}

/**
 * Reads a share page's options. What the web adds to links (fbclid, gclid,
 * utm_*, ref, anything else) is ignored; a known parameter is still read
 * strictly: given once, with an allowed value.
 */
export function parsePageOptions(query: Record<string, string[]>): CardRequest {
  const options = parseQuery(knownOnly(query, pageQuerySchema.shape), pageQuerySchema);
  checkCanvas(options);
  return options;
}

/** Reads the `lang` of the quote API (strict) and the gallery (`liberal`: unknown parameters ignored). */
export function parseLangQuery(query: Record<string, string[]>, { liberal = false } = {}): { lang?: Lang } {
  return parseQuery(liberal ? knownOnly(query, langQuerySchema.shape) : query, langQuerySchema);
}

/**
 * Refuses a `width` that is not a rendition of this card: with `scale`
 * (a rendition has its own pixel size), on an SVG or a layout report, or
 * wider than the size (widthsOf).
 */
function checkWidth({ size, width }: Pick<CardOptions, 'size' | 'width'>, format: Format, scaleGiven: boolean): void {
  if (width === undefined) return;
  if (scaleGiven)
    throw new ApiError(400, 'invalid_parameter', '"width" and "scale" cannot be given together: a width names the PNG\'s pixel size.');
  if (format !== 'png') throw new ApiError(400, 'invalid_parameter', `"width" applies to PNG cards only, not .${format}.`, ['png']);
  const allowed = widthsOf(size);
  if (!allowed.includes(width)) {
    throw new ApiError(
      400,
      'invalid_parameter',
      `Invalid value for "width": "${width}" is wider than a ${size} card (${SIZES[size].width} px). Allowed for ${size}: ${allowed.join(', ')}.`,
      allowed.map(String),
    );
  }
}

/** The parameters of `query` that `shape` names; the rest dropped. */
function knownOnly(query: Record<string, string[]>, shape: Record<string, unknown>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(query).filter(([name]) => Object.hasOwn(shape, name)));
}

/** Refuses any query parameter: for routes that take none. */
export function parseNoQuery(query: Record<string, string[]>): void {
  parseQuery(query, noQuerySchema);
}

/**
 * Reads oEmbed's own parameters (url, format, maxwidth, maxheight), each at
 * most once. Other parameters are ignored, not refused: oEmbed consumers add
 * their own (callbacks, theme hints), and the response depends only on these four.
 */
export function parseOEmbedQuery(query: Record<string, string[]>) {
  return parseQuery(knownOnly(query, oembedQuerySchema.shape), oembedQuerySchema);
}

/** Reads an asset's `v` fingerprint. */
export function parseAssetQuery(query: Record<string, string[]>): { v?: string } {
  return parseQuery(query, assetQuerySchema);
}

/** At most this many characters of a client's value are echoed in a message. */
const MAX_ECHO = 100;

/** A client's value quoted for a message, cut to MAX_ECHO characters. */
export function echo(value: string): string {
  const quoted = JSON.stringify(value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value);
  // Characters HTML forbids in a document (DEL, C1 controls, noncharacters) are written as escapes too,
  // so a message stays valid text in a page as well as in JSON.
  return quoted.replace(NOT_IN_HTML, (char) => `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

/** DEL, the C1 controls and the Unicode noncharacters (U+FDD0–FDEF and every code point ending in FFFE or FFFF). */
const NOT_IN_HTML =
  /[\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/gu;

function parseQuery<T>(query: Record<string, string[]>, schema: z.ZodType<T> & { shape: Record<string, unknown> }): T {
  const names = Object.keys(schema.shape);
  const single: Record<string, string> = {};
  for (const [name, values] of Object.entries(query)) {
    if (!names.includes(name)) {
      const allowed = names.length > 0 ? `Allowed: ${names.join(', ')}.` : 'This route takes no query parameters.';
      throw new ApiError(400, 'unknown_parameter', `Unknown query parameter ${echo(name)}. ${allowed}`, names);
    }
    if (values.length > 1) {
      throw new ApiError(400, 'repeated_parameter', `Query parameter "${name}" is given ${values.length} times; give it once.`);
    }
    single[name] = values[0] ?? '';
  }
  const result = schema.safeParse(single);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0]);
  const allowed = CARD_PARAMETERS[name as keyof typeof CARD_PARAMETERS];
  const expected = allowed ? `Allowed: ${allowed.join(', ')}.` : `${issue?.message}.`;
  throw new ApiError(400, 'invalid_parameter', `Invalid value for "${name}": ${echo(single[name] ?? '')}. ${expected}`, allowed);
}

/** Checks a quote id's shape before any lookup. */
export function checkId(id: string): string {
  if (id.length > MAX_ID_LENGTH || !ID_PATTERN.test(id)) {
    throw new ApiError(
      400,
      'invalid_id',
      `Invalid quote id ${echo(id)}: ids are lowercase ASCII words joined by hyphens, at most ${MAX_ID_LENGTH} characters.`,
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
      `No card at ${echo(file)}: a card path ends in ${formats.map((f) => `.${f}`).join(', ')}, such as /cards/<id>.png.`,
      formats,
    );
  }
  return { id: checkId(file.slice(0, dot)), format };
}

/**
 * The query string for options, leaving out defaults and keeping a fixed
 * order (lang in its canonical spelling). The language's default is the
 * quote's (see defaultLang): pass the quote's `lang` so that
 * `/cards/<ja-id>.png` is the card's one canonical URL.
 */
export function cardQuery(options: Partial<CardOptions>, quoteLang: Lang = DEFAULTS.lang): string {
  const params = new URLSearchParams();
  const defaults: Record<string, unknown> = { ...DEFAULTS, lang: defaultLang(quoteLang) };
  for (const name of Object.keys(CARD_PARAMETERS) as (keyof CardOptions)[]) {
    const value = options[name];
    if (value !== undefined && value !== defaults[name]) params.set(name, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** `<template>.<size>.<lang>.<theme>[.x<scale>][.w<width>].<hash>.<format>`: see cardUrl in urls.ts. */
const ADDRESS_SHAPE = /^([a-z]+)\.([a-z]+)\.([A-Za-z]+(?:-[A-Za-z]+)*)\.([a-z]+)(?:\.x(\d))?(?:\.w(\d+))?\.([0-9a-f]+)\.([a-z]+)$/;

/**
 * Reads a content-addressed card file name (see cardUrl): its options, read
 * as strictly as a query (a bad value is a 400 naming what is allowed), and
 * its format. The hash is checked by the caller, against the card's current
 * one (cardUrl). A name of another shape is a 404.
 */
export function parseCardAddress(file: string, formats: readonly Format[]): { options: CardRequest; format: Format } {
  const match = ADDRESS_SHAPE.exec(file);
  const format = match?.[8] as Format;
  if (!match || !formats.includes(format)) {
    throw new ApiError(
      404,
      'not_found',
      `No card at ${echo(file)}: a card file is named <template>.<size>.<lang>.<theme>[.x<scale>][.w<width>].<hash>.png, as /api/quotes links it.`,
    );
  }
  const [, template, size, lang, theme, scale, width] = match as unknown as string[];
  const query: Record<string, string[]> = { template: [template!], size: [size!], lang: [lang!], theme: [theme!] };
  if (scale !== undefined) query.scale = [scale];
  if (width !== undefined) query.width = [width];
  return { options: parseCardOptions(query, format), format };
}
