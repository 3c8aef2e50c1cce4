// A plain static file server that serves dist/ under a sub-path (/some/sub/path/), like a static
// host that puts the app in a folder. It proves the build uses relative URLs only.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, relative, sep } from 'node:path';

const port = Number(process.env.PORT || 4174);
const prefix = process.env.SUBPATH || '/some/sub/path/';
const root = join(process.cwd(), process.env.DIST || 'dist');
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

// The headers the build documents for static hosts (dist/_headers, Netlify/Cloudflare format: a path
// pattern, then its headers indented): serving them here proves the file is what the app needs, the
// worker's CSP included. Patterns are read relative to the app's folder.
function readHeadersFile() {
  const file = join(root, '_headers');
  if (!existsSync(file)) return [];
  const rules = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s+([A-Za-z-]+):\s*(.+)$/.exec(line);
    if (m && rules.length > 0) rules.at(-1).headers[m[1].toLowerCase()] = m[2];
    else if (/^\/\S*$/.test(line)) {
      const glob = line
        .slice(1)
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*');
      rules.push({ pattern: new RegExp(`^${glob}$`), headers: {} });
    }
  }
  return rules;
}
const headerRules = readHeadersFile();
const headersFor = (rel) =>
  Object.assign({}, ...headerRules.filter((r) => r.pattern.test(rel)).map((r) => r.headers));

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(prefix)) {
    res.writeHead(404).end('not here');
    return;
  }
  const rel = normalize(decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html');
  if (rel.startsWith('..')) {
    res.writeHead(400).end();
    return;
  }
  let file = join(root, rel);
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  res.writeHead(200, {
    ...headersFor(relative(root, file).split(sep).join('/')),
    'content-type': types[extname(file)] ?? 'application/octet-stream',
  });
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`sub-path server on http://127.0.0.1:${port}${prefix}`));
