import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it, vi } from 'vitest';
import { describeMisfits } from '../src/cards/fit-index.ts';
import { checkFitOnce } from '../src/node/fit-verdicts.ts';
import { createNodeApp, readQuotesFile } from '../src/node/app.ts';
import type { Quote } from '../src/cards/quotes.ts';
import { TEMPLATE_NAMES, type TemplateName } from '../templates/index.ts';
import { decodePng, getJson, renderer } from './helpers.ts';
import { cardUrl } from '../src/http/urls.ts';
import { unfurlCard } from '../src/http/share-routes.ts';
import type { Fits } from '../src/http/pages.ts';
import type { SizeName } from '../src/cards/options.ts';

const ID = 'trust-is-the-key-skill';

describe('GET /cards/:id.json (the layout report)', () => {
  it.each(TEMPLATE_NAMES)('reports how the %s template set the card', async (template) => {
    const { res, body } = await getJson(`/cards/${ID}.json?template=${template}&size=story&lang=zh-Hans`);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      id: ID,
      template,
      size: 'story',
      lang: 'zh-Hans',
      theme: 'light',
      scale: 1,
      canvas: { width: 1080, height: 1920 },
    });
    expect(body.direction).toBe(template === 'vertical' ? 'vertical' : 'horizontal');
    expect(body.fontSize).toBeGreaterThanOrEqual(body.fontSizeRange.min);
    expect(body.fontSize).toBeLessThanOrEqual(body.fontSizeRange.max);
    expect(body.lineHeight).toBeGreaterThan(body.fontSize);
    expect(body.lines.join('').replace(/\s/g, '')).toBe(body.text.replace(/\s/g, ''));
    // In Simplified script: 赢得, not 贏得.
    expect(body.text).toContain('赢得');
    expect(body.attribution.lines).toEqual(['李开复，财富创新论坛']);
    const along = template === 'vertical' ? body.box.height : body.box.width;
    for (const length of body.lineLengths) expect(length).toBeLessThanOrEqual(along);
  });

  it.each([
    ['zh-Hans', '我强调的重点是“可获得”，'],
    ['zh-HK', '我強調的重點是「可獲得」，'],
    ['zh-Hant', '我強調的重點是「可獲得」，'],
  ])('quotes with the marks of %s', async (lang, expected) => {
    const { body } = await getJson(`/cards/avoid-extreme-rich-poor-gap.json?lang=${lang}`);
    expect(body.text).toContain(expected);
  });

  it('says how many breaks fell inside a word, and breaks between words (not 人|工智能, 應|用, 一|旦, 思|考)', async () => {
    const { body } = await getJson('/cards/ai-to-understand-how-we-think.json');
    expect(body.lines).toEqual([
      '1983年，人工智能首次應用於計算機，',
      '我當時的想法是，一旦我們理解了如何構建',
      '人工智能，我們就能理解我們是如何思考的。',
    ]);
    expect(body.breaksInsideWords).toBe(0);
    const square = (await getJson('/cards/ai-to-understand-how-we-think.json?size=square')).body;
    expect(square.lines).toEqual([
      '1983年，人工智能首次',
      '應用於計算機，我當時的',
      '想法是，一旦我們理解了',
      '如何構建人工智能，我們就',
      '能理解我們是如何思考的。',
    ]);
    expect(square.breaksInsideWords).toBe(0);
  });

  it('sets the attribution at most 0.6 of the quote, and a short quote on a square card at its largest size', async () => {
    const { body } = await getJson('/cards/we-have-souls.json?size=square');
    expect(body.fontSizeRange).toEqual({ min: 35, max: 103 });
    expect(body.fontSize).toBe(103);
    expect(body.lines).toEqual(['我始終堅信我們', '是有靈魂的。']);
    expect(body.attribution.fontSize).toBe(45);
    // A long quote: the attribution follows the quote down, to 0.6 of its size.
    const long = (await getJson('/cards/debate-before-spending-gpus.json?size=square')).body;
    expect(long.attribution.fontSize).toBe(Math.floor(long.fontSize * 0.6));
  });

  it('sets a short quote large and a long one smaller', async () => {
    const short = (await getJson('/cards/we-have-souls.json')).body;
    const long = (await getJson('/cards/debate-before-spending-gpus.json')).body;
    expect(short.lines).toEqual(['我始終堅信我們是有靈魂的。']);
    expect(short.fontSize).toBeGreaterThan(long.fontSize);
    expect(long.lines.length).toBeGreaterThan(3);
  });
});

describe('a quote that cannot fit', () => {
  const long: Quote = {
    ...readQuotesFile()[0]!,
    id: 'far-too-long',
    text: '這是一段非常非常長的引文，'.repeat(80),
  };

  it('is a 422 naming the quote, template and size, never a clipped card or a 500', async () => {
    const { app } = createNodeApp([long]);
    for (const format of ['png', 'svg', 'json']) {
      const res = await app.request(`/cards/far-too-long.${format}?template=minimal&size=og`);
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body.error.code).toBe('text_does_not_fit');
      expect(body.error.message).toContain('"far-too-long"');
      expect(body.error.message).toContain('"minimal"');
      expect(body.error.message).toContain('"og"');
      expect(body.error.message).toMatch(/smallest font size, \d+px/);
    }
  });

  it('is found by the fit check, which names the sizes that fit and passes for every bundled quote', async () => {
    const misfits = await renderer.checkFit([long]);
    expect(misfits.map((misfit) => misfit.cards.length)).toEqual([TEMPLATE_NAMES.length * 3 * 3]);
    expect(describeMisfits(misfits)).toEqual([
      'quote "far-too-long" does not fit classic og, square, story (zh-Hant, zh-HK, zh-Hans); minimal og, square, story (zh-Hant, zh-HK, zh-Hans); kai og, square, story (zh-Hant, zh-HK, zh-Hans); vertical og, square, story (zh-Hant, zh-HK, zh-Hans); ming og, square, story (zh-Hant, zh-HK, zh-Hans); fits: no card',
    ]);
    expect(await renderer.checkFit(readQuotesFile())).toEqual([]);
  });

  it('agrees with the card itself: fits is false exactly where the card answers 422', async () => {
    const lengths = [13 * 16, 13 * 31, 13 * 46];
    for (const [index, length] of lengths.entries()) {
      const quote = { ...long, id: `length-${index}`, text: '這是一段非常非常長的引文，'.repeat(length / 13) };
      for (const template of TEMPLATE_NAMES) {
        for (const size of ['og', 'square', 'story'] as const) {
          const options = { template, size, lang: 'zh-Hant', theme: 'light', scale: 1 } as const;
          const composed = await renderer.compose(quote, options).then(
            () => true,
            (error) => (error.code === 'text_does_not_fit' ? false : Promise.reject(error)),
          );
          expect({ template, size, length, fits: await renderer.fits(quote, options) }).toEqual({ template, size, length, fits: composed });
        }
      }
    }
  });

  it('remembers a passing check, never a failing one', async () => {
    let checks = 0;
    const counting = { ...renderer, checkFit: (quotes: Parameters<typeof renderer.checkFit>[0]) => (checks++, renderer.checkFit(quotes)) };
    const fitting = [{ ...long, id: `fits-${Date.now()}`, text: '我始終堅信我們是有靈魂的。' }];
    expect(await checkFitOnce(counting, fitting)).toEqual([]);
    expect(await checkFitOnce(counting, fitting)).toEqual([]);
    expect(checks).toBe(1);
    expect((await checkFitOnce(counting, [long])).length).toBeGreaterThan(0);
    expect((await checkFitOnce(counting, [long])).length).toBeGreaterThan(0);
    expect(checks).toBe(3);
  });
});

describe('a quote that some cards cannot hold (403 characters)', () => {
  const bundled = readQuotesFile();
  const long: Quote = { ...bundled[0]!, id: 'four-hundred', text: '這是一段非常非常長的引文，'.repeat(31) };
  const fitsExceptSquare = {
    classic: ['og', 'story'],
    minimal: ['og', 'story'],
    kai: ['og', 'story'],
    vertical: ['og', 'story'],
    ming: ['og', 'story'],
  };

  it('is served: its square cards answer 422, the rest render, and the API lists the sizes that fit', async () => {
    const { app } = createNodeApp([long, bundled[1]!]);
    expect((await app.request('/cards/four-hundred.png?size=square')).status).toBe(422);
    const og = await app.request('/cards/four-hundred.png');
    expect(og.status).toBe(200);
    expect(og.headers.get('Content-Type')).toBe('image/png');
    expect((await app.request('/cards/four-hundred.png?template=vertical&size=story')).status).toBe(200);
    const one = await (await app.request('/api/quotes/four-hundred?lang=zh-Hans')).json();
    expect(one.sizes).toEqual(fitsExceptSquare);
    const all = await (await app.request('/api/quotes')).json();
    expect(all.quotes.map((quote: { id: string; sizes: unknown }) => [quote.id, quote.sizes])).toEqual([
      ['four-hundred', fitsExceptSquare],
      [
        bundled[1]!.id,
        {
          classic: ['og', 'square', 'story'],
          minimal: ['og', 'square', 'story'],
          kai: ['og', 'square', 'story'],
          vertical: ['og', 'square', 'story'],
          ming: ['og', 'square', 'story'],
        },
      ],
    ]);
  });

  it('is offered on its share page only at the sizes that fit', async () => {
    const { app } = createNodeApp([long]);
    const page = await (await app.request('/q/four-hundred?template=kai')).text();
    const $ = load(page);
    const sizes = $('select[name=size] option')
      .toArray()
      .map((option) => [$(option).attr('value'), $(option).attr('disabled') !== undefined, $(option).attr('data-fits')?.split(' ').length]);
    // Five templates × three scripts fit og and story; none fits square.
    expect(sizes).toEqual([
      ['og', false, 15],
      ['square', true, 1],
      ['story', false, 15],
    ]);
  });

  it('leaves the server serving its other cards, with one warning that lists the sizes that fit', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'quotes-')), 'long.json');
    writeFileSync(file, JSON.stringify([long, bundled[1]]));
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/node/main.ts'], {
      env: { ...process.env, QUOTES_FILE: file, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stdout = '';
      let stderr = '';
      server.stderr.on('data', (chunk) => (stderr += chunk));
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (chunk) => {
          stdout += chunk;
          const found = /Serving 2 quotes on (\S+)/.exec(stdout);
          if (found) resolve(found[1]!);
        });
        server.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok', quotes: 2 });
      expect((await fetch(`${url}/cards/${bundled[1]!.id}.png?size=square`)).status).toBe(200);
      expect((await fetch(`${url}/cards/four-hundred.png?size=square`)).status).toBe(422);
      await vi.waitFor(() => expect(stderr).toContain('Warning: 1 quote(s) do not fit some cards'), { timeout: 60_000, interval: 100 });
      expect(stderr).toContain(
        'quote "four-hundred" does not fit classic square (zh-Hant, zh-HK, zh-Hans); minimal square (zh-Hant, zh-HK, zh-Hans); kai square (zh-Hant, zh-HK, zh-Hans); vertical square (zh-Hant, zh-HK, zh-Hans); ming square (zh-Hant, zh-HK, zh-Hans); fits: classic og, story (zh-Hant, zh-HK, zh-Hans); minimal og, story (zh-Hant, zh-HK, zh-Hans); kai og, story (zh-Hant, zh-HK, zh-Hans); vertical og, story (zh-Hant, zh-HK, zh-Hans); ming og, story (zh-Hant, zh-HK, zh-Hans)',
      );
      expect(stderr.match(/Warning:/g)).toHaveLength(1);
    } finally {
      server.kill('SIGTERM');
    }
  });
});

describe('the gallery, API and oEmbed with a quote that no classic card can hold', () => {
  const bundled = readQuotesFile();
  // 546 characters: only the vertical og card holds it.
  const longest = { ...bundled[0]!, id: 'vertical-only', text: '這是一段非常非常長的引文，'.repeat(42) };
  const { app } = createNodeApp([longest, bundled[1]!]);

  it('shows, links and embeds the card that holds it, never one that answers 422', async () => {
    const vertical = { template: 'vertical', size: 'og' } as const;
    const $ = load(await (await app.request('/')).text());
    const thumbnail = $('ul.gallery img').first();
    expect(thumbnail.attr('src')).toBe(await cardUrl(longest, { ...vertical, width: 400 }));
    const api = await (await app.request('/api/quotes/vertical-only')).json();
    expect(api.card).toBe(`http://localhost${await cardUrl(longest, vertical)}`);
    const oembed = await (await app.request(`/oembed?url=${encodeURIComponent('http://localhost/q/vertical-only')}`)).json();
    expect(oembed.url).toBe(`http://localhost${await cardUrl(longest, vertical)}`);
    expect(oembed.web_page).toBe('http://localhost/q/vertical-only');
    for (const path of [thumbnail.attr('src')!, new URL(api.card).pathname, new URL(oembed.url).pathname]) {
      expect((await app.request(path)).status).toBe(200);
    }
  });
});

describe('the gallery, API and share page with a quote whose og card cannot hold it', () => {
  const bundled = readQuotesFile();
  // 494 characters: of the classic cards only story holds it; of the og cards only vertical's.
  const wide = { ...bundled[0]!, id: 'fits-story-only', text: '這是一段非常非常長的引文，'.repeat(38) };
  const { app } = createNodeApp([wide, bundled[1]!]);

  it('shows that quote as small content-addressed renditions of a size that fits, and the others of og', async () => {
    const $ = load(await (await app.request('/')).text());
    const thumbnails = $('ul.gallery img')
      .toArray()
      .map((img) => [$(img).attr('src'), $(img).attr('srcset'), $(img).attr('width'), $(img).attr('height')]);
    const renditions = async (quote: Quote, size: 'og' | 'story') =>
      Promise.all([400, 640, 800].map(async (width) => `${await cardUrl(quote, { size, width })} ${width}w`));
    expect(thumbnails).toEqual([
      [await cardUrl(wide, { size: 'story', width: 400 }), (await renditions(wide, 'story')).join(', '), '1080', '1920'],
      [await cardUrl(bundled[1]!, { width: 400 }), (await renditions(bundled[1]!, 'og')).join(', '), '1200', '630'],
    ]);
    expect(thumbnails[0]![0]).toMatch(/^\/cards\/fits-story-only\/classic\.story\.zh-Hant\.light\.w400\.[0-9a-f]{12}\.png$/);
    expect($('ul.gallery a').first().attr('href')).toBe('/q/fits-story-only?size=story');
    const small = await app.request(thumbnails[0]![0]!);
    expect(small.status).toBe(200);
    const png = decodePng(new Uint8Array(await small.arrayBuffer()));
    expect([png.width, png.height]).toEqual([400, 711]);
    expect((await app.request(thumbnails[1]![0]!)).status).toBe(200);
  });

  it('links the API to the content-addressed card of the first size that fits', async () => {
    const body = await (await app.request('/api/quotes')).json();
    expect(body.quotes.map((quote: { card: string }) => quote.card)).toEqual([
      `http://localhost${await cardUrl(wide, { size: 'story' })}`,
      `http://localhost${await cardUrl(bundled[1]!, {})}`,
    ]);
    expect((await app.request(new URL(body.quotes[0].card).pathname)).status).toBe(200);
  });

  it('unfurls as the og card of a template it fits, and gives the picker a hash for every size it offers', async () => {
    const $ = load(await (await app.request('/q/fits-story-only?size=story')).text());
    const og = await cardUrl(wide, { template: 'vertical', size: 'og' });
    expect($('meta[property="og:image"]').attr('content')).toBe(`http://localhost${og}`);
    expect($('meta[name="twitter:image"]').attr('content')).toBe(`http://localhost${og}`);
    expect([$('meta[property="og:image:width"]').attr('content'), $('meta[property="og:image:height"]').attr('content')]).toEqual([
      '1200',
      '630',
    ]);
    expect((await app.request(og)).status).toBe(200);
    expect($('#preview').attr('src')).toBe(await cardUrl(wide, { size: 'story' }));
    const hashes: Record<string, string> = JSON.parse($('#picker').attr('data-cards')!);
    const offered = $('select[name=size] option')
      .toArray()
      .filter((option) => $(option).attr('disabled') === undefined)
      .map((option) => $(option).attr('value'));
    expect(offered).toEqual(['story']);
    for (const pair of $('select[name=size] option[value=story]').attr('data-fits')!.split(' ')) {
      const [template, lang] = pair.split(':');
      expect(hashes[`${template}.story.${lang}.light`]).toMatch(/^[0-9a-f]{12}$/);
    }
  });
});

describe("unfurlCard (the share page's og:image)", () => {
  const options = { template: 'classic', size: 'story', lang: 'zh-Hant', theme: 'dark', scale: 1 } as const;
  const fitsOnly = (sizes: Partial<Record<TemplateName, SizeName[]>>): Fits => {
    const byTemplate = Object.fromEntries(TEMPLATE_NAMES.map((name) => [name, sizes[name] ?? []])) as Record<TemplateName, SizeName[]>;
    return { 'zh-Hant': byTemplate, 'zh-HK': byTemplate, 'zh-Hans': byTemplate };
  };

  it('is the og card of the chosen template when the quote fits it', () => {
    expect(unfurlCard(options, fitsOnly({ classic: ['og', 'story'], kai: ['og'] }))).toEqual({ ...options, size: 'og', width: undefined });
  });

  it('is the og card of the first template whose og card holds the quote, otherwise', () => {
    expect(unfurlCard(options, fitsOnly({ classic: ['story'], kai: ['og'], ming: ['og'] }))).toEqual({
      ...options,
      template: 'kai',
      size: 'og',
      width: undefined,
    });
  });

  it('is the chosen template at its first fitting size when no og card holds the quote, and og when nothing does', () => {
    expect(unfurlCard(options, fitsOnly({ classic: ['square', 'story'], vertical: ['story'] }))).toEqual({
      ...options,
      size: 'square',
      width: undefined,
    });
    expect(unfurlCard(options, fitsOnly({}))).toEqual({ ...options, size: 'og', width: undefined });
  });
});
