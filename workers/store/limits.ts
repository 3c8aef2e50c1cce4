/**
 * The largest lab Dreamlane keeps: a reload reads the whole file back into one buffer, and an import
 * is saved whole; beyond this size those take long enough, and need enough memory, that browsers
 * start refusing them. An import above it is refused, and a lab that grows past it stops saving with
 * this reason instead of retrying forever.
 */
export const MAX_DB_BYTES = 64 * 1024 * 1024;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function maxDbMessage(size: number, max: number, what: 'file' | 'lab'): string {
  return what === 'file'
    ? `This file is ${mb(size)}; Dreamlane keeps labs of at most ${mb(max)} in this browser, so it was not imported. Your lab is unchanged.`
    : `The lab is ${mb(size)}, more than the ${mb(max)} Dreamlane can save in this browser, so it is no longer saved. Export it to keep a copy, then delete data (or erase everything) to resume saving.`;
}
