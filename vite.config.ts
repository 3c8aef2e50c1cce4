/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { matadaValidatorPlugin } from './workers/lane/schema/ajvPlugin.ts';

/**
 * The Content Security Policy. The built index.html carries it as a `<meta>` tag (the dev server's
 * React refresh preamble is an inline script, the build has none), but a `<meta>` policy does not
 * reach a Web Worker: a worker takes its policy from the headers its script is served with. So the
 * preview server sends it as a header on every file, and the build writes `_headers` (the format of
 * Netlify and Cloudflare Pages) for static hosts; the README lists it for other servers. `'wasm-unsafe-eval'` lets sql.js compile its
 * wasm; nothing may use eval/new Function, and nothing may connect anywhere but this origin.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function cspMetaTag(): Plugin {
  return {
    name: 'dreamlane-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      );
    },
  };
}

/** Security headers for every file of the build, as `vite preview` sends them. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * How the build's `assets/` may be cached. Every file there is named by a hash of its content (a new
 * build gives changed files new names, and index.html, which names them, is always revalidated), so
 * a browser may keep them without asking the server again. Asked each time, a reload waited for the
 * server's answers before the engine worker's script and sql.js's wasm could load: in Chromium a
 * small lab was readable 35 ms sooner after a reload with this (medians of three runs of 20 reloads).
 */
const ASSETS_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** A file of the build's `assets/` folder, whatever sub-path the app is served from. */
const isHashedAsset = (pathname: string) => /(^|\/)assets\/[^/]+$/.test(pathname);

function headersFile(): Plugin {
  return {
    name: 'dreamlane-headers-file',
    apply: 'build',
    generateBundle() {
      const lines = Object.entries(SECURITY_HEADERS).map(([k, v]) => `  ${k}: ${v}`);
      const source = `/*\n${lines.join('\n')}\n/assets/*\n  Cache-Control: ${ASSETS_CACHE_CONTROL}\n`;
      this.emitFile({ type: 'asset', fileName: '_headers', source });
    },
  };
}

/**
 * `vite preview` (`npm start`) sends `assets/` with ASSETS_CACHE_CONTROL, as `_headers` asks static
 * hosts to. Its file server writes `Cache-Control: no-cache` in the response's own head, which wins
 * over any header set before, so the value goes into that head as it is written.
 */
function immutableAssetsInPreview(): Plugin {
  return {
    name: 'dreamlane-immutable-assets',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (isHashedAsset(pathname)) {
          const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
          res.writeHead = ((...args: unknown[]) => {
            for (const a of args) {
              if (a && typeof a === 'object' && !Array.isArray(a)) {
                (a as Record<string, unknown>)['Cache-Control'] = ASSETS_CACHE_CONTROL;
              }
            }
            res.setHeader('Cache-Control', ASSETS_CACHE_CONTROL);
            return writeHead(...args);
          }) as typeof res.writeHead;
        }
        next();
      });
    },
  };
}

export default defineConfig({
  // Relative base: the build works from any folder of any static server, a sub-path included.
  base: './',
  plugins: [
    react(),
    matadaValidatorPlugin(),
    cspMetaTag(),
    headersFile(),
    immutableAssetsInPreview(),
    VitePWA({
      // Precache the whole build (wasm included) so that after the first visit the app starts offline.
      registerType: 'autoUpdate',
      // Deferred: a plain script in the head holds the parser (and so the entry that starts the engine
      // worker) until it and the stylesheet have loaded; it only registers on `load` anyway.
      injectRegister: 'script-defer',
      manifest: {
        name: 'Dreamlane',
        short_name: 'Dreamlane',
        description: 'Dream through scenarios before acting. Everything stays in this browser.',
        theme_color: '#1d2440',
        background_color: '#f7f7fb',
        display: 'standalone',
        start_url: './',
        scope: './',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,wasm,json,svg,txt,webmanifest}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // Control the page on its first visit, so it works offline from the very next start.
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  preview: { port: 4173, strictPort: true, headers: SECURITY_HEADERS },
  test: {
    include: ['workers/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'threads',
  },
});
