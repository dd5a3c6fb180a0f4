// How wrangler's module rules (wrangler.toml) present non-JavaScript imports to the Worker.

/** A wasm file, compiled ahead of time (rule "CompiledWasm"). */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
