import type { WebsocketProvider } from 'y-websocket';

type Awareness = WebsocketProvider['awareness'];
type Change = { added: number[]; updated: number[]; removed: number[] };
type Listener = (change: Change, origin: unknown) => void;

/**
 * The provider as the carets extension sees it: its awareness tells of changes to others' states
 * only. The carets plugin redraws every caret on each awareness change, in a transaction of its
 * own, yet draws everyone's caret but this person's: without this, each keystroke (which moves
 * this person's caret) cost a second transaction and a walk of the document for every colleague.
 */
export function othersCaretsProvider(provider: WebsocketProvider): { awareness: Awareness } {
  const awareness = provider.awareness;
  const wrapped = new WeakMap<Listener, Listener>();
  const othersOnly = (listener: Listener): Listener => {
    let filtered = wrapped.get(listener);
    if (!filtered) {
      filtered = (change, origin) => {
        const own = awareness.clientID;
        const clients = [...change.added, ...change.updated, ...change.removed];
        if (clients.some((client) => client !== own)) listener(change, origin);
      };
      wrapped.set(listener, filtered);
    }
    return filtered;
  };
  const view = new Proxy(awareness, {
    get(target, property) {
      if (property === 'on' || property === 'off')
        return (name: string, listener: Listener) =>
          target[property](name as 'change', name === 'change' ? othersOnly(listener) : listener);
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    }
  });
  return { awareness: view };
}
