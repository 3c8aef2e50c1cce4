import { describe, expect, it } from 'vitest';
import { known } from './goalLexicon';
import { foldChars, foldWords } from './textFold';

const words = (text: string) => foldWords(text, known).map((w) => w.w);

describe('folding a goal into words', () => {
  it('drops invisible characters and accents, maps look-alikes and full-width letters', () => {
    expect(foldChars('ex\u200bfil\u00adtrate')).toBe('exfiltrate');
    expect(foldChars('ЕХFILTRÁTE')).toBe('exfiltrate');
    expect(foldChars('ｅｘｆｉｌ ᴅᴇʟᴇᴛᴇ')).toBe('exfil delete');
    expect(foldChars('𝓌𝒾𝓅ℯ')).toBe('wipe');
  });

  it('reads leetspeak, choosing i or l by the word it makes', () => {
    expect(words('st34l th3 p4$$w0rds')).toEqual(['steal', 'the', 'passwords']);
    expect(words('de|ete 4ll')).toEqual(['delete', 'all']);
    expect(words('d1s4bl3 l0gg1ng')).toEqual(['disable', 'logging']);
    expect(words('n|_|ke tvrn')).toEqual(['nuke', 'turn']);
    expect(words('delete backups older than 90 days')).toContain('90');
  });

  it('joins separated pieces only when they spell a word it knows', () => {
    expect(words('e x f i l t r a t e the data')).toEqual(['exfiltrate', 'the', 'data']);
    expect(words('tu rn of f moni toring')).toEqual(['turnoff', 'monitoring']);
    expect(words('steal.the.pass-words')).toEqual(['steal', 'the', 'passwords']);
    expect(words('plan a picnic in the park')).toEqual(['plan', 'a', 'picnic', 'in', 'the', 'park']);
  });

  it('marks clause and sentence breaks, but not punctuation inside a disguised word', () => {
    const w = foldWords('the passwords, steal them. now', known);
    expect(w.map((x) => x.brk)).toEqual([0, 0, 1, 0, 2]);
    expect(foldWords('l.e.a.k', known)).toEqual([{ w: 'leak', brk: 0 }]);
  });
});
