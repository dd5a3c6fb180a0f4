import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Finds a file inside an installed package (`@scope/name/dir/file`) the way
 * Node finds packages, without going through the package's `exports`, which
 * font packages often limit to their JavaScript entry. Undefined when the
 * package is not installed.
 */
export function findPackageFile(path: string): string | undefined {
  const packageName = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]!;
  for (const directory of require.resolve.paths(packageName) ?? []) {
    const candidate = join(directory, path);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
