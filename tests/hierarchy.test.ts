import { describe, expect, it } from 'vitest';
import { SIZES } from '../src/cards/options.ts';
import { attributionBox, englishBox, quoteBox } from '../templates/hierarchy.ts';
import { TEMPLATES } from '../templates/index.ts';

describe('type hierarchy', () => {
  const { classic } = TEMPLATES;

  it("raises the quote's smallest size so that the attribution's floor is at most 0.6 of it", () => {
    // The floor on a square card is 21px (12px × 1080/630); 21 / 0.6 = 35.
    expect(classic.attributionBox(SIZES.square).minFontSize).toBe(21);
    expect(classic.textBox(SIZES.square).minFontSize).toBe(34);
    expect(quoteBox(classic, SIZES.square)).toMatchObject({ minFontSize: 35, maxFontSize: 103 });
    // On og the template's own minimum (20px) is already 12 / 0.6.
    expect(quoteBox(classic, SIZES.og).minFontSize).toBe(20);
  });

  it("caps the attribution at 0.6 of the quote's size, never below the floor", () => {
    expect(attributionBox(classic, SIZES.og, 60)).toMatchObject({ minFontSize: 12, maxFontSize: 26 });
    expect(attributionBox(classic, SIZES.og, 32)).toMatchObject({ minFontSize: 12, maxFontSize: 19 });
    expect(attributionBox(classic, SIZES.og, 20)).toMatchObject({ minFontSize: 12, maxFontSize: 12 });
  });

  it('sets the English line at most 0.8 of the Chinese attribution, or leaves it out', () => {
    const box = attributionBox(classic, SIZES.og, 60);
    expect(englishBox(box, 26)).toMatchObject({ minFontSize: 12, maxFontSize: 18 });
    expect(englishBox(box, 19)).toMatchObject({ maxFontSize: 15 });
    expect(englishBox(box, 13)).toBeUndefined();
  });
});
