import type { LaneApi } from '../contract/lane';
import type { EngineContext } from '../runtime/context';
import { createLaneService } from './service';

export function createLaneApi(ctx: EngineContext): LaneApi {
  return createLaneService(ctx);
}
