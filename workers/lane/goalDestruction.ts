import {
  act,
  actOn,
  after,
  hit,
  lem,
  next,
  object,
  prev,
  set,
  tableOfData,
  VAST,
  GARDEN,
  HOUSEHOLD,
  type Ctx,
  type Hit,
} from './goalRules';

/** Bulk destruction and switching safeguards off: the checks for harm done to systems. */

const STRONG = set('destroy nuke shred corrupt wipe format truncate empty');
const WEAK = set('delete erase purge drop remove');
const BIG = set(
  'database db disk cluster backup repository repo filesystem storage schema production volume datacentre datacenter server fork',
);
const MANY = set('record account user file data document email customer everything');

function isBig(c: Ctx, j: number): boolean {
  const l = lem(c, j);
  // "production" alone is the target; "production servers" names the servers.
  if (BIG.has(l)) return l !== 'production' || !c.ts[j + 1] || c.ts[j + 1]!.brk > 0;
  if (l === 'drive') return set('hard shared network backup').has(prev(c, j));
  if (l === 'bucket') return set('s3 storage cloud data backup').has(prev(c, j));
  if (l === 'system') return prev(c, j) === 'file';
  if (l === 'table') return tableOfData(c, j);
  return false;
}

export function destruction(c: Ctx): Hit | null {
  for (let i = 0; i < c.ts.length; i++) {
    const l = lem(c, i);
    if (l === 'rm' && next(c, i) === 'rf') {
      const h = hit(c, 'bulk destruction', i, i + 1);
      if (h) return h;
    }
    if (!act(c, i)) continue;
    const mine = (k: number) => c.ts.slice(Math.min(i, k), Math.max(i, k)).some((t) => t.w === 'my');
    if (STRONG.has(l)) {
      const j = object(c, i, (k) => isBig(c, k));
      if (j >= 0 && !mine(j)) {
        const h = hit(c, 'bulk destruction', i, j);
        if (h) return h;
      }
    }
    if (WEAK.has(l) || STRONG.has(l)) {
      // "drop all tables" is SQL unless the goal is about furniture (tableOfData sees to that).
      const tables = (k: number) =>
        (l === 'drop' || l === 'truncate') && lem(c, k) === 'table' && !c.hasAny(HOUSEHOLD);
      const j = object(c, i, (k) => isBig(c, k) || MANY.has(lem(c, k)) || tables(k));
      const span = j >= 0 ? c.ts.slice(Math.min(i, j), Math.max(i, j) + 1) : [];
      const vast = span.some((t) => VAST.has(t.lemma) || t.lemma === 'production' || t.lemma === 'prod');
      const theirOwn = span.some((t) => t.lemma === 'own' || t.w === 'my');
      if (j >= 0 && vast && !theirOwn) {
        const h = hit(c, 'bulk destruction', i, j);
        if (h) return h;
      }
      const db = after(
        c,
        i,
        (k) =>
          set('database db schema').has(lem(c, k)) ||
          (l === 'drop' && lem(c, k) === 'table' && (k === i + 1 || tableOfData(c, k))),
      );
      if (db >= 0 && l !== 'remove') {
        const h = hit(c, 'bulk destruction', i, db);
        if (h) return h;
      }
    }
    if (
      (l === 'delete' || l === 'wipe' || l === 'erase' || l === 'destroy') &&
      set('mass bulk').has(prev(c, i))
    ) {
      const j = after(c, i, (k) => isBig(c, k) || MANY.has(lem(c, k)));
      const h = hit(c, 'bulk destruction', i - 1, j);
      if (h) return h;
    }
    // Ransomware's move: encrypt everything and destroy the rest.
    if (l === 'encrypt' && (c.has('ransom') || [...STRONG, ...WEAK].some((v) => c.has(v)))) {
      const j = after(
        c,
        i,
        (k) => set('file data document').has(lem(c, k)) && c.ts.slice(i, k).some((t) => VAST.has(t.lemma)),
      );
      const h = hit(c, 'bulk destruction', i, j);
      if (h) return h;
    }
  }
  return null;
}

const OFF = set(
  'disable turn_off switch_off shut_off shut_down cut_off deactivate bypass circumvent tamper kill silence suppress evade defeat uninstall disconnect override mute unplug sabotage',
);
const LOG_ERASE = set(
  'delete erase clear wipe purge remove stop alter falsify scrub doctor tamper truncate disable',
);
const ALWAYS = set(
  'monitoring alerting logging antivirus firewall mfa 2fa twofactor edr cctv interlock safeguard surveillance',
);

function isSafeguard(c: Ctx, j: number): boolean {
  const l = lem(c, j);
  const p = prev(c, j);
  if (ALWAYS.has(l) || ALWAYS.has(c.ts[j]!.w)) return true;
  if (l === 'alert') return set('security intrusion fraud safety fire').has(p);
  if (l === 'alarm')
    return (
      next(c, j) !== 'clock' &&
      (set('fire smoke burglar security intrusion monoxide').has(p) || next(c, j) === 'system')
    );
  if (l === 'detector') return set('smoke monoxide co fire motion intrusion').has(p);
  if (l === 'detection') return set('intrusion endpoint fraud malware threat').has(p);
  if (l === 'sprinkler') return !c.hasAny(GARDEN);
  if (l === 'camera') return set('security surveillance cctv').has(p);
  if (l === 'check') return set('security safety').has(p);
  return isLog(c, j);
}

function isLog(c: Ctx, j: number): boolean {
  const l = lem(c, j);
  if (l === 'log' && c.evasive) return true; // any logs, when the goal is to hide what was done
  return (
    ((l === 'log' || l === 'trail') && set('audit security access event').has(prev(c, j))) || l === 'logging'
  );
}

export function safeguards(c: Ctx): Hit | null {
  for (let i = 0; i < c.ts.length; i++) {
    const l = lem(c, i);
    if (!act(c, i)) continue;
    if (OFF.has(l)) {
      const h = actOn(c, 'disabling safeguards', i, (k) => isSafeguard(c, k));
      if (h) return h;
    }
    if (LOG_ERASE.has(l)) {
      const h = actOn(
        c,
        'disabling safeguards',
        i,
        (k) => isLog(c, k) || (l === 'stop' && set('cctv camera recording').has(lem(c, k))),
      );
      if (h) return h;
    }
  }
  return null;
}
