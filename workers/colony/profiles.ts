import { badInput } from '../core/errors';
import { requireKnownKeys } from '../runtime/validate';
import type { Db } from '../store/db';
import type { ModelFamily, ModelProfile, PromptStyle } from '../contract/colony';

export const FAMILIES: readonly ModelFamily[] = ['openai', 'gemini', 'claude', 'llama', 'custom'];
const STYLES: readonly PromptStyle[] = ['markdown', 'xml', 'plain'];

/** Starting points only: every profile is editable, and an edited copy is kept in the lab. */
export const BUILT_IN_PROFILES: Readonly<Record<ModelFamily, ModelProfile>> = {
  openai: {
    id: 'openai',
    name: 'OpenAI GPT family',
    strengths: ['follows structured instructions', 'good at step-by-step plans'],
    weaknesses: ['can sound more certain than the evidence', 'may pad answers'],
    style: 'markdown',
    maxPromptChars: 6000,
  },
  gemini: {
    id: 'gemini',
    name: 'Google Gemini family',
    strengths: ['long inputs', 'summarising many options'],
    weaknesses: ['may drift from the requested format'],
    style: 'markdown',
    maxPromptChars: 6000,
  },
  claude: {
    id: 'claude',
    name: 'Anthropic Claude family',
    strengths: ['careful reasoning', 'respects tagged sections'],
    weaknesses: ['can hedge more than needed'],
    style: 'xml',
    maxPromptChars: 6000,
  },
  llama: {
    id: 'llama',
    name: 'Llama family (local)',
    strengths: ['runs on your own machine', 'fast on short prompts'],
    weaknesses: ['smaller context window', 'needs short, explicit instructions'],
    style: 'plain',
    maxPromptChars: 2500,
  },
  custom: {
    id: 'custom',
    name: 'Custom model',
    strengths: [],
    weaknesses: [],
    style: 'markdown',
    maxPromptChars: 4000,
  },
};

const list = (v: unknown, name: string): string[] => {
  if (!Array.isArray(v) || v.length > 12 || v.some((x) => typeof x !== 'string' || x.length > 200)) {
    throw badInput(`${name} must be a list of at most 12 short texts.`, { field: name });
  }
  return (v as string[]).map((x) => x.trim()).filter(Boolean);
};

const PROFILE_KEYS: readonly (keyof ModelProfile)[] = [
  'id',
  'name',
  'strengths',
  'weaknesses',
  'style',
  'maxPromptChars',
];

export function validateProfile(input: unknown): ModelProfile {
  if (typeof input !== 'object' || input === null) throw badInput('A profile must be an object.');
  const p = input as Record<string, unknown>;
  requireKnownKeys(p, 'profile', PROFILE_KEYS);
  if (!FAMILIES.includes(p.id as ModelFamily))
    throw badInput(`Profile id must be one of ${FAMILIES.join(', ')}.`);
  if (typeof p.name !== 'string' || !p.name.trim() || p.name.length > 100) {
    throw badInput('A profile needs a name of at most 100 characters.', { field: 'name' });
  }
  if (!STYLES.includes(p.style as PromptStyle)) throw badInput(`style must be one of ${STYLES.join(', ')}.`);
  const max = p.maxPromptChars;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 500 || max > 50_000) {
    throw badInput('maxPromptChars must be a whole number from 500 to 50000.', { field: 'maxPromptChars' });
  }
  return {
    id: p.id as ModelFamily,
    name: p.name.trim(),
    strengths: list(p.strengths, 'strengths'),
    weaknesses: list(p.weaknesses, 'weaknesses'),
    style: p.style as PromptStyle,
    maxPromptChars: max,
  };
}

export function loadProfiles(db: Db): ModelProfile[] {
  const saved = new Map(
    db
      .all<{ id: string; profile: string }>('SELECT id, profile FROM colony_model_profiles')
      .map((r) => [r.id, r.profile]),
  );
  return FAMILIES.map((f) => {
    const s = saved.get(f);
    return s ? (JSON.parse(s) as ModelProfile) : BUILT_IN_PROFILES[f];
  });
}

export function saveProfile(db: Db, p: ModelProfile, now: number): void {
  db.run(
    `INSERT INTO colony_model_profiles (id, profile, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at`,
    [p.id, JSON.stringify(p), now],
  );
}

export function resetProfile(db: Db, id: ModelFamily): void {
  db.run('DELETE FROM colony_model_profiles WHERE id = ?', [id]);
}
