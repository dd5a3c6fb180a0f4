import { watchWasmMemory } from './wasm-memory.ts';

watchWasmMemory();
