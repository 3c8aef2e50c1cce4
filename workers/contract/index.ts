/**
 * The ONE typed API between the UI and the engine worker.
 *
 * This folder is a leaf: it imports nothing from the rest of `workers/`, so every layer (core, store,
 * runtime, engines, the worker entry) and the UI can depend on it without a cycle. The UI imports it
 * with `import type` only; the worker entry checks its exposed object with `satisfies EngineApi`.
 * Each engine's file holds its `XApi` slice and its wire types; `EngineApi` is their intersection,
 * so there is one contract and never two copies that drift.
 *
 * Everything that crosses is structured-clone data. Failures cross as `ErrorData` with a stable
 * `code`; the UI shows `message` and never a stack. Colony results cross with their per-agent detail
 * packed into one transferred Float64Array (colonyWire.ts), and a long text to teach goes in parts
 * (`FriendTextSentInParts`): `EngineWireApi` is the API as the worker exposes it, and src/engine.ts
 * turns it back into `EngineApi`.
 */
import type { CoreApi } from './core';
import type { LaneApi } from './lane';
import type { ColonyApi } from './colony';
import type { FriendApi, FriendTextSentInParts } from './friend';
import type { PackedCompareResult, PackedEvaluationResult } from './colonyWire';

export type * from './base';
export type * from './core';
export type * from './lane';
export type * from './colony';
export type * from './friend';

export type EngineApi = CoreApi & LaneApi & ColonyApi & FriendApi;

/**
 * The engine API as the worker exposes it and src/engine.ts receives it: the same, except that colony
 * results carry their per-agent detail packed (colonyWire.ts) and a long text to teach may come in
 * parts; src/engine.ts unpacks the one and sends the other, so the pages see `EngineApi`.
 */
export type EngineWireApi = Omit<EngineApi, 'colonyEvaluate' | 'colonyCompareMethods' | 'friendIngest'> & {
  colonyEvaluate(...args: Parameters<EngineApi['colonyEvaluate']>): Promise<PackedEvaluationResult>;
  colonyCompareMethods(...args: Parameters<EngineApi['colonyCompareMethods']>): Promise<PackedCompareResult>;
  /** A long text's part `index` (from 0, in order) for the `friendIngest` of operation `opId`. */
  friendTextPart(opId: string, index: number, part: string): Promise<void>;
  /** As `EngineApi.friendIngest`, or with the text sent ahead in parts (`FriendTextSentInParts`). */
  friendIngest(text: string | FriendTextSentInParts, opId: string): ReturnType<EngineApi['friendIngest']>;
};
