import { badInput } from '../core/errors';
import { createRng, shuffled } from '../core/rng';
import { CRITERIA } from './criteria';
import type {
  AgentInfo,
  ByzantineStrategy,
  ColonyConfig,
  CriteriaWeights,
  ExpertiseStyle,
  Personality,
} from '../contract/colony';

export const MAX_COLONY = 5_000;
const STYLES: readonly ExpertiseStyle[] = ['generalists', 'specialists', 'mixed'];
const STRATEGIES: readonly ByzantineStrategy[] = ['random', 'inverting', 'colluding'];

export const DEFAULT_CONFIG: Omit<ColonyConfig, 'size' | 'seed'> = {
  expertiseLevel: 0.6,
  expertiseStyle: 'mixed',
  personalitySpread: 0.5,
  byzantineShare: 0,
  byzantineStrategy: 'colluding',
  noise: 0.25,
};

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

function num(v: unknown, name: string, min: number, max: number, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw badInput(`${name} must be a number from ${min} to ${max}.`, { field: name });
  }
  return v;
}

/** Check a colony configuration from the UI, filling defaults. */
export function validateConfig(input: unknown): ColonyConfig {
  if (typeof input !== 'object' || input === null) throw badInput('The colony settings must be an object.');
  const c = input as Record<string, unknown>;
  const size = num(c.size, 'size', 3, MAX_COLONY);
  if (!Number.isInteger(size)) throw badInput('size must be a whole number.', { field: 'size' });
  const style = c.expertiseStyle ?? DEFAULT_CONFIG.expertiseStyle;
  if (!STYLES.includes(style as ExpertiseStyle))
    throw badInput(`expertiseStyle must be one of ${STYLES.join(', ')}.`);
  const strategy = c.byzantineStrategy ?? DEFAULT_CONFIG.byzantineStrategy;
  if (!STRATEGIES.includes(strategy as ByzantineStrategy)) {
    throw badInput(`byzantineStrategy must be one of ${STRATEGIES.join(', ')}.`);
  }
  const seed = c.seed ?? 'colony';
  if (typeof seed !== 'string' || seed.length === 0 || seed.length > 200) {
    throw badInput('seed must be text of 1 to 200 characters.', { field: 'seed' });
  }
  return {
    size,
    expertiseLevel: num(c.expertiseLevel, 'expertiseLevel', 0, 1, DEFAULT_CONFIG.expertiseLevel),
    expertiseStyle: style as ExpertiseStyle,
    personalitySpread: num(c.personalitySpread, 'personalitySpread', 0, 1, DEFAULT_CONFIG.personalitySpread),
    byzantineShare: num(c.byzantineShare, 'byzantineShare', 0, 0.9, DEFAULT_CONFIG.byzantineShare),
    byzantineStrategy: strategy as ByzantineStrategy,
    noise: num(c.noise, 'noise', 0, 2, DEFAULT_CONFIG.noise),
    seed,
  };
}

function expertiseFor(style: 'generalist' | 'specialist', level: number, rng: ReturnType<typeof createRng>) {
  const e = {} as CriteriaWeights;
  if (style === 'generalist') {
    for (const c of CRITERIA) e[c] = clamp01(level + (rng.next() - 0.5) * 0.2);
  } else {
    const focus = CRITERIA[rng.int(CRITERIA.length)]!;
    for (const c of CRITERIA)
      e[c] = c === focus ? clamp01(level + 0.35) : clamp01(level * 0.6 + (rng.next() - 0.5) * 0.1);
  }
  return e;
}

function personalityFor(spread: number, rng: ReturnType<typeof createRng>): Personality {
  const t = () => clamp01(0.5 + (rng.next() - 0.5) * spread);
  return { stress: t(), trust: t(), curiosity: t(), urgency: t() };
}

/**
 * The colony's agents, drawn from the colony's seed: each agent has its own stream, so agent k is the
 * same whatever the colony size; which agents are Byzantine comes from one shuffle of the indices.
 */
export function generateAgents(config: ColonyConfig): AgentInfo[] {
  const n = config.size;
  const byzCount = Math.round(config.byzantineShare * n);
  const order = shuffled(
    Array.from({ length: n }, (_, i) => i),
    createRng(config.seed, 'byzantine-members', n),
  );
  const byz = new Set(order.slice(0, byzCount));
  return Array.from({ length: n }, (_, i) => {
    const rng = createRng(config.seed, 'agent', i);
    const style =
      config.expertiseStyle === 'mixed'
        ? rng.next() < 0.5
          ? 'generalist'
          : 'specialist'
        : config.expertiseStyle === 'generalists'
          ? 'generalist'
          : 'specialist';
    const expertise = expertiseFor(style, config.expertiseLevel, rng);
    const personality = personalityFor(config.personalitySpread, rng);
    const isByz = byz.has(i);
    return {
      index: i,
      id: `a${String(i + 1).padStart(n >= 1000 ? 4 : 3, '0')}`,
      role: isByz ? 'byzantine' : 'honest',
      strategy: isByz ? config.byzantineStrategy : null,
      expertise,
      personality,
      reliability: 1,
    };
  });
}
