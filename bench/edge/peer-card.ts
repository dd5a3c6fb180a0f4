// What the peers draw: the benchmark's card (bench/card.ts writes its element
// tree and font list to card.tmp.json before the Workers start), with the
// same subset fonts, fetched once per isolate from the same static assets.
import card from '../card.tmp.json';

export { card };

interface Assets {
  fetch(request: Request): Promise<Response>;
}
type Font = { name: string; data: ArrayBuffer; weight: 400 | 700; style: 'normal' };
let fonts: Promise<Font[]> | undefined;

/** The card's fonts from `/_fonts/`, loaded on first use. */
export function cardFonts(assets: Assets): Promise<Font[]> {
  fonts ??= Promise.all(
    card.fonts.map(async (font) => {
      const response = await assets.fetch(new Request(`https://assets.invalid/_fonts/${font.file.split('/').pop()}`));
      if (!response.ok) throw new Error(`${font.file}: HTTP ${response.status}`);
      return { name: font.name, data: await response.arrayBuffer(), weight: font.weight as 400 | 700, style: 'normal' as const };
    }),
  );
  return fonts;
}
