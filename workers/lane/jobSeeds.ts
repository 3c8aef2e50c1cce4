import type { EngineContext } from '../runtime/context';
import type { DreamSeed } from '../contract/lane';
import type { JobRow } from './jobs';
import type { NormalizedSeed } from './seed';

/** How many jobs' seeds are kept in memory; older ones are read back (parsed once) when asked for. */
const KEEP = 256;

/**
 * The normalised seed of each job, held in memory from scheduling on. A seed is normalised once (at
 * scheduling) and stored in its canonical form; runner, status and share link take the object from
 * here. Only a job scheduled before this worker started is parsed from the stored JSON, once, and it
 * is not normalised again: what is stored is already the normalised seed.
 */
export class JobSeeds {
  private readonly byJob = new Map<string, NormalizedSeed>();

  constructor(ctx: EngineContext) {
    // A replaced database (import, erase, hand-over) may reuse job ids for other seeds.
    ctx.onReset(() => this.byJob.clear());
  }

  remember(jobId: string, n: NormalizedSeed): void {
    this.byJob.delete(jobId);
    this.byJob.set(jobId, n);
    if (this.byJob.size > KEEP) this.byJob.delete(this.byJob.keys().next().value!);
  }

  of(row: JobRow): NormalizedSeed {
    const known = this.byJob.get(row.job_id);
    if (known) return known;
    const n = storedSeed(row);
    this.remember(row.job_id, n);
    return n;
  }
}

/** A stored (already normalised, canonical) seed back as the object normalizeSeed returned. */
function storedSeed(row: JobRow): NormalizedSeed {
  const seed = JSON.parse(row.seed_json) as DreamSeed;
  return {
    seed,
    traceId: row.trace_id,
    contextKeys: Object.keys(seed.context).sort(),
    modelIsDefault: seed.model === undefined,
  };
}
