// The UI's tsconfig type-checks the main thread under the DOM lib; worker code must not be pulled
// into that realm. The only worker files it may list are the contract's (types the UI imports).
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';

const out = execFileSync('npx', ['tsc', '-p', 'tsconfig.app.json', '--listFilesOnly'], { encoding: 'utf8' });
const strays = out
  .split('\n')
  .map((f) => relative(process.cwd(), f.trim()))
  .filter((f) => f.startsWith('workers/') && !f.startsWith('workers/contract/'));
if (strays.length > 0) {
  console.error(
    `tsconfig.app.json type-checks worker files outside workers/contract/:\n  ${strays.join('\n  ')}`,
  );
  process.exit(1);
}
console.log('app realm: no worker file but the contract');
