import { evaluateColumnsInto, type FormulaNode } from './formula';
import type { SampleMemory } from './sampleMemory';

/**
 * A formula evaluated column by column into buffers it keeps: `evaluateColumns` allocates a fresh
 * column per node and batch, which for a million samples is hundreds of megabytes of garbage. It runs
 * the very same evaluator (`evaluateColumnsInto`) with kept buffers, so the columns hold the same doubles.
 * The returned column is valid until the next `run`. With a thread's memory, the buffers come from
 * the columns earlier jobs kept and go back to it with `release`.
 */
export class ColumnProgram {
  private readonly slots: Float64Array[] = [];
  private cap = 0;
  private slot = 0;

  constructor(
    private readonly root: FormulaNode,
    private readonly memory?: SampleMemory,
  ) {}

  run(env: ReadonlyMap<string, Float64Array>, n: number): Float64Array {
    if (n > this.cap) {
      this.release();
      this.cap = n;
    }
    this.slot = 0;
    return evaluateColumnsInto(this.root, env, n, this.take);
  }

  /** Hands the columns back to the thread's memory (or the collector); the program can run again. */
  release(): void {
    this.memory?.keep(this.slots);
    this.slots.length = 0;
  }

  /**
   * The next node's column; a constant's column is filled once, when it is taken (nothing writes to
   * it). The same node takes the same slot in every run, since the evaluator visits nodes in one order.
   */
  private readonly take = (n: number, constant?: number): Float64Array => {
    const k = this.slot++;
    let buf = this.slots[k];
    if (!buf) {
      buf = this.memory ? this.memory.doubles(this.cap) : new Float64Array(this.cap);
      if (constant !== undefined) buf.fill(constant);
      this.slots[k] = buf;
    }
    return n === buf.length ? buf : buf.subarray(0, n);
  };
}
