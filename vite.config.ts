/**
 * Vite builds the renderer (renderer/ → dist/renderer/) for both doors:
 * Electron loads it from file:// (hence base './'), the web host serves it.
 * Everything is bundled: the app runs offline under a strict CSP
 * (default-src 'self'; no inline scripts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { antdStaticStyle } from './scripts/antdStaticStyle';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'renderer',
  base: './',
  // antd's styles as a stylesheet made here, not computed in the window (scripts/antdStaticStyle.ts).
  plugins: [react(), antdStaticStyle()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline data: URIs for assets: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: {
    // The renderer imports labels and helpers from ../shared.
    fs: { allow: [repoRoot] },
  },
});
