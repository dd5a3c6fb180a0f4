import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/quotes-languages.json';
import { cardOptionsFor, templatesFor } from '../../src/cards/identity.ts';
import { cardLangs } from '../../src/cards/options.ts';
import { validateQuotes } from '../../src/cards/quotes.ts';
import { createRenderer } from '../../src/cards/render.ts';
import { assetFontReader } from '../../src/worker/font-assets.ts';
import { workerPlatform } from '../../src/worker/platform.ts';
import { pngSize } from './helpers.ts';

// The mixed-language fixture, rendered in workerd from the fonts of the static assets.
const quotes = validateQuotes(fixture);
const renderer = createRenderer(workerPlatform(assetFontReader(env.ASSETS)));

describe('Japanese, Korean and English cards in the Worker', () => {
  it.each(quotes.filter((quote) => !quote.lang.startsWith('zh')).map((quote) => [quote.id, quote] as const))(
    '%s renders in every template that sets its language, with the same lines as on Node',
    async (_, quote) => {
      for (const lang of cardLangs(quote.lang)) {
        for (const template of templatesFor(lang)) {
          const options = cardOptionsFor(quote, { template });
          expect(pngSize(await renderer.png(quote, options)), `${quote.id} ${template}`).toEqual({ width: 1200, height: 630 });
        }
      }
    },
  );

  it('sets a Japanese card by jlreq and a Korean one at spaces, as on Node', async () => {
    const ja = quotes.find((quote) => quote.id === 'kusamakura')!;
    const ko = quotes.find((quote) => quote.id === 'prologue')!;
    expect((await renderer.report(ja, cardOptionsFor(ja, {}))).lines).toEqual([
      '智に働けば角が立つ。情に棹させば',
      '流される。意地を通せば窮屈だ。',
      'とかくに人の世は住みにくい。',
    ]);
    expect((await renderer.report(ko, cardOptionsFor(ko, {}))).lines).toEqual([
      '죽는 날까지 하늘을 우러러 한',
      '점 부끄럼이 없기를, 잎새에',
      '이는 바람에도 나는 괴로워했다.',
    ]);
  });
});
