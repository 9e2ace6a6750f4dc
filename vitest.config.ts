import { defineConfig } from 'vitest/config';

// Standalone on purpose: the app's vite.config.ts brings SvelteKit, the PWA plugin and a dev relay,
// none of which the relay and storage tests want.
export default defineConfig({
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
