import { badInput } from '../core/errors';

/** Small argument checks shared by every API method: bad input is refused before anything runs. */
export function requireString(
  value: unknown,
  name: string,
  opts: { min?: number; max?: number } = {},
): string {
  const { min = 0, max = 100_000 } = opts;
  if (typeof value !== 'string') throw badInput(`${name} must be text.`, { field: name });
  if (value.length < min)
    throw badInput(`${name} must have at least ${min} character${min === 1 ? '' : 's'}.`, { field: name });
  if (value.length > max) throw badInput(`${name} must have at most ${max} characters.`, { field: name });
  return value;
}

export function requireOneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw badInput(`${name} must be one of ${allowed.join(', ')}.`, { field: name });
  }
  return value as T;
}

export function requireNumber(
  value: unknown,
  name: string,
  opts: { min?: number; max?: number; integer?: boolean } = {},
): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw badInput(`${name} must be a number.`, { field: name });
  if (opts.integer && !Number.isInteger(value))
    throw badInput(`${name} must be a whole number.`, { field: name });
  if (opts.min !== undefined && value < opts.min)
    throw badInput(`${name} must be at least ${opts.min}.`, { field: name });
  if (opts.max !== undefined && value > opts.max)
    throw badInput(`${name} must be at most ${opts.max}.`, { field: name });
  return value;
}

export function requireBytes(value: unknown, name: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw badInput(`${name} must be a file's bytes.`, { field: name });
  return value;
}

/**
 * Refuse option names the callee does not know. A misspelt option (e.g. `budget` for
 * `simulation_budget`) would otherwise be ignored and the default used without a word.
 */
export function requireKnownKeys(
  value: Record<string, unknown>,
  name: string,
  allowed: readonly string[],
): void {
  const unknown = Object.keys(value).filter((k) => !allowed.includes(k));
  if (unknown.length === 0) return;
  const list = unknown.map((k) => `"${k}"`).join(', ');
  throw badInput(
    `${name} has unknown ${unknown.length === 1 ? 'option' : 'options'} ${list}; accepted: ${allowed.join(', ')}.`,
    { field: unknown[0]! },
  );
}

/** An optional numeric option: `fallback` when absent, otherwise checked like `requireNumber`. */
export function optionalNumber(
  obj: Record<string, unknown>,
  key: string,
  fallback: number,
  opts: { min?: number; max?: number; integer?: boolean } = {},
): number {
  return obj[key] === undefined ? fallback : requireNumber(obj[key], key, opts);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text as it will be stored: a lone UTF-16 surrogate (half of an emoji cut by a paste) cannot
 * be encoded in the database's UTF-8 and would come back as U+FFFD, so it becomes U+FFFD here,
 * before the write is confirmed, and the caller is told exactly what was kept.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
