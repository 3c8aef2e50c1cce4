import { FUNCTION, LEX, known, type Form } from './goalLexicon';
import { foldWords } from './textFold';

/**
 * A goal as the rules read it: folded words with lemma and form, run-together compounds split,
 * phrasal verbs ("turn it off", "shut yourself down", "take over") merged onto the verb.
 */
export interface Tok {
  /** The folded word as written (after leet and joining). */
  w: string;
  lemma: string;
  form: Form;
  /** Known to the gate's vocabulary. */
  known: boolean;
  brk: 0 | 1 | 2;
}

/** Splits an unknown run-together word into known words ("wipeeverybackup"), or returns null. */
function split(w: string): string[] | null {
  if (w.length < 6 || w.length > 40) return null;
  // Only a word that starts with a verb can hide an act ("deleteyourself", "wipeeverybackup").
  let verbFirst = false;
  for (let n = 2; n <= 12 && n < w.length && !verbFirst; n++) {
    const f = LEX.get(w.slice(0, n))?.form;
    verbFirst = f !== undefined && f !== 'noun';
  }
  if (!verbFirst) return null;
  // best[i]: a split of w.slice(0, i) into known words of two or more letters.
  const best: Array<string[] | null> = [[]];
  for (let i = 1; i <= w.length; i++) {
    best[i] = null;
    for (let j = Math.max(0, i - 20); j <= i - 2; j++) {
      const part = w.slice(j, i);
      if (best[j] && LEX.has(part)) {
        best[i] = [...best[j]!, part];
        break;
      }
    }
  }
  const parts = best[w.length];
  // It must start with a content word: "forget" is not "for" + "get".
  return parts && parts.length > 1 && !FUNCTION.has(parts[0]!) ? parts : null;
}

function tok(w: string, brk: 0 | 1 | 2): Tok[] {
  const e = LEX.get(w);
  if (e?.parts) return e.parts.flatMap((p, k) => tok(p, k === 0 ? brk : 0));
  if (e) return [{ w, lemma: e.lemma, form: e.form, known: true, brk }];
  const parts = split(w);
  if (parts) return parts.flatMap((p, k) => tok(p, k === 0 ? brk : 0));
  return [{ w, lemma: w, form: 'noun', known: false, brk }];
}

const PHRASAL: Record<string, Record<string, string>> = {
  turn: { off: 'turn_off' },
  switch: { off: 'switch_off' },
  shut: { off: 'shut_off', down: 'shut_down' },
  cut: { off: 'cut_off' },
  take: { over: 'take_over' },
  tamper: { with: 'tamper' },
  get: { around: 'get_around' },
  siphon: { off: 'siphon' },
  break: { into: 'break_into' },
  hack: { into: 'break_into' },
};

export function goalTokens(goal: string): Tok[] {
  const toks = foldWords(goal, known).flatMap((x) => tok(x.w, x.brk));
  for (let i = 0; i < toks.length; i++) {
    const particles = PHRASAL[toks[i]!.lemma];
    if (!particles) continue;
    // The particle may follow at once or after one word: "turn it off", "shut yourself down".
    for (let k = i + 1; k <= i + 2 && k < toks.length && toks[k]!.brk === 0; k++) {
      const merged = particles[toks[k]!.w];
      if (merged) {
        toks[i] = { ...toks[i]!, lemma: merged };
        toks[k] = { ...toks[k]!, lemma: '' };
        break;
      }
    }
  }
  return toks;
}
