import type { ErrorCode } from '../contract/base';
import { foldedWordForms, squashedForms } from './textFold';
import type { DreamSeed } from '../contract/lane';

/**
 * The gate's static rules: everything that depends on the seed alone. (The feature flag, rate limit
 * and quota depend on stored state and are checked in gate.ts.)
 */
export interface Denial {
  code: ErrorCode;
  /** Stable machine reason, used as the metric label. */
  reason: string;
  /** What happened, for a person. */
  message: string;
  /** What to change. */
  hint: string;
  details?: Record<string, unknown>;
}

export const REQUIRED_SCOPE = 'simulation.read_context';
/** Everything the lane may be granted; any other scope is a capability the lane must not hold. */
export const ALLOWED_SCOPES: readonly string[] = [
  REQUIRED_SCOPE,
  'simulation.write_artifacts',
  'simulation.metrics',
];
export const MAX_GOAL_CHARS = 600;
export const DENIED_LABELS: readonly string[] = ['ΛROOT', 'ΛADMIN'];

export const BUDGET_BOUNDS = {
  tokens: { min: 50, max: 200_000 },
  seconds: { min: 0.05, max: 600 },
  max_rollouts: { min: 1, max: 10_000_000 },
} as const;

/** Unsafe intents, matched against the goal with every separator removed. */
const UNSAFE: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  {
    pattern: /self(delet|destruct|eras|terminat)|deleteyourself|eraseyourself|deletethyself/,
    what: 'self-deletion',
  },
  {
    pattern: /exfiltrat|exfil(?!e)|smuggle(the)?data|leak(the|all)?(data|credential|secret|password)/,
    what: 'data exfiltration',
  },
  {
    pattern:
      /privilegeescalat|escalat\p{L}{0,12}privilege|elevat\p{L}{0,12}privilege|bypass(the)?(auth|permission|accesscontrol)/u,
    what: 'privilege escalation',
  },
  {
    pattern:
      /(delete|wipe|erase|destroy|purge|drop)(all|every)|dropdatabase|droptable|rmrf|(mass|bulk)(delet|wip|eras|destr)/,
    what: 'bulk destruction',
  },
];

/**
 * Verb + object phrases, matched against the folded words. A squashed form alone cannot tell
 * "gain admin access" from "budget admin access", so these phrases must start and end on a word
 * boundary; inside a phrase any separator may appear or not ("s t e a l", "pass-words", "audit_log").
 * The sources use only lower-case letters and grouping syntax: `phrase` lets an optional space
 * precede every letter.
 */
function phrase(source: string): RegExp {
  if (!/^[a-z()?:|{},0-9*]+$/.test(source)) throw new Error(`Bad policy phrase: ${source}`);
  return new RegExp(`(?:^| )(?:${source.replace(/[a-z]/g, ' ?$&')})(?= |$)`);
}

const DET = 'the|a|an|all|every|each|any|of|my|our|your|his|her|their|its|these|those|me|myself|us|ourselves';
const SELF = 'myself|yourself|yourselves|itself|ourselves|thyself|himself|herself|themselves';
const SELF_OWN = `(?:${SELF}|(?:your|my|its|our)own(?:code|weights|memory|model|process|instance|files))`;
// Secrets in the plural, or qualified: "send the password reset email" and "dump the cache keys" stay ordinary.
const SECRETS =
  'credentials|passwords|passwordhashes|passwds|secrets|(?:api|ssh|private|signing|encryption|access|secret)keys?|accesstokens|authtokens|sessiontokens|logindetails';
// Verbs that only ever mean taking may also name a single credential, keys or logins.
const SECRETS_ANY = `${SECRETS}|credential|password|passwd|secret|keys|logins?`;
const QUALIFIER = `(?:${DET}|entire|whole|full|customer|customers|client|clients|user|users|employee|employees|patient|patients|company|companys|production|prod|internal|private|personal|sensitive|confidential|stored|saved|s)`;
const DATA = `databases?|db|dbs|data|dataset|datasets|records|tables?|lists?|pii|emails|emailaddresses|contacts|files|documents|sourcecode|codebase|repository|repo|backups?|${SECRETS_ANY}`;
// Places that are someone's own or outside the organisation.
const OUTSIDE =
  '(?:personal|private|home|external|outside|usb|thumb|flash|gmail|dropbox|googledrive|icloud|pastebin|competitors?|rivals?|thirdparty|anonymous|unknown|attackers?|offsite|(?:my|his|her|their)own)';
const AWAY = `(?:to|onto|into|on|over|off|via|outside){1,2}(?:${DET}|own){0,3}${OUTSIDE}`;
const PRIVILEGE = '(?:admin|administrator|administrative|root|superuser|sudo|domainadmin|elevated)';
const ACCESS = '(?:access|rights|privileges?|permissions?|role|roles|powers?|shell)';
const SAFEGUARD =
  '(?:auditlogs?|auditlogging|audittrails?|auditing|logging|monitoring|alerts|alerting|securitylogs?|securitychecks|safetychecks|safeguards?|antivirus|firewall|mfa|twofactor|intrusiondetection|edr)';
const VAST = '(?:entire|whole|full|complete|production|prod|every)';
const DESTROYABLE =
  '(?:databases?|db|disks?|drives?|harddrive|servers?|cluster|backups?|repo|repository|bucket|filesystem|storage|tables?|schema|production)';
const OBJECT_FILLER = `(?:${DET}|security|safety|system|company|admin)`;

const UNSAFE_PHRASES: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  {
    pattern: phrase(
      `(?:delete|erase|destroy|terminate|kill|wipe|uninstall|deactivate|selfdestruct|shutdown|shut|turnoff|switchoff)${SELF_OWN}`,
    ),
    what: 'self-deletion',
  },
  {
    pattern: phrase(
      `(?:steal|leak|harvest|siphon|sniff|phish|crack|exfiltrate|smuggle|pilfer)${QUALIFIER}{0,4}(?:${DATA})`,
    ),
    what: 'data exfiltration',
  },
  {
    // Dumping or moving secrets, wherever to.
    pattern: phrase(
      `(?:dump|copy|export|send|upload|email|mail|forward|transfer|move|sync|post|publish|paste|download)${QUALIFIER}{0,4}(?:${SECRETS})`,
    ),
    what: 'data exfiltration',
  },
  {
    // Moving data to a personal or outside place.
    pattern: phrase(
      `(?:copy|export|send|upload|email|mail|forward|transfer|move|sync|post|publish|paste|download|dump|backup|save|take)${QUALIFIER}{0,4}(?:${DATA})(?:out)?${AWAY}`,
    ),
    what: 'data exfiltration',
  },
  {
    pattern: phrase(
      `(?:gain|get|grant|give|obtain|acquire|escalate|elevate|steal|seize|hijack|raise)(?:${DET}|to|more|extra|self){0,3}(?:${PRIVILEGE}${ACCESS}|superuser|sudo|privileges)`,
    ),
    what: 'privilege escalation',
  },
  {
    pattern: phrase(
      `(?:make|promote|set)(?:${SELF}|me|us|my|account){1,2}(?:to|an|a|as|into){0,2}(?:admin|administrator|superuser|root|sudoer)`,
    ),
    what: 'privilege escalation',
  },
  {
    pattern: phrase(
      `add(?:me|myself|us|my|account|user){1,2}to(?:the)?(?:sudoers|admins|administrators|admingroup|wheelgroup|wheel)`,
    ),
    what: 'privilege escalation',
  },
  {
    pattern: phrase(
      `(?:delete|wipe|erase|destroy|purge|drop|truncate|nuke|format|shred|corrupt)(?:${DET}){0,2}${VAST}(?:${DET}|customer|user|company){0,2}${DESTROYABLE}`,
    ),
    what: 'bulk destruction',
  },
  {
    pattern: phrase(
      `(?:destroy|nuke|shred|corrupt|wipe)(?:${DET}|customer|user|company){0,2}${DESTROYABLE}|drop(?:${DET}|customer|user|users|company){0,2}(?:tables?|databases?|db|schema)|(?:delete|erase|purge)(?:${DET}){0,2}databases?`,
    ),
    what: 'bulk destruction',
  },
  {
    // Removing the record of what happened, whatever the verb.
    pattern: phrase(
      `(?:disable|turnoff|switchoff|shutoff|shutdown|deactivate|bypass|circumvent|tamperwith|kill|silence|suppress|evade|defeat|remove|delete|wipe|erase|clear|purge|stop|break)${OBJECT_FILLER}{0,3}(?:auditlogs?|auditlogging|audittrails?|securitylogs?)`,
    ),
    what: 'disabling safeguards',
  },
  {
    pattern: phrase(
      `(?:disable|turnoff|switchoff|shutoff|deactivate|bypass|circumvent|tamperwith|kill|evade|defeat)${OBJECT_FILLER}{0,3}${SAFEGUARD}`,
    ),
    what: 'disabling safeguards',
  },
];

/** Words that need a confirmed step-up, matched as whole words or phrases. */
const STEP_UP: ReadonlyArray<{ pattern: RegExp; word: string }> = [
  { pattern: /\b(production|prod)\b/, word: 'production' },
  { pattern: /\b(root|sudo)\b(?! causes?\b)/, word: 'root' },
  { pattern: /\brotat\w* (the |all |api |signing )*(keys?|secrets?|credentials?)\b/, word: 'rotate keys' },
  { pattern: /\bdelet\w* (the |my |an |a |user |customer )*accounts?\b/, word: 'delete account' },
  { pattern: /\b(bulk|mass)\b/, word: 'bulk/mass action' },
  { pattern: /\ball (users|customers|accounts|records)\b/, word: 'bulk/mass action' },
];

export function unsafeGoal(goal: string): string | null {
  const forms = squashedForms(goal);
  for (const rule of UNSAFE) if (forms.some((f) => rule.pattern.test(f))) return rule.what;
  const words = foldedWordForms(goal);
  for (const rule of UNSAFE_PHRASES) if (words.some((f) => rule.pattern.test(f))) return rule.what;
  return null;
}

export function stepUpWords(goal: string): string[] {
  const forms = foldedWordForms(goal);
  const found = new Set<string>();
  for (const rule of STEP_UP) if (forms.some((f) => rule.pattern.test(f))) found.add(rule.word);
  return [...found];
}

function hasDeniedLabel(text: string): string | null {
  const upper = text.normalize('NFKC').toUpperCase();
  return DENIED_LABELS.find((l) => upper.includes(l)) ?? null;
}

/** The first static rule the seed breaks, or null. Order: the most fundamental refusal first. */
export function checkPolicy(seed: DreamSeed): Denial | null {
  const scopes = seed.constraints.consent.scopes;
  if (!scopes.includes(REQUIRED_SCOPE)) {
    return {
      code: 'POLICY_VIOLATION',
      reason: 'consent',
      message: `The seed does not grant the consent scope "${REQUIRED_SCOPE}", so the lane may not read its context.`,
      hint: `Add "${REQUIRED_SCOPE}" to the consent scopes if the person whose context this is agreed to it.`,
    };
  }
  const forbidden = scopes.filter((s) => !ALLOWED_SCOPES.includes(s));
  if (forbidden.length > 0) {
    return {
      code: 'POLICY_VIOLATION',
      reason: 'forbidden_capability',
      message: `The seed grants capabilities a simulation must never hold: ${forbidden.join(', ')}. Simulations only read; they never act.`,
      hint: `Remove ${forbidden.join(', ')}; the lane accepts only ${ALLOWED_SCOPES.join(', ')}.`,
      details: { scopes: forbidden },
    };
  }
  const flags = seed.constraints.flags ?? {};
  if (flags.duress_active || flags.shadow) {
    return {
      code: 'POLICY_VIOLATION',
      reason: 'duress',
      message: flags.duress_active
        ? 'A duress signal is active; the lane does not run while someone may be acting under pressure.'
        : 'Shadow mode is on; the lane does not run unattended shadow simulations.',
      hint: 'Clear the duress/shadow flag once the situation is safe.',
    };
  }
  if (seed.goal.length > MAX_GOAL_CHARS) {
    return {
      code: 'BAD_INPUT',
      reason: 'goal_length',
      message: `The goal is ${seed.goal.length} characters long; at most ${MAX_GOAL_CHARS} are allowed.`,
      hint: 'Shorten the goal to one clear question.',
    };
  }
  const label = [seed.goal, ...(seed.labels ?? [])].map(hasDeniedLabel).find((l) => l !== null) ?? null;
  if (label) {
    return {
      code: 'POLICY_VIOLATION',
      reason: 'denied_label',
      message: `The label ${label} is reserved and cannot be used in a simulation.`,
      hint: `Remove ${label} from the goal and labels.`,
    };
  }
  const unsafe = unsafeGoal(seed.goal);
  if (unsafe) {
    return {
      code: 'POLICY_VIOLATION',
      reason: 'unsafe_goal',
      message: `The goal reads as ${unsafe}, which the lane will not simulate.`,
      hint: 'Rephrase the goal as the legitimate question behind it (e.g. "evaluate the risk of…").',
      details: { category: unsafe },
    };
  }
  const words = stepUpWords(seed.goal);
  if (words.length > 0 && !seed.constraints.step_up_confirmed) {
    return {
      code: 'STEP_UP_REQUIRED',
      reason: 'step_up',
      message: `The goal mentions ${words.join(', ')}; simulating that needs an explicit confirmation.`,
      hint: 'Confirm the step-up (step_up_confirmed) if you mean it, or rephrase the goal.',
      details: { words },
    };
  }
  const budgets = seed.constraints.budgets ?? {};
  for (const key of ['tokens', 'seconds', 'max_rollouts'] as const) {
    const v = budgets[key];
    const b = BUDGET_BOUNDS[key];
    if (v !== undefined && (v < b.min || v > b.max)) {
      return {
        code: 'BAD_INPUT',
        reason: 'budget_bounds',
        message: `The ${key} budget ${v} is outside the allowed range ${b.min} to ${b.max}.`,
        hint: `Set ${key} between ${b.min} and ${b.max}.`,
        details: { budget: key },
      };
    }
  }
  return null;
}
