/**
 * The `quote-cards` command: serve | render | export. Exit status: 0 done,
 * 1 something failed (a card, a quote entry, a file; the output folder is
 * full, read-only or in use by another export), 2 a usage error (an unknown
 * option or value, `--out` naming a file or a folder of other files),
 * 130 interrupted (Ctrl-C).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { TEMPLATE_NAMES } from '../../templates/index.ts';
import { DEFAULTS, LANGS, SCALES, SIZES, THEMES } from '../cards/options.ts';
import { EXPORT_FORMATS } from '../export/plan.ts';
import { EXIT } from './exit.ts';

const SIZE_NAMES = Object.keys(SIZES);
const THEME_NAMES = Object.keys(THEMES);
const SCALE_NAMES = SCALES.map(String);

/** The command-line program; usage errors throw a CommanderError (see main). */
export function createProgram(): Command {
  const program = new Command('quote-cards')
    .description('Quotations as image cards with Chinese typography: serve them, render one, or export many.')
    .showHelpAfterError('(add --help for the options and their allowed values)')
    .exitOverride();

  program
    .command('serve')
    .description('Serve the card API over HTTP (what `npm start` runs).')
    .option('--port <port>', 'port to listen on (default: env PORT, else 8787)', integer('--port', 0, 65535))
    .option('--host <host>', 'address to listen on (default: env HOST, else 127.0.0.1)')
    .option('--quotes <file>', 'quotes file in the quotes.json schema (default: env QUOTES_FILE, else the bundled quotes)')
    .action(async (flags: { port?: number; host?: string; quotes?: string }) => {
      // The server's entry: its render threads start before the rest of the server loads.
      const { serveOptionsOrExit, startServer } = await import('../node/main.ts');
      // Every other setting comes from the environment, as with `npm start`; a flag wins over its variable.
      const options = serveOptionsOrExit();
      await startServer({
        ...options,
        port: flags.port ?? options.port,
        hostname: flags.host ?? options.hostname,
        quotesFile: flags.quotes ?? options.quotesFile,
      });
    });

  program
    .command('render')
    .description('Render one card to a file, or to stdout when there is no -o and stdout is not a terminal.')
    .argument('<id>', 'quote id, such as trust-is-the-key-skill')
    .option('-o, --output <file>', 'file to write (atomically); "-" for stdout')
    .addOption(new Option('--template <name>', 'card design').choices(TEMPLATE_NAMES).default(DEFAULTS.template))
    .addOption(new Option('--size <name>', 'canvas size').choices(SIZE_NAMES).default(DEFAULTS.size))
    .addOption(new Option('--lang <lang>', "language (default: zh-Hant for a Chinese quote, else the quote's own)").choices(LANGS))
    .addOption(new Option('--theme <name>', 'colours').choices(THEME_NAMES).default(DEFAULTS.theme))
    .addOption(new Option('--scale <n>', 'pixel density of a PNG').choices(SCALE_NAMES).default(String(DEFAULTS.scale)))
    .addOption(new Option('--format <format>', 'file format (default: from the -o extension, else png)').choices(EXPORT_FORMATS))
    .option('--quotes <file>', 'quotes file in the quotes.json schema (default: the bundled quotes)')
    .action(async (...args: Parameters<typeof import('./render-command.ts').renderCommand>) => {
      // Imported when used, so `--help` and `serve` stay quick to start.
      const { renderCommand } = await import('./render-command.ts');
      await renderCommand(...args);
    });

  program
    .command('export')
    .description('Render many cards in parallel into a folder, with manifest.json and manifest.csv; re-runs skip unchanged cards.')
    .requiredOption('--out <dir>', 'output folder')
    .option('--quotes <file>', 'quotes file in the quotes.json schema (default: the bundled quotes)')
    .option('--ids <ids>', 'comma-separated quote ids (default: every quote)', idList)
    .addOption(listOption('--template <names>', 'template', TEMPLATE_NAMES, DEFAULTS.template))
    .addOption(listOption('--size <names>', 'size', SIZE_NAMES, DEFAULTS.size))
    .addOption(listOption('--lang <langs>', 'lang', LANGS, DEFAULTS.lang))
    .addOption(listOption('--theme <names>', 'theme', THEME_NAMES, DEFAULTS.theme))
    .addOption(listOption('--scale <n>', 'scale', SCALE_NAMES, '1'))
    .addOption(listOption('--format <formats>', 'format', EXPORT_FORMATS, 'png'))
    .option('--concurrency <n>', 'render worker threads (default: one per core)', integer('--concurrency', 1, 256))
    .option('--zip <file>', 'also write a zip of the cards and manifests')
    .option('--force', 'render every card, even those unchanged since the last run; export into a non-empty folder that holds no export')
    .action(async (flags: Parameters<typeof import('./export-command.ts').exportCommand>[0]) => {
      const { exportCommand } = await import('./export-command.ts');
      await exportCommand(flags);
    });

  return program;
}

/** Runs the command line; sets process.exitCode. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  // A reader that goes away (`| head`) is not an error; an export carries on writing its files.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  try {
    await createProgram().parseAsync(argv);
  } catch (error) {
    // Commander has already printed its message; help and version exit 0.
    if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : EXIT.usage;
    else throw error;
  }
}

/** A comma-separated list option (`a,b` or `all`) with its default. */
function listOption(flags: string, name: string, allowed: readonly string[], fallback: string): Option {
  return new Option(flags, `comma-separated, from ${allowed.join(', ')}; or all`)
    .argParser(list(name, allowed))
    .default([fallback], fallback);
}

/** Parses `a,b` or `all` against the allowed values, naming a bad one and what is allowed. */
function list(name: string, allowed: readonly string[]) {
  return (value: string): string[] => {
    if (value === 'all') return [...allowed];
    const values = value.split(',').map((item) => item.trim());
    const bad = values.find((item) => !allowed.includes(item));
    if (bad !== undefined)
      throw new InvalidArgumentError(`Unknown ${name} ${JSON.stringify(bad)}. Allowed: ${allowed.join(', ')}, or all.`);
    return [...new Set(values)];
  };
}

function idList(value: string): string[] {
  const ids = value.split(',').map((id) => id.trim());
  if (ids.some((id) => id === '')) throw new InvalidArgumentError(`Empty id in ${JSON.stringify(value)}: give ids separated by commas.`);
  return [...new Set(ids)];
}

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}, received ${JSON.stringify(value)}.`);
    }
    return number;
  };
}
