import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuotesFile } from '../src/node/app.ts';
import { readAtMost } from '../src/node/quotes-file.ts';
import { quoteCards } from './cli-runner.ts';
import { MAX_QUOTES_FILE_BYTES, parseQuotes, QuotesFileError, textProblem } from '../src/cards/quotes.ts';

// A corpus of broken quotes files: each is refused whole, with a short
// message that names the file, the entry and what is wrong.

const valid = {
  id: 'a-quote',
  text: '我始終堅信我們是有靈魂的。',
  lang: 'zh-Hant',
  speaker: { name: '李開復' },
  source: { title: '財富創新論壇' },
};
const dir = mkdtempSync(join(tmpdir(), 'malformed-quotes-'));

function fileWith(name: string, content: string | Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

function refusal(file: string): string {
  try {
    readQuotesFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(QuotesFileError);
    const message = (error as Error).message;
    // Short enough to read, and never a stack trace.
    expect(message.length).toBeLessThan(2000);
    expect(message).not.toMatch(/\n\s+at /);
    return message;
  }
  throw new Error(`expected ${file} to be refused`);
}

const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('malformed quotes files', () => {
  it.each([
    [
      'wrong types',
      JSON.stringify([{ ...valid, text: 42, speaker: 'Kai-Fu Lee', lang: null }]),
      ['field "text" must be a string (received 42)', 'field "speaker" must be a object', 'field "lang" must be one of'],
    ],
    ['invalid JSON', '[{"id": "a-quote",', ['not valid JSON']],
    ['a trailing comma', `[${JSON.stringify(valid)},]`, ['not valid JSON']],
    ['not an array', JSON.stringify({ quotes: [valid] }), ['expected a JSON array of quotes, received an object']],
    ['a bare string', '"quotes"', ['expected a JSON array of quotes, received string "quotes"']],
    ['an empty array', '[]', ['the array holds no quotes']],
    ['duplicate ids', JSON.stringify([valid, valid]), ['entry 1 (id "a-quote"): field "id" duplicates entry 0']],
    ['deep nesting as the file', deep(100_000), ['entry 0: field "" must be a object']],
    [
      'deep nesting in a field',
      `[${JSON.stringify(valid).replace('"我始終堅信我們是有靈魂的。"', deep(100_000))}]`,
      ['field "text" must be a string (received an array)'],
    ],
    [
      'a huge string',
      JSON.stringify([{ ...valid, text: '信'.repeat(1_000_000) }]),
      ['field "text" must be at most 600 characters (received "信信信'],
    ],
    ['an unknown field', JSON.stringify([{ ...valid, author: 'x' }]), ['unknown field(s): "author"']],
    [
      'a control character',
      JSON.stringify([{ ...valid, text: '信任\u0007是關鍵' }]),
      ['field "text" contains the control character U+0007 at position 2; only line breaks (\\n) are allowed'],
    ],
    [
      'a C1 control character',
      JSON.stringify([{ ...valid, speaker: { name: 'a\u0085b' } }]),
      ['field "speaker.name" contains the control character U+0085'],
    ],
    [
      'a lone surrogate',
      `[${JSON.stringify(valid).replace('靈魂', '\\ud800')}]`,
      ['contains an unpaired surrogate U+D800 at position 9, which is not Unicode text'],
    ],
    ['a reversed surrogate pair', `[${JSON.stringify(valid).replace('靈魂', '\\udc00\\ud800')}]`, ['unpaired surrogate U+DC00']],
    [
      'a script URL as the source',
      JSON.stringify([{ ...valid, source: { title: 'x', url: 'javascript:alert(1)' } }]),
      ['field "source.url" must be an http(s) URL'],
    ],
  ])('%s', (name, content, expected) => {
    const message = refusal(fileWith(`${name.replaceAll(' ', '-')}.json`, content));
    expect(message).toContain(`${name.replaceAll(' ', '-')}.json`);
    for (const part of expected) expect(message).toContain(part);
  });

  it('reads a file that starts with a byte order mark', () => {
    const file = fileWith('bom.json', `\uFEFF${JSON.stringify([valid])}`);
    expect(readQuotesFile(file)).toEqual([valid]);
  });

  it('refuses bytes that are not UTF-8 instead of guessing', () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('[{"id":"a","text":"'), 0xe9, ...new TextEncoder().encode('"}]')]);
    expect(refusal(fileWith('latin1.json', latin1))).toContain('not valid UTF-8 text');
  });

  it('reads a 10 MB file only to refuse it for what is in it, and refuses a larger-than-allowed one unread', () => {
    const tenMegabytes = JSON.stringify([{ ...valid, text: 'x'.repeat(10 * 1024 * 1024) }]);
    expect(refusal(fileWith('ten.json', tenMegabytes))).toContain('must be at most 600 characters');
    const tooLarge = refusal(fileWith('huge.json', ' '.repeat(MAX_QUOTES_FILE_BYTES + 1)));
    expect(tooLarge).toContain('huge.json: the file is 16.0 MiB; a quotes file may be at most 16.0 MiB');
  });

  it('keeps line breaks and paired surrogates (emoji, CJK extension B)', () => {
    expect(textProblem('一行\n兩行 😀 𠀋')).toBeUndefined();
    expect(parseQuotes(JSON.stringify([{ ...valid, text: '一行\n兩行 😀 𠀋' }]))[0]!.text).toBe('一行\n兩行 😀 𠀋');
  });
});

describe('quotes files that are not regular files', () => {
  it('refuses a directory and a device by name, before reading', () => {
    expect(refusal(dir)).toBe(`${dir}: is a directory; a quotes file must be a regular file.`);
    expect(refusal('/dev/zero')).toBe('/dev/zero: is a character device; a quotes file must be a regular file.');
  });

  it('refuses a socket by name', async () => {
    const socket = join(dir, 'quotes.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      expect(refusal(socket)).toBe(`${socket}: is a socket; a quotes file must be a regular file.`);
    } finally {
      server.close();
    }
  });

  it('names a missing file', () => {
    expect(refusal(join(dir, 'missing.json'))).toContain(`${join(dir, 'missing.json')}: cannot open the file (ENOENT`);
  });

  it('reads a file whose size stat gives as 0 (as /proc reports), rather than trusting stat', () => {
    expect(refusal('/proc/self/status')).toMatch(/^\/proc\/self\/status: not valid JSON/);
  });

  it('reads at most the limit from a source that never ends', () => {
    const fd = openSync('/dev/zero', 'r');
    try {
      const bytes = readAtMost(fd, MAX_QUOTES_FILE_BYTES + 1);
      expect(bytes.byteLength).toBe(MAX_QUOTES_FILE_BYTES + 1);
      expect(bytes.every((byte) => byte === 0)).toBe(true);
    } finally {
      closeSync(fd);
    }
  });
});

describe('the CLI with a malformed quotes file', () => {
  // A command that blocks (say, opening a FIFO) is killed after 30 s, so the test fails instead of hanging.
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => quoteCards(args, { env, timeout: 30_000 });

  it.each([
    ['export', (file: string) => ['export', '--out', join(dir, 'out'), '--quotes', file], 'not valid JSON'],
    ['render', (file: string) => ['render', 'a-quote', '-o', join(dir, 'a.png'), '--quotes', file], 'not valid JSON'],
    ['export', (file: string) => ['export', '--out', join(dir, 'out'), '--quotes', file], 'expected a JSON array'],
  ])('%s reports it in one line and exits 1', async (_command, args, expected) => {
    const content = expected === 'not valid JSON' ? '[{"id":' : '{"id": "a-quote"}';
    const file = fileWith(`cli-${expected.length}.json`, content);
    const { code, stderr } = await run(args(file));
    expect(code).toBe(1);
    expect(stderr).toContain(expected);
    expect(stderr).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  });

  it.each([
    ['serve', (fifo: string) => [['serve', '--port', '0'], { QUOTES_FILE: fifo }] as const],
    ['render', (fifo: string) => [['render', 'a-quote', '-o', join(dir, 'a.png'), '--quotes', fifo], {}] as const],
    ['export', (fifo: string) => [['export', '--out', join(dir, 'fifo-out'), '--quotes', fifo], {}] as const],
  ])('%s refuses a FIFO without waiting for a writer, and exits 1', { timeout: 40_000 }, async (command, args) => {
    const fifo = join(dir, `${command}.fifo`);
    execFileSync('mkfifo', [fifo]);
    const [argv, env] = args(fifo);
    const { code, stderr } = await run([...argv], env);
    expect(stderr).toContain(`${fifo}: is a FIFO (named pipe); a quotes file must be a regular file.`);
    expect(code).toBe(1);
  });
});
