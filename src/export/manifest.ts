import { stringify } from 'csv-stringify/sync';
import type { Lang, Scale, SizeName, ThemeName } from '../cards/options.ts';
import type { TemplateName } from '../../templates/index.ts';
import { RENDER_VERSION } from '../cards/render-version.ts';
import { readOwnFile } from './files.ts';
import type { CardJob, ExportFormat } from './plan.ts';
import { cardAlt, localizeQuote } from '../cards/localize.ts';

export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_CSV = 'manifest.csv';

/** One exported card, as manifest.json and manifest.csv list it. */
export interface ManifestEntry {
  id: string;
  template: TemplateName;
  size: SizeName;
  lang: Lang;
  theme: ThemeName;
  scale: Scale;
  format: ExportFormat;
  /** Path relative to the output folder, with forward slashes. */
  file: string;
  /** Pixels for a PNG; the canvas in CSS pixels for an SVG. */
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  /** Alt text: the quote in the card's script, and its speaker. */
  alt: string;
  renderVersion: string;
  inputHash: string;
}

/** A card or quote entry that could not be exported, and why. */
export interface ExportFailure {
  id: string;
  /** The card's file when the failure is a render; absent for an invalid quote entry. */
  file?: string;
  reason: string;
}

export interface Manifest {
  renderVersion: string;
  /** False when the run was interrupted: `cards` lists only what finished. */
  complete: boolean;
  cards: ManifestEntry[];
  failures: ExportFailure[];
}

const CSV_COLUMNS = [
  'id',
  'template',
  'size',
  'lang',
  'theme',
  'scale',
  'format',
  'file',
  'width',
  'height',
  'bytes',
  'sha256',
  'alt',
  'renderVersion',
  'inputHash',
] as const satisfies readonly (keyof ManifestEntry)[];

/** What rendering a card produced, as its manifest entry records it. */
export interface RenderedCard {
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  alt: string;
}

/** A card's manifest entry: the job's identity and what its render produced. */
export function cardEntry(job: CardJob, rendered: RenderedCard): ManifestEntry {
  return {
    id: job.quote.id,
    ...job.options,
    format: job.format,
    file: job.file,
    ...rendered,
    renderVersion: RENDER_VERSION,
    inputHash: job.inputHash,
  };
}

/**
 * An upper bound, in bytes, on manifest.json plus manifest.csv for these jobs
 * and failures: every card with the largest numbers and its alt text as the
 * quote is written (a script conversion keeps a text's length, near enough),
 * plus a quarter and 16 KiB for render failures' reasons.
 */
export function manifestBytesBound(jobs: readonly CardJob[], failures: readonly ExportFailure[]): number {
  const largest = jobs.map((job) =>
    cardEntry(job, {
      width: 99_999,
      height: 99_999,
      bytes: 999_999_999_999,
      sha256: 'f'.repeat(64),
      alt: cardAlt(localizeQuote(job.quote, job.quote.lang)),
    }),
  );
  const json = manifestJson({ renderVersion: RENDER_VERSION, complete: false, cards: largest, failures: [...failures] });
  return Math.ceil((Buffer.byteLength(json) + Buffer.byteLength(manifestCsv(largest))) * 1.25) + 16 * 1024;
}

/** The manifest as JSON text. */
export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The cards as CSV (RFC 4180 quoting), one row per card, with a header row. */
export function manifestCsv(cards: readonly ManifestEntry[]): string {
  return stringify(cards as ManifestEntry[], { header: true, columns: [...CSV_COLUMNS] });
}

/**
 * An earlier run's manifest.json, or undefined when it is missing, unreadable,
 * not a regular file or not one of ours. Its cards are the entries that have
 * the fields a re-run checks (see isManifestEntry).
 */
export async function readManifest(file: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse((await readOwnFile(file)) ?? 'null') as Partial<Manifest> | null;
    if (typeof manifest?.renderVersion !== 'string' || !Array.isArray(manifest.cards)) return undefined;
    return {
      renderVersion: manifest.renderVersion,
      complete: manifest.complete === true,
      cards: manifest.cards.filter(isManifestEntry),
      failures: Array.isArray(manifest.failures) ? manifest.failures : [],
    };
  } catch {
    return undefined; // No usable earlier run: every card is rendered.
  }
}

/** True when `value` has what a re-run checks a card by: `file`, `inputHash`, `bytes` and `sha256`. */
export function isManifestEntry(value: unknown): value is ManifestEntry {
  const entry = value as Partial<ManifestEntry> | null;
  return (
    typeof entry?.file === 'string' &&
    typeof entry.inputHash === 'string' &&
    typeof entry.sha256 === 'string' &&
    typeof entry.bytes === 'number'
  );
}
