import { readFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import type { Lang, Scale, SizeName, ThemeName } from '../cards/options.ts';
import type { TemplateName } from '../../templates/index.ts';
import type { ExportFormat } from './plan.ts';

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

/** The manifest as JSON text. */
export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The cards as CSV (RFC 4180 quoting), one row per card, with a header row. */
export function manifestCsv(cards: readonly ManifestEntry[]): string {
  return stringify(cards as ManifestEntry[], { header: true, columns: [...CSV_COLUMNS] });
}

/** The cards of an earlier run's manifest by file, or none when it is missing or unreadable. */
export async function readPreviousEntries(file: string): Promise<Map<string, ManifestEntry>> {
  try {
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Partial<Manifest>;
    return new Map((Array.isArray(manifest.cards) ? manifest.cards : []).map((entry) => [entry.file, entry]));
  } catch {
    return new Map(); // No usable earlier run: every card is rendered.
  }
}
