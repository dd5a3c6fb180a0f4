import type { Template } from '../src/template.ts';
import { classic } from './classic.ts';
import { minimal } from './minimal.ts';

/** Every card design, by the name used in `?template=`. The first is the default. */
export const TEMPLATES = {
  classic,
  minimal,
} satisfies Record<string, Template>;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];
