/**
 * Runs `task` while holding a lock named `name` across every tab of this origin (Web Locks), so
 * the background sync of a workspace runs in one tab at a time: the next tab then finds the clocks
 * already advanced and has nothing to do, instead of writing every document a second time.
 * Without Web Locks (Node, old browsers) calls are only serialised within this page.
 */
const chains = new Map<string, Promise<unknown>>();
const NOT_TAKEN = Symbol('not taken');

/**
 * `onWait` is called only when another holder has the lock, so a lone tab never says it is
 * waiting for another one (it used to, for a moment, at every sign-in).
 */
export async function withTabLock<T>(
  name: string,
  task: () => Promise<T>,
  onWait?: () => void
): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) {
    const first = await locks.request(name, { ifAvailable: true }, (lock) =>
      lock ? task() : NOT_TAKEN
    );
    if (first !== NOT_TAKEN) return first as T;
    onWait?.();
    return (await locks.request(name, () => task())) as T;
  }
  if (chains.has(name)) onWait?.();
  const previous = chains.get(name) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => undefined);
  chains.set(name, settled);
  void settled.then(() => {
    if (chains.get(name) === settled) chains.delete(name);
  });
  return next;
}
