import { parse as parseHtml } from 'parse5';
import { expect } from 'vitest';
import { parseSvg, pngSize } from './helpers.ts';

const ERROR_CODES = new Set([
  'bad_request',
  'host_not_allowed',
  'method_not_allowed',
  'request_timeout',
  'content_too_large',
  'header_fields_too_large',
  'shutting_down',
  'not_found',
  'unknown_quote',
  'invalid_id',
  'invalid_parameter',
  'unknown_parameter',
  'repeated_parameter',
  'missing_parameter',
  'canvas_too_large',
  'text_does_not_fit',
  'unsupported_format',
  'overloaded',
  'render_timeout',
  'internal_error',
]);

/** Parses an HTML document strictly: any HTML parse error (unclosed tag, bad attribute) fails. */
export function parseStrictHtml(text: string) {
  const errors: string[] = [];
  const document = parseHtml(text, { onParseError: (error) => errors.push(`${error.code} at ${error.startLine}:${error.startCol}`) });
  if (errors.length > 0) throw new Error(`invalid HTML: ${errors.slice(0, 3).join(', ')}`);
  return document;
}

/**
 * Checks that a response's body is what its Content-Type says: a PNG with a
 * signature and IHDR, an SVG that parses as XML, JSON that parses (an error
 * in the one documented shape), HTML without parse errors, or text.
 */
export async function expectValidBody(res: Response, method = 'GET'): Promise<void> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (method === 'HEAD' || res.status === 304) {
    expect(bytes.byteLength).toBe(0);
    return;
  }
  const type = res.headers.get('content-type') ?? '';
  const text = () => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (type === 'image/png') {
    const { width, height } = pngSize(bytes);
    expect(width * height).toBeGreaterThan(0);
  } else if (type.startsWith('image/svg+xml')) {
    parseSvg(text());
  } else if (type.startsWith('application/json')) {
    const body = JSON.parse(text());
    if (res.status >= 400) {
      expect(Object.keys(body)).toEqual(['error']);
      expect(ERROR_CODES.has(body.error.code)).toBe(true);
      expect(typeof body.error.message).toBe('string');
    }
  } else if (type.startsWith('text/html')) {
    parseStrictHtml(text());
  } else if (type.startsWith('text/css') || type.startsWith('text/javascript')) {
    expect(text().length).toBeGreaterThan(0);
  } else {
    throw new Error(`unexpected Content-Type ${JSON.stringify(type)} for status ${res.status}`);
  }
}
