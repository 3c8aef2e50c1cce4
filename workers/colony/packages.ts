import { EngineError } from '../core/errors';
import { requireString } from '../runtime/validate';
import type { Db } from '../store/db';
import { candidateFromBranch } from './candidates';
import { buildPackage, secretsOf } from './enhancement';
import { loadDreamResult } from '../lane/results';
import { parseEnhancement } from './options';
import { loadProfiles } from './profiles';
import * as store from './store';
import type { EnhancementPackage, LaneCandidates } from '../contract/colony';

// What the colony reads from the lane (through its read model) and what it hands on: the package.

export function enhancementPackage(db: Db, raw: unknown): EnhancementPackage {
  const { question, profileId, runId, context, contextKeys: keys } = parseEnhancement(raw);
  const secrets = secretsOf(context);
  let contextKeys = keys;
  const run = store.loadRun(db, runId);
  const profile = loadProfiles(db).find((p) => p.id === profileId)!;
  if (run.source) {
    // A lane result carries only its context's keys: the lane replaces the values at its gate,
    // so nothing stored can repeat them. The keys are shown.
    const result = loadDreamResult(db, run.source);
    if (result) contextKeys = [...new Set([...contextKeys, ...result.context_keys])];
  }
  return buildPackage({
    question,
    profile,
    candidates: run.request.candidates,
    weights: run.request.weights,
    verdict: run.verdict,
    contextKeys,
    secrets,
  });
}

export function laneCandidates(db: Db, jobId: unknown): LaneCandidates {
  const jid = requireString(jobId, 'jobId', { min: 1, max: 200 });
  const result = loadDreamResult(db, jid);
  if (!result) throw new EngineError('NOT_FOUND', `There is no finished lane result for ${jid}.`);
  return {
    jobId: jid,
    goal: result.goal,
    contextKeys: result.context_keys,
    candidates: result.branches.map(candidateFromBranch),
  };
}
