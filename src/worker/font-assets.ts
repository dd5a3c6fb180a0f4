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
 * A `readFont` for the Worker's Platform: fetches `fonts/<file>` through the
 * assets binding on first use, once per isolate, and keeps the bytes. A load
 * that fails (not found, any non-200 status, a timeout) rejects with an Error
 * naming the file and the status, so the request that needed it answers 500;
 * it is not kept, so the next request tries again.
 */
export function assetFontReader(assets: AssetsBinding): (file: string) => Promise<ArrayBuffer> {
  const loaded = new Map<string, Promise<ArrayBuffer>>();
  return (file) => {
    let font = loaded.get(file);
    if (!font) {
      font = loadFont(assets, file);
      loaded.set(file, font);
      font.catch(() => loaded.delete(file));
    }
    return font;
  };
}

async function loadFont(assets: AssetsBinding, file: string): Promise<ArrayBuffer> {
  const path = `${FONT_ASSET_PREFIX}${encodeURIComponent(file)}`;
  // The host is never contacted: the binding looks the path up in this Worker's own assets.
  const response = await assets.fetch(new Request(`https://assets.invalid${path}`, { signal: AbortSignal.timeout(LOAD_TIMEOUT_MS) }));
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new Error(
      `Font "${file}" could not be loaded from the static assets (${path}): HTTP ${response.status}. Run \`npm run font-assets\`.`,
    );
  }
  return response.arrayBuffer();
}
