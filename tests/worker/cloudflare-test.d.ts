// The few parts of @cloudflare/vitest-pool-workers' `cloudflare:test` module these tests use.
declare module 'cloudflare:test' {
  /** An ExecutionContext whose waitUntil work a test can wait for. */
  export interface TestExecutionContext {
    waitUntil(promise: Promise<unknown>): void;
    passThroughOnException(): void;
  }
  export function createExecutionContext(): TestExecutionContext;
  /** The bindings wrangler.toml declares, as the Worker receives them. */
  export const env: import('../../src/worker/index.ts').Env & { readonly ASSETS: import('../../src/worker/font-assets.ts').AssetsBinding };
  export function waitOnExecutionContext(ctx: TestExecutionContext): Promise<void>;
}
