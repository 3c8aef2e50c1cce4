import type { ExpertName } from '../../../workers/contract';

/** Each expert as a way of answering, in words a newcomer can follow. */
const EXPERT_WAYS: Record<ExpertName, { name: string; way: string }> = {
  structural: { name: 'structural', way: 'following word orders it has seen' },
  semantic: { name: 'semantic', way: 'reaching for words that keep company with yours' },
  creative: { name: 'creative', way: 'playing, because much of what you said was new' },
  precise: { name: 'precise', way: 'taking careful, likely steps' },
  wounded: { name: 'wounded', way: 'staying close to its origin, which your words touched' },
};

export function expertWay(expert: ExpertName): { name: string; way: string } {
  return EXPERT_WAYS[expert];
}

export const EXPERT_NAMES = Object.keys(EXPERT_WAYS) as ExpertName[];
