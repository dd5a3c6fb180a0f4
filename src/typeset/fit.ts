import type { TextBox } from '../template.ts';

/**
 * Picks the largest font size at which `text` fits `box`, estimating widths:
 * CJK characters and full-width punctuation take 1em, everything else about
 * 0.6em, and every line may lose up to 2em to line-breaking rules.
 */
export function fitFontSize(text: string, box: TextBox): number {
  const paragraphs = text.split('\n').map(estimateEms);
  for (let size = box.maxFontSize; size > box.minFontSize; size--) {
    const perLine = Math.floor(box.width / size) - 2;
    const lines = paragraphs.reduce((sum, ems) => sum + Math.max(1, Math.ceil(ems / perLine)), 0);
    if (lines * size * box.lineHeight <= box.height) return size;
  }
  return box.minFontSize;
}

function estimateEms(text: string): number {
  let ems = 0;
  for (const char of text) ems += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u{20000}-\u{3ffff}]/u.test(char) ? 1 : 0.6;
  return ems;
}
