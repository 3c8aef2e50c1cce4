import { cos, log } from '../core/detMath';
import type { Rng } from '../core/rng';

/** A standard normal draw (Box–Muller) from a seeded stream, through the portable detMath functions. */
export function gaussian(rng: Rng): number {
  // 1 - next() is in (0, 1], so the log is finite.
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * log(u)) * cos(2 * Math.PI * v);
}
