import { extname } from 'node:path';
import { AtomicWriter } from '../export/files.ts';
import type { ExportFormat } from '../export/plan.ts';
import { readQuotesFile } from '../node/app.ts';
import { nodePlatform } from '../node/platform.ts';
import { QuotesFileError, type Quote } from '../cards/quotes.ts';
import { createRenderer, type CardOptions } from '../cards/render.ts';
import { EXIT, fail } from './exit.ts';
import { cardOptionsFor } from '../cards/identity.ts';
import { checkDrawable } from '../cards/characters.ts';
import { ApiError } from '../cards/errors.ts';

interface RenderFlags extends Omit<CardOptions, 'scale'> {
  output?: string;
  scale: string;
  format?: ExportFormat;
  quotes?: string;
}

/** `quote-cards render <id>`: one card through the same render path as the server. */
export async function renderCommand(id: string, flags: RenderFlags): Promise<void> {
  let quotes: Quote[];
  try {
    quotes = flags.quotes ? readQuotesFile(flags.quotes) : readQuotesFile();
  } catch (error) {
    return fail(error instanceof QuotesFileError ? error.message : `cannot read the quotes file: ${(error as Error).message}`);
  }
  const quote = quotes.find((candidate) => candidate.id === id);
  if (!quote) return fail(`no quote with id ${JSON.stringify(id)}. Known ids: ${quotes.map((q) => q.id).join(', ')}.`, EXIT.usage);

  const toStdout = flags.output === undefined || flags.output === '-';
  const format = flags.format ?? (!toStdout && extname(flags.output!).toLowerCase() === '.svg' ? 'svg' : 'png');
  if (toStdout && format === 'png' && process.stdout.isTTY) {
    return fail('will not write a PNG to the terminal: give -o FILE, or redirect stdout.', EXIT.usage);
  }

  let options: CardOptions;
  try {
    // The language defaults to the quote's (see cardOptionsFor); a language or template it does not come in is refused.
    options = cardOptionsFor(quote, {
      template: flags.template,
      size: flags.size,
      lang: flags.lang,
      theme: flags.theme,
      scale: Number(flags.scale) as CardOptions['scale'],
    });
  } catch (error) {
    if (error instanceof ApiError) return fail(error.message, EXIT.usage);
    throw error;
  }
  const renderer = createRenderer(nodePlatform());
  let bytes: Uint8Array;
  try {
    // As `serve` refuses a file, `render` refuses a quote with a character nothing can draw, naming it.
    await checkDrawable(quotes, renderer.missingCharacters, flags.quotes ?? 'quotes.json');
    bytes = format === 'png' ? await renderer.png(quote, options) : new TextEncoder().encode(await renderer.svg(quote, options));
  } catch (error) {
    // A character nothing can draw, or a text too long for this card (text_does_not_fit).
    if (error instanceof QuotesFileError || error instanceof ApiError) return fail(error.message);
    throw error;
  }
  if (toStdout) {
    await new Promise<void>((resolve) => process.stdout.write(bytes, () => resolve())); // errors: see main()
  } else {
    await new AtomicWriter().write(flags.output!, bytes);
    console.error(`Wrote ${flags.output} (${format}, ${bytes.byteLength.toLocaleString('en')} bytes)`);
  }
}
