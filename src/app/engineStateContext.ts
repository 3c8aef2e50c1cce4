import { createContext, useContext } from 'react';
import type { useEngineState } from './useEngineState';

export const EngineStateContext = createContext<ReturnType<typeof useEngineState> | null>(null);

export function useEngineStateContext() {
  const v = useContext(EngineStateContext);
  if (!v) throw new Error('EngineStateContext missing');
  return v;
}
