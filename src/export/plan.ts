import { TEMPLATES, type TemplateName } from '../../templates/index.ts';
import { cardHash } from '../cards/identity.ts';
import { DEFAULTS, cardLangs, defaultLang, type Format, type Lang, type Scale, type SizeName, type ThemeName } from '../cards/options.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardOptions } from '../cards/render.ts';

/** The file formats a card can be exported in. */
export const EXPORT_FORMATS = ['png', 'svg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Which cards to export: every combination of these values, for each quote. */
export interface Selection {
  templates: readonly TemplateName[];
  sizes: readonly SizeName[];
  langs: readonly Lang[];
  themes: readonly ThemeName[];
  scales: readonly Scale[];
  formats: readonly ExportFormat[];
}

/** One card to export: its quote, options, format, where it goes and what it depends on. */
export interface CardJob {
  quote: Quote;
  options: CardOptions;
  /** A layout report (json) only in a prerender plan (src/export/prerender.ts); the export command offers png and svg. */
  format: Format;
  /** Path inside the output folder, with forward slashes (see exportFilePath). */
  file: string;
  /** The card hash (see cardIdentity): a re-run skips the card while it is unchanged. */
  inputHash: string;
}

/**
 * The languages a quote is exported in: the selected ones its cards come in
 * (cardLangs), or its default language when it comes in none of them (a
 * Japanese quote in an export of zh-Hant cards is exported in Japanese).
 */
export function exportLangs(quote: Quote, langs: readonly Lang[]): Lang[] {
  const own = langs.filter((lang) => cardLangs(quote.lang).includes(lang));
  return own.length > 0 ? own : [defaultLang(quote.lang)];
}

/**
 * The cross product of quotes and the selection, in a fixed order (the order of
 * the output folders, then of the quotes): each quote in its exportLangs, in
 * each selected template that sets the language (Template.langs). An SVG does
 * not depend on `scale`, so each SVG is planned once, at scale 1.
 */
export async function planCards(quotes: readonly Quote[], selection: Selection): Promise<CardJob[]> {
  const jobs: CardJob[] = [];
  const seen = new Set<string>();
  const langsOf = new Map(quotes.map((quote) => [quote, exportLangs(quote, selection.langs)]));
  const allLangs = [...new Set([...selection.langs, ...[...langsOf.values()].flat()])];
  for (const lang of allLangs)
    for (const template of selection.templates.filter((name) => TEMPLATES[name].langs.includes(lang)))
      for (const size of selection.sizes)
        for (const theme of selection.themes)
          for (const quote of quotes.filter((candidate) => langsOf.get(candidate)!.includes(lang)))
            for (const scale of selection.scales)
              for (const format of selection.formats) {
                const options: CardOptions = { template, size, lang, theme, scale: format === 'svg' ? 1 : scale };
                const file = exportFilePath(quote.id, options, format);
                if (seen.has(file)) continue;
                seen.add(file);
                jobs.push({ quote, options, format, file, inputHash: await cardHash(quote, options, format) });
              }
  return jobs;
}

/**
 * Where a card goes: `<lang>/<template>/<size>/[<theme>/]<id>[@<scale>x].<format>`.
 * The theme folder appears for every theme but the default (light), the `@2x`
 * suffix for every scale but 1, so a card's path depends on the card alone,
 * never on what else is exported alongside it.
 */
export function exportFilePath(id: string, options: CardOptions, format: ExportFormat): string {
  const folders: string[] = [options.lang, options.template, options.size];
  if (options.theme !== DEFAULTS.theme) folders.push(options.theme);
  const suffix = options.scale === DEFAULTS.scale ? '' : `@${options.scale}x`;
  return `${folders.join('/')}/${id}${suffix}.${format}`;
}
