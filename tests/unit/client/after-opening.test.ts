import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  afterOpening,
  documentOpening,
  documentShown
} from '../../../src/lib/scheduling/afterOpening.ts';

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

describe('background work waits while a document opens', () => {
  afterEach(() => {
    documentShown();
    vi.useRealTimers();
  });

  it('runs at once when no document is opening', async () => {
    expect(await settled(afterOpening())).toBe(true);
  });

  it('waits for the document to be shown', async () => {
    documentOpening();
    const waiting = afterOpening();
    expect(await settled(waiting)).toBe(false);
    documentShown();
    expect(await settled(waiting)).toBe(true);
    expect(await settled(afterOpening())).toBe(true);
  });

  it('waits at most five seconds for a document that is never shown', async () => {
    vi.useFakeTimers();
    documentOpening();
    const waiting = afterOpening();
    await vi.advanceTimersByTimeAsync(4900);
    expect(await settled(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(await settled(waiting)).toBe(true);
  });
});
