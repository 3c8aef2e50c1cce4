import type { FriendTextLimits } from '../../../workers/contract';

/** The friend's text limits; the contract's literal type keeps them equal to the worker's. */
export const FRIEND_LIMITS: FriendTextLimits = {
  chatChars: 4000,
  originChars: 50_000,
  teachChars: 6_000_000,
};

/** "1,234 / 4,000 characters" and, past the limit, what to do about it. */
export function sizeNote(length: number, limit: number): { text: string; over: boolean } {
  const over = length > limit;
  const text = `${length.toLocaleString('en-US')} / ${limit.toLocaleString('en-US')} characters${
    over ? ` — ${(length - limit).toLocaleString('en-US')} too many; shorten it to send` : ''
  }`;
  return { text, over };
}
