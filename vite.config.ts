import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';
import { devServer } from './server/devServerPlugin.ts';

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      registerType: 'prompt',
      strategies: 'generateSW',
      manifest: {
        name: 'Узел — база знаний сети учреждений',
        short_name: 'Узел',
        description:
          'Совместная база знаний учреждений дополнительного образования и культуры: работает без интернета.',
        lang: 'ru',
        // A stable identity: the installed app stays the same one if start_url ever changes.
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f7f5f0',
        theme_color: '#2f5d50',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable'
          }
        ]
      },
      workbox: {
        globPatterns: [
          'client/**/*.{js,css,ico,png,svg,webp,woff,woff2,webmanifest}',
          'prerendered/**/*.html'
        ],
        // The first load must be controlled by the worker, or an offline reload right after it fails.
        clientsClaim: true,
        // A page's own prerendered shell for `/doc?id=…` and the like (the query is read in the
        // page), so the browser fetches that page's scripts with the app's own instead of after.
        ignoreURLParametersMatching: [/.*/],
        // Every app route is the prerendered shell; the relay, the API and public pages are not.
        navigateFallback: '/',
        navigateFallbackDenylist: [
          /^\/sync\//,
          /^\/api\//,
          /^\/p\//,
          /^\/healthz$/,
          /^\/(robots\.txt|sitemap\.xml)$/
        ]
      }
    }),
    devServer()
  ]
});
