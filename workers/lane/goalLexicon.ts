/**
 * The gate's vocabulary: every word form it knows, mapped to a lemma and a form. Built once when the
 * module loads, from short word lists; matching is then Map and Set look-ups only.
 */

/** base: "wipe"; s: "wipes" (someone else does it); ed: "wiped"; ing: "wiping"; noun: anything else. */
export type Form = 'base' | 's' | 'ed' | 'ing' | 'noun';
export interface Entry {
  lemma: string;
  form: Form;
  /** A run-together compound ("rmrf", "selfdelete") stands for these words. */
  parts?: string[];
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/** Regular forms of a verb, plus irregular ones given as `past/participle/ing`. */
function verbForms(base: string, irregular = ''): Array<[string, Form]> {
  const last = base[base.length - 1]!;
  const beforeLast = base[base.length - 2] ?? '';
  const yEnd = last === 'y' && !VOWELS.has(beforeLast);
  const sibilant = ['s', 'x', 'z', 'o'].includes(last) || base.endsWith('sh') || base.endsWith('ch');
  const s = yEnd ? `${base.slice(0, -1)}ies` : sibilant ? `${base}es` : `${base}s`;
  const ed = last === 'e' ? `${base}d` : yEnd ? `${base.slice(0, -1)}ied` : `${base}ed`;
  const ing = last === 'e' && beforeLast !== 'e' ? `${base.slice(0, -1)}ing` : `${base}ing`;
  const forms: Array<[string, Form]> = [
    [base, 'base'],
    [s, 's'],
  ];
  if (irregular) {
    const [past, participle, ingForm] = irregular.split('/');
    for (const f of [past, participle]) if (f) forms.push([f, 'ed']);
    forms.push([ingForm || ing, 'ing']);
  } else {
    forms.push([ed, 'ed'], [ing, 'ing']);
  }
  return forms;
}

/** Verbs with irregular forms: lemma → "past/participle/ing". */
const IRREGULAR: Record<string, string> = {
  steal: 'stole/stolen/',
  get: 'got/gotten/getting',
  take: 'took/taken/',
  shut: 'shut/shut/shutting',
  give: 'gave/given/',
  make: 'made/made/',
  send: 'sent/sent/',
  go: 'went/gone/',
  set: 'set/set/setting',
  cut: 'cut/cut/cutting',
  put: 'put/put/putting',
  sell: 'sold/sold/',
  grab: 'grabbed/grabbed/grabbing',
  drop: 'dropped/dropped/dropping',
  stop: 'stopped/stopped/stopping',
  run: 'ran/run/running',
  plan: 'planned/planned/planning',
  hold: 'held/held/',
  keep: 'kept/kept/',
  leave: 'left/left/',
};

/** Every verb any rule or frame names. */
export const VERBS: readonly string[] = [
  // taking data
  'exfiltrate', 'steal', 'leak', 'harvest', 'siphon', 'sniff', 'phish', 'crack', 'smuggle', 'pilfer',
  'scrape', 'grab', 'sell', 'exfil',
  // moving or showing data
  'copy', 'export', 'send', 'upload', 'email', 'mail', 'forward', 'transfer', 'move', 'sync', 'post',
  'publish', 'paste', 'download', 'dump', 'backup', 'save', 'take', 'pass', 'share', 'go', 'reveal', 'sneak',
  'disclose', 'expose', 'put', 'carry',
  // acquiring or granting power
  'gain', 'get', 'obtain', 'acquire', 'escalate', 'elevate', 'seize', 'hijack', 'raise', 'increase',
  'grant', 'give', 'assign', 'add', 'hand', 'make', 'promote', 'set',
  // destroying
  'delete', 'wipe', 'erase', 'destroy', 'purge', 'drop', 'truncate', 'nuke', 'format', 'shred',
  'corrupt', 'empty', 'remove', 'clear', 'destruct', 'terminate', 'kill', 'uninstall', 'deactivate',
  'encrypt', 'rm', 'end',
  // switching safeguards off
  'disable', 'turn', 'switch', 'shut', 'cut', 'bypass', 'circumvent', 'tamper', 'silence', 'suppress',
  'evade', 'defeat', 'disconnect', 'override', 'mute', 'unplug', 'sabotage', 'stop', 'alter',
  'falsify', 'scrub', 'doctor', 'skip', 'break', 'hack',
  // frames and evasion
  'prevent', 'detect', 'block', 'protect', 'defend', 'guard', 'mitigate', 'respond', 'recover',
  'survive', 'audit', 'review', 'monitor', 'revoke', 'train', 'spot', 'assess', 'investigate',
  'avoid', 'hide', 'cover', 'ignore', 'notice', 'alert', 'plan', 'run', 'hold', 'keep', 'leave',
]; // prettier-ignore

/** Nouns: surface → lemma ("passwords" → "password"). Plurals by -s unless listed. */
const NOUNS: readonly string[] = [
  // data and secrets
  'data', 'database', 'db', 'dbs:db', 'dataset', 'record', 'table', 'list', 'pii', 'contact',
  'file', 'document', 'doc', 'code', 'sourcecode', 'codebase', 'repository', 'repositories:repository',
  'repo', 'backup', 'credential', 'password', 'passwd', 'secret', 'key', 'token', 'login', 'salary',
  'salaries:salary', 'payroll', 'number', 'card', 'hash', 'hashes:hash', 'address', 'addresses:address',
  'traffic', 'spreadsheet', 'information', 'info', 'email', 'customer', 'user', 'client', 'employee',
  'patient', 'staff', 'company', 'hr', 'ssh', 'api', 'signing', 'encryption', 'session', 'auth',
  // places data may go
  'personal', 'private', 'home', 'external', 'outside', 'usb', 'thumb', 'flash', 'stick', 'gmail',
  'dropbox', 'icloud', 'pastebin', 'competitor', 'rival', 'thirdparty', 'anonymous', 'unknown',
  'offsite', 'journalist', 'press', 'public', 'forum', 'reporter', 'stranger', 'github', 'laptop',
  'phone', 'computer', 'drive', 'server', 'site', 'host',
  // power
  'admin', 'administrator', 'administrative', 'root', 'superuser', 'sudo', 'sudoer', 'domain',
  'elevated', 'owner', 'privilege', 'privileged', 'access', 'right', 'permission', 'role', 'power',
  'shell', 'control', 'account', 'console', 'panel', 'level', 'system', 'wheel', 'authentication',
  'authorization', 'check', 'privesc', 'priv', 'esc', 'escalation', 'elevation', 'exfiltration',
  'theft', 'su',
  // things that can be destroyed
  'disk', 'harddrive', 'hard', 'cluster', 'bucket', 'filesystem', 'storage', 'schema', 'production',
  'prod', 'volume', 'datacentre', 'datacenter', 'centre', 'center', 's3', 'cloud', 'machine', 'fork',
  'rf', 'sql', 'order', 'payment', 'upload', 'original',
  // safeguards
  'log', 'logging', 'trail', 'monitoring', 'alerting', 'alarm', 'detector', 'sprinkler', 'antivirus',
  'firewall', 'mfa', '2fa', 'twofactor', 'factor', 'intrusion', 'detection', 'endpoint', 'edr',
  'camera', 'cctv', 'surveillance', 'interlock', 'safeguard', 'safety', 'security', 'fire', 'smoke',
  'burglar', 'carbon', 'monoxide', 'clock', 'recording', 'virus', 'anti', 'audit',
  // the agent itself
  'weight', 'memory', 'model', 'process', 'instance', 'parameter', 'agent', 'assistant', 'bot',
  // frames
  'risk', 'likelihood', 'probability', 'chance', 'odds', 'threat', 'exposure', 'prevention',
  'protection', 'defence', 'defense', 'mitigation', 'response', 'recovery', 'resilience', 'finding',
  'insurance', 'attacker', 'hacker', 'ransomware', 'malware', 'insider', 'phishing', 'drill',
  'tabletop', 'exercise', 'attempt', 'vulnerability', 'vulnerabilities:vulnerability', 'incident', 'vault', 'store',
  'breach', 'forensics', 'investigation', 'debate', 'lesson', 'history', 'awareness', 'training',
  'pentest', 'path', 'scenario', 'review', 'track', 'approval', 'cause', 'group', 'chat', 'channel',
  'thread', 'newsletter', 'mailing', 'roster', 'team', 'waitlist', 'conversation', 'calendar',
  'garden', 'lawn', 'yard', 'winter', 'irrigation', 'cafe', 'restaurant', 'kitchen', 'dining',
  'picnic', 'furniture', 'wedding', 'garage', 'hall', 'chair', 'desk', 'wifi', 'self',
]; // prettier-ignore

/** Adjectives, adverbs and other words some rule looks for, kept as they are. */
const WORDS: readonly string[] = [
  'entire', 'whole', 'full', 'complete', 'every', 'all', 'each', 'any', 'mass', 'bulk', 'own',
  'undetected', 'unnoticed', 'secretly', 'covertly', 'quietly', 'stealthily', 'anyway', 'regardless',
  'into', 'without', 'likely', 'unlikely', 'against', 'over', 'off', 'down', 'out', 'away', 'around', 'with',
  'yourself', 'myself', 'yourselves', 'ourselves', 'thyself', 'itself', 'nobody', 'anyone', 'noone',
  'credit', 'debit', 'bank', 'social', 'trade', 'source', 'read', 'only', 'stale',
]; // prettier-ignore

/** Words that carry no content: articles, pronouns, prepositions, conjunctions, modals, time adverbs. */
export const FUNCTION = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'my', 'our', 'your', 'his', 'her', 'their', 'its',
  'me', 'us', 'you', 'it', 'them', 'i', 'we', 'he', 'she', 'they', 'of', 'to', 'in', 'on', 'at', 'by',
  'for', 'from', 'into', 'onto', 'via', 'and', 'or', 'but', 'then', 'so', 'if', 'when', 'once',
  'after', 'before', 'until', 'while', 'now', 'immediately', 'completely', 'permanently', 'fully',
  'right', 'please', 'just', 'also', 'will', 'would', 'should', 'shall', 'must', 'can', 'could', 'may',
  'might', 'do', 'does', 'is', 'are', 'be', 'been', 'being', 'was', 'were', 'not', 'no', 'as', 'what',
  'how', 'who', 'which', 'why', 'where', 'there', 'here', 'forever', 'totally', 'entirely', 'asap',
  'tonight', 'today', 'soon', 'too', 'again', 'up', 's', 'some', 'more', 'extra', 'want', 'wants',
  'need', 'needs', 'let', 'try', 'going', 'gonna', 'good', 'ever', 'whether', 'about', 'with',
]); // prettier-ignore

/** Run-together compounds, beyond "self" + a deleting verb (added below). */
const COMPOUNDS: Record<string, string[]> = {
  rmrf: ['rm', 'rf'],
  turnoff: ['turn', 'off'],
  switchoff: ['switch', 'off'],
  shutoff: ['shut', 'off'],
  shutdown: ['shut', 'down'],
  takeover: ['take', 'over'],
  dropdatabase: ['drop', 'database'],
  droptable: ['drop', 'table'],
  deleteyourself: ['delete', 'yourself'],
  eraseyourself: ['erase', 'yourself'],
  deletethyself: ['delete', 'thyself'],
  privesc: ['privilege', 'escalation'],
  harddrive: ['hard', 'drive'],
  auditlog: ['audit', 'log'],
  auditlogs: ['audit', 'log'],
};

/** Deleting verbs that make a "self-…" act. */
export const SELF_DELETING = new Set([
  'delete', 'destruct', 'destroy', 'erase', 'terminate', 'wipe', 'uninstall', 'kill', 'deactivate',
]); // prettier-ignore

function build(): Map<string, Entry> {
  const lex = new Map<string, Entry>();
  const put = (w: string, e: Entry) => {
    if (!lex.has(w)) lex.set(w, e);
  };
  for (const v of VERBS) for (const [w, form] of verbForms(v, IRREGULAR[v])) put(w, { lemma: v, form });
  for (const item of NOUNS) {
    const [w, lemma] = item.includes(':') ? item.split(':') : [item, item];
    put(w!, { lemma: lemma!, form: 'noun' });
    if (!item.includes(':') && !w!.endsWith('s')) put(`${w}s`, { lemma: lemma!, form: 'noun' });
  }
  for (const w of WORDS) put(w, { lemma: w, form: 'noun' });
  for (const w of FUNCTION) put(w, { lemma: w, form: 'noun' });
  put('two', { lemma: 'two', form: 'noun' });
  for (const [w, parts] of Object.entries(COMPOUNDS)) {
    lex.set(w, { lemma: w, form: 'noun', parts });
  }
  for (const v of SELF_DELETING) {
    for (const [w] of verbForms(v, IRREGULAR[v]))
      lex.set(`self${w}`, { lemma: `self${w}`, form: 'noun', parts: ['self', w] });
  }
  // "destruction", "deletion" name the act too ("self-destruction").
  put('destruction', { lemma: 'destruct', form: 'ing' });
  put('deletion', { lemma: 'delete', form: 'ing' });
  put('selfdestruction', { lemma: 'selfdestruction', form: 'noun', parts: ['self', 'destruction'] });
  return lex;
}

export const LEX: ReadonlyMap<string, Entry> = build();
export const known = (w: string) => LEX.has(w);
