export type OncePerFrameOptions = {
  /** When the page paints no frames (a hidden tab), the callback runs after this long instead. */
  fallbackMs?: number;
  /**
   * Run in the task after the frame is painted rather than before it: for work the frame does
   * not show (storing, sending), so the frame that shows a keystroke does not wait for it.
   */
  afterPaint?: boolean;
};

/**
 * `callback`, run once per frame however often `run` is called: work that only matters for what
 * the page shows (toolbar states, a stored count) is done once per frame instead of once per
 * keystroke or remote change. By default it runs before the next paint; with `afterPaint`, in the
 * task right after it. A page that does not paint (a hidden tab gets no animation frames) gets it
 * from a timer instead, so the work is late but never lost.
 */
export function oncePerFrame(
  callback: () => void,
  options: number | OncePerFrameOptions = {}
): { run: () => void; flush: () => void; stop: () => void } {
  const { fallbackMs = 100, afterPaint = false } =
    typeof options === 'number' ? { fallbackMs: options } : options;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let painted: ReturnType<typeof setTimeout> | null = null;
  const stop = () => {
    if (frame) cancelAnimationFrame(frame);
    if (timer) clearTimeout(timer);
    if (painted) clearTimeout(painted);
    frame = 0;
    timer = null;
    painted = null;
  };
  const fire = () => {
    stop();
    callback();
  };
  // The rendering steps (style, layout, paint) follow the animation-frame callbacks in the same
  // task: a timer set from one of them runs after the frame is painted.
  const onFrame = afterPaint
    ? () => {
        frame = 0;
        painted = setTimeout(fire, 0);
      }
    : fire;
  return {
    run: () => {
      if (frame || timer || painted) return;
      if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(onFrame);
      timer = setTimeout(fire, fallbackMs);
    },
    /** Runs a queued callback now (before the page goes away, say). */
    flush: () => {
      if (frame || timer || painted) fire();
    },
    stop
  };
}
