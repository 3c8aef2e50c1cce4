/** A share in [0, 1] as a short number for the metric chips. */
export function share(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : x.toFixed(2);
}
