import type { Script } from './options.ts';

/** A typeface family a template can ask for; each exists in the scripts of the languages its templates support. */
export type Face = 'sans' | 'kai' | 'serif';

/**
 * One subset font in fonts/, built by `npm run fonts` from `source`, a full
 * font in an installed npm package, or the CSS file of a font published as
 * unicode-range WOFF chunks (an `@fontsource` package), whose chunks are
 * merged before subsetting (scripts/merge-chunks.ts).
 */
export interface FontFile {
  file: string;
  face: Face;
  script: Script;
  weight: 400 | 700;
  source: string;
  /**
   * Set on a supplement: it carries only the characters the named file's
   * source lacks (NotoSansHant covers Big5 only, so Hong Kong forms such as
   * 説 and 閲 come from NotoSansHans).
   */
  supplements?: string;
}

const KAI_HANS_SOURCE = '@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-500-normal.woff';
const KAI_HANT_SOURCE = '@fontsource/lxgw-wenkai-tc/400.css';
const NOTO_SANS_LATIN = '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff';

/**
 * Every script has its own glyph forms: Traditional text is set in a
 * Traditional-form font (Noto Sans TC / Hant), Simplified text in a
 * Simplified-form font (Noto Sans SC / Hans). Kai: LXGW WenKai TC for
 * Traditional, LXGW WenKai (mainland forms) for Simplified. Serif (Ming/Song):
 * Noto Serif CJK TC and SC. Japanese and Korean: Noto Sans CJK JP and KR
 * (sans only). English: Noto Sans, Noto Serif, LXGW WenKai's Latin.
 */
export const FONT_FILES: readonly FontFile[] = [
  { file: 'sans-hant-400.otf', face: 'sans', script: 'hant', weight: 400, source: '@embedpdf/fonts-tc/fonts/NotoSansHant-Regular.otf' },
  {
    file: 'sans-hant-400-extra.otf',
    face: 'sans',
    script: 'hant',
    weight: 400,
    source: '@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf',
    supplements: 'sans-hant-400.otf',
  },
  { file: 'sans-hans-400.otf', face: 'sans', script: 'hans', weight: 400, source: '@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf' },
  // No template sets bold (~350 KB gzipped for both scripts); add NotoSans*-Bold.otf at 700 when one does.
  // LXGW WenKai TC Regular, and LXGW WenKai Regular (weight class 400, though @fontsource files it as 500).
  { file: 'kai-hant-400.ttf', face: 'kai', script: 'hant', weight: 400, source: KAI_HANT_SOURCE },
  { file: 'kai-hans-400.ttf', face: 'kai', script: 'hans', weight: 400, source: KAI_HANS_SOURCE },
  {
    file: 'serif-hant-400.ttf',
    face: 'serif',
    script: 'hant',
    weight: 400,
    source: '@fontsource/noto-serif-tc/400.css',
  },
  {
    file: 'serif-hans-400.ttf',
    face: 'serif',
    script: 'hans',
    weight: 400,
    source: '@fontsource/noto-serif-sc/400.css',
  },
  // Japanese kanji and kana in Japanese forms, and Hangul: Noto Sans CJK JP and KR.
  { file: 'sans-jpan-400.otf', face: 'sans', script: 'jpan', weight: 400, source: '@embedpdf/fonts-jp/fonts/NotoSansJP-Regular.otf' },
  { file: 'sans-kore-400.otf', face: 'sans', script: 'kore', weight: 400, source: '@embedpdf/fonts-kr/fonts/NotoSansKR-Regular.otf' },
  // English in Latin faces (Noto CJK's “ ” ’ are full width): Noto Sans, Noto Serif, and LXGW WenKai's own Latin for kai.
  { file: 'sans-latn-400.ttf', face: 'sans', script: 'latn', weight: 400, source: NOTO_SANS_LATIN },
  {
    file: 'serif-latn-400.ttf',
    face: 'serif',
    script: 'latn',
    weight: 400,
    source: '@fontsource/noto-serif/files/noto-serif-latin-400-normal.woff',
  },
  { file: 'kai-latn-400.ttf', face: 'kai', script: 'latn', weight: 400, source: KAI_HANS_SOURCE },
];

/**
 * Family names as satori knows them: one name per face and script, so a
 * subset and its supplement or fallback never share a name (satori's glyph
 * fallback breaks when unrelated files share a family). Templates ask for
 * the main family; satori finds a supplement's glyphs by fallback.
 */
export function familyName(face: Face, script: Script): string {
  return `${face}-${script}`;
}

/** The satori family name of a font file. */
export function familyOf(font: FontFile): string {
  return font.supplements ? `${familyName(font.face, font.script)}-extra` : familyName(font.face, font.script);
}

/**
 * A full font in an installed npm package (a dependency, so production
 * installs have it), for characters the subsets lack. `script` is the glyph
 * forms it is drawn to; LXGW WenKai has one set of forms for both.
 */
export interface FullFont {
  source: string;
  face: Face;
  script?: Script;
  /** The satori family name it is given. */
  family: string;
}

/**
 * Every full font, each chosen per character after the subsets (see
 * font-library.ts for the order): Noto Sans CJK TC covers Big5 only, SC has
 * about 30,000 characters including most Traditional ones, and LXGW WenKai
 * also has some of CJK Extension B (𠮷); Noto Sans CJK JP and KR and Noto
 * Sans (Latin) serve Japanese, Korean and English cards first.
 */
export const FULL_FONTS: readonly FullFont[] = [
  { source: '@embedpdf/fonts-tc/fonts/NotoSansHant-Regular.otf', face: 'sans', script: 'hant', family: 'full-sans-hant' },
  { source: '@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf', face: 'sans', script: 'hans', family: 'full-sans-hans' },
  { source: KAI_HANS_SOURCE, face: 'kai', family: 'full-kai' },
  // Japanese and Korean forms, and Latin letters beyond the English subsets.
  { source: '@embedpdf/fonts-jp/fonts/NotoSansJP-Regular.otf', face: 'sans', script: 'jpan', family: 'full-sans-jpan' },
  { source: '@embedpdf/fonts-kr/fonts/NotoSansKR-Regular.otf', face: 'sans', script: 'kore', family: 'full-sans-kore' },
  { source: NOTO_SANS_LATIN, face: 'sans', script: 'latn', family: 'full-sans-latn' },
];

/**
 * Characters every subset carries besides those of the bundled quotes:
 * printable ASCII, CJK and full-width punctuation, vertical presentation
 * forms, and the marks templates draw.
 */
export const BASE_CHARACTERS = [
  codePointRange(0x20, 0x7e),
  '\u00a0·×—–‘’“”…‧•°%⋯',
  codePointRange(0x3000, 0x303f), // CJK symbols and punctuation: 、。〈〉《》「」『』【】〔〕〖〗〜
  codePointRange(0xff01, 0xff5e), // full-width ASCII forms: ！（），：；？ …
  '\uff5f\uff60\uffe0\uffe1\uffe5',
  codePointRange(0xfe10, 0xfe19), // vertical forms: ︐︑︒︓︔︕︖︗︘︙
  codePointRange(0xfe30, 0xfe4f), // CJK compatibility forms: ︱︵︶﹁﹂﹃﹄ …
].join('');

/** The characters from code point `from` to `to`, both included. */
export function codePointRange(from: number, to: number): string {
  let text = '';
  for (let code = from; code <= to; code++) text += String.fromCodePoint(code);
  return text;
}
