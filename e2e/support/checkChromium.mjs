// Run before the end-to-end tests: a missing browser gets one clear sentence, not a stack trace.
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(
    `\nThe end-to-end tests need Chromium, and none was found at ${path}.\n` +
      'Install it with:  sudo apt-get install -y chromium   (Debian/Ubuntu)\n' +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.\n',
  );
  process.exit(1);
}
