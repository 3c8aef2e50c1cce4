/**
 * Shows the first value at once, then the latest value at most every `ms` while values keep coming,
 * and always the last one in the end: for progress that arrives faster than a page needs to show it.
 */
export function throttleLatest<T>(show: (value: T) => void, ms: number) {
  let latest: { value: T } | null = null;
  let shown: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const tick = () => {
    if (latest && latest !== shown) {
      shown = latest;
      show(latest.value);
      timer = setTimeout(tick, ms);
    } else timer = null;
  };
  return {
    push(value: T) {
      latest = { value };
      if (timer !== null) return;
      shown = latest;
      show(value);
      timer = setTimeout(tick, ms);
    },
    /** Drops a value still waiting to be shown. */
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      latest = shown = null;
    },
  };
}
