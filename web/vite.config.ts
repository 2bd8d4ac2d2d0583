/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The Rust server serves web/dist under a strict CSP (script-src 'self'; style-src 'self'),
// so the build must not emit inline scripts or styles.
export default defineConfig({
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The polyfill is an inline-free module today, but no supported browser needs it.
    modulePreload: { polyfill: false },
    // Keep every asset a file: a data: URL for a font or script would need a CSP exception.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
