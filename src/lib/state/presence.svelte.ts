import { createSubscriber } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';
import { presentPeople, type PresentPerson } from '../shared/model/presence.ts';

/** Who is in a document now: read from its provider's awareness, never copied into $state. */
export class Presence {
  readonly #awareness: Awareness;
  readonly #subscribe: () => void;

  constructor(awareness: Awareness) {
    this.#awareness = awareness;
    this.#subscribe = createSubscriber((update) => {
      awareness.on('change', update);
      return () => awareness.off('change', update);
    });
  }

  get people(): PresentPerson[] {
    this.#subscribe();
    return presentPeople(this.#awareness.getStates(), this.#awareness.clientID);
  }
}
