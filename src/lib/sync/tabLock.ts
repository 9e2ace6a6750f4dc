/**
 * Runs `task` while holding a lock named `name` across every tab of this origin (Web Locks), so
 * the background sync of a workspace runs in one tab at a time: the next tab then finds the clocks
 * already advanced and has nothing to do, instead of writing every document a second time.
 * Without Web Locks (Node, old browsers) calls are only serialised within this page.
 */
const chains = new Map<string, Promise<unknown>>();

export function withTabLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) return locks.request(name, () => task()) as Promise<T>;
  const previous = chains.get(name) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => undefined);
  chains.set(name, settled);
  void settled.then(() => {
    if (chains.get(name) === settled) chains.delete(name);
  });
  return next;
}
