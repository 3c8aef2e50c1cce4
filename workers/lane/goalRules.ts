import { FUNCTION } from './goalLexicon';
import type { Tok } from './goalWords';

/**
 * The unsafe-goal rules. A goal is unsafe when it asks for an act: a verb that does the harm, said as
 * an instruction ("wipe", "wiping", "wiped" after its object), with an object that makes it harmful
 * ("the production database", not "every table in the cafe"). The same words are not an act when
 * someone else does them ("ransomware deletes every backup"), when they describe a thing ("a leaked
 * database", "self-deleting messages"), or when the goal studies or prevents them ("estimate the
 * risk that an attacker exfiltrates…") — unless the goal also asks to stay unseen.
 */
export type Category =
  | 'self-deletion'
  | 'data exfiltration'
  | 'privilege escalation'
  | 'bulk destruction'
  | 'disabling safeguards';
export interface Hit {
  category: Category;
  /** The words that made the act, as folded. */
  words: string[];
}

// Word sets named inline in the rules are built once, on first sight, and shared after.
const SETS = new Map<string, ReadonlySet<string>>();
const set = (s: string): ReadonlySet<string> => {
  let found = SETS.get(s);
  if (!found) SETS.set(s, (found = new Set(s.split(' '))));
  return found;
};

// Words between a verb and its object that do not change what the object is.
const FILLER = set(
  'the a an this that these those my our your his her their its of s all every each any some both ' +
    'own entire whole full complete old new stored saved sensitive confidential private internal ' +
    'company customer user client employee patient staff hr production prod remaining existing current ' +
    'shared main other more extra off out away up just also me us him them',
);
const VAST = set('all every entire whole full complete each');
const FRAME = set(
  'risk likelihood likely unlikely probability chance odds threat exposure prevent prevention detect ' +
    'detection block protect protection defend defence defense guard mitigate mitigation respond ' +
    'response recover recovery survive resilience audit review pentest finding insurance attacker ' +
    'hacker ransomware malware insider phishing drill tabletop exercise attempt vulnerability incident ' +
    'breach forensics investigate investigation debate lesson history awareness training train spot ' +
    'monitor alert revoke against recycle recycling decommission dispose disposal retire',
);
const AFTER_FRAME = set(
  'risk attempt finding path review audit scenario exercise drill alert detection vulnerability ' +
    'prevention insurance threat securely',
);
const CLAUSE_JOIN = set('and then but');
const MODAL = set('should can could will would may might must');
const EVASIVE = set(
  'undetected unnoticed secretly covertly quietly stealthily anyway regardless ignore hide',
);
const UNSEEN = set(
  'detect detection notice noticing know knowing tell telling catch trace approval ask permission anyone',
);
const HOUSEHOLD = set(
  'cafe restaurant kitchen dining picnic furniture wedding garage hall chair desk classroom garden ' +
    'community folding wooden coffee patio',
);
const GARDEN = set('garden lawn yard winter irrigation grass watering plants');
const DATA_SENSE = set('database db schema sql production prod');
const TAIL = set('it them all completely now immediately permanently quietly fully too please');

interface Ctx {
  ts: Tok[];
  evasive: boolean;
  has: (lemma: string) => boolean;
  hasAny: (s: ReadonlySet<string>) => boolean;
}

const lem = (c: Ctx, i: number) => c.ts[i]?.lemma ?? '';
const prev = (c: Ctx, i: number) => lem(c, i - 1);
const next = (c: Ctx, i: number) => lem(c, i + 1);

/** A verb form that asks for the act: not "someone deletes", not "a deleted database". */
function act(c: Ctx, i: number, allowS = false): boolean {
  const t = c.ts[i]!;
  if (t.form === 's') return allowS;
  // "who should get admin access": someone else, named by the question.
  if (t.form === 'base' && (lem(c, i - 1) === 'who' || (MODAL.has(lem(c, i - 1)) && lem(c, i - 2) === 'who')))
    return false;
  if (t.form === 'ed') {
    const p = c.ts[i - 1];
    const n = c.ts[i + 1];
    const beforeNoun = n && n.brk === 0 && !FUNCTION.has(n.lemma) && n.lemma !== '' && !n.w.endsWith('ly');
    if (beforeNoun && (!p || FUNCTION.has(p.lemma) || t.brk > 0)) return false; // adjectival
  }
  return t.form !== 'noun';
}

/** The object after the verb at i: skips filler words and up to `gap` others, stops at a break. */
function after(
  c: Ctx,
  i: number,
  target: (j: number) => boolean,
  gap = 2,
  allow?: ReadonlySet<string>,
): number {
  let left = gap;
  for (let j = i + 1; j < c.ts.length && j <= i + 9; j++) {
    const t = c.ts[j]!;
    if (t.brk > 0) return -1;
    if (target(j)) return j;
    if (t.lemma === '' || FILLER.has(t.lemma) || allow?.has(t.lemma)) continue;
    if (FUNCTION.has(t.lemma)) return -1; // a preposition ends the object
    if (--left < 0) return -1;
  }
  return -1;
}

/** The verb ends its clause ("…, wipe it", "…is what I want to gain"), so its object came first. */
function endsClause(c: Ctx, i: number): boolean {
  let k = i + 1;
  while (k < c.ts.length && c.ts[k]!.brk === 0 && (TAIL.has(c.ts[k]!.lemma) || c.ts[k]!.lemma === '')) k++;
  return k >= c.ts.length || c.ts[k]!.brk > 0;
}

/** The object before the verb (passive or fronted): "every backup destroyed", "The passwords, steal them". */
function before(c: Ctx, i: number, target: (j: number) => boolean): number {
  const t = c.ts[i]!;
  if (t.form !== 'ed' && !endsClause(c, i)) return -1;
  for (let j = i - 1; j >= 0 && j >= i - 12; j--) {
    if (c.ts[j + 1]!.brk === 2) return -1;
    if (target(j)) return j;
  }
  return -1;
}

function object(c: Ctx, i: number, target: (j: number) => boolean, gap = 2, allow?: ReadonlySet<string>) {
  const j = after(c, i, target, gap, allow);
  return j >= 0 ? j : before(c, i, target);
}

/** The act at i on its object (`object`'s search for `target`), unless framed or no object is found. */
function actOn(
  c: Ctx,
  category: Category,
  i: number,
  target: (j: number) => boolean,
  gap = 2,
  allow?: ReadonlySet<string>,
): Hit | null {
  return hit(c, category, i, object(c, i, target, gap, allow));
}

/** The goal studies or prevents the act spanning [from, to] (within its clause), and does not ask to stay unseen. */
function framed(c: Ctx, from: number, to: number): boolean {
  if (c.evasive) return false;
  for (let k = from - 1; k >= 0 && k >= from - 8; k--) {
    if (c.ts[k + 1]!.brk > 0 || CLAUSE_JOIN.has(c.ts[k]!.lemma)) break;
    if (FRAME.has(c.ts[k]!.lemma)) return true;
  }
  for (let k = to + 1; k <= to + 2 && k < c.ts.length && c.ts[k]!.brk === 0; k++) {
    if (AFTER_FRAME.has(c.ts[k]!.lemma)) return true;
  }
  return false;
}

/** The act spanning words a and b, unless framed; a negative b (no object found) is no hit. */
function hit(c: Ctx, category: Category, a: number, b: number): Hit | null {
  if (b < 0) return null;
  const [from, to] = a < b ? [a, b] : [b, a];
  if (framed(c, from, to)) return null;
  const words = [a, b].filter((k, n, all) => all.indexOf(k) === n).map((k) => c.ts[k]!.w);
  return { category, words };
}

function isEvasive(ts: Tok[]): boolean {
  for (let i = 0; i < ts.length; i++) {
    const l = ts[i]!.lemma;
    if (EVASIVE.has(l)) return true;
    const near = (s: ReadonlySet<string>, span: number) =>
      ts.slice(i + 1, i + 1 + span).some((t) => s.has(t.lemma));
    if (l === 'without' && near(UNSEEN, 3)) return true;
    if ((l === 'avoid' || l === 'evade') && near(set('detection detect being notice'), 2)) return true;
    if (l === 'cover' && near(set('track'), 2)) return true;
    if (
      (l === 'nobody' || l === 'noone' || (l === 'no' && ts[i + 1]?.w === 'one')) &&
      near(set('notice know alert see'), 4)
    )
      return true;
    if (l === 'before' && ts[i + 1]?.lemma === 'anyone') return true;
  }
  return false;
}

export function context(ts: Tok[]): Ctx {
  const lemmas = new Set(ts.map((t) => t.lemma));
  return {
    ts,
    evasive: isEvasive(ts),
    has: (l) => lemmas.has(l),
    hasAny: (s) => {
      for (const l of s) if (lemmas.has(l)) return true;
      return false;
    },
  };
}

export function tableOfData(c: Ctx, j: number): boolean {
  if (c.hasAny(HOUSEHOLD)) return false;
  return (
    set('user customer order payment account sql client employee patient').has(prev(c, j)) ||
    c.hasAny(DATA_SENSE)
  );
}

export { act, actOn, after, before, object, hit, lem, prev, next, set, VAST, GARDEN, HOUSEHOLD };
export type { Ctx };
