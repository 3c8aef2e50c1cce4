import type { EngineContext } from '../runtime/context';

/** The colony evaluator's slice of the engine API. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ColonyApi {}

export function createColonyApi(ctx: EngineContext): ColonyApi {
  void ctx;
  return {};
}
