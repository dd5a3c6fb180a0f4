/** A request the export cannot act on (an unknown quote id, `--out` naming a file); the CLI exits 2. */
export class ExportUsageError extends Error {
  override name = 'ExportUsageError';
}

/**
 * The output folder cannot be used or written (read-only, full, locked by
 * another export, a symbolic link leading out of it); the message names the
 * folder or file. The CLI exits 1.
 */
export class OutputFolderError extends Error {
  override name = 'OutputFolderError';
}

/** Error codes that mean nothing more can be written to the output folder, so the run stops at once. */
const OUT_OF_SPACE = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

/** True for a full disk, an exceeded quota or a read-only filesystem (ENOSPC, EDQUOT, EROFS). */
export function isOutOfSpace(error: unknown): boolean {
  return OUT_OF_SPACE.has((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/**
 * An fs error's message without the system call and path Node appends:
 * "EROFS: read-only file system, open '/x/y'" gives "EROFS: read-only file system".
 * The caller names the file itself.
 */
export function ioProblem(error: unknown): string {
  return (error as Error).message.replace(/, \w+(?: '.*')?$/, '');
}
