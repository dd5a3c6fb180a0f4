import { describe, expect, it } from 'vitest';
import { cardHash, cardIdentity, canonicalJson, normaliseOptions } from '../src/cards/identity.ts';
import { DEFAULTS } from '../src/cards/options.ts';
import type { Quote } from '../src/cards/quotes.ts';
import type { CardOptions } from '../src/cards/render.ts';
import { RENDER_VERSION } from '../src/cards/render-version.ts';

const QUOTE: Quote = {
  id: 'trust',
  text: '最重要的技能是贏得他人的信任。',
  lang: 'zh-Hant',
  speaker: { name: '李開復', nameEn: 'Kai-Fu Lee' },
  source: { title: '財富創新論壇', titleEn: 'Fortune Innovation Forum', date: '2024-05', url: 'https://example.com/a' },
};
const OPTIONS: CardOptions = { ...DEFAULTS };

/** Another value for each option, so that no option is left out of the identity. */
const OTHER_OPTION: { [Name in keyof CardOptions]: CardOptions[Name] } = {
  template: 'minimal',
  size: 'square',
  lang: 'zh-Hans',
  theme: 'dark',
  scale: 2,
  width: 640,
};

describe('cardIdentity', () => {
  it('is canonical JSON of the render version, the whole quote, every option and the format', () => {
    expect(cardIdentity(QUOTE, {}, 'png')).toBe(
      `{"format":"png","options":{"lang":"zh-Hant","scale":1,"size":"og","template":"classic","theme":"light"},` +
        `"quote":{"id":"trust","lang":"zh-Hant","source":{"date":"2024-05","title":"財富創新論壇","titleEn":"Fortune Innovation Forum","url":"https://example.com/a"},` +
        `"speaker":{"name":"李開復","nameEn":"Kai-Fu Lee"},"text":"最重要的技能是贏得他人的信任。"},"renderVersion":"${RENDER_VERSION}"}`,
    );
  });

  it('fills in defaults, so a card asked for with or without them is the same card', () => {
    expect(cardIdentity(QUOTE, { lang: 'zh-Hant', scale: 1 }, 'png')).toBe(cardIdentity(QUOTE, {}, 'png'));
    expect(normaliseOptions({ theme: 'dark' })).toEqual({ ...DEFAULTS, theme: 'dark' });
  });

  it('has every option of DEFAULTS in it', () => {
    expect(Object.keys(OTHER_OPTION).sort()).toEqual(Object.keys(DEFAULTS).sort());
  });

  it.each(Object.keys(OTHER_OPTION) as (keyof CardOptions)[])('changes when the option %s changes', (name) => {
    expect(cardIdentity(QUOTE, { ...OPTIONS, [name]: OTHER_OPTION[name] }, 'png')).not.toBe(cardIdentity(QUOTE, OPTIONS, 'png'));
  });

  it.each<[string, Quote]>([
    ['text', { ...QUOTE, text: `${QUOTE.text}。` }],
    ['lang', { ...QUOTE, lang: 'zh-HK' }],
    ['speaker.name', { ...QUOTE, speaker: { ...QUOTE.speaker, name: '李开复' } }],
    ['speaker.nameEn', { ...QUOTE, speaker: { name: QUOTE.speaker.name } }],
    ['source.title', { ...QUOTE, source: { ...QUOTE.source, title: '論壇' } }],
    ['source.titleEn', { ...QUOTE, source: { ...QUOTE.source, titleEn: 'Forum' } }],
    ['source.date', { ...QUOTE, source: { ...QUOTE.source, date: '2024-06' } }],
    ['source.url', { ...QUOTE, source: { ...QUOTE.source, url: 'https://example.com/b' } }],
  ])('changes when the quote field %s changes', async (_, changed) => {
    expect(cardIdentity(changed, OPTIONS, 'png')).not.toBe(cardIdentity(QUOTE, OPTIONS, 'png'));
    expect(await cardHash(changed, OPTIONS, 'png')).not.toBe(await cardHash(QUOTE, OPTIONS, 'png'));
  });

  it('changes with the format and the render version', () => {
    const identity = cardIdentity(QUOTE, OPTIONS, 'png');
    expect(cardIdentity(QUOTE, OPTIONS, 'svg')).not.toBe(identity);
    expect(cardIdentity(QUOTE, OPTIONS, 'json')).not.toBe(identity);
    expect(cardIdentity(QUOTE, OPTIONS, 'png', `${RENDER_VERSION}x`)).not.toBe(identity);
  });

  it('does not depend on the key order of the quote, at any depth', async () => {
    const reordered: Quote = {
      source: { url: QUOTE.source.url, date: QUOTE.source.date, titleEn: QUOTE.source.titleEn, title: QUOTE.source.title },
      speaker: { nameEn: QUOTE.speaker.nameEn, name: QUOTE.speaker.name },
      lang: QUOTE.lang,
      text: QUOTE.text,
      id: QUOTE.id,
    };
    const options = { scale: 1, theme: 'light', lang: 'zh-Hant', size: 'og', template: 'classic' } as const;
    expect(cardIdentity(reordered, options, 'png')).toBe(cardIdentity(QUOTE, OPTIONS, 'png'));
    expect(await cardHash(reordered, options, 'png')).toBe(await cardHash(QUOTE, OPTIONS, 'png'));
  });
});

describe('cardHash', () => {
  it('is 32 hex digits: the first 128 bits of the SHA-256 of the identity', async () => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(cardIdentity(QUOTE, OPTIONS, 'svg'))));
    const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(await cardHash(QUOTE, OPTIONS, 'svg')).toBe(hex.slice(0, 32));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and leaves out undefined fields', () => {
    expect(canonicalJson({ b: [{ y: 1, x: 2 }, 3], a: undefined, c: 'é' })).toBe('{"b":[{"x":2,"y":1},3],"c":"é"}');
  });
});
