import type { ErrorCode, ErrorData } from '../contract/base';

/**
 * An expected failure with a stable code. Comlink only keeps name/message/stack of a thrown Error,
 * so the worker entry serialises these as plain `ErrorData` (see `workers/engine.worker.ts`) and the
 * UI rebuilds them; the code is what callers switch on, the message is what a person reads.
 */
export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.details = details;
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function badInput(message: string, details?: Record<string, unknown>): EngineError {
  return new EngineError('BAD_INPUT', message, details);
}

/** Any thrown value as wire data; unexpected errors become INTERNAL without leaking a stack. */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof EngineError) return err.toData();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Unexpected engine error: ${message}` };
}
