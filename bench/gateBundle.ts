import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/**
 * The gate (workers/lane/policy.ts and what it imports) built as the app's bundler builds it, minified,
 * as one file: an ES module for Node, or a classic script defining `globalThis.dreamlaneGate` for a page.
 */
export async function buildGate<T>(
  format: 'es' | 'iife',
  use: (file: string, code: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'gate-bench-'));
  try {
    const fileName = format === 'es' ? 'policy.mjs' : 'policy.js';
    await build({
      configFile: false,
      logLevel: 'warn',
      publicDir: false,
      build: {
        outDir: dir,
        emptyOutDir: true,
        minify: true,
        lib: {
          entry: resolve('workers/lane/policy.ts'),
          formats: [format],
          name: 'dreamlaneGate',
          fileName: () => fileName,
        },
      },
    });
    const file = join(dir, fileName);
    return await use(file, readFileSync(file, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
