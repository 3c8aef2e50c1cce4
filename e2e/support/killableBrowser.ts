import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium';

/**
 * A Chromium whose whole process tree can be killed with SIGKILL and started again on the same
 * profile: the browser, its renderers, the engine worker and the storage service all die at once,
 * with no unload event and no chance to flush, as in a crash or power cut of the browser. What the
 * profile holds afterwards is what IndexedDB had committed. Playwright's own launch cannot do this
 * (a browser whose processes were killed under it stops answering), so the browser is started here
 * and Playwright connects to it over the DevTools protocol.
 */
export class KillableBrowser {
  readonly profile = mkdtempSync(join(tmpdir(), 'dreamlane-profile-'));
  private child: ChildProcess | null = null;
  private browser: Browser | null = null;

  /** Starts Chromium on the profile (again, after a kill) and returns its one persistent context. */
  async start(): Promise<BrowserContext> {
    const child = spawn(
      chromiumPath,
      [
        ...chromiumArgs,
        '--headless=new',
        '--remote-debugging-port=0',
        `--user-data-dir=${this.profile}`,
        'about:blank',
      ],
      // Its own process group, so one signal reaches every process of this browser and no other.
      { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child = child;
    const endpoint = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${err}`)), 30_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Chromium exited (${code}):\n${err}`));
      });
    });
    this.browser = await chromium.connectOverCDP(endpoint);
    return this.browser.contexts()[0]!;
  }

  /** Kills every process of the browser at once; returns the time of the kill. */
  async kill(): Promise<number> {
    const child = this.child;
    if (!child || child.exitCode !== null) throw new Error('the browser is not running');
    const exited = new Promise((r) => child.once('exit', r));
    const killedAt = Date.now();
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
    this.child = null;
    this.browser = null;
    return killedAt;
  }

  /** Closes the browser (killing it if it does not close) and removes the profile. */
  async dispose(): Promise<void> {
    if (this.child && this.child.exitCode === null) {
      try {
        process.kill(-this.child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(this.profile, { recursive: true, force: true });
  }
}
