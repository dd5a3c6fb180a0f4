/** Exit statuses of the `quote-cards` command. */
export const EXIT = {
  /** Something failed: a card, a quote entry, a file; the output folder is full, read-only or in use. */
  failure: 1,
  /** A usage error: an unknown option, command or value. */
  usage: 2,
  /** Stopped by Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

/** Prints `message` to stderr and sets the exit status. */
export function fail(message: string, status: number = EXIT.failure): void {
  console.error(`quote-cards: ${message}`);
  process.exitCode = status;
}
