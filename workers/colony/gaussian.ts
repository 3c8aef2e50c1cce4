import { cosTwoPi, logScaled32 } from '../core/detMath';
import type { Rng } from '../core/rng';

/** A standard normal draw (Box–Muller) from a seeded stream, through the portable detMath functions. */
export function gaussian(rng: Rng): number {
  // 1 - next() is in (0, 1], so the log is finite: 2^32 · (1 - next()) is the whole number
  // 2^32 - uint32(), and logScaled32 gives log(1 - next()) from it without reading bits through memory.
  const u = 4294967296 - rng.uint32();
  const v = rng.next();
  return Math.sqrt(-2 * logScaled32(u)) * cosTwoPi(v);
}
