import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

/**
 * The built app's Content-Security-Policy: scripts and workers only from the app's own origin,
 * WebAssembly compilation allowed ('wasm-unsafe-eval'), no eval, no inline script, no other origin.
 * Added at build time only: the dev server injects inline scripts for hot reloading.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * What a host must send with every file of the app (`vite preview` does): the CSP as a header too,
 * since workers get theirs only from the header, plus what a <meta> cannot say: no framing (against
 * clickjacking), no MIME sniffing, no referrer.
 */
export const HEADERS = {
  'Content-Security-Policy': `${CSP}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function contentSecurityPolicy(): Plugin {
  return {
    name: 'cascade-lab-csp',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

/**
 * An installable, offline app: the service worker precaches the page, its scripts, the workers and
 * the wasm core, so after one visit everything runs with the network off. It is registered by a
 * separate script file (`registerSW.js`), not inline, because the CSP forbids inline script.
 */
const offline = VitePWA({
  registerType: 'autoUpdate',
  injectRegister: 'script',
  includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
  workbox: {
    globPatterns: ['**/*.{html,js,css,wasm,svg,png,webmanifest,csv}'],
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
  },
  manifest: {
    name: 'Cascade Lab',
    short_name: 'Cascade Lab',
    description: 'Monte Carlo liquidation cascades, in your browser',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#2f6fde',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
});

export default defineConfig({
  plugins: [svelte(), contentSecurityPolicy(), offline],
  preview: { headers: HEADERS },
  base: './',
  build: { target: 'es2022', outDir: 'dist', assetsInlineLimit: 0 },
  worker: { format: 'es' },
  // The core's JS run (tests, benchmarks): what it imports of AssemblyScript's library (tsconfig.json's paths too).
  resolve: { alias: { '~lib/util/math': fileURLToPath(new URL('./src/portable/lib-math.ts', import.meta.url)) } },
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/setup/build-wasm.ts'],
          setupFiles: ['test/setup/native-math.ts', 'test/setup/hang-guard.ts'],
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/setup/serve-app.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
