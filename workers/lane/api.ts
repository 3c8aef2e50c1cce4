import { EngineError } from '../core/errors';
import type { LaneApi } from '../contract/lane';
import type { DreamSeed } from '../contract/lane';
import type { EngineContext } from '../runtime/context';
import { requireString } from '../runtime/validate';
import { getJob } from './jobs';
import { compileModel, DEFAULTS } from './seed';
import { sensitivity } from './sensitivity';
import { createLaneService } from './service';

export function createLaneApi(ctx: EngineContext): LaneApi {
  return {
    ...createLaneService(ctx),
    // Read-only and cheap (a few thousand samples per factor): it explains a job already admitted by
    // the gate, from that job's stored, normalised seed.
    async laneSensitivity(jobId) {
      const id = requireString(jobId, 'jobId', { min: 1, max: 128 });
      const row = ctx.read((db) => getJob(db, id));
      if (!row) throw new EngineError('NOT_FOUND', `There is no job ${id}.`);
      const seed = JSON.parse(row.seed_json) as DreamSeed;
      return sensitivity(compileModel(seed), seed.rng_seed ?? DEFAULTS.rng_seed, row.trace_id);
    },
  };
}
