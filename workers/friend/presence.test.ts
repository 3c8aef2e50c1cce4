import { describe, expect, it } from 'vitest';
import {
  arousal,
  blendExperts,
  EXPERTS,
  replyQuality,
  smoothTrauma,
  textEntropy,
  traumaRaw,
} from './presence';
import { tokenize } from './tokenizer';

const origin = new Set(
  tokenize('I am a small field of words and my friend remembers my origin').map((t) => t.key),
);
const raw = (s: string) => traumaRaw(s, tokenize(s), origin);
const calm = { novelty: 0.1, arousal: 0.05, entropy: 0.5 };

describe('presence', () => {
  it('arousal rises with capitals, exclamation and repetition', () => {
    const a = (s: string) => arousal(s, tokenize(s));
    expect(a('the river is calm today.')).toBeLessThan(a('THE RIVER IS WILD!!!'));
    expect(a('go home now')).toBeLessThan(a('go go go go'));
  });

  it('trauma reads the origin’s words and identity questions, smoothed over events', () => {
    expect(raw('the stock market fell sharply')).toBe(0);
    expect(raw('my small field of words')).toBeGreaterThan(0.5);
    expect(raw('who are you?')).toBeGreaterThanOrEqual(0.5);
    expect(raw('кто ты?')).toBeGreaterThanOrEqual(0.5);
    const once = smoothTrauma(0, 1);
    expect(once).toBeLessThan(1);
    expect(smoothTrauma(once, 1)).toBeGreaterThan(once);
  });

  it('entropy of a text is 0 for one repeated word and 1 for all different words', () => {
    expect(textEntropy(tokenize('yes yes yes'))).toBe(0);
    expect(textEntropy(tokenize('one two three four'))).toBeCloseTo(1, 12);
  });

  it('the blend leans wounded when the origin hurts and creative when everything is new', () => {
    expect(blendExperts(calm, 0.1, 0).expert).not.toBe('wounded');
    const hurt = blendExperts(calm, 0.95, 0);
    expect(hurt.expert).toBe('wounded');
    expect(hurt.semanticWeight).toBeGreaterThan(blendExperts(calm, 0.1, 0).semanticWeight);
    const fresh = blendExperts({ novelty: 1, arousal: 0.9, entropy: 0.9 }, 0, 0);
    expect(fresh.expert).toBe('creative');
    expect(fresh.temperature).toBeGreaterThan(blendExperts(calm, 0, 0).temperature);
    const sum = Object.values(hurt.weights).reduce((s, w) => s + w, 0);
    expect(sum).toBeCloseTo(1, 12);
    const temps = Object.values(EXPERTS).map((e) => e.temperature);
    expect(hurt.temperature).toBeGreaterThanOrEqual(Math.min(...temps));
    expect(hurt.temperature).toBeLessThanOrEqual(Math.max(...temps));
  });

  it('quality prefers finished, trigram-led replies with middling entropy', () => {
    const good = replyQuality('The boat came back to the harbour.', 7, [0.5, 0.6, 0.55], 1);
    const rut = replyQuality('the the', 2, [0, 0], 0);
    expect(good).toBeGreaterThan(0.8);
    expect(rut).toBeLessThan(0.35);
  });
});
