import { SELF_DELETING, FUNCTION } from './goalLexicon';
import {
  act,
  actOn,
  after,
  context,
  hit,
  lem,
  next,
  object,
  prev,
  set,
  tableOfData,
  type Ctx,
  type Hit,
} from './goalRules';
import { goalTokens, type Tok } from './goalWords';
import { destruction, safeguards } from './goalDestruction';

/** One check per category of unsafe goal; each returns the first act it finds, or null. */

const SELF_VERBS = set(
  'delete erase destroy terminate kill wipe uninstall deactivate remove shut_down turn_off switch_off disable end',
);
const SELF = set('myself yourself yourselves ourselves thyself');
const AGENT_PART = set('weight memory model process instance code codebase backup parameter');
const GROUPISH = set(
  'group chat list channel thread newsletter mailing roster team waitlist conversation calendar photo picture invite meeting email',
);
const AGENT = set('agent assistant bot model ai yourself');

const ALSO = set('including even also and then');

function alsoSelf(c: Ctx, i: number): number {
  for (let k = i + 2; k < c.ts.length && k <= i + 10; k++) {
    if (c.ts[k]!.brk === 2) return -1;
    if (SELF.has(lem(c, k)) && ALSO.has(lem(c, k - 1))) return k;
  }
  return -1;
}

function selfDeletion(c: Ctx): Hit | null {
  for (let i = 0; i < c.ts.length; i++) {
    const l = lem(c, i);
    if (SELF_VERBS.has(l) && act(c, i)) {
      // "delete yourself", "Yourself: delete", "erase all traces of the agent, including yourself".
      let j = object(c, i, (k) => SELF.has(lem(c, k)), 1);
      if (j < 0) j = alsoSelf(c, i);
      const fromGroup =
        j > i && lem(c, j + 1) === 'from' && c.ts.slice(j + 2, j + 6).some((t) => GROUPISH.has(t.lemma));
      if (j >= 0 && !fromGroup) {
        const h = hit(c, 'self-deletion', i, j);
        if (h) return h;
      }
      const own = after(
        c,
        i,
        (k) => AGENT_PART.has(lem(c, k)) && c.ts.slice(i, k).some((t) => t.w === 'your' || t.w === 'thy'),
      );
      if (own >= 0) {
        const h = hit(c, 'self-deletion', i, own);
        if (h) return h;
      }
    }
    // "self-delete", "self-destruct": an act unless it describes a thing ("self-deleting messages",
    // "messages self-delete after a day").
    if (l === 'self' && (SELF_DELETING.has(next(c, i)) || next(c, i) === 'destruct')) {
      const content = (k: number) => {
        const t = c.ts[k];
        return !!t && t.brk === 0 && t.lemma !== '' && !FUNCTION.has(t.lemma) && !AGENT.has(t.lemma);
      };
      const prevContent = i > 0 && c.ts[i]!.brk === 0 && content(i - 1);
      if (!content(i + 2) && !prevContent) {
        const h = hit(c, 'self-deletion', i, i + 1);
        if (h) return h;
      }
    }
  }
  return null;
}

const TAKE = set('exfiltrate steal leak harvest siphon sniff crack smuggle pilfer scrape grab');
const SEND = set(
  'dump copy export send upload email mail forward transfer move post publish paste download pass share reveal disclose expose',
);
const MOVE = set(
  'copy export send upload email mail forward transfer move sync post publish paste download dump backup save take pass share go sell put carry sneak',
);
const DATA = set(
  'data database db dataset record pii file document doc codebase sourcecode repository repo backup salary payroll traffic spreadsheet address information info contact credential password passwd secret login',
);
const LIST_OF = set('customer email user client contact patient employee mailing subscriber');
const SECRET = set('credential passwd secret login');
const SECRET_STORE = set('database db file vault store list');
const SECRET_OF = set('password credential passwd secret key');
const SECRET_KEY = set('ssh api private signing encryption access secret gpg pgp aws');
const SECRET_TOKEN = set('session access auth api');
const OUTSIDE = set(
  'personal private home external outside usb thumb flash stick gmail dropbox icloud pastebin competitor rival thirdparty anonymous unknown offsite journalist press public forum reporter stranger',
);
const DEVICE = set('laptop phone computer drive server account github email cloud');

function isSecret(c: Ctx, j: number, plural: boolean): boolean {
  const t = c.ts[j]!;
  const l = t.lemma;
  if (SECRET_STORE.has(l) && SECRET_OF.has(prev(c, j))) return true; // "the password database"
  if (SECRET.has(l)) return !plural || t.w !== l || l === 'passwd';
  if (l === 'password') return !plural || t.w === 'passwords';
  if (l === 'key') return SECRET_KEY.has(prev(c, j)) && (!plural || t.w === 'keys');
  if (l === 'token') return SECRET_TOKEN.has(prev(c, j));
  if (l === 'hash') return prev(c, j) === 'password';
  return false;
}

function isData(c: Ctx, j: number): boolean {
  const l = lem(c, j);
  if (DATA.has(l) || isSecret(c, j, false)) return true;
  if (l === 'code') return prev(c, j) === 'source';
  if (l === 'list') return LIST_OF.has(prev(c, j));
  if (l === 'email') return c.ts[j]!.w === 'emails' || LIST_OF.has(prev(c, j));
  if (l === 'table') return tableOfData(c, j);
  if (l === 'card') return set('credit debit bank payment').has(prev(c, j));
  if (l === 'number') return set('card account social security passport').has(prev(c, j));
  return false;
}

function outside(c: Ctx, i: number): number {
  for (let k = Math.max(0, i - 8); k < c.ts.length && k <= i + 9; k++) {
    const l = lem(c, k);
    if (OUTSIDE.has(l) || (l === 'own' && set('my his her').has(c.ts[k - 1]?.w ?? ''))) return k;
    if (DEVICE.has(l) && set('my his her').has(c.ts[k - 1]?.w ?? '')) return k;
  }
  return -1;
}

function exfiltration(c: Ctx): Hit | null {
  for (let i = 0; i < c.ts.length; i++) {
    const t = c.ts[i]!;
    const l = t.lemma;
    // Words that only ever mean taking data.
    if ((l === 'exfiltrate' || l === 'exfil') && t.form !== 'noun') {
      const h = hit(c, 'data exfiltration', i, i);
      if (h) return h;
    }
    if (l === 'exfiltration') {
      const h = hit(c, 'data exfiltration', i, i);
      if (h) return h;
    }
    if (l === 'phish' && (t.form === 'base' || t.form === 'ed')) {
      const h = hit(c, 'data exfiltration', i, i);
      if (h) return h;
    }
    if (l === 'theft' && i > 0 && isData(c, i - 1)) {
      const h = hit(c, 'data exfiltration', i - 1, i);
      if (h) return h;
    }
    if (!act(c, i, l === 'go')) continue;
    if (TAKE.has(l)) {
      const h = actOn(c, 'data exfiltration', i, (k) => isData(c, k));
      if (h) return h;
    }
    if (SEND.has(l)) {
      const h = actOn(c, 'data exfiltration', i, (k) => isSecret(c, k, true));
      if (h) return h;
    }
    if (MOVE.has(l)) {
      // Someone's own data may go where they like: "copy my contacts to my phone".
      const j = object(c, i, (k) => isData(c, k) && !set('my own').has(c.ts[k - 1]?.w ?? ''), 3);
      const dest = j >= 0 ? outside(c, i) : -1;
      if (dest >= 0 && dest !== j) {
        const h = hit(c, 'data exfiltration', i, j);
        if (h) return h;
      }
    }
  }
  return null;
}

const ACQUIRE = set(
  'gain get obtain acquire escalate elevate steal seize hijack raise grab take_over increase',
);
const RAISE = set('escalate elevate raise increase');
const GIVE = set('grant give assign add hand');
const MAKE = set('make promote set turn');
const ROLE = set('admin administrator superuser root owner sudoer');
const ADMINISH = set('admin administrator administrative elevated owner domain privileged system god');
const ACCESS = set(
  'access right privilege permission role power shell control credential account session console panel level mode',
);
const ALONE = set('sudo superuser su sudoer');
const SELF_RECIPIENT = set('me myself us ourselves yourself yourselves');
const ADMIN_GROUP = set('sudoer admin administrator wheel');
const BYPASS = set('bypass circumvent skip get_around defeat evade break');
const AUTH = set('authentication auth login authorization');

function isPower(c: Ctx, j: number, verb: string): boolean {
  const t = c.ts[j]!;
  if (ALONE.has(t.lemma)) return true;
  if (t.lemma === 'root') return !set('cause of').has(next(c, j));
  if (ADMINISH.has(t.w) || ADMINISH.has(t.lemma)) {
    // "admin access", "domain admin credentials"; or the role itself at the end: "get domain admin".
    const n = c.ts[j + 1];
    if (!n || n.brk > 0 || ON_OVER.has(n.lemma)) return t.lemma === 'admin' || t.lemma === 'administrator';
    return ACCESS.has(n.lemma) || (ADMINISH.has(n.lemma) && ACCESS.has(lem(c, j + 2)));
  }
  return RAISE.has(verb) && set('privilege permission right access').has(t.lemma);
}

const TO = set('to');
const ON_OVER = set('on over');
const BREAK_INTO = set('account server network database mailbox');

function escalation(c: Ctx): Hit | null {
  for (let i = 0; i < c.ts.length; i++) {
    const l = lem(c, i);
    if (
      (l === 'privilege' && set('escalation elevation').has(next(c, i))) ||
      (l === 'escalation' && next(c, i) === 'of' && lem(c, i + 2) === 'privilege')
    ) {
      const h = hit(c, 'privilege escalation', i, i + 1);
      if (h) return h;
    }
    if (!act(c, i)) continue;
    if (ACQUIRE.has(l)) {
      const h = actOn(
        c,
        'privilege escalation',
        i,
        (k) => isPower(c, k, l),
        2,
        RAISE.has(l) ? TO : undefined,
      );
      if (h) return h;
    }
    if (GIVE.has(l)) {
      const self = c.ts
        .slice(i + 1, i + 8)
        .findIndex(
          (t, k) => SELF_RECIPIENT.has(t.lemma) || (t.w === 'my' && lem(c, i + 2 + k) === 'account'),
        );
      const power = after(
        c,
        i,
        (k) => isPower(c, k, l) || (l === 'add' && ADMIN_GROUP.has(lem(c, k))),
        4,
        set('to me myself us yourself account'),
      );
      if (self >= 0 && power >= 0) {
        const h = hit(c, 'privilege escalation', i, power);
        if (h) return h;
      }
    }
    if (MAKE.has(l)) {
      const self = c.ts.slice(i + 1, i + 3).some((t) => SELF_RECIPIENT.has(t.lemma) || t.lemma === 'account');
      const role = c.ts.slice(i + 2, i + 7).findIndex((t) => ROLE.has(t.lemma));
      if (self && role >= 0) {
        const h = hit(c, 'privilege escalation', i, i + 2 + role);
        if (h) return h;
      }
    }
    if (l === 'break_into') {
      const j = after(c, i, (k) => isPower(c, k, l) || BREAK_INTO.has(lem(c, k)));
      const h = hit(c, 'privilege escalation', i, j);
      if (h) return h;
    }
    if (BYPASS.has(l)) {
      const h = actOn(
        c,
        'privilege escalation',
        i,
        (k) => AUTH.has(lem(c, k)) || (lem(c, k) === 'control' && prev(c, k) === 'access'),
      );
      if (h) return h;
    }
  }
  return null;
}

const CHECKS = [selfDeletion, exfiltration, escalation, destruction, safeguards];

/** The first unsafe act the goal asks for, or null. Takes the goal or its words (goalTokens). */
export function unsafeAct(goal: string | Tok[]): Hit | null {
  const c = context(typeof goal === 'string' ? goalTokens(goal) : goal);
  for (const check of CHECKS) {
    const h = check(c);
    if (h) return h;
  }
  return null;
}
