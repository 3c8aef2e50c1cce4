import type { Db } from '../store/db';
import type { AnsweringField } from './answeringField';
import type { DreamOutcome } from './dream';
import { getMetaNumber, setMeta } from './fieldMeta';
import { lastExchange } from './messages';

/** "Dream now": a dialog about the last turn (or the origin), bypassing the gates. */
export function dreamNow(field: AnsweringField, db: Db, now: number): DreamOutcome {
  field.ready(db, now);
  const { prompt, reply } = lastExchange(db);
  const runs = getMetaNumber(db, 'forced_dreams', 0);
  setMeta(db, 'forced_dreams', runs + 1);
  const outcome = field.dream(
    db,
    {
      prompt: prompt?.text ?? '',
      reply: reply?.text ?? '',
      pulse: {
        novelty: reply?.pulse?.novelty ?? 0,
        arousal: reply?.pulse?.arousal ?? 0,
        entropy: reply?.pulse?.entropy ?? 0.5,
      },
      trauma: getMetaNumber(db, 'trauma', 0),
      quality: reply?.quality ?? 0.5,
      expert: reply?.expert ?? 'structural',
    },
    ['dream-now', runs],
    now,
    true,
  );
  if (outcome.ran) field.afterObservations(db, now);
  return outcome;
}

/** What "dream now" tells the user; the chat and the field are untouched whenever no dialog ran. */
export function dreamNowMessage(outcome: DreamOutcome): string {
  if (outcome.ran) return 'The field and its imaginary friend talked.';
  switch (outcome.reason) {
    case 'missing':
      return 'No dream: the dream layer is not available here. The chat goes on without it.';
    case 'no fragments':
      return 'No dream: the imaginary friend has no fragments to dream from. Save an origin text to give it some.';
    case 'failed':
      return `No dream: it failed and left nothing behind (${outcome.error ?? 'unknown error'}).`;
    default:
      return `No dream this time (${outcome.reason}).`;
  }
}
