import { cardHash } from '../cards/identity.ts';
import type { Format } from '../cards/options.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardOptions } from '../cards/render.ts';

/**
 * A card's ETag: the card hash (see cardIdentity) as a weak validator,
 * `W/"<32 hex digits>"`. Weak (RFC 9110 §8.8.1) because Node and the Worker
 * write the same pixels with different deflate streams: the same
 * representation, not necessarily the same bytes. The same card always gets
 * the same tag; a changed template, font, renderer or quote a new one.
 */
export async function cardETag(quote: Quote, options: CardOptions, format: Format): Promise<string> {
  return `W/"${await cardHash(quote, options, format)}"`;
}

/**
 * Whether an If-None-Match header matches `etag`. RFC 9110 §13.1.2 compares
 * weakly here, so `W/"x"` and `"x"` match each other; `*` matches anything;
 * the header may list several tags.
 */
export function matchesETag(ifNoneMatch: string | undefined | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
