import type { DreamSeed, ShareLink } from '../../../workers/contract';

/**
 * Share links carry the seed in the URL (`#/lab?seed=…&samples=…&engine=…`): the seed as base64url
 * of its JSON with sorted keys, its samples per branch, and the version of the engine that ran it.
 * The seed is the engine's normalised copy (context values already redacted), with its clock pinned,
 * so opening the link with the same engine version reproduces the same result byte for byte.
 */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export function encodeSeed(seed: DreamSeed): string {
  const bytes = new TextEncoder().encode(JSON.stringify(sortKeys(seed)));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** How deeply a shared seed's JSON may nest (a real seed nests 5 levels: model.factors[i].dist.x). */
export const MAX_NESTING = 16;

/** The deepest nesting of arrays and objects in JSON text, counted without parsing; stops past `stop`. */
export function jsonNesting(json: string, stop = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max && (max = depth) > stop) return max;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * The seed a link's text holds, as far as the page can tell without the engine: readable base64url,
 * UTF-8, JSON of a bounded depth, an object with a goal. Throws a readable Error otherwise. Whether it
 * is a valid seed is the engine's check (laneCheckShare), the same one scheduling runs.
 */
export function decodeSeed(text: string): DreamSeed {
  if (text.length > 200_000) throw new Error('The shared seed is too long.');
  let json: string;
  try {
    const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    json = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    throw new Error('The link does not contain a readable seed.');
  }
  // Measured before parsing: a crafted link nested thousands of levels deep is refused here, so no
  // recursive code (parse, structured clone, the form) ever walks it.
  if (jsonNesting(json, MAX_NESTING) > MAX_NESTING)
    throw new Error(
      `The shared seed nests more than ${MAX_NESTING} levels deep; a seed needs at most a few.`,
    );
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('The shared seed is not valid JSON.');
  }
  if (
    !value ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    typeof (value as { goal?: unknown }).goal !== 'string'
  ) {
    throw new Error('The shared seed has no goal.');
  }
  return value as DreamSeed;
}

/** The link for a job; with its result hash, so whoever opens it can see that they got the same result. */
export function shareUrl(
  share: ShareLink & { result_hash?: string },
  location: Location = window.location,
): string {
  const query = new URLSearchParams({
    seed: encodeSeed(share.seed),
    samples: String(share.samples),
    engine: share.engine_version,
  });
  if (share.result_hash) query.set('hash', share.result_hash);
  return `${location.origin}${location.pathname}#/lab?${query.toString()}`;
}

/** What a share link's query holds, still unchecked. */
export interface SharedQuery {
  /** The raw `seed` parameter: it identifies the link (a link runs once per page). */
  key: string;
  seed: string;
  samples: string | null;
  engine: string | null;
  /** The result hash the sharer saw (absent from links made before it was added). */
  hash: string | null;
}

export function readSharedQuery(query: URLSearchParams): SharedQuery | null {
  const seed = query.get('seed');
  if (seed === null) return null;
  return {
    key: query.toString(),
    seed,
    samples: query.get('samples'),
    engine: query.get('engine'),
    hash: query.get('hash'),
  };
}
