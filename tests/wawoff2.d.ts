// wawoff2 (Google's WOFF2 encoder and decoder compiled to wasm) ships no types.
declare module 'wawoff2' {
  /** WOFF2 bytes → the sfnt (TrueType or CFF OpenType) font they hold. */
  export function decompress(woff2: Uint8Array): Promise<Uint8Array>;
  /** An sfnt font → WOFF2. */
  export function compress(sfnt: Uint8Array): Promise<Uint8Array>;
}
