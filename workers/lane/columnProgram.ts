import { evaluateColumnsInto, type FormulaNode } from './formula';

/**
 * A formula evaluated column by column into buffers it keeps: `evaluateColumns` allocates a fresh
 * column per node and batch, which for a million samples is hundreds of megabytes of garbage. It runs
 * the very same evaluator (`evaluateColumnsInto`) with kept buffers, so the columns hold the same doubles.
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
    return evaluateColumnsInto(this.root, env, n, this.take);
  }

  /** The next node's column; a constant's column is filled once, when it is made (nothing writes to it). */
  private readonly take = (n: number, constant?: number): Float64Array => {
    const k = this.slot++;
    let buf = this.slots[k];
    if (!buf) {
      buf = new Float64Array(this.cap);
      if (constant !== undefined) buf.fill(constant);
      this.slots[k] = buf;
    }
    return n === buf.length ? buf : buf.subarray(0, n);
  };
}
