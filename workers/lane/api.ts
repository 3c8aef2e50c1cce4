import type { EngineContext } from '../runtime/context';

/** The simulation lane's slice of the engine API. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LaneApi {}

export function createLaneApi(ctx: EngineContext): LaneApi {
  void ctx;
  return {};
}
