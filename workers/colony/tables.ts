import type { Db } from '../store/db';
import { forgetColonies } from './store';

/**
 * Every table the colony owns, children before their parents, so rows can be deleted in this order
 * whether or not foreign keys are enforced.
 */
export const COLONY_TABLES = [
  'colony_evolution_generations',
  'colony_evolutions',
  'colony_tune_leaderboard',
  'colony_tunes',
  'colony_outcomes',
  'colony_runs',
  'colony_agents',
  'colony_colonies',
  'colony_model_profiles',
] as const;

/** Deletes every row the colony owns ("erase everything" asks each engine for its own tables). */
export function resetColonyTables(db: Db): void {
  for (const t of COLONY_TABLES) db.run(`DELETE FROM ${t}`);
  forgetColonies(db);
}
