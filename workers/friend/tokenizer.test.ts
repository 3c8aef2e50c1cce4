import { describe, expect, it } from 'vitest';
import { joinTokens, tokenize } from './tokenizer';

const keys = (s: string) => tokenize(s).map((t) => t.key);

describe('tokenize', () => {
  it('keeps accented words whole and compares them case-insensitively', () => {
    expect(keys('Café DÉJÀ vu, naïve Ångström')).toEqual(['café', 'déjà', 'vu', ',', 'naïve', 'ångström']);
  });

  it('reads Cyrillic words', () => {
    expect(keys('Привет, мир! Кто ты?')).toEqual(['привет', ',', 'мир', '!', 'кто', 'ты', '?']);
  });

  it('keeps inner apostrophes and hyphens, folding the typographic apostrophe', () => {
    expect(keys("don't it’s l'amour term-end")).toEqual(["don't", "it's", "l'amour", 'term-end']);
    expect(keys("'quoted'")).toEqual(['quoted']);
  });

  it('makes punctuation marks tokens of their own and drops quotes and brackets', () => {
    expect(keys('Wait... (really)? "Yes"; no: fine!')).toEqual([
      'wait',
      '.',
      '.',
      '.',
      'really',
      '?',
      'yes',
      ';',
      'no',
      ':',
      'fine',
      '!',
    ]);
  });

  it('marks sentence starts and keeps the written form', () => {
    const t = tokenize('Hello there. The sea');
    expect(t.map((x) => x.sentenceStart)).toEqual([true, false, false, true, false]);
    expect(t[3]!.text).toBe('The');
  });

  it('composes decomposed accents so the same word has one key', () => {
    expect(keys('cafe\u0301')).toEqual(keys('café'));
  });
});

describe('joinTokens', () => {
  it('writes clean prose: capitals, no space before marks, no doubled marks, a final stop', () => {
    expect(joinTokens(['i', 'am', ',', ',', 'here', '.', 'the', 'sea', ','])).toBe('I am, here. The sea.');
    expect(joinTokens([',', 'hello', '!', '?'])).toBe('Hello!');
  });
});
