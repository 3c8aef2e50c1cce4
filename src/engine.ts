/**
 * The UI's only door to the engine worker. It imports worker code as types only (plus the worker's
 * URL, which Vite turns into a separate bundle), rebuilds coded errors, and fans out engine events.
 */
import * as Comlink from 'comlink';
import type { EngineApi, EngineEvent, EngineWireApi, ErrorCode, ErrorData } from '../workers/contract';
import { unpackResult } from './agentWire';
import { splitText, TEXT_PART_CHARS } from './textParts';

/** A failure reported by the engine, with the stable code to switch on and a message to show. */
export class EngineFailure extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(data: ErrorData) {
    super(data.message);
    this.name = 'EngineFailure';
    this.code = data.code;
    this.details = data.details;
  }
}

function isErrorData(v: unknown): v is ErrorData {
  return typeof v === 'object' && v !== null && 'code' in v && 'message' in v && !(v instanceof Error);
}

/** The message to show a person for anything thrown by an engine call. */
export function errorMessage(err: unknown): string {
  if (err instanceof EngineFailure) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

type Listener = (event: EngineEvent) => void;
const listeners = new Set<Listener>();
/**
 * The latest lock and save states: the lab starts opening before the page's components exist (see
 * below), so a listener added later is told where the lab stands, as if it had been there.
 */
const states = new Map<'lock' | 'save', EngineEvent>();

export function onEngineEvent(listener: Listener): () => void {
  listeners.add(listener);
  for (const event of states.values()) listener(event);
  return () => listeners.delete(listener);
}

const worker = new Worker(new URL('../workers/engine.worker.ts', import.meta.url), {
  type: 'module',
  name: 'dreamlane-engine',
});
performance.mark('dreamlane:worker-created');
const remote = Comlink.wrap<EngineWireApi>(worker);

// Events first, so that none the opening emits is missed.
void remote.connect(
  Comlink.proxy((event: EngineEvent) => {
    if (event.type === 'lock' || event.type === 'save') states.set(event.type, event);
    for (const l of listeners) l(event);
  }),
);

/**
 * The lab starts opening as soon as this module runs, while the page's components still load: every
 * page opens it first thing, and reading a large lab back from IndexedDB takes a while. The first
 * `open()` (and any made while this one runs) answers with its result, errors included; once it has
 * settled, `open()` asks the worker again as before.
 */
let startOpen: Promise<unknown> | null = remote.open();
startOpen.then(
  () => (startOpen = null),
  () => (startOpen = null),
);

/** Results that cross packed (workers/contract/colonyWire.ts), and how to unpack them. */
const UNPACK: Partial<Record<PropertyKey, (r: never) => unknown>> = {
  colonyEvaluate: unpackResult,
  colonyCompareMethods: unpackResult,
};

/**
 * Teaching a text longer than one part: its parts go first, one message each, then the call that
 * names them (workers/contract/friend.ts, `FriendTextSentInParts`, says why).
 */
async function friendIngestInParts(text: unknown, opId: unknown): Promise<unknown> {
  if (typeof text !== 'string' || text.length <= TEXT_PART_CHARS || typeof opId !== 'string') {
    return remote.friendIngest(text as string, opId as string);
  }
  const parts = splitText(text);
  for (let i = 0; i < parts.length; i++) await remote.friendTextPart(opId, i, parts[i]!);
  return remote.friendIngest({ parts: parts.length, chars: text.length }, opId);
}

/** Calls that cross in another shape than the contract's. */
const SEND: Partial<Record<PropertyKey, (...args: unknown[]) => Promise<unknown>>> = {
  friendIngest: friendIngestInParts,
};

/**
 * The engine API with coded errors rebuilt as `EngineFailure`, packed results unpacked and long texts
 * sent in parts. Same method names and types as the contract, so call sites read `engine.dataStats()`.
 */
export const engine = new Proxy(remote, {
  get(target, prop, receiver) {
    const opening = prop === 'open' ? startOpen : null;
    const member = opening ? () => opening : (SEND[prop] ?? (Reflect.get(target, prop, receiver) as unknown));
    if (typeof member !== 'function') return member;
    const unpack = UNPACK[prop];
    return async (...args: unknown[]) => {
      let result: unknown;
      try {
        result = await (member as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (err) {
        throw isErrorData(err) ? new EngineFailure(err) : err;
      }
      return unpack ? unpack(result as never) : result;
    };
  },
}) as unknown as Comlink.Remote<EngineApi>;

/** A fresh id for a long operation, so it can be cancelled while it runs. */
export function newOpId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

// Exposed for end-to-end tests and benchmarks that drive the engine API (and follow its events)
// directly; it is the same object the pages use, on the user's own machine. `wire` is the worker's
// API as it answers before unpacking, for the benchmark that times what crosses the boundary.
(globalThis as { dreamlane?: unknown }).dreamlane = { engine, onEngineEvent, wire: remote };
