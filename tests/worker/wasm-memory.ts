/**
 * Watches every wasm instance the isolate starts (satori's yoga, resvg) so a
 * test can read their linear memories: where resvg-wasm's objects live, where
 * no garbage collector reclaims them, and which never shrinks, so a leak shows.
 * Installed by the Worker project's setup file, before any test renders.
 */
const KEY = Symbol.for('quote-cards.wasmMemories');
type Watched = typeof globalThis & { [KEY]?: WebAssembly.Memory[] };

export function watchWasmMemory(): void {
  const global = globalThis as Watched;
  if (global[KEY]) return;
  const memories: WebAssembly.Memory[] = (global[KEY] = []);
  const instantiate = WebAssembly.instantiate.bind(WebAssembly);
  WebAssembly.instantiate = (async (...args: Parameters<typeof instantiate>) => {
    const result = await instantiate(...args);
    const instance = result instanceof WebAssembly.Instance ? result : (result as WebAssembly.WebAssemblyInstantiatedSource).instance;
    for (const value of Object.values(instance.exports)) if (value instanceof WebAssembly.Memory) memories.push(value);
    return result;
  }) as typeof WebAssembly.instantiate;
}

/** How many wasm memories were seen so far, their total size and the largest one, in bytes. */
export function wasmMemory(): { instances: number; bytes: number; largest: number } {
  const sizes = ((globalThis as Watched)[KEY] ?? []).map((memory) => memory.buffer.byteLength);
  return { instances: sizes.length, bytes: sizes.reduce((sum, size) => sum + size, 0), largest: Math.max(0, ...sizes) };
}
