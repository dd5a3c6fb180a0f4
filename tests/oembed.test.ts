import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { createNodeApp } from '../src/node/app.ts';
import { app, getBytes, pngSize } from './helpers.ts';

const ID = 'trust-is-the-key-skill';
const PAGE = `http://localhost/q/${ID}`;
const oembed = (params: Record<string, string>) => app.request(`/oembed?${new URLSearchParams(params)}`);

describe('GET /oembed', () => {
  it('describes a share page as a photo, following the discovery link', async () => {
    const page = await (await app.request(`/q/${ID}?size=square&theme=dark`)).text();
    const discovery = load(page)('link[rel=alternate][type="application/json+oembed"]').attr('href')!;
    const res = await app.request(discovery);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body).toMatchObject({
      version: '1.0',
      type: 'photo',
      url: expect.stringMatching(new RegExp(`^http://localhost/cards/${ID}/classic\\.square\\.zh-Hant\\.dark\\.[0-9a-f]{12}\\.png$`)),
      width: 1080,
      height: 1080,
      author_name: '李開復',
      provider_name: 'quote-cards',
      provider_url: 'http://localhost/',
    });
    expect(body.title).toContain('最重要的技能是贏得他人的信任');
    // The photo is what it says it is.
    const { bytes } = await getBytes(body.url);
    expect(pngSize(bytes)).toEqual({ width: body.width, height: body.height });
  });

  it('keeps within maxwidth and maxheight by choosing a smaller scale', async () => {
    const big = await (await oembed({ url: `${PAGE}?scale=2`, format: 'json' })).json();
    expect([big.width, big.height]).toEqual([2400, 1260]);
    const fitted = await (await oembed({ url: `${PAGE}?scale=2`, maxwidth: '2000', maxheight: '2000' })).json();
    expect([fitted.width, fitted.height]).toEqual([1200, 630]);
    expect(fitted.url).toMatch(new RegExp(`^http://localhost/cards/${ID}/classic\\.og\\.zh-Hant\\.light\\.[0-9a-f]{12}\\.png$`));
    // A page above the pixel limit has no card, so no oEmbed either.
    const tooLarge = await oembed({ url: `${PAGE}?scale=3` });
    expect(tooLarge.status).toBe(400);
    expect((await tooLarge.json()).error.code).toBe('canvas_too_large');
    const tooSmall = await oembed({ url: PAGE, maxwidth: '300' });
    expect(tooSmall.status).toBe(404);
    expect((await tooSmall.json()).error.message).toContain('320×168');
    expect((await oembed({ url: PAGE, maxwidth: 'wide' })).status).toBe(400);
  });

  it('answers format=xml with 501, as the oEmbed spec says', async () => {
    const res = await oembed({ url: PAGE, format: 'xml' });
    expect(res.status).toBe(501);
    expect((await res.json()).error).toMatchObject({ code: 'unsupported_format', allowed: ['json'] });
  });

  it.each([
    [{}, 400, 'missing_parameter'],
    [{ url: 'not a url' }, 400, 'invalid_parameter'],
    [{ url: `https://elsewhere.example/q/${ID}` }, 404, 'not_found'],
    [{ url: `http://localhost/cards/${ID}.png` }, 404, 'not_found'],
    [{ url: 'http://localhost/q/no-such-quote' }, 404, 'unknown_quote'],
    [{ url: 'http://localhost/q/Bad%20Id' }, 400, 'invalid_id'],
    [{ url: `${PAGE}?theme=sepia` }, 400, 'invalid_parameter'],
  ])('refuses %j with %i %s', async (params, status, code) => {
    const res = await oembed(params as Record<string, string>);
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(20);
  });

  it('accepts only pages under PUBLIC_BASE_URL when it is set', async () => {
    const { app: public_ } = createNodeApp(undefined, { publicBaseUrl: 'https://cards.example.org' });
    const ok = await public_.request(`/oembed?url=${encodeURIComponent(`https://cards.example.org/q/${ID}`)}`);
    expect((await ok.json()).url).toMatch(
      new RegExp(`^https://cards\\.example\\.org/cards/${ID}/classic\\.og\\.zh-Hant\\.light\\.[0-9a-f]{12}\\.png$`),
    );
    expect((await public_.request(`/oembed?url=${encodeURIComponent(PAGE)}`)).status).toBe(404);
  });
});
