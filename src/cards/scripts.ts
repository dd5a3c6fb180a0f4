/**
 * Writing systems the renderer cannot lay out. satori 0.32 draws glyphs one
 * by one, left to right, with no bidirectional reordering (UAX #9) and no
 * OpenType shaping (no GSUB/GPOS: no joining forms, conjuncts, reordered
 * vowel signs or stacked marks), so text in these scripts would come out
 * wrong without any error. It is refused where it enters instead.
 */
const RIGHT_TO_LEFT =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}]/u;

const COMPLEX_SHAPING =
  /[\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Thai}\p{Script=Lao}\p{Script=Tibetan}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Mongolian}\p{Script=Javanese}\p{Script=Balinese}\p{Script=Tai_Tham}\p{Script=Tai_Viet}\p{Script=Chakma}]/u;

/** `U+20BB7`: a code point as Unicode writes it (at least four hex digits). */
export function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why `text` cannot be set, or undefined: names the first character of a
 * right-to-left script (Hebrew, Arabic…) or of a script that needs shaping
 * (Devanagari, Bengali, Tamil, Thai…), with its code point and position
 * (in UTF-16 code units, as JavaScript counts).
 */
export function unsupportedScriptProblem(text: string): string | undefined {
  for (const [pattern, what] of [
    [RIGHT_TO_LEFT, 'a right-to-left script, which the renderer cannot lay out'],
    [COMPLEX_SHAPING, 'a script that needs complex shaping, which the renderer cannot lay out'],
  ] as const) {
    const found = pattern.exec(text);
    if (found) return `contains "${found[0]}" (${codePointName(found[0])}) at position ${found.index}, ${what}`;
  }
  return undefined;
}
