// Build time: Vite config for the React renderer (renderer/ → dist/renderer/).
// base './' so the same files load under Electron's agentdesk://app/ and the host's http://127.0.0.1:PORT/.
// Run: npx vite build --config build/vite.renderer.config.ts
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('../renderer', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));

/**
 * Main and the host serve the page with the CSP of electron/shared/security/csp.ts: script-src and
 * style-src 'self', no 'unsafe-inline'. An inline <script>, <style> or style="" in the built page would be
 * blocked at run time, so the build fails on it instead.
 */
function refuseInlineCode(): Plugin {
  return {
    name: 'agentdesk-refuse-inline-code',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const inlineScript = /<script(?![^>]*\ssrc=)[^>]*>/i.exec(html);
        const inlineStyle = /<style[\s>]|\sstyle=/i.exec(html);
        const found = inlineScript?.[0] ?? inlineStyle?.[0];
        if (found) throw new Error(`renderer/index.html would carry inline code the CSP blocks: ${found}`);
        return html;
      },
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), refuseInlineCode()],
  build: {
    outDir,
    emptyOutDir: true,
    // Electron 39 ships Chromium 142; the host tier runs Debian's Chromium, which is newer.
    target: 'chrome130',
    // The polyfill is an inline-able helper Chromium does not need; without it the page stays CSP-clean.
    modulePreload: { polyfill: false },
    // No data: URLs for assets: every asset is a file that 'self' covers.
    assetsInlineLimit: 0,
    sourcemap: true,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', strictPort: true },
  clearScreen: false,
});
