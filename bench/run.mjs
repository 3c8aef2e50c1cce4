// `npm run bench`: runs every bench/node/*.bench.ts in Node and every bench/browser/*.bench.ts
// against the built app in Chromium, prints one table (median, min, max) and writes
// bench/results/<timestamp>.json and bench/results/latest.json.
//
// Bench files are TypeScript that import engine modules (which use Vite features such as
// import.meta.glob). The Node ones are built first (into dist-bench-node/, one bundle per file) and
// run as built; the Chromium ones drive the built app and are loaded through Vite's SSR module loader.
//   npm run bench                  everything
//   npm run bench -- lane colony   only files whose name contains one of the words
//   npm run bench -- --node-only   skip Chromium
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, createServer, preview } from 'vite';

const args = process.argv.slice(2);
const nodeOnly = args.includes('--node-only');
const browserOnly = args.includes('--browser-only');
const filters = args.filter((a) => !a.startsWith('--'));
const pick = (dir) =>
  readdirSync(join('bench', dir))
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
    .sort();

const vite = await createServer({
  configFile: 'vite.config.ts',
  server: { middlewareMode: true, hmr: false, ws: false },
  appType: 'custom',
  logLevel: 'warn',
});
const { createHarness } = await vite.ssrLoadModule('/bench/harness.ts');
const rows = [];

try {
  const nodeFiles = browserOnly ? [] : pick('node');
  if (nodeFiles.length > 0) {
    const built = await buildNodeBenches(nodeFiles);
    for (const file of nodeFiles) {
      const suite = file.replace(/\.bench\.ts$/, '');
      console.error(`node: ${suite}…`);
      const mod = await import(pathToFileURL(built.get(file)).href);
      await mod.default(createHarness(suite, 'node', rows));
    }
  }
  const browserFiles = nodeOnly ? [] : pick('browser');
  if (browserFiles.length > 0) await runBrowser(browserFiles);
} finally {
  await vite.close();
}

printTable(rows);
mkdirSync('bench/results', { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = {
  when: new Date().toISOString(),
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
  rows,
};
writeFileSync(join('bench/results', `${stamp}.json`), JSON.stringify(out, null, 2));
writeFileSync(join('bench/results', 'latest.json'), JSON.stringify(out, null, 2));
console.log(`\nwrote bench/results/${stamp}.json`);

/**
 * The Node benchmarks run the engine as a build makes it (one bundle per bench file, dependencies left
 * to Node), as the app ships it, not through the dev server's module loader: that loader reaches every
 * imported binding through a getter, and the samplers' calls into other modules (the normal quantile,
 * detMath's exp) ran at half speed through it, while Squiggle, imported by Node itself, did not.
 */
async function buildNodeBenches(files) {
  const { matadaValidatorPlugin } = await vite.ssrLoadModule('/workers/lane/schema/ajvPlugin.ts');
  const outDir = 'dist-bench-node';
  const input = Object.fromEntries(files.map((f) => [f.replace(/\.ts$/, ''), `bench/node/${f}`]));
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [matadaValidatorPlugin()],
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // Names kept, so a profile of a bench reads.
      minify: false,
      rollupOptions: {
        input,
        // Top-level constants stay `const`, as the app's bundles have them (a server build makes them
        // `var`, which V8 cannot fold into the samplers' loops: a normal draw took twice as long).
        output: { format: 'esm', entryFileNames: '[name].mjs', topLevelVar: false },
      },
    },
  });
  return new Map(files.map((f) => [f, resolve(outDir, `${f.replace(/\.ts$/, '')}.mjs`)]));
}

async function runBrowser(files) {
  const { chromium } = await import('@playwright/test');
  const { chromiumArgs, chromiumPath } = await vite.ssrLoadModule('/e2e/support/chromium.ts');
  console.error('building the app for the Chromium benchmarks…');
  const outDir = process.env.BENCH_DIST || 'dist';
  // The dev server above sets NODE_ENV=development, which would make this a development build (React's
  // dev bundle, three times the size); the benchmarks measure what users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const port = Number(process.env.BENCH_PORT || 4183);
  // In-process preview server: closing it cannot leave a stray child process holding the port.
  const server = await preview({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    build: { outDir },
    preview: { port, strictPort: true, host: '127.0.0.1' },
  });
  try {
    await waitForServer(`http://127.0.0.1:${port}/`);
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    try {
      for (const file of files) {
        const suite = file.replace(/\.bench\.ts$/, '');
        console.error(`chromium: ${suite}…`);
        const context = await browser.newContext({ serviceWorkers: 'block' });
        const page = await context.newPage();
        await page.goto(`http://127.0.0.1:${port}/#/data`);
        await page.waitForFunction(() => globalThis.dreamlane?.engine !== undefined);
        await page.evaluate(() => globalThis.dreamlane.engine.open());
        const mod = await vite.ssrLoadModule(`/bench/browser/${file}`);
        await mod.default(createHarness(suite, 'chromium', rows), page);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not start`);
}

function fmt(x) {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e6) return x.toExponential(3);
  if (a >= 100) return x.toFixed(0);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

function printTable(rs) {
  const head = ['suite', 'where', 'measure', 'unit', 'median', 'min', 'max', 'n', 'notes'];
  const body = rs.map((r) => [
    r.suite,
    r.where,
    r.name,
    r.unit,
    fmt(r.median),
    fmt(r.min),
    fmt(r.max),
    String(r.samples.length),
    r.notes ? JSON.stringify(r.notes) : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}
