const DREAM_REASONS: Record<string, string> = {
  forced: 'asked for with “Dream now”',
  trauma: 'the origin was touched',
  novelty: 'something new was said',
  borderline: 'after an unsure reply',
};

/** Why a dream dialog ran, in words (the engine stores the gate's name). */
export function dreamReason(note: string): string {
  return DREAM_REASONS[note] ?? note;
}
