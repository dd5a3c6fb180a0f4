/**
 * Fonts on Workers come from Workers Static Assets rather than the script:
 * the subsets in fonts/ are copied to `assets/_fonts/` (`npm run font-assets`)
 * and uploaded beside the Worker, so they count against no script size limit.
 */

/**
 * Where the subset fonts sit among the static assets. No route of the app
 * begins with it, so an asset can never answer a card, page or API URL (assets
 * are matched by path alone, before the Worker runs).
 */
export const FONT_ASSET_PREFIX = '/_fonts/';

/** The assets binding (`[assets] binding` in wrangler.toml), as far as this module uses it. */
export interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}

/** How long one font load may take before it fails, in ms: a stuck load must become an error, not a hung request. */
const LOAD_TIMEOUT_MS = 10_000;

/**
 * A `readFont` for the Worker's Platform: fetches `/_fonts/<file>` through the
 * assets binding on first use, once per isolate, and keeps the bytes. A load
 * that fails (not found, any status but 200, no answer within `timeoutMs`)
 * rejects with an Error naming the file, the path and the reason, so the
 * request that needed it answers 500; the failure is not kept, so the next
 * request tries again.
 */
export function assetFontReader(assets: AssetsBinding, { timeoutMs = LOAD_TIMEOUT_MS } = {}): (file: string) => Promise<ArrayBuffer> {
  const loaded = new Map<string, Promise<ArrayBuffer>>();
  return (file) => {
    let font = loaded.get(file);
    if (!font) {
      font = withTimeout(loadFont(assets, file), timeoutMs, file);
      loaded.set(file, font);
      font.catch(() => loaded.delete(file));
    }
    return font;
  };
}

const pathOf = (file: string) => `${FONT_ASSET_PREFIX}${encodeURIComponent(file)}`;
const failure = (file: string, reason: string) =>
  new Error(`Font "${file}" could not be loaded from the static assets (${pathOf(file)}): ${reason}. Run \`npm run font-assets\`.`);

async function loadFont(assets: AssetsBinding, file: string): Promise<ArrayBuffer> {
  // The host is never contacted: the binding looks the path up in this Worker's own assets.
  const response = await assets.fetch(new Request(`https://assets.invalid${pathOf(file)}`));
  if (response.status !== 200) {
    await response.body?.cancel();
    throw failure(file, `HTTP ${response.status}`);
  }
  return response.arrayBuffer();
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, file: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(failure(file, `no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
