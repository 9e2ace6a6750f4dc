import { nextTask } from './nextTask.ts';

/**
 * Main-thread time for one piece of long work: once a piece has used it, `pause()` lets the page
 * handle input and paint, and the next piece starts in a new task.
 */
export class TaskBudget {
  readonly #ms: number;
  #start: number;

  /** `spent`: the current task has done enough already, so the first check pauses. */
  constructor(ms: number, spent = false) {
    this.#ms = ms;
    this.#start = spent ? -Infinity : performance.now();
  }

  get spent(): boolean {
    return performance.now() - this.#start > this.#ms;
  }

  async pause(): Promise<void> {
    await nextTask();
    this.#start = performance.now();
  }
}
