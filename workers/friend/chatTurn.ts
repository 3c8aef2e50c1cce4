import { badInput } from '../core/errors';
import { createRng } from '../core/rng';
import type { Db } from '../store/db';
import type { AnsweringField } from './answeringField';
import type { DreamOutcome } from './dream';
import { getMetaNumber, setMeta } from './fieldMeta';
import { attachDialog, insertMessage } from './messages';
import { blendExperts, meanOf, replyQuality } from './presence';
import { readThemes, themeShare } from './themes';
import { tokenize } from './tokenizer';
import type { FriendTurn, Pulse } from '../contract/friend';

/**
 * One chat turn: measure the prompt, observe it, reply, observe the reply, the after-reply layers, then
 * maybe a dream. The prompt is tokenised once here and its tokens go everywhere; the messages come
 * back as they were stored, with what the field did, so nothing is read back.
 */
export function chatTurn(
  field: AnsweringField,
  db: Db,
  text: string,
  now: number,
): { turn: FriendTurn; dream: DreamOutcome } {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw badInput('Say something with at least one word or mark.', { field: 'text' });
  field.ready(db, now);
  const index = getMetaNumber(db, 'turns', 0);
  const words = tokens.filter((t) => !t.isPunct).map((t) => t.key);
  const distinct = new Set(words);
  let knownWords = 0;
  for (const w of distinct) if (field.store.lookup(w)) knownWords++;
  const { pulse, trauma } = field.measure(db, text, tokens);
  const blend = blendExperts(pulse, trauma, themeShare(readThemes(db), words));
  field.observe(db, tokens);
  const gen = field.generate(
    db,
    tokens,
    blend.temperature,
    blend.semanticWeight,
    createRng(field.seed(db), 'reply', index),
  );
  const replyText = gen.text || '…';
  const replyTokens = tokenize(replyText);
  // The turn's pulse: what was new and stirring in the prompt, and how uncertain the reply's steps were.
  const turnPulse: Pulse = {
    novelty: pulse.novelty,
    arousal: pulse.arousal,
    entropy: meanOf(gen.entropies),
  };
  const quality = replyQuality(
    replyText,
    replyTokens.filter((t) => !t.isPunct).length,
    gen.entropies,
    gen.trigramShare,
  );
  const user = insertMessage(db, 'user', text, now, { pulse, trauma });
  const reply = insertMessage(db, 'leo', replyText, now, {
    pulse: turnPulse,
    trauma,
    quality,
    expert: blend.expert,
    temperature: blend.temperature,
    semanticWeight: blend.semanticWeight,
  });
  // The field hears itself: the reply is observed like any other line.
  field.observe(db, replyTokens);
  field.afterObservations(db, now);
  setMeta(db, 'turns', index + 1);
  const dream = field.dream(
    db,
    { prompt: text, reply: replyText, pulse: turnPulse, trauma, quality, expert: blend.expert },
    ['dream', index],
    now,
    false,
  );
  if (dream.ran && dream.dialogId !== undefined) {
    attachDialog(db, reply.id, dream.dialogId);
    reply.dialogId = dream.dialogId;
  }
  return {
    turn: {
      user,
      reply,
      metrics: {
        promptWords: distinct.size,
        knownWords,
        expertWeights: blend.weights,
        trigramShare: gen.trigramShare,
        dream: { ran: dream.ran, reason: dream.reason },
      },
    },
    dream,
  };
}
