import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The compliance console: built into dist/console, served by the API at /console (docs/console.md).
// No dev server or plugin is needed: Vite's own transform compiles TSX with React's automatic runtime.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No inline script may be emitted: the page's Content-Security-Policy is script-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
