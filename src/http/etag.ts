import { RENDER_VERSION } from '../cards/render-version.ts';
import type { Format } from '../cards/options.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardOptions } from '../cards/render.ts';

/**
 * A strong ETag for a card: a hash of the render version, everything of the
 * quote that is drawn, the format and the normalised options. The same card
 * always gets the same tag; a changed template, font, renderer or quote a new
 * one. Web Crypto, so it runs on Node and on Workers alike.
 */
export function cardETag(quote: Quote, options: CardOptions, format: Format): Promise<string> {
  const input = cardIdentity(quote, options, format);
  let tag = tags.get(input);
  if (!tag) {
    if (tags.size >= MAX_REMEMBERED_TAGS) tags.clear();
    tag = sha256Hex(input, 32).then((hex) => `"${hex}"`);
    tags.set(input, tag);
  }
  return tag;
}

/**
 * Names one card exactly: the render version, the quote as drawn, the format
 * and the normalised options. The ETag hashes it; the memory cache keys by it.
 */
export function cardIdentity(quote: Quote, options: CardOptions, format: Format): string {
  const { template, size, lang, theme, scale } = options;
  return JSON.stringify([
    RENDER_VERSION,
    quote.id,
    quote.text,
    quote.lang,
    quote.speaker,
    quote.source,
    format,
    template,
    size,
    lang,
    theme,
    scale,
  ]);
}

// Hashing took a third of a cached card's request time: each card's tag is remembered.
const MAX_REMEMBERED_TAGS = 10_000;
const tags = new Map<string, Promise<string>>();

/** The first `length` hex digits of the SHA-256 of `text`. */
export async function sha256Hex(text: string, length = 64): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, length);
}

/**
 * Whether an If-None-Match header matches `etag`. RFC 9110 compares weakly
 * here, so `W/"x"` matches `"x"`; `*` matches anything; the header may list
 * several tags.
 */
export function matchesETag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
