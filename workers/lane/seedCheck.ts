import { EngineError } from '../core/errors';
import type { FormulaIssue, SharedLinkCheck } from '../contract/lane';
import { normalizeSeed, type NormalizedSeed } from './seed';
import { LANE_ENGINE_VERSION } from './version';

/**
 * A seed's problems as a list for the editor (inline errors), from the same checks scheduling runs.
 * Runs nothing and writes nothing.
 */
export function checkSeed(raw: unknown): FormulaIssue[] {
  try {
    normalizeSeed(raw, 0);
    return [];
  } catch (err) {
    return issuesOf(err);
  }
}

/** The BAD_INPUT error of normalizeSeed as issues; anything else is rethrown. */
export function issuesOf(err: unknown): FormulaIssue[] {
  if (!(err instanceof EngineError) || err.code !== 'BAD_INPUT') throw err;
  const d = err.details ?? {};
  if (Array.isArray(d.issues)) return d.issues as FormulaIssue[];
  return [{ field: typeof d.field === 'string' ? d.field : 'seed', message: err.message }];
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const refused = (field: string, message: string): SharedLinkCheck => ({
  seed: null,
  issues: [{ field, message }],
  note: null,
});

/**
 * A share link's contents checked as scheduling checks a seed (normalizeSeed, one set of rules), plus
 * the link's own fields: its sample count must agree with its seed, and a link from another engine
 * version gets a note that its result may differ. `now` pins the clock of a seed that brings none.
 */
export function checkShare(raw: unknown, now: number): SharedLinkCheck {
  if (!isObj(raw)) return refused('link', 'The share link holds no seed.');
  let seedRaw = raw.seed;
  let samples: number | undefined;
  if (raw.samples !== undefined && raw.samples !== null) {
    const n =
      typeof raw.samples === 'number'
        ? raw.samples
        : typeof raw.samples === 'string' && /^\d{1,9}$/.test(raw.samples)
          ? Number(raw.samples)
          : NaN;
    if (!Number.isSafeInteger(n))
      return refused('samples', "The link's sample count must be a whole number.");
    samples = n;
    // An older link may leave the count out of its seed: the link's own count applies.
    if (isObj(seedRaw) && seedRaw.samples === undefined) seedRaw = { ...seedRaw, samples: n };
  }
  const version = raw.engine_version ?? null;
  if (version !== null && (typeof version !== 'string' || !/^[\w.-]{1,32}$/.test(version)))
    return refused('engine_version', "The link's engine version is not readable.");
  let n: NormalizedSeed;
  try {
    n = normalizeSeed(seedRaw, now);
  } catch (err) {
    return { seed: null, issues: issuesOf(err), note: null };
  }
  if (samples !== undefined && n.seed.samples !== samples) {
    return refused(
      'samples',
      `The link says ${samples} samples per branch, but its seed has ${n.seed.samples ?? 'none'}.`,
    );
  }
  const note =
    version !== null && version !== LANE_ENGINE_VERSION
      ? `This link was made by engine version ${version}; this lab runs version ${LANE_ENGINE_VERSION}, so the result may differ from the one that was shared.`
      : null;
  return { seed: n.seed, issues: [], note };
}
