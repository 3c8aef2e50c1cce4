export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleTimeString();
}

export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString();
}

/** A number rounded to `digits` decimals, or a dash when there is none. */
export function formatNumber(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

/** A share in [0, 1] as a whole percentage ("42%"), or a dash when there is none. */
export function formatShare(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${Math.round(x * 100)}%`;
}
