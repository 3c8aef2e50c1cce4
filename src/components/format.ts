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

/** A share in [0, 1] as a short number (two decimals); a dash when there is none. */
export function share(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : x.toFixed(2);
}
