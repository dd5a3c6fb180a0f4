import type { TemplateName } from '../../templates/index.ts';
import { ExportUsageError, OutputFolderError } from '../export/errors.ts';
import { exportCards, type ExportResult } from '../export/export.ts';
import type { ExportFormat } from '../export/plan.ts';
import type { Lang, Scale, SizeName, ThemeName } from '../cards/options.ts';
import { QuotesFileError } from '../cards/quotes.ts';
import { EXIT, fail } from './exit.ts';
import { createProgress } from './progress.ts';

interface ExportFlags {
  out: string;
  quotes?: string;
  ids?: string[];
  template: TemplateName[];
  size: SizeName[];
  lang: Lang[];
  theme: ThemeName[];
  scale: string[];
  format: ExportFormat[];
  concurrency?: number;
  zip?: string;
  force?: boolean;
}

/** `quote-cards export`: many cards in parallel; Ctrl-C stops cleanly and exits 130. */
export async function exportCommand(flags: ExportFlags): Promise<void> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted); // a second Ctrl-C: stop now
    console.error('\nStopping: finishing the files being written, then writing the manifest…');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const started = Date.now();
  let result: ExportResult;
  try {
    result = await exportCards({
      out: flags.out,
      quotesFile: flags.quotes,
      ids: flags.ids,
      templates: flags.template,
      sizes: flags.size,
      langs: flags.lang,
      themes: flags.theme,
      scales: flags.scale.map((scale) => Number(scale) as Scale),
      formats: flags.format,
      concurrency: flags.concurrency,
      zip: flags.zip,
      force: flags.force,
      signal: controller.signal,
      progress: createProgress(),
    });
  } catch (error) {
    if (error instanceof ExportUsageError) return fail(error.message, EXIT.usage);
    if (error instanceof QuotesFileError || error instanceof OutputFolderError) return fail(error.message);
    return fail(`export failed: ${(error as Error).message}`);
  } finally {
    process.off('SIGINT', onSigint);
  }
  printSummary(result, (Date.now() - started) / 1000);
  if (result.interrupted) process.exitCode = EXIT.interrupted;
  else if (result.failures.length > 0 || result.stopped) process.exitCode = EXIT.failure;
}

function printSummary(result: ExportResult, seconds: number): void {
  const rate = result.rendered > 0 ? `, ${(result.rendered / seconds).toFixed(1)} cards/s` : '';
  const status = result.interrupted ? 'Interrupted' : result.stopped ? 'Stopped' : 'Exported';
  console.log(
    `${status}: ${result.cards} cards, ${result.rendered} rendered, ${result.skipped} skipped (unchanged), ${result.failures.length} failed in ${seconds.toFixed(1)} s${rate}.`,
  );
  const partial = result.interrupted || result.stopped;
  console.log(`Manifest: ${result.manifest}${partial ? ' (lists the cards that finished)' : ''}`);
  if (result.stopped) {
    console.error(
      `quote-cards: stopped: the output folder ${result.folder} takes no more files (${result.stopped}). Free some space (or make it writable) and run the same export again: it renders only the cards that are missing.`,
    );
  }
  if (result.zip) console.log(`Zip: ${result.zip}`);
  if (result.failures.length > 0) {
    console.error(`Failures (${result.failures.length}):`);
    for (const failure of result.failures) console.error(`  - ${failure.id}${failure.file ? ` (${failure.file})` : ''}: ${failure.reason}`);
  }
}
