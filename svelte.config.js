import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // Offline, the service worker answers every app route with the one prerendered shell ('/').
    // Relative asset paths in it would resolve against a nested route (/projects/item → /projects/_app).
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
