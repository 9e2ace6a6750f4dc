import { afterEach } from 'vitest';

export type Defer = (task: () => unknown) => void;

/**
 * Registers teardown work that runs after each test, newest first, even when the test failed:
 * relays, sockets and providers left open would keep the worker alive or leak into the next test.
 */
export function deferCleanup(): Defer {
  const tasks: (() => unknown)[] = [];
  afterEach(async () => {
    const errors: unknown[] = [];
    while (tasks.length > 0) {
      try {
        await tasks.pop()!();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length > 0) throw errors[0];
  });
  return (task) => tasks.push(task);
}
