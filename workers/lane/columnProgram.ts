import { binop, unfn, type FormulaNode } from './formula';

/**
 * A formula evaluated column by column into buffers it keeps: `evaluateColumns` allocates a fresh
 * column per node and batch, which for a million samples is hundreds of megabytes of garbage. Every
 * node does exactly what `evaluateColumns` does, in the same order, so the columns hold the same doubles.
 * The returned column is valid until the next `run`.
 */
export class ColumnProgram {
  private readonly slots: Float64Array[] = [];
  private cap = 0;
  private slot = 0;

  constructor(private readonly root: FormulaNode) {}

  run(env: ReadonlyMap<string, Float64Array>, n: number): Float64Array {
    if (n > this.cap) {
      this.cap = n;
      this.slots.length = 0;
    }
    this.slot = 0;
    return this.node(this.root, env, n);
  }

  /** The next node's column; a constant's column is filled once, when it is made (nothing writes to it). */
  private take(n: number, constant?: number): Float64Array {
    const k = this.slot++;
    let buf = this.slots[k];
    if (!buf) {
      buf = new Float64Array(this.cap);
      if (constant !== undefined) buf.fill(constant);
      this.slots[k] = buf;
    }
    return n === buf.length ? buf : buf.subarray(0, n);
  }

  private node(node: FormulaNode, env: ReadonlyMap<string, Float64Array>, n: number): Float64Array {
    switch (node.t) {
      case 'num':
        return this.take(n, node.v);
      case 'var': {
        const col = env.get(node.name);
        if (!col) throw new Error(`formula: no column for ${node.name}`);
        return col.length === n ? col : col.subarray(0, n);
      }
      case 'un': {
        const a = this.node(node.a, env, n);
        const out = this.take(n);
        if (node.op === '-') for (let i = 0; i < n; i++) out[i] = -a[i]!;
        else for (let i = 0; i < n; i++) out[i] = a[i] === 0 ? 1 : 0;
        return out;
      }
      case 'bin': {
        const a = this.node(node.a, env, n);
        const b = this.node(node.b, env, n);
        const out = this.take(n);
        const op = node.op;
        if (op === '+') for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
        else if (op === '-') for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!;
        else if (op === '*') for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
        else if (op === '/') for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!;
        else for (let i = 0; i < n; i++) out[i] = binop(op, a[i]!, b[i]!);
        return out;
      }
      case 'call': {
        const args = node.args.map((a) => this.node(a, env, n));
        const out = this.take(n);
        if (node.fn === 'if') {
          const [c, x, y] = args as [Float64Array, Float64Array, Float64Array];
          for (let i = 0; i < n; i++) out[i] = c[i] !== 0 ? x[i]! : y[i]!;
        } else if (node.fn === 'min' || node.fn === 'max') {
          out.set(args[0]!);
          for (let k = 1; k < args.length; k++) {
            const col = args[k]!;
            if (node.fn === 'min') for (let i = 0; i < n; i++) out[i] = col[i]! < out[i]! ? col[i]! : out[i]!;
            else for (let i = 0; i < n; i++) out[i] = col[i]! > out[i]! ? col[i]! : out[i]!;
          }
        } else {
          const a = args[0]!;
          const fn = node.fn;
          for (let i = 0; i < n; i++) out[i] = unfn(fn, a[i]!);
        }
        return out;
      }
    }
  }
}
