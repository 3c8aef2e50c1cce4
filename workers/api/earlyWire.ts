import type { CoreApi, EngineWireApi } from '../contract';

type Method = (...args: unknown[]) => Promise<unknown>;

export interface EarlyWire {
  /** What the worker exposes from its first moment (not a thenable itself). */
  readonly wire: EngineWireApi;
  /** Starts loading the whole API, once; every call made once it is there goes to it. */
  load(): Promise<EngineWireApi>;
  /** How many calls have not answered yet. */
  readonly busy: number;
}

/**
 * The API the worker exposes while the engines' code (a chunk of its own) is still to load: the core
 * slice, which the entry holds, answers at once, so a reload opens the lab and reads its data without
 * waiting for the lane, colony and friend code; any other method starts loading that code and waits
 * for it. No call overtakes one made before it: while a call waits for the engines' code, every later
 * call waits behind it, core or not. Once the code is there, every call goes to the whole API.
 */
export function earlyWire(core: CoreApi, whole: () => Promise<EngineWireApi>): EarlyWire {
  let api: EngineWireApi | null = null;
  let loading: Promise<EngineWireApi> | null = null;
  let waiting = 0;
  let busy = 0;
  const load = () =>
    (loading ??= whole().then((a) => {
      api = a;
      return a;
    }));
  const call = (target: object, method: string, args: unknown[]) => {
    const fn = (target as Record<string, unknown>)[method];
    if (typeof fn !== 'function') throw new TypeError(`The engine has no method ${method}.`);
    return (fn as Method).apply(target, args);
  };
  const route = async (method: string, args: unknown[]) => {
    if (api) return call(api, method, args);
    if (waiting === 0 && Object.hasOwn(core, method)) return call(core, method, args);
    waiting++;
    try {
      return call(await load(), method, args);
    } finally {
      waiting--;
    }
  };
  const wire = new Proxy({} as EngineWireApi, {
    get: (_, method) =>
      typeof method !== 'string' || method === 'then'
        ? undefined
        : async (...args: unknown[]) => {
            busy++;
            try {
              return await route(method, args);
            } finally {
              busy--;
            }
          },
  });
  return {
    wire,
    load,
    get busy() {
      return busy;
    },
  };
}
