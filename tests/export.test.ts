import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCards, type ExportOptions } from '../src/export/export.ts';
import type { Manifest } from '../src/export/manifest.ts';
import { exportFilePath, planCards } from '../src/export/plan.ts';
import { parseQuoteEntries, parseQuotes, QuotesFileError, type Quote } from '../src/cards/quotes.ts';
import { RENDER_VERSION } from '../src/cards/render-version.ts';
import { decodePng, parseSvg, pngSize } from './helpers.ts';

const ID = 'trust-is-the-key-skill';
const bundled: Quote[] = parseQuotes(await readFile(new URL('../quotes.json', import.meta.url), 'utf8'));
const trust = bundled.find((quote) => quote.id === ID)!;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'quote-cards-export-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A small selection: one quote, two templates, two scripts, PNG and SVG = 8 cards. */
function smallExport(out: string, extra: Partial<ExportOptions> = {}) {
  return exportCards({
    out,
    ids: [ID],
    templates: ['classic', 'minimal'],
    sizes: ['og'],
    langs: ['zh-Hant', 'zh-Hans'],
    themes: ['light'],
    scales: [1],
    formats: ['png', 'svg'],
    concurrency: 2,
    ...extra,
  });
}

async function readManifest(out: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('exportCards', () => {
  let out: string;
  beforeAll(async () => {
    out = join(root, 'small');
  });

  it('writes every card of the selection at its documented path, with a manifest entry whose sha256 matches', async () => {
    const result = await smallExport(out, { zip: join(root, 'small.zip') });
    expect(result).toMatchObject({ cards: 8, rendered: 8, skipped: 0, failures: [], interrupted: false });

    const manifest = await readManifest(out);
    expect(manifest.complete).toBe(true);
    expect(manifest.cards.map((card) => card.file).sort()).toEqual(
      ['zh-Hant', 'zh-Hans']
        .flatMap((lang) => ['classic', 'minimal'].flatMap((t) => ['png', 'svg'].map((ext) => `${lang}/${t}/og/${ID}.${ext}`)))
        .sort(),
    );
    for (const card of manifest.cards) {
      const bytes = await readFile(join(out, card.file));
      expect(card.bytes).toBe(bytes.byteLength);
      expect(card.sha256).toBe(sha256(bytes));
      expect(card).toMatchObject({ id: ID, size: 'og', theme: 'light', scale: 1, width: 1200, height: 630, renderVersion: RENDER_VERSION });
      expect(card.inputHash).toMatch(/^[0-9a-f]{32}$/);
      if (card.format === 'png') {
        expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 });
        expect(decodePng(bytes).width).toBe(1200);
      } else {
        expect(parseSvg(bytes.toString('utf8')).viewBox).toBe('0 0 1200 630');
      }
    }
  });

  it('gives alt text in the card’s script, with the speaker', async () => {
    const { cards } = await readManifest(out);
    const hant = cards.find((card) => card.lang === 'zh-Hant')!;
    const hans = cards.find((card) => card.lang === 'zh-Hans')!;
    expect(hant.alt).toBe(`「${trust.text}」— 李開復，${trust.source.title}`);
    expect(hans.alt).toContain('李开复');
    expect(hans.alt).toContain('赢得'); // 贏得 in Simplified
  });

  it('lists the same cards in manifest.csv, one row each under a header', async () => {
    const csv = (await readFile(join(out, 'manifest.csv'), 'utf8')).trimEnd().split('\n');
    expect(csv[0]).toBe('id,template,size,lang,theme,scale,format,file,width,height,bytes,sha256,alt,renderVersion,inputHash');
    const { cards } = await readManifest(out);
    expect(csv).toHaveLength(cards.length + 1);
    expect(csv[1]).toContain(`,${cards[0]!.file},`);
    expect(csv[1]).toContain(cards[0]!.sha256);
  });

  it('zips the cards and both manifests, byte for byte', async () => {
    const files = unzipSync(new Uint8Array(await readFile(join(root, 'small.zip'))));
    const { cards } = await readManifest(out);
    expect(Object.keys(files).sort()).toEqual([...cards.map((card) => card.file), 'manifest.csv', 'manifest.json'].sort());
    for (const card of cards) expect(sha256(files[card.file]!)).toBe(card.sha256);
    expect(Buffer.from(files['manifest.json']!).toString('utf8')).toBe(await readFile(join(out, 'manifest.json'), 'utf8'));
  });

  it('skips unchanged, intact cards on a re-run and renders a damaged one again', async () => {
    const before = await stat(join(out, `zh-Hant/classic/og/${ID}.png`));
    expect(await smallExport(out)).toMatchObject({ rendered: 0, skipped: 8, failures: [] });
    expect((await stat(join(out, `zh-Hant/classic/og/${ID}.png`))).mtimeMs).toBe(before.mtimeMs);

    await appendFile(join(out, `zh-Hans/minimal/og/${ID}.svg`), ' ');
    expect(await smallExport(out)).toMatchObject({ rendered: 1, skipped: 7 });
    const { cards } = await readManifest(out);
    const repaired = cards.find((card) => card.file === `zh-Hans/minimal/og/${ID}.svg`)!;
    expect(sha256(await readFile(join(out, repaired.file)))).toBe(repaired.sha256);
  });

  it('removes temporary files left by a run that was killed outright', async () => {
    const stale = join(out, `zh-Hant/classic/og/.${ID}.png.12345-0badf00d.tmp`);
    await writeFile(stale, 'half a card');
    await smallExport(out);
    await expect(stat(stale)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('renders unchanged cards again with force', async () => {
    const twoCards = { langs: ['zh-Hant'], formats: ['svg'] } as const;
    expect(await smallExport(out, twoCards)).toMatchObject({ rendered: 0, skipped: 2 });
    expect(await smallExport(out, { ...twoCards, force: true })).toMatchObject({ rendered: 2, skipped: 0 });
  });

  it('re-renders only the cards of a quote whose text changed', async () => {
    const dir = join(root, 'changed');
    const file = join(root, 'changed.json');
    const second = bundled[1]!;
    await writeFile(file, JSON.stringify([trust, second]));
    const options = {
      quotesFile: file,
      ids: undefined,
      templates: ['minimal'] as const,
      langs: ['zh-Hant'] as const,
      formats: ['svg'] as const,
    };
    expect(await smallExport(dir, options)).toMatchObject({ rendered: 2 });
    await writeFile(file, JSON.stringify([trust, { ...second, text: `${second.text}！` }]));
    expect(await smallExport(dir, options)).toMatchObject({ rendered: 1, skipped: 1 });
  });
});

describe('exportCards with a custom quotes file', () => {
  const nang = { ...trust, id: 'rare-character', text: '齉齉齉齉' };
  const tofu = { ...trust, id: 'private-use', text: '\ue000\ue000\ue000\ue000' };
  const comma = { ...trust, id: 'comma-and-quote', text: '他說, "信任" 是關鍵' };
  const broken = { ...trust, id: 'Broken Id', text: '' };
  let out: string;
  let result: Awaited<ReturnType<typeof exportCards>>;

  beforeAll(async () => {
    out = join(root, 'custom');
    const file = join(root, 'custom.json');
    await writeFile(file, JSON.stringify([nang, broken, tofu, comma]));
    result = await exportCards({
      out,
      quotesFile: file,
      templates: ['minimal'],
      sizes: ['og'],
      langs: ['zh-Hant'],
      themes: ['light'],
      scales: [1],
      formats: ['png'],
      concurrency: 2,
    });
  });

  it('reports each invalid entry with its id and reason, and writes the others', async () => {
    expect(result.rendered).toBe(2);
    expect(result.failures.map((failure) => failure.id)).toEqual(['Broken Id', 'private-use']);
    expect(result.failures[0]!.reason).toContain('field "id" must be lowercase ASCII kebab-case');
    expect(result.failures[0]!.reason).toContain('field "text" must not be empty');
    // A character no font has fails its entry, named with its code point, rather than being drawn as a box.
    expect(result.failures[1]!.reason).toBe(
      `invalid quote in ${join(root, 'custom.json')}, entry 2 (id "private-use"): field "text" has "\ue000" (U+E000), which no font here can draw`,
    );
    const manifest = await readManifest(out);
    expect(manifest.cards.map((card) => card.id)).toEqual(['rare-character', 'comma-and-quote']);
    expect(manifest.failures).toEqual(result.failures);
  });

  it('quotes a comma and a double quote in the CSV', async () => {
    const csv = await readFile(join(out, 'manifest.csv'), 'utf8');
    expect(csv).toContain('"「他說, ""信任"" 是關鍵」— 李開復，財富創新論壇"');
  });

  it('draws a character missing from the subsets with the full font', async () => {
    const nangPng = decodePng(await readFile(join(out, 'zh-Hant/minimal/og/rare-character.png')));
    let ink = 0;
    for (let i = 0; i < nangPng.data.length; i += 4) if (nangPng.data[i]! < 100) ink++;
    expect(ink).toBeGreaterThan(2000); // dense strokes, not a blank card
  });
});

describe('planCards and exportFilePath', () => {
  it('adds a theme folder for a non-default theme and @Nx for a scale above 1', () => {
    const options = { template: 'classic', size: 'og', lang: 'zh-HK', theme: 'dark', scale: 2 } as const;
    expect(exportFilePath(ID, options, 'png')).toBe(`zh-HK/classic/og/dark/${ID}@2x.png`);
    expect(exportFilePath(ID, { ...options, theme: 'light', scale: 1 }, 'png')).toBe(`zh-HK/classic/og/${ID}.png`);
  });

  it('plans an SVG once whatever the scales, since it does not depend on scale', async () => {
    const jobs = await planCards([trust], {
      templates: ['classic'],
      sizes: ['og'],
      langs: ['zh-Hant'],
      themes: ['light'],
      scales: [1, 2, 3],
      formats: ['png', 'svg'],
    });
    expect(jobs.map((job) => job.file)).toEqual([
      `zh-Hant/classic/og/${ID}.png`,
      `zh-Hant/classic/og/${ID}.svg`,
      `zh-Hant/classic/og/${ID}@2x.png`,
      `zh-Hant/classic/og/${ID}@3x.png`,
    ]);
    expect(new Set(jobs.map((job) => job.inputHash)).size).toBe(4);
  });
});

describe('parseQuoteEntries', () => {
  it('returns the valid entries and each invalid one with its problems, where parseQuotes refuses the file', () => {
    const json = JSON.stringify([trust, { ...trust, id: 'x', lang: 'fr' }, trust]);
    const { quotes, invalid } = parseQuoteEntries(json, 'mine.json');
    expect(quotes.map((quote) => quote.id)).toEqual([ID]);
    expect(invalid).toEqual([
      {
        index: 1,
        id: 'x',
        label: 'entry 1 (id "x")',
        problems: ['field "lang" must be one of zh-Hant, zh-HK, zh-Hans, ja, ko, en (received "fr")'],
      },
      { index: 2, id: ID, label: `entry 2 (id "${ID}")`, problems: ['field "id" duplicates entry 0'] },
    ]);
    expect(() => parseQuotes(json, 'mine.json')).toThrow(QuotesFileError);
    expect(() => parseQuotes(json, 'mine.json')).toThrow('mine.json: 2 problem(s)\n  - entry 1 (id "x"): field "lang" must be one of');
  });

  it('still refuses a file that is not an array of quotes', () => {
    expect(() => parseQuoteEntries('{', 'mine.json')).toThrow(/mine\.json: not valid JSON/);
    expect(() => parseQuoteEntries('[]', 'mine.json')).toThrow('mine.json: the array holds no quotes');
  });
});
