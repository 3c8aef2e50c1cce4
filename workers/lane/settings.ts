import { EngineError } from '../core/errors';
import type { EngineContext } from '../runtime/context';
import { getSetting, setSetting } from '../store/settings';
import type { LaneSettings } from '../contract/lane';
import { ASKED_SETTING, ENABLED_SETTING } from './gate';

/** Whether simulation is on, and whether the user has been asked. */
export function readLaneSettings(ctx: EngineContext): LaneSettings {
  return ctx.read((db) => ({
    enabled: getSetting<boolean>(db, ENABLED_SETTING, false),
    asked: getSetting<boolean>(db, ASKED_SETTING, false),
  }));
}

export async function setLaneEnabled(ctx: EngineContext, enabled: unknown): Promise<LaneSettings> {
  if (typeof enabled !== 'boolean') throw new EngineError('BAD_INPUT', 'enabled must be true or false.');
  await ctx.write((db) => {
    setSetting(db, ENABLED_SETTING, enabled);
    setSetting(db, ASKED_SETTING, true);
  });
  return readLaneSettings(ctx);
}
