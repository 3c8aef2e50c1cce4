/**
 * Canonical JSON: object keys sorted, no whitespace, -0 written as 0, non-finite numbers refused.
 * Used wherever bytes are hashed or compared (trace ids, result hashes, the artifact chain), so the
 * same value always gives the same bytes regardless of key insertion order.
 */
export function canonicalJson(value: unknown): string {
  return write(value, []);
}
/**
 * `stack` holds the objects being written around this one (a cycle check). Written by appending to
 * one string per level rather than mapping and joining arrays, and numbers by String() rather than
 * JSON.stringify: a lane job writes its result (hashed and stored) and its artifact, and this takes
 * about half the time.
 */
function write(value: unknown, stack: object[]): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      // -0 as 0; String() of a finite number is what JSON.stringify writes.
      return value === 0 ? '0' : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (stack.includes(value)) throw new TypeError('canonicalJson: cycle');
      stack.push(value);
      let out: string;
      if (Array.isArray(value)) {
        out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const v: unknown = value[i];
          out += v === undefined ? 'null' : write(v, stack);
        }
        out += ']';
      } else if (ArrayBuffer.isView(value)) {
        const xs = value as unknown as ArrayLike<number>;
        out = '[';
        for (let i = 0; i < xs.length; i++) {
          if (i > 0) out += ',';
          out += write(xs[i], stack);
        }
        out += ']';
      } else {
        const obj = value as Record<string, unknown>;
        const keys = Object.keys(obj).sort();
        out = '{';
        let first = true;
        for (const k of keys) {
          const v = obj[k];
          if (v === undefined) continue;
          if (!first) out += ',';
          first = false;
          out += JSON.stringify(k) + ':' + write(v, stack);
        }
        out += '}';
      }
      stack.pop();
      return out;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}
