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

/** A share in [0, 1] as a percentage with one decimal: 0.1234 → "12.3%". */
export function formatPercent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** A measured value: whole above 1,000, else four significant digits without trailing zeros. */
export function formatNumber(x: number): string {
  return Math.abs(x) >= 1000 ? x.toFixed(0) : Number(x.toPrecision(4)).toString();
}

/** A score in [0, 1] with a fixed number of decimals (3 unless said), so columns line up. */
export function formatScore(x: number, digits = 3): string {
  return x.toFixed(digits);
}

/** A duration in milliseconds as seconds with millisecond precision: 1234 → "1.234 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}
