// How wrangler's module rules (wrangler.toml) present non-JavaScript imports to the Worker.

/** A wasm file, compiled ahead of time (rule "CompiledWasm"). */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}

/** A font file, as raw bytes (rule "Data"). */
declare module '*.otf' {
  const data: ArrayBuffer;
  export default data;
}
declare module '*.ttf' {
  const data: ArrayBuffer;
  export default data;
}
declare module '*.woff' {
  const data: ArrayBuffer;
  export default data;
}
