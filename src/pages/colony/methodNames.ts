import type { ByzantineAggregator, ConsensusMethod, Verdict } from '../../../workers/contract';
import { METHOD_HELP } from './methodHelp';

/** Method and aggregator names in words, keyed as the engine names them. */
const WORDS: Record<string, string> = {
  majority: 'majority',
  weighted: 'weighted',
  byzantine: 'byzantine',
  median: 'coordinate median',
  trimmed_mean: 'trimmed mean',
  geometric_median: 'geometric median',
  krum: 'Krum',
};

/** One engine method label (a method or a robust aggregator) in words. */
export function methodLabel(key: string): string {
  const raw = key.endsWith(' (raw)');
  const k = raw ? key.slice(0, -' (raw)'.length) : key;
  return `${WORDS[k] ?? k.replace(/_/g, ' ')}${raw ? ' (raw)' : ''}`;
}

/** A method choice in words: "majority", "byzantine · trimmed mean". */
export function methodName(v: { method: ConsensusMethod; aggregator?: ByzantineAggregator | null }): string {
  return v.method === 'byzantine' ? `byzantine · ${methodLabel(v.aggregator ?? 'trimmed_mean')}` : v.method;
}

export function methodHelp(v: Pick<Verdict, 'method' | 'aggregator'>): string {
  return METHOD_HELP[v.method === 'byzantine' ? (v.aggregator ?? 'trimmed_mean') : v.method] ?? '';
}
