/**
 * `callback`, run once before the next paint however often `run` is called: work that only
 * matters for what the page shows (toolbar states, a stored count) is done once per frame instead
 * of once per keystroke or remote change. A page that does not paint (a hidden tab gets no
 * animation frames) gets it from a timer instead, so the work is late but never lost.
 */
export function oncePerFrame(
  callback: () => void,
  fallbackMs = 100
): { run: () => void; flush: () => void; stop: () => void } {
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = () => {
    if (frame) cancelAnimationFrame(frame);
    if (timer) clearTimeout(timer);
    frame = 0;
    timer = null;
  };
  const fire = () => {
    stop();
    callback();
  };
  return {
    run: () => {
      if (frame || timer) return;
      if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(fire);
      timer = setTimeout(fire, fallbackMs);
    },
    /** Runs a queued callback now (before the page goes away, say). */
    flush: () => {
      if (frame || timer) fire();
    },
    stop
  };
}
