/**
 * Runs `work` while a timer ticks every millisecond on this event loop, and reports the longest
 * gap between two ticks: how long at most anything else on this process had to wait meanwhile.
 */
export async function longestStall<T>(
  work: () => Promise<T>
): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    const value = await work();
    longest = Math.max(longest, performance.now() - last);
    return { value, stallMs: longest };
  } finally {
    clearInterval(timer);
  }
}
