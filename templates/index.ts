import type { Template } from '../src/cards/template.ts';
import { classic } from './classic.ts';
import { kai } from './kai.ts';
import { minimal } from './minimal.ts';
import { ming } from './ming.ts';
import { vertical } from './vertical.ts';

/** Every card design, by the name used in `?template=`. The first is the default. */
export const TEMPLATES = {
  classic,
  minimal,
  kai,
  vertical,
  ming,
} satisfies Record<string, Template>;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];
