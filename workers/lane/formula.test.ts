import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateColumns, FormulaError, MAX_NESTING, parseFormula } from './formula';

const names = new Set(['a', 'b', 'c']);
const env = new Map([
  ['a', Float64Array.from([1, 2, 3, -4])],
  ['b', Float64Array.from([10, 0, 0.5, 2])],
  ['c', Float64Array.from([0, 1, 0, 1])],
]);
const run = (src: string) => Array.from(evaluateColumns(parseFormula(src, names), env, 4));

describe('formula evaluation over columns', () => {
  it('follows precedence and associativity', () => {
    expect(run('a + b * 2')).toEqual([21, 2, 4, 0]);
    expect(run('(a + b) * 2')).toEqual([22, 4, 7, -4]);
    expect(run('2 ^ 3 ^ 2')[0]).toBe(512);
    expect(run('-a ^ 2')).toEqual([-1, -4, -9, -16]);
    expect(run('a - b - 1')).toEqual([-10, 1, 1.5, -7]);
  });
  it('has comparisons, logic, if and the functions', () => {
    expect(run('if(c, a, b)')).toEqual([10, 2, 0.5, -4]);
    expect(run('a > 1 && c == 0')).toEqual([0, 0, 1, 0]);
    expect(run('!c || a < 0')).toEqual([1, 0, 1, 1]);
    expect(run('min(a, b, 2)')).toEqual([1, 0, 0.5, -4]);
    expect(run('max(a, b)')).toEqual([10, 2, 3, 2]);
    expect(run('abs(a) + sqrt(4)')).toEqual([3, 4, 5, 6]);
    expect(run('exp(0) + log(1)')).toEqual([1, 1, 1, 1]);
    expect(run('1.5e1 + .5')).toEqual([15.5, 15.5, 15.5, 15.5]);
  });
  it('agrees with plain arithmetic on random inputs', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (x, y) => {
          const e = new Map([
            ['a', Float64Array.of(x)],
            ['b', Float64Array.of(y)],
            ['c', Float64Array.of(0)],
          ]);
          const got = evaluateColumns(parseFormula('a * 3 - b / 2 + max(a, b)', names), e, 1)[0];
          // `+ 0` folds -0 into 0: max(-0, 0) may give either zero (Math.max says 0, a comparison the
          // first argument), and only the number, not the sign of a zero, is the property.
          expect(got! + 0).toBe(x * 3 - y / 2 + Math.max(x, y) + 0);
        },
      ),
    );
  });
});

describe('formula errors name the position', () => {
  it.each([
    ['a + ', 'ended too early', 5],
    ['a + d', 'Unknown name "d"', 5],
    ['a $ b', 'Unexpected character "$"', 3],
    ['(a + b', 'Expected ")"', 7],
    ['a b', 'Unexpected "b"', 3],
    ['foo(a)', 'Unknown function "foo"', 1],
    ['if(a, b)', 'if() takes 3 arguments', 1],
    ['', 'empty', 1],
    ['sqrt(a, b)', 'sqrt() takes 1 argument', 1],
  ])('%s', (src, message, position) => {
    let err: unknown;
    try {
      parseFormula(src, names);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FormulaError);
    expect((err as FormulaError).message).toContain(message);
    expect((err as FormulaError).position + 1).toBe(position);
    expect((err as FormulaError).message).toContain(`position ${position}`);
  });
});

describe('hostile formulas are refused with a position, never a crash', () => {
  const refusal = (src: string): FormulaError => {
    try {
      parseFormula(src, names);
    } catch (e) {
      if (e instanceof FormulaError) return e;
      throw e;
    }
    throw new Error(`expected ${src} to be refused`);
  };

  it.each([
    ['constructor(1)', 1],
    ['toString(a)', 1],
    ['__proto__(a)', 1],
    ['hasOwnProperty(a)', 1],
    ['a + valueOf(b)', 5],
  ])('%s is an unknown function, not a lookup through Object.prototype', (src, position) => {
    const err = refusal(src);
    expect(err.message).toMatch(/^Unknown function "\w+"/);
    expect(err.position + 1).toBe(position);
  });

  it('refuses names that Object.prototype has when they are not variables', () => {
    expect(refusal('constructor').message).toContain('Unknown name "constructor"');
    expect(refusal('a + __proto__').message).toContain('Unknown name "__proto__"');
  });

  it.each([
    ['999 nested parentheses', '('.repeat(999) + 'a' + ')'.repeat(999), MAX_NESTING],
    ['2,000 unary minus signs', '-'.repeat(1999) + 'a', MAX_NESTING],
    ['2,000 unary plus and not signs', '+!'.repeat(999) + 'a', MAX_NESTING],
    ['nested calls', 'abs('.repeat(399) + 'a' + ')'.repeat(399), MAX_NESTING * 4],
    ['a tower of powers', 'a^'.repeat(999) + 'a', MAX_NESTING * 2 + 1],
  ])('%s: too deep, at the first level past the limit', (_name, src, position) => {
    const err = refusal(src);
    expect(err.message).toContain(`nests more than ${MAX_NESTING} levels`);
    expect(err.position).toBe(position);
  });

  it(`still takes ${MAX_NESTING} levels, and long flat chains`, () => {
    const deep = '('.repeat(MAX_NESTING - 1) + 'a' + ')'.repeat(MAX_NESTING - 1);
    expect(run(deep)).toEqual([1, 2, 3, -4]);
    expect(run('-'.repeat(MAX_NESTING) + 'a')).toEqual([1, 2, 3, -4]);
    const chain = Array.from({ length: 999 }, () => 'a').join('+');
    expect(chain.length).toBeLessThanOrEqual(2000);
    expect(run(chain)).toEqual([999, 1998, 2997, -3996]);
  });
});
