import { expect, it } from 'vitest';
import { createNodeApp } from '../src/node/app.ts';
import { echo } from '../src/http/params.ts';
import { parseStrictHtml } from './bodies.ts';

it('quotes a client value for a message, escaping what JSON or HTML cannot carry as it is', () => {
  expect(echo('size')).toBe('"size"');
  expect(echo('a"b\n')).toBe('"a\\"b\\n"');
  expect(echo('x\u{10FFFE}y\u0085z\uFDD0\u007F')).toBe('"x\\u{10FFFE}y\\u{85}z\\u{FDD0}\\u{7F}"');
  expect(echo('好'.repeat(150))).toBe(`"${'好'.repeat(100)}…"`);
});

it('answers a page request carrying a noncharacter with a page that parses without errors', async () => {
  const { app } = createNodeApp(undefined, { cacheBytes: 0, threads: 1 });
  const res = await app.request('/q/%F4%8F%BF%BE');
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const text = await res.text();
  expect(() => parseStrictHtml(text)).not.toThrow();
  expect(text).toContain('\\u{10FFFE}');
});
