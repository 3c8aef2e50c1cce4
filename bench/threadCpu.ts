import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of the browser's threads, read from Linux's /proc. On a shared machine the scheduler sets
 * wall time (a process group's threads share its slice of the cores, so a second thread can gain nothing
 * while others run), while the CPU time each thread used moves far less: it shows how work splits
 * between the engine worker, the compute workers and V8's background threads. Covers every process
 * this one started (the Chromium the bench launched); null where there is no /proc.
 */
export interface ThreadTime {
  pid: number;
  /** The thread's name as the kernel has it ("DedicatedWorker", "ThreadPoolForeg", …). */
  name: string;
  ms: number;
}

let tickMs: number | undefined;

function msPerTick(): number {
  if (tickMs === undefined) {
    let hz = 100;
    try {
      hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      // getconf missing: Linux's usual USER_HZ
    }
    tickMs = 1000 / hz;
  }
  return tickMs;
}

/** After the command's closing parenthesis: the fields of /proc/…/stat from the state on. */
function statFields(text: string): { comm: string; rest: string[] } {
  const close = text.lastIndexOf(')');
  return { comm: text.slice(text.indexOf('(') + 1, close), rest: text.slice(close + 2).split(' ') };
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(statFields(readFileSync(`/proc/${d}/stat`, 'utf8')).rest[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length > 0) {
    for (const c of children.get(todo.pop()!) ?? []) {
      out.push(c);
      todo.push(c);
    }
  }
  return out;
}

/** A thread's time on a CPU so far, in nanoseconds, or null where /proc has no schedstat. */
function onCpuNs(pid: number, tid: string): number | null {
  try {
    const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ns : null;
  } catch {
    return null;
  }
}

/** CPU time so far (user + system) of every thread of the processes this one started, by "pid/tid". */
export function threadTimes(): Map<string, ThreadTime> | null {
  try {
    readdirSync('/proc/self/task');
  } catch {
    return null;
  }
  const tick = msPerTick();
  const out = new Map<string, ThreadTime>();
  for (const pid of descendants(process.pid)) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const { comm, rest } = statFields(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
        // The time on a CPU in nanoseconds where the kernel keeps it (schedstat's first field): stat's
        // utime and stime (fields 14 and 15, 11 and 12 after the state) are counted in ticks of 10 ms,
        // too coarse for a job of 30 ms.
        const ns = onCpuNs(pid, tid);
        const ms = ns === null ? (Number(rest[11]) + Number(rest[12])) * tick : ns / 1e6;
        out.set(`${pid}/${tid}`, { pid, name: comm, ms });
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return out;
}

/** CPU time each thread used between two readings (threads that used none left out). */
export function threadDelta(
  before: Map<string, ThreadTime>,
  after: Map<string, ThreadTime>,
): Map<string, ThreadTime> {
  const out = new Map<string, ThreadTime>();
  for (const [key, t] of after) {
    const ms = t.ms - (before.get(key)?.ms ?? 0);
    if (ms > 0) out.set(key, { ...t, ms });
  }
  return out;
}

/** Dedicated workers' threads (Chromium names them "DedicatedWorker thread", cut to 15 characters). */
export const isWorkerThread = (t: ThreadTime) => t.name.startsWith('DedicatedWorker');
/** Chromium's thread pool, where V8 runs its background compilers and collector helpers. */
export const isPoolThread = (t: ThreadTime) => t.name.startsWith('ThreadPool');

/**
 * The dedicated worker's thread that used the most CPU among `used`: the engine worker when it ran
 * the work measured (the blob maker beside it does little), and with it the tab's renderer (its `pid`).
 */
export const busiestWorker = (used: Iterable<ThreadTime>): ThreadTime | undefined =>
  [...used].filter(isWorkerThread).sort((a, b) => b.ms - a.ms)[0];
