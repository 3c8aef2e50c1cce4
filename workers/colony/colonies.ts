import type { EngineContext } from '../runtime/context';
import { requireString } from '../runtime/validate';
import { incrementCounter } from '../store/metrics';
import { generateAgents, validateConfig } from './agents';
import { CREATE_KEYS, optionsOf } from './options';
import { checkPlan } from './planCheck';
import * as store from './store';
import type { ColonyDetail } from '../contract/colony';

/** Builds a colony from its configuration: its agents are drawn from the configuration's seed. */
export async function createColony(ctx: EngineContext, raw: unknown): Promise<ColonyDetail> {
  const o = optionsOf(raw, CREATE_KEYS, 'colony');
  const config = validateConfig(o);
  const name =
    o.name === undefined ? `Colony of ${config.size}` : requireString(o.name, 'name', { min: 1, max: 100 });
  ctx.read((db) => checkPlan(db, config.size));
  const agents = generateAgents(config);
  const colonyId = await ctx.write((db) => {
    checkPlan(db, config.size);
    const cid = store.insertColony(db, name, config, agents, ctx.clock.now());
    incrementCounter(db, 'colony_created_total', 'Colonies created.');
    return cid;
  });
  return ctx.read((db) => store.loadColony(db, colonyId));
}
