import type { EngineContext } from '../runtime/context';

/** The dream-friend field's slice of the engine API. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FriendApi {}

export function createFriendApi(ctx: EngineContext): FriendApi {
  void ctx;
  return {};
}
