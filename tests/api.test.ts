import { describe, expect, it } from 'vitest';
import { LANGS } from '../src/cards/options.ts';
import { readQuotesFile } from '../src/node/app.ts';
import { TEMPLATE_NAMES } from '../templates/index.ts';
import { getJson } from './helpers.ts';

const bundled = readQuotesFile();

describe('GET /api/quotes', () => {
  it('lists every bundled quote with an absolute card URL', async () => {
    const { res, body } = await getJson('/api/quotes');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.quotes.map((q: { id: string }) => q.id)).toEqual(bundled.map((q) => q.id));
    // Content-addressed (see cardUrl): the options spelled out and the card hash's first 12 hex digits.
    expect(body.quotes[0].card).toMatch(
      new RegExp(`^http://localhost/cards/${bundled[0]!.id}/classic\\.og\\.zh-Hant\\.light\\.[0-9a-f]{12}\\.png$`),
    );
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(body.quotes[0].text).toBe(bundled[0]!.text);
  });

  it('converts text, speaker and source into the requested script', async () => {
    const { body } = await getJson('/api/quotes?lang=zh-Hans');
    const trust = body.quotes.find((q: { id: string }) => q.id === 'trust-is-the-key-skill');
    expect(trust.lang).toBe('zh-Hans');
    expect(trust.text).toContain('赢得他人的信任');
    expect(trust.speaker.name).toBe('李开复');
    expect(trust.source.title).toBe('财富创新论坛');
    expect(trust.card).toMatch(/\/cards\/trust-is-the-key-skill\/classic\.og\.zh-Hans\.light\.[0-9a-f]{12}\.png$/);
  });

  it('answers 400 for an unknown lang', async () => {
    const { res, body } = await getJson('/api/quotes?lang=fr');
    expect(res.status).toBe(400);
    expect(body.error.allowed).toEqual([...LANGS]);
  });
});

describe('GET /api/quotes/:id', () => {
  it('returns one quote', async () => {
    const { res, body } = await getJson('/api/quotes/we-have-souls?lang=zh-HK');
    expect(res.status).toBe(200);
    expect(body.id).toBe('we-have-souls');
    expect(body.speaker.nameEn).toBe('Kai-Fu Lee');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await getJson('/api/quotes/not-a-quote')).res.status).toBe(404);
    const { res, body } = await getJson('/api/quotes/NOT%20AN%20ID');
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('invalid_id');
  });
});

describe('GET /api/options', () => {
  it('lists templates, sizes, languages, themes and defaults', async () => {
    const { body } = await getJson('/api/options');
    expect(body.templates.map((t: { name: string }) => t.name)).toEqual(TEMPLATE_NAMES);
    expect(Object.fromEntries(body.templates.map((t: { name: string; langs: string[] }) => [t.name, t.langs.join(' ')]))).toEqual({
      classic: 'zh-Hant zh-HK zh-Hans ja ko en',
      minimal: 'zh-Hant zh-HK zh-Hans ja ko en',
      kai: 'zh-Hant zh-HK zh-Hans en',
      vertical: 'zh-Hant zh-HK zh-Hans ja',
      ming: 'zh-Hant zh-HK zh-Hans en',
    });
    expect(body.sizes).toEqual([
      { name: 'og', width: 1200, height: 630, scales: [1, 2] },
      { name: 'square', width: 1080, height: 1080, scales: [1] },
      { name: 'story', width: 1080, height: 1920, scales: [1] },
    ]);
    expect(body.maxPixels).toBe(4_000_000);
    expect(body.langs).toEqual([...LANGS]);
    expect(body.themes).toEqual(['light', 'dark']);
    expect(body.defaults).toMatchObject({ template: 'classic', size: 'og', lang: 'zh-Hant', theme: 'light', scale: 1 });
  });
});

describe('other routes', () => {
  it('GET /healthz reports ok', async () => {
    const { res, body } = await getJson('/healthz');
    expect(res.status).toBe(200);
    expect(body).toEqual({ status: 'ok', quotes: bundled.length });
  });

  it.each(['/healthz', '/api/options'])('%s takes no query parameters', async (path) => {
    const { res, body } = await getJson(`${path}?verbose=1`);
    expect(res.status).toBe(400);
    expect(body.error).toMatchObject({ code: 'unknown_parameter', allowed: [] });
    expect(body.error.message).toContain('"verbose"');
  });

  it('answers an unknown path with a JSON 404', async () => {
    const { res, body } = await getJson('/no/such/path');
    expect(res.status).toBe(404);
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain('/no/such/path');
  });
});
