import type { Child, Element, Style } from '../src/template.ts';

/** Builds a satori element: `h('div', { display: 'flex' }, 'text', h(...))`. */
export function h(type: string, style: Style, ...children: Child[]): Element {
  const kept = children.filter((child) => child !== null && child !== undefined && child !== false);
  // satori asks for display: flex on any element whose children come as an array, even an empty one.
  return { type, props: { style, children: kept.length === 1 ? kept[0] : kept.length === 0 ? undefined : kept } };
}

/** Scales a length designed for a 1200×630 card to a canvas. */
export function unit(canvas: { width: number; height: number }): (length: number) => number {
  const factor = Math.min(canvas.width, canvas.height) / 630;
  return (length) => Math.round(length * factor);
}
