import { describe, expect, it } from 'vitest';
import type { FriendMessage, TurnMetrics } from '../../../workers/contract';
import { replyLine } from './replyLine';

const reply: FriendMessage = {
  id: 2,
  role: 'leo',
  text: 'Words have walked before me.',
  createdAt: 0,
  expert: 'structural',
  temperature: 0.8,
  semanticWeight: 0.2,
  pulse: { novelty: 0.5, arousal: 0, entropy: 0.4 },
  trauma: 0.1,
  quality: 0.7,
  dialogId: null,
};
const metrics: TurnMetrics = {
  promptWords: 4,
  knownWords: 3,
  expertWeights: { structural: 0.6, semantic: 0.1, creative: 0.1, precise: 0.1, wounded: 0.1 },
  trigramShare: 0.5,
  dream: { ran: false, reason: 'calm' },
};

describe('the plain line under a reply', () => {
  it('says how many of your words it knew and which way it leaned', () => {
    expect(replyLine(reply, metrics)).toBe(
      'Answered from 3 words of yours it knows, leaning on “structural” patterns (following word orders it has seen).',
    );
    expect(replyLine(reply, { ...metrics, knownWords: 1 })).toMatch(
      /^Answered from 1 word of yours it knows/,
    );
    expect(replyLine(reply, { ...metrics, knownWords: 0 })).toMatch(/^None of your words were known yet/);
  });

  it('tells when a dream followed, and still reads for an older reply without the turn’s metrics', () => {
    expect(replyLine({ ...reply, expert: 'wounded', dialogId: 4 })).toBe(
      'Answered, leaning on “wounded” patterns (staying close to its origin, which your words touched); then it dreamed with its imaginary friend.',
    );
  });
});
