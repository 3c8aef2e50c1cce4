import type { NodeBench } from '../harness';
import { PLAN_SETTING } from '../../workers/core/plans';
import { generateAgents } from '../../workers/colony/agents';
import { normalizeWeights } from '../../workers/colony/criteria';
import { ALL_METHODS, methodLabel, runMethod, scoreRequest, verdictOf } from '../../workers/colony/evaluate';
import { syntheticCandidates } from '../../workers/colony/synthetic';
import { colludingColony } from '../../workers/colony/testColonies';
import { createColonyTestApi } from '../../workers/colony/testContext';
import { setSetting } from '../../workers/store/settings';
import { openTestDb } from '../../workers/store/testDb';

const SIZES = [10, 100, 1000];
const CANDIDATES = [5, 20, 100];

/**
 * Consensus cost per colony size × candidate count × method (the votes are scored once per cell, then
 * each method aggregates them and builds its verdict), and self-tuning with a 1,000-configuration budget.
 */
export default (async (h) => {
  for (const n of SIZES) {
    const config = colludingColony(n, `bench-${n}`);
    const agents = generateAgents(config);
    for (const m of CANDIDATES) {
      const input = {
        agents,
        config,
        candidates: syntheticCandidates(m, 'bench', m),
        weights: normalizeWeights(undefined),
        seed: 'b',
      };
      const runs = n * m >= 100_000 ? 3 : 5;
      await h.time(`score votes ${n} agents × ${m} candidates`, () => scoreRequest(input), { runs });
      const sc = scoreRequest(input);
      for (const choice of ALL_METHODS) {
        await h.time(
          `consensus ${methodLabel(choice)} ${n} × ${m}`,
          () => verdictOf(sc, choice, runMethod(sc, choice)),
          {
            runs,
            notes: { agents: n, candidates: m },
          },
        );
        if (n * m >= 100_000) {
          // CPU time as well: on a shared machine wall time also counts the other processes.
          const cpu: number[] = [];
          for (let r = 0; r < runs; r++) {
            const c0 = process.cpuUsage();
            verdictOf(sc, choice, runMethod(sc, choice));
            const c = process.cpuUsage(c0);
            cpu.push((c.user + c.system) / 1000);
          }
          h.record(`consensus ${methodLabel(choice)} ${n} × ${m}, CPU time`, cpu, 'ms', {
            target: '<= 150 (method + verdict)',
          });
        }
      }
    }
  }
  for (const size of [10, 100]) {
    const db = await openTestDb();
    setSetting(db, PLAN_SETTING, 'enterprise');
    const { api } = createColonyTestApi(db);
    const colony = await api.colonyCreate({ size, seed: 'tune-bench', byzantineShare: 0.2 });
    let evaluations = 0;
    let k = 0;
    await h.time(
      `self-tune 1,000 configurations (${size} agents)`,
      async () => {
        const r = await api.colonySelfTune(
          { colonyId: colony.id, simulationBudget: 1000, seed: `t${k}` },
          `bench-${k++}`,
        );
        evaluations = r.evaluations;
      },
      { runs: 3, warmup: 0, notes: { budget: 1000 } },
    );
    h.record(`self-tune evaluations used (${size} agents)`, [evaluations], 'evaluations');
  }
}) satisfies NodeBench;
