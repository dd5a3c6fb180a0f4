import { TEMPLATES, TEMPLATE_NAMES, type TemplateName } from '../../templates/index.ts';
import { ApiError } from './errors.ts';
import { DEFAULTS, cardLangs, defaultLang, type Format, type Lang } from './options.ts';
import type { Quote } from './quotes.ts';
import type { CardOptions } from './render.ts';
import { RENDER_VERSION } from './render-version.ts';

/**
 * Every option of a card with its default filled in, built by walking the
 * option keys (DEFAULTS), so an option added there is part of every card
 * identity without another edit. The language's default depends on the
 * quote (see defaultLang): pass the quote's `lang` when it is known.
 */
export function normaliseOptions(options: Partial<CardOptions>, quoteLang: Lang = DEFAULTS.lang): CardOptions {
  const defaults = { ...DEFAULTS, lang: defaultLang(quoteLang) };
  const normalised: Record<string, unknown> = {};
  for (const name of Object.keys(DEFAULTS) as (keyof CardOptions)[]) normalised[name] = options[name] ?? defaults[name];
  return normalised as unknown as CardOptions;
}

/** The templates that set `lang` (each declares its languages). */
export function templatesFor(lang: Lang): TemplateName[] {
  return TEMPLATE_NAMES.filter((name) => TEMPLATES[name].langs.includes(lang));
}

/**
 * A card's options for `quote`: defaults filled in once the quote is known (a
 * Japanese, Korean or English quote's language is its own), then checked:
 * the language must be one the quote's cards come in (cardLangs) and the
 * template one that sets that language. Throws a 400 ApiError
 * (`invalid_parameter`) naming what is allowed otherwise.
 */
export function cardOptionsFor(quote: Pick<Quote, 'id' | 'lang'>, options: Partial<CardOptions>): CardOptions {
  const normalised = normaliseOptions(options, quote.lang);
  const langs = cardLangs(quote.lang);
  if (!langs.includes(normalised.lang)) {
    throw new ApiError(
      400,
      'invalid_parameter',
      `Invalid value for "lang": "${normalised.lang}". Quote "${quote.id}" is written in ${quote.lang}; its cards come in: ${langs.join(', ')}.`,
      langs,
    );
  }
  const templates = templatesFor(normalised.lang);
  if (!templates.includes(normalised.template)) {
    throw new ApiError(
      400,
      'invalid_parameter',
      `Invalid value for "template": "${normalised.template}" does not set ${normalised.lang}. Templates that do: ${templates.join(', ')}.`,
      templates,
    );
  }
  return normalised;
}

/**
 * Names one card exactly, as canonical JSON: the whole quote entry, every
 * option (normalised), the format and the render version. Equal cards give
 * equal text whatever the key order of the quote; any change to what decides
 * the card gives another. The ETag, the memory and edge cache keys and the
 * export's input hash all derive from it (see cardHash).
 */
export function cardIdentity(quote: Quote, options: Partial<CardOptions>, format: Format, renderVersion = RENDER_VERSION): string {
  return canonicalJson({ renderVersion, quote, options: normaliseOptions(options, quote.lang), format });
}

/**
 * The card identity as 32 hex digits (the first 128 bits of its SHA-256, Web
 * Crypto, so the same on Node and Workers). Hashing took a third of a cached
 * card's request time, so each identity's hash is remembered.
 */
export function cardHash(quote: Quote, options: Partial<CardOptions>, format: Format): Promise<string> {
  const identity = cardIdentity(quote, options, format);
  let hash = hashes.get(identity);
  if (!hash) {
    if (hashes.size >= MAX_REMEMBERED_HASHES) hashes.clear();
    hash = sha256Hex(identity).then((hex) => hex.slice(0, 32));
    hashes.set(identity, hash);
  }
  return hash;
}

const MAX_REMEMBERED_HASHES = 10_000;
const hashes = new Map<string, Promise<string>>();

/** The SHA-256 of `text` (as UTF-8), 64 lowercase hex digits. */
async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** JSON with object keys sorted at every depth and undefined fields left out, so equal data always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
