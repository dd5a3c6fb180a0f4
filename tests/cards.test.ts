import { describe, expect, it } from 'vitest';
import { SIZES } from '../src/cards/options.ts';
import { TEMPLATE_NAMES } from '../templates/index.ts';
import { decodePng, getBytes, getJson, parseSvg, pngSize } from './helpers.ts';

const ID = 'trust-is-the-key-skill';

describe('GET /cards/:id.png', () => {
  it.each(Object.entries(SIZES))('renders the %s size at its declared dimensions', async (size, { width, height }) => {
    const { res, bytes } = await getBytes(`/cards/${ID}.png?size=${size}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(pngSize(bytes)).toEqual({ width, height });
    expect(decodePng(bytes).width).toBe(width);
  });

  it('multiplies the pixel size by scale', async () => {
    const { bytes } = await getBytes(`/cards/${ID}.png?scale=2`);
    expect(pngSize(bytes)).toEqual({ width: 2400, height: 1260 });
  });

  it.each([
    ['og', 3, '3600×1890 = 6,804,000', [1, 2]],
    ['square', 2, '2160×2160 = 4,665,600', [1]],
    ['story', 2, '2160×3840 = 8,294,400', [1]],
  ])('refuses %s at scale %i: above 4 megapixels', async (size, scale, pixels, allowed) => {
    for (const format of ['png', 'svg', 'json']) {
      const { res, body } = await getJson(`/cards/${ID}.${format}?size=${size}&scale=${scale}`);
      expect(res.status).toBe(400);
      expect(body.error.code).toBe('canvas_too_large');
      expect(body.error.message).toContain(pixels);
      expect(body.error.message).toContain('4,000,000');
      expect(body.error.allowed).toEqual(allowed);
    }
  });

  it('draws the theme: a light card is light, a dark card is dark', async () => {
    const brightness = async (theme: string) => {
      const png = decodePng((await getBytes(`/cards/${ID}.png?theme=${theme}`)).bytes);
      let sum = 0;
      for (let i = 0; i < png.data.length; i += 4) sum += png.data[i]! + png.data[i + 1]! + png.data[i + 2]!;
      return sum / (png.data.length / 4) / 3;
    };
    expect(await brightness('light')).toBeGreaterThan(200);
    expect(await brightness('dark')).toBeLessThan(60);
  });
});

describe('GET /cards/:id.svg', () => {
  it.each(TEMPLATE_NAMES)('renders the %s template as an SVG with the canvas viewBox', async (template) => {
    const { res, bytes } = await getBytes(`/cards/${ID}.svg?template=${template}&size=story`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = parseSvg(new TextDecoder().decode(bytes));
    expect(svg.viewBox).toBe('0 0 1080 1920');
  });

  it('answers a HEAD request with headers and no body', async () => {
    const { res, bytes } = await getBytes(`/cards/${ID}.svg`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(bytes.length).toBe(0);
  });
});

describe('card errors', () => {
  it('answers 404 with JSON for an unknown quote', async () => {
    const { res, body } = await getJson('/cards/no-such-quote.png');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.error.code).toBe('unknown_quote');
    expect(body.error.message).toContain('no-such-quote');
  });

  it.each([
    ['template', 'fancy', TEMPLATE_NAMES],
    ['size', 'huge', ['og', 'square', 'story']],
    ['lang', 'en', ['zh-Hant', 'zh-HK', 'zh-Hans']],
    ['theme', 'blue', ['light', 'dark']],
    ['scale', '4', ['1', '2', '3']],
    ['scale', '1.5', ['1', '2', '3']],
    ['size', '', ['og', 'square', 'story']],
  ])('answers 400 naming the bad %s %j and what is allowed', async (name, value, allowed) => {
    const { res, body } = await getJson(`/cards/${ID}.png?${name}=${encodeURIComponent(value)}`);
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.message).toContain(`"${name}"`);
    expect(body.error.message).toContain(JSON.stringify(value));
    expect(body.error.allowed).toEqual(allowed);
  });

  it('refuses an unknown query parameter, naming it', async () => {
    const { res, body } = await getJson(`/cards/${ID}.png?colour=red`);
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('unknown_parameter');
    expect(body.error.message).toContain('"colour"');
    expect(body.error.allowed).toContain('template');
  });

  it('refuses a repeated query parameter', async () => {
    const { res, body } = await getJson(`/cards/${ID}.png?size=og&size=square`);
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('repeated_parameter');
  });

  it('refuses a malformed id before looking it up', async () => {
    const { res, body } = await getJson(`/cards/${encodeURIComponent('Bad_ID!')}.png`);
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('invalid_id');
    expect(body.error.message).toContain('Bad_ID!');
  });

  it('answers 404 for a card path with an unknown format', async () => {
    const { res, body } = await getJson(`/cards/${ID}.gif`);
    expect(res.status).toBe(404);
    expect(body.error.allowed).toEqual(['png', 'svg', 'json']);
  });
});
