import { inNextTask } from './inNextTask.ts';

/**
 * Work that would share a frame with a keystroke waits for the gap after it. While a person
 * types, a colleague's change (its text and its caret) is applied in the task right after the
 * frame that shows the keystroke, so its rendering fills the pause before the next key instead
 * of delaying the one just typed. When nobody types, the work runs at once.
 */

/** No key for this long: the person is not typing, and nothing waits. */
const TYPING_MS = 500;
/** The longest a piece of work waits for a gap, even if the keys never pause. */
const LONGEST_WAIT_MS = 300;
/** A keystroke whose frame never comes (a hidden tab paints none) stops holding work back. */
const FRAME_FALLBACK_MS = 1000;

let lastKeyAt = Number.NEGATIVE_INFINITY;
/** Keystrokes typed so far, and how many of them the latest frame painted. */
let keysTyped = 0;
let keysPainted = 0;
let frame = 0;
let frameFallback: ReturnType<typeof setTimeout> | null = null;
let longestWait: ReturnType<typeof setTimeout> | null = null;
const waiting: (() => void)[] = [];
let listening = false;

/** A keystroke is typed and the frame that shows it is not painted yet. */
const keyUnpainted = () => keysPainted < keysTyped;

function runWaiting(): void {
  if (longestWait) clearTimeout(longestWait);
  longestWait = null;
  const batch = waiting.splice(0);
  for (const work of batch) {
    try {
      work();
    } catch (error) {
      // One failing piece of work must not keep the others from running; it is still reported.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

function stopWatchingFrame(): void {
  if (frame) cancelAnimationFrame(frame);
  if (frameFallback) clearTimeout(frameFallback);
  frame = 0;
  frameFallback = null;
}

function watchFrame(): void {
  if (frame || frameFallback) return;
  // The rendering steps follow the animation-frame callbacks in the same task: a timer set from
  // one of them runs after the frame is painted.
  frame = requestAnimationFrame(() => {
    frame = 0;
    const shown = keysTyped;
    setTimeout(() => framePainted(shown), 0);
  });
  frameFallback = setTimeout(() => framePainted(keysTyped), FRAME_FALLBACK_MS);
}

/**
 * One task later still: whatever else was queued for right after the frame (a measure of the
 * keystroke, a caret sent to colleagues) goes first.
 */
let afterTheFrame: ReturnType<typeof inNextTask> | null = null;

function framePainted(shown: number): void {
  stopWatchingFrame();
  keysPainted = Math.max(keysPainted, shown);
  // A key typed after that frame began waits for the next one.
  if (keyUnpainted()) watchFrame();
  else
    (afterTheFrame ??= inNextTask(() => {
      if (keyUnpainted()) watchFrame();
      else runWaiting();
    })).run();
}

/** 'beforeinput' comes with every typed character, from a keyboard or an on-screen one. */
function onInput(): void {
  lastKeyAt = performance.now();
  keysTyped++;
  watchFrame();
}

function listen(): void {
  if (listening) return;
  listening = true;
  document.addEventListener('beforeinput', onInput, { capture: true, passive: true });
}

/**
 * Runs `work` now if nobody is typing, else right after the frame that shows the latest
 * keystroke (or the next one), at most about `LONGEST_WAIT_MS` later. Works run in the order
 * given. Outside a browser page it runs at once.
 */
export function inTypingGap(work: () => void): void {
  if (typeof document === 'undefined' || typeof requestAnimationFrame !== 'function') {
    work();
    return;
  }
  listen();
  waiting.push(work);
  if (keyUnpainted()) return;
  if (performance.now() - lastKeyAt >= TYPING_MS) return runWaiting();
  longestWait ??= setTimeout(() => {
    longestWait = null;
    // Never in the middle of a keystroke's frame: then right after it.
    if (!keyUnpainted()) runWaiting();
  }, LONGEST_WAIT_MS);
}

/** Runs all waiting work now (before the page goes away, say). */
export function flushTypingGap(): void {
  runWaiting();
}
