import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // BUILD_DIR, the folder the server serves (see server/config.ts): `npm test` builds into its
    // own, so a server running from this checkout keeps its files.
    adapter: adapter({ out: process.env.BUILD_DIR || 'build' }),
    // Absolute asset paths: the service worker answers every app route with the prerendered
    // root shell, whose relative `./_app/…` would break under nested routes (/partners/item).
    paths: { relative: false },
    typescript: {
      // The server is type-checked together with the app (see STACK trap 11).
      config: (tsconfig) => {
        tsconfig.include.push('../server/**/*.ts', '../tests/**/*.ts', '../scripts/**/*.ts');
        return tsconfig;
      }
    }
  }
};

export default config;
