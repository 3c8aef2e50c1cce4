import { exp, log, pow } from '../core/detMath';

/**
 * Outcome formulas: parsed into a tree once, then evaluated over whole columns of samples. Nothing is
 * ever compiled to code (the CSP forbids eval), and every error names the character position.
 */
export type FormulaNode =
  | { t: 'num'; v: number; pos: number }
  | { t: 'var'; name: string; pos: number }
  | { t: 'un'; op: '-' | '!'; a: FormulaNode; pos: number }
  | { t: 'bin'; op: BinOp; a: FormulaNode; b: FormulaNode; pos: number }
  | { t: 'call'; fn: FnName; args: FormulaNode[]; pos: number };

export type BinOp = '+' | '-' | '*' | '/' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';
type FnName = 'min' | 'max' | 'abs' | 'sqrt' | 'log' | 'exp' | 'if';

// A Map, not an object: a name such as "constructor" or "__proto__" must not find Object.prototype.
const ARITY: ReadonlyMap<string, readonly [number, number]> = new Map<FnName, readonly [number, number]>([
  ['min', [2, 16]],
  ['max', [2, 16]],
  ['abs', [1, 1]],
  ['sqrt', [1, 1]],
  ['log', [1, 1]],
  ['exp', [1, 1]],
  ['if', [3, 3]],
]);

/**
 * How deeply groups, calls, unary operators and powers may nest. The parser recurses once per level,
 * so without a bound a formula of 2,000 characters could overflow the stack; real formulas stay far
 * below it.
 */
export const MAX_NESTING = 64;

export class FormulaError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} (at position ${position + 1})`);
    this.name = 'FormulaError';
  }
}

interface Token {
  k: 'num' | 'id' | 'op' | 'end';
  s: string;
  pos: number;
}

const OPS = ['<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '^', '(', ')', ',', '<', '>', '!'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ k: 'num', s: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ k: 'id', s: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ k: 'op', s: op, pos: i });
      i += op.length;
      continue;
    }
    throw new FormulaError(`Unexpected character "${c}"`, i);
  }
  out.push({ k: 'end', s: '', pos: src.length });
  return out;
}

/** Parses `src`; `names` are the variables it may use. Throws FormulaError with a position. */
export function parseFormula(src: string, names: ReadonlySet<string>): FormulaNode {
  if (src.length > 2000) throw new FormulaError('The formula is longer than 2,000 characters', 2000);
  const toks = tokenize(src);
  let p = 0;
  let depth = 0;
  const nested = <T>(pos: number, fn: () => T): T => {
    if (++depth > MAX_NESTING)
      throw new FormulaError(`The formula nests more than ${MAX_NESTING} levels deep`, pos);
    try {
      return fn();
    } finally {
      depth--;
    }
  };
  const peek = () => toks[p]!;
  const take = () => toks[p++]!;
  const expect = (s: string) => {
    const t = take();
    if (t.s !== s || t.k === 'end') {
      throw new FormulaError(
        t.k === 'end' ? `Expected "${s}" but the formula ended` : `Expected "${s}" but found "${t.s}"`,
        t.pos,
      );
    }
  };

  // Precedence, loosest first: || && comparisons + - * / unary ^ (right-associative).
  const levels: BinOp[][] = [['||'], ['&&'], ['<', '<=', '>', '>=', '==', '!='], ['+', '-'], ['*', '/']];
  const binary = (level: number): FormulaNode => {
    if (level === levels.length) return unary();
    let a = binary(level + 1);
    for (;;) {
      const t = peek();
      if (t.k !== 'op' || !(levels[level] as string[]).includes(t.s)) return a;
      take();
      const b = binary(level + 1);
      a = { t: 'bin', op: t.s as BinOp, a, b, pos: t.pos };
    }
  };
  const unary = (): FormulaNode => {
    const t = peek();
    if (t.k === 'op' && (t.s === '-' || t.s === '!' || t.s === '+')) {
      take();
      const a = nested(t.pos, unary);
      return t.s === '+' ? a : { t: 'un', op: t.s, a, pos: t.pos };
    }
    return power();
  };
  const power = (): FormulaNode => {
    const a = primary();
    const t = peek();
    if (t.k === 'op' && t.s === '^') {
      take();
      return { t: 'bin', op: '^', a, b: nested(t.pos, unary), pos: t.pos };
    }
    return a;
  };
  const primary = (): FormulaNode => {
    const t = take();
    if (t.k === 'num') return { t: 'num', v: Number(t.s), pos: t.pos };
    if (t.k === 'id') {
      if (peek().s === '(' && peek().k === 'op') {
        const arity = ARITY.get(t.s);
        if (!arity) throw new FormulaError(`Unknown function "${t.s}"`, t.pos);
        const fn = t.s as FnName;
        take();
        const args: FormulaNode[] = [];
        nested(t.pos, () => {
          if (peek().s !== ')') {
            args.push(binary(0));
            while (peek().s === ',' && peek().k === 'op') {
              take();
              args.push(binary(0));
            }
          }
        });
        expect(')');
        const [lo, hi] = arity;
        if (args.length < lo || args.length > hi) {
          throw new FormulaError(
            `${fn}() takes ${lo === hi ? lo : `${lo} to ${hi}`} argument${hi === 1 ? '' : 's'}, got ${args.length}`,
            t.pos,
          );
        }
        return { t: 'call', fn, args, pos: t.pos };
      }
      if (!names.has(t.s)) throw new FormulaError(`Unknown name "${t.s}"`, t.pos);
      return { t: 'var', name: t.s, pos: t.pos };
    }
    if (t.k === 'op' && t.s === '(') {
      const inner = nested(t.pos, () => binary(0));
      expect(')');
      return inner;
    }
    if (t.k === 'end') throw new FormulaError('The formula ended too early', t.pos);
    throw new FormulaError(`Unexpected "${t.s}"`, t.pos);
  };

  if (peek().k === 'end') throw new FormulaError('The formula is empty', 0);
  const tree = binary(0);
  const rest = peek();
  if (rest.k !== 'end') throw new FormulaError(`Unexpected "${rest.s}"`, rest.pos);
  return tree;
}

/** The variables a formula uses. */
export function formulaNames(node: FormulaNode, out = new Set<string>()): Set<string> {
  if (node.t === 'var') out.add(node.name);
  else if (node.t === 'un') formulaNames(node.a, out);
  else if (node.t === 'bin') {
    formulaNames(node.a, out);
    formulaNames(node.b, out);
  } else if (node.t === 'call') for (const a of node.args) formulaNames(a, out);
  return out;
}

const b2n = (x: boolean) => (x ? 1 : 0);

export function binop(op: BinOp, x: number, y: number): number {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '^':
      return pow(x, y);
    case '<':
      return b2n(x < y);
    case '<=':
      return b2n(x <= y);
    case '>':
      return b2n(x > y);
    case '>=':
      return b2n(x >= y);
    case '==':
      return b2n(x === y);
    case '!=':
      return b2n(x !== y);
    case '&&':
      return b2n(x !== 0 && y !== 0);
    case '||':
      return b2n(x !== 0 || y !== 0);
  }
}

export type UnFn = 'abs' | 'sqrt' | 'log' | 'exp';

export function unfn(fn: UnFn, x: number): number {
  switch (fn) {
    case 'abs':
      return Math.abs(x);
    case 'sqrt':
      return Math.sqrt(x);
    case 'log':
      return log(x);
    case 'exp':
      return exp(x);
  }
}

/**
 * Evaluates the tree over columns of length `n` (one Float64Array per variable), column by column:
 * each node produces a whole column, so the interpreter's overhead is paid per node, not per sample.
 */
export function evaluateColumns(
  node: FormulaNode,
  env: ReadonlyMap<string, Float64Array>,
  n: number,
): Float64Array {
  return evaluateColumnsInto(node, env, n, (len, constant) => {
    const col = new Float64Array(len);
    return constant === undefined ? col : col.fill(constant);
  });
}

/**
 * A fresh or reused column of length `n` for the next node, taken after its children's (post-order);
 * a constant node passes its value, which the column must hold.
 */
export type TakeColumn = (n: number, constant?: number) => Float64Array;

/** `evaluateColumns` with the columns supplied by `take` (a fresh one or a kept buffer per node). */
export function evaluateColumnsInto(
  node: FormulaNode,
  env: ReadonlyMap<string, Float64Array>,
  n: number,
  take: TakeColumn,
): Float64Array {
  switch (node.t) {
    case 'num':
      return take(n, node.v);
    case 'var': {
      const col = env.get(node.name);
      if (!col) throw new Error(`formula: no column for ${node.name}`);
      return col.length === n ? col : col.subarray(0, n);
    }
    case 'un': {
      const a = evaluateColumnsInto(node.a, env, n, take);
      const out = take(n);
      if (node.op === '-') negInto(a, out, n);
      else notInto(a, out, n);
      return out;
    }
    case 'bin': {
      const a = evaluateColumnsInto(node.a, env, n, take);
      const b = evaluateColumnsInto(node.b, env, n, take);
      const out = take(n);
      const op = node.op;
      // The common arithmetic cases get tight loops; the rest go through binop().
      if (op === '+') addInto(a, b, out, n);
      else if (op === '-') subInto(a, b, out, n);
      else if (op === '*') mulInto(a, b, out, n);
      else if (op === '/') divInto(a, b, out, n);
      else binopInto(op, a, b, out, n);
      return out;
    }
    case 'call': {
      // The arguments are evaluated one by one into locals, not gathered with `map`: an array's
      // elements kind depends on which of map's paths built it, and a kind the warm-up never saw
      // throws this function's optimised code away in the middle of a person's job.
      const args = node.args;
      if (node.fn === 'if') {
        const c = evaluateColumnsInto(args[0]!, env, n, take);
        const x = evaluateColumnsInto(args[1]!, env, n, take);
        const y = evaluateColumnsInto(args[2]!, env, n, take);
        const out = take(n);
        ifInto(c, x, y, out, n);
        return out;
      }
      if (node.fn === 'min' || node.fn === 'max') {
        // Every argument's column is taken before the result's, as the post-order of `take` requires.
        const cols: Float64Array[] = [];
        for (let k = 0; k < args.length; k++) cols.push(evaluateColumnsInto(args[k]!, env, n, take));
        const out = take(n);
        out.set(cols[0]!);
        for (let k = 1; k < cols.length; k++) {
          if (node.fn === 'min') minInto(cols[k]!, out, n);
          else maxInto(cols[k]!, out, n);
        }
        return out;
      }
      const a = evaluateColumnsInto(args[0]!, env, n, take);
      const out = take(n);
      const fn = node.fn;
      unfnInto(fn, a, out, n);
      return out;
    }
  }
}

/*
 * The column kernels: each node's loop is a function of its own. Inside `evaluateColumnsInto` (one
 * function, recursive, with a loop per operator), V8 optimised the whole of it in the middle of the
 * first loop that ran long (on-stack replacement), and threw the code away as the next node took
 * another path: in a job with nothing warmed, four TurboFan compiles of it (21 ms, --trace-opt in
 * Node). Each kernel is now optimised alone; the arithmetic is the same, value by value.
 */

function negInto(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = -a[i]!;
}

function notInto(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] === 0 ? 1 : 0;
}

function addInto(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
}

function subInto(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!;
}

function mulInto(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
}

function divInto(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!;
}

function binopInto(op: BinOp, a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = binop(op, a[i]!, b[i]!);
}

function ifInto(c: Float64Array, x: Float64Array, y: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = c[i] !== 0 ? x[i]! : y[i]!;
}

function minInto(col: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = col[i]! < out[i]! ? col[i]! : out[i]!;
}

function maxInto(col: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = col[i]! > out[i]! ? col[i]! : out[i]!;
}

function unfnInto(fn: UnFn, a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = unfn(fn, a[i]!);
}
