import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../src/export/manifest.ts';
import { quoteCards } from './cli-runner.ts';
import { decodePng, parseSvg, pngSize } from './helpers.ts';

const ID = 'trust-is-the-key-skill';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'quote-cards-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.concurrent('quote-cards --help', () => {
  it.each([
    [[], ['serve', 'render', 'export']],
    [['serve'], ['--port', '--host', '--quotes']],
    [['render'], ['<id>', '--output', '--template', '--size', '--lang', '--theme', '--scale', '--format', '"minimal"']],
    [
      ['export'],
      [
        '--out',
        '--quotes',
        '--ids',
        '--template',
        '--size',
        '--lang',
        '--theme',
        '--scale',
        '--format',
        '--concurrency',
        '--zip',
        '--force',
      ],
    ],
  ])('%j --help lists %j and exits 0', async (command, words) => {
    const { code, stdout } = await quoteCards([...command, '--help']);
    expect(code).toBe(0);
    for (const word of words) expect(stdout).toContain(word);
  });
});

describe.concurrent('usage errors exit 2 with a message', () => {
  it('names an unknown option', async () => {
    const { code, stderr } = await quoteCards(['render', ID, '--colour', 'red']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--colour'");
  });

  it('names a bad value and what is allowed', async () => {
    const { code, stderr } = await quoteCards(['export', '--out', join(root, 'never'), '--size', 'og,huge']);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown size "huge". Allowed: og, square, story, or all.');
  });

  it('names a bad choice for render', async () => {
    const { code, stderr } = await quoteCards(['render', ID, '--lang', 'fr']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/argument 'fr' is invalid\. Allowed choices are zh-Hant, zh-HK, zh-Hans, ja, ko, en/);
  });

  it('names a language the quote does not come in', async () => {
    const { code, stderr } = await quoteCards(['render', ID, '--lang', 'en']);
    expect(code).toBe(2);
    expect(stderr).toContain(`Quote "${ID}" is written in zh-Hant; its cards come in: zh-Hant, zh-HK, zh-Hans.`);
  });

  it('names an unknown quote id', async () => {
    const { code, stderr } = await quoteCards(['export', '--out', join(root, 'never'), '--ids', 'no-such-quote']);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown quote id(s): "no-such-quote"');
  });
});

describe('quote-cards render', () => {
  it('writes a PNG of the requested size with -o', async () => {
    const file = join(root, 'card.png');
    const { code, stderr } = await quoteCards(['render', ID, '-o', file, '--size', 'square', '--theme', 'dark']);
    expect(code).toBe(0);
    expect(stderr).toContain('card.png');
    const bytes = await readFile(file);
    expect(pngSize(bytes)).toEqual({ width: 1080, height: 1080 });
    expect(decodePng(bytes).height).toBe(1080);
    expect((await readdir(root)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes an SVG to stdout when it is not a terminal', async () => {
    const { code, stdout } = await quoteCards(['render', ID, '--format', 'svg', '--size', 'story']);
    expect(code).toBe(0);
    expect(parseSvg(stdout).viewBox).toBe('0 0 1080 1920');
  });

  it('exits 1 naming the character and code point nothing can draw, and a card too small for the text, without a stack trace', async () => {
    const file = join(root, 'characters.json');
    const quote = { id: 'tofu', text: '這個字𪛖沒有字型。', lang: 'zh-Hant', speaker: { name: '某人' }, source: { title: '某處' } };
    await writeFile(file, JSON.stringify([quote]));
    const tofu = await quoteCards(['render', 'tofu', '--quotes', file, '-o', join(root, 'tofu.png')]);
    expect(tofu.code).toBe(1);
    expect(tofu.stderr).toBe(
      `quote-cards: ${file}: 1 problem(s)\n  - entry 0 (id "tofu"): field "text" has "𪛖" (U+2A6D6), which no font here can draw\n`,
    );
    await writeFile(file, JSON.stringify([{ ...quote, id: 'long', text: '這是一段非常非常長的引文，'.repeat(31) }]));
    const long = await quoteCards(['render', 'long', '--quotes', file, '--size', 'square', '-o', join(root, 'long.png')]);
    expect(long.code).toBe(1);
    expect(long.stderr).toContain(
      'quote "long" in template "classic" at size "square" (zh-Hant) does not fit even at the smallest font size',
    );
    expect(long.stderr).not.toContain('    at ');
  });
});

describe('quote-cards export', () => {
  it('writes the valid quotes of a custom file and exits 1 listing the invalid entry', async () => {
    const quotes = JSON.parse(await readFile(new URL('../quotes.json', import.meta.url), 'utf8'));
    const file = join(root, 'mine.json');
    await writeFile(file, JSON.stringify([quotes[0], { ...quotes[1], lang: 'fr' }]));
    const out = join(root, 'mine');
    const { code, stdout, stderr } = await quoteCards([
      'export',
      '--out',
      out,
      '--quotes',
      file,
      '--template',
      'minimal',
      '--format',
      'svg',
      '--concurrency',
      '2',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('1 rendered, 0 skipped (unchanged), 1 failed');
    expect(stderr).toContain(`${quotes[1].id}: invalid quote in ${file}, entry 1 (id "${quotes[1].id}"): field "lang" must be one of`);
    const manifest: Manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.cards.map((card) => card.file)).toEqual([`zh-Hant/minimal/og/${quotes[0].id}.svg`]);
  });

  it('stops on SIGINT with exit 130, no temporary or half-written file, and a manifest of what finished', async () => {
    const out = join(root, 'interrupted');
    let sent = false;
    const { code, stdout } = await quoteCards(['export', '--out', out, '--size', 'all', '--concurrency', '2'], {
      onStdout(text, child) {
        // Interrupt once the first card is written, while the others are rendering.
        if (!sent && /^\[\s*\d+\/\d+\]/m.test(text)) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(code).toBe(130);
    expect(stdout).toContain('Interrupted');
    const files = (await readdir(out, { recursive: true })).map(String);
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const manifest: Manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.complete).toBe(false);
    expect(manifest.cards.length).toBeGreaterThan(0);
    expect(manifest.cards.length).toBeLessThan(37 * 3);
    const pngs = files.filter((name) => name.endsWith('.png')).map((name) => name.split('\\').join('/'));
    expect(pngs.sort()).toEqual(manifest.cards.map((card) => card.file).sort());
    for (const card of manifest.cards) {
      expect(
        createHash('sha256')
          .update(await readFile(join(out, card.file)))
          .digest('hex'),
      ).toBe(card.sha256);
    }
  });
});
