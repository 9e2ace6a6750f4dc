import { defineConfig } from 'vitest/config';

// Standalone on purpose: the app's vite.config.ts brings SvelteKit, the PWA plugin and a dev relay,
// none of which the relay and storage tests want.
export default defineConfig({
  // The root tsconfig extends .svelte-kit/tsconfig.json, which exists only after `svelte-kit sync`;
  // the transform needs none of it, so the tests also run in a fresh checkout.
  tsconfig: 'tests/unit/tsconfig.vitest.json',
  test: {
    include: ['tests/unit/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/perf/**', 'node_modules/**'],
    environment: 'node',
    // Real sockets and a real SQLite file with synchronous=FULL: generous, but a hang still fails.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks'
  }
});
