import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuotesFile } from '../src/node/app.ts';
import { ID_PATTERN, parseQuotes, QuotesFileError } from '../src/cards/quotes.ts';

const valid = {
  id: 'a-quote',
  text: '我始終堅信我們是有靈魂的。',
  lang: 'zh-Hant',
  speaker: { name: '李開復', nameEn: 'Kai-Fu Lee' },
  source: { title: '財富創新論壇' },
};

function problemsOf(data: unknown): string {
  try {
    parseQuotes(typeof data === 'string' ? data : JSON.stringify(data), 'my-quotes.json');
  } catch (error) {
    expect(error).toBeInstanceOf(QuotesFileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('the bundled quotes.json', () => {
  const quotes = readQuotesFile();
  const lengths = quotes.map((q) => [...q.text].length);

  it('holds at least 30 valid quotes of Kai-Fu Lee with meaningful ids', () => {
    expect(quotes.length).toBeGreaterThanOrEqual(30);
    for (const quote of quotes) {
      expect(quote.id).toMatch(ID_PATTERN);
      expect(quote.id.split('-').length).toBeGreaterThanOrEqual(3);
      expect(quote.lang).toBe('zh-Hant');
      expect(quote.speaker).toEqual({ name: '李開復', nameEn: 'Kai-Fu Lee' });
    }
  });

  it('mixes lengths: some short, most medium, at least three long', () => {
    expect(lengths.filter((n) => n < 30).length).toBeGreaterThanOrEqual(3);
    expect(lengths.filter((n) => n >= 30 && n <= 120).length).toBeGreaterThan(quotes.length / 2);
    expect(lengths.filter((n) => n > 150).length).toBeGreaterThanOrEqual(3);
  });

  it('carries none of the source text conversion errors', () => {
    for (const quote of quotes) expect(quote.text).not.toMatch(/[隻麵複麽]|李開複|方麵|什麽/);
  });

  it('uses full-width punctuation between Chinese characters', () => {
    for (const quote of quotes) expect(quote.text).not.toMatch(/[\u4e00-\u9fff][,;:?!][\u4e00-\u9fff]/);
  });
});

describe('parseQuotes refuses a bad file, naming the entry and the field', () => {
  it('invalid JSON', () => {
    expect(problemsOf('[{"id": ')).toMatch(/^my-quotes\.json: not valid JSON/);
  });

  it('not an array, or an empty one', () => {
    expect(problemsOf({ quotes: [] })).toContain('expected a JSON array of quotes, received an object');
    expect(problemsOf([])).toContain('holds no quotes');
  });

  it('a duplicate id', () => {
    expect(problemsOf([valid, { ...valid }])).toContain('entry 1 (id "a-quote"): field "id" duplicates entry 0');
  });

  it('a missing field', () => {
    const { text: _text, ...withoutText } = valid;
    expect(problemsOf([withoutText])).toContain('entry 0 (id "a-quote"): field "text" is missing');
  });

  it('an empty field', () => {
    expect(problemsOf([{ ...valid, speaker: { name: '  ' } }])).toContain('field "speaker.name" must not be empty');
  });

  it('a bad id', () => {
    expect(problemsOf([{ ...valid, id: 'Trust Is Key' }])).toContain(
      'field "id" must be lowercase ASCII kebab-case, such as "trust-is-the-key-skill" (received "Trust Is Key")',
    );
  });

  it('an unknown language', () => {
    expect(problemsOf([{ ...valid, lang: 'zh-TW' }])).toContain(
      'field "lang" must be one of zh-Hant, zh-HK, zh-Hans, ja, ko, en (received "zh-TW")',
    );
  });

  it('a field of the wrong type and an unknown field', () => {
    const message = problemsOf([
      { ...valid, text: 42 },
      { ...valid, id: 'b-quote', author: 'x' },
    ]);
    expect(message).toContain('entry 0 (id "a-quote"): field "text" must be a string (received 42)');
    expect(message).toContain('entry 1 (id "b-quote"): unknown field(s): "author"');
  });

  it('accepts a valid file', () => {
    expect(parseQuotes(JSON.stringify([valid]))).toEqual([valid]);
  });
});

describe('npm start with a bad QUOTES_FILE', () => {
  it('stops with the problem instead of serving part of the data', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'quotes-')), 'bad.json');
    writeFileSync(file, JSON.stringify([valid, { ...valid, lang: 'fr' }]));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/node/main.ts'], {
      env: { ...process.env, QUOTES_FILE: file, PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('entry 1 (id "a-quote")');
    expect(result.stderr).toContain('field "lang"');
    expect(result.stdout).not.toContain('Serving');
  });
});
