/**
 * The UI's only door to the engine worker. It imports worker code as types only (plus the worker's
 * URL, which Vite turns into a separate bundle), rebuilds coded errors, and fans out engine events.
 */
import * as Comlink from 'comlink';
import type { EngineApi, EngineEvent, ErrorCode, ErrorData } from '../workers/contract';

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

export function onEngineEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const worker = new Worker(new URL('../workers/engine.worker.ts', import.meta.url), {
  type: 'module',
  name: 'dreamlane-engine',
});
const remote = Comlink.wrap<EngineApi>(worker);

/**
 * The engine API with coded errors rebuilt as `EngineFailure`. Same method names and types as the
 * contract, so call sites read `engine.dataStats()`.
 */
export const engine: Comlink.Remote<EngineApi> = new Proxy(remote, {
  get(target, prop, receiver) {
    const member = Reflect.get(target, prop, receiver) as unknown;
    if (typeof member !== 'function') return member;
    return async (...args: unknown[]) => {
      try {
        return await (member as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (err) {
        throw isErrorData(err) ? new EngineFailure(err) : err;
      }
    };
  },
});

void remote.connect(
  Comlink.proxy((event: EngineEvent) => {
    for (const l of listeners) l(event);
  }),
);

/** A fresh id for a long operation, so it can be cancelled while it runs. */
export function newOpId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

// Exposed for end-to-end tests and benchmarks that drive the engine API directly; it is the same
// object the pages use, on the user's own machine.
(globalThis as { dreamlane?: unknown }).dreamlane = { engine, onEngineEvent };
