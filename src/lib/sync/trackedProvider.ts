import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { MessageType } from '../shared/protocol/messageTypes.ts';
import { oncePerFrame } from '../scheduling/oncePerFrame.ts';
import { applyRemoteInTypingGaps } from './remoteInTypingGaps.ts';
import type { SaveTracker } from './SaveTracker.ts';

type WebSocketClass = typeof WebSocket;

export type TrackedProviderOptions = {
  /** The WebSocket class to extend: the browser's, or `ws` in Node. */
  WebSocketImpl?: WebSocketClass;
  params?: Record<string, string>;
  connect?: boolean;
  /** Origins of updates that are not local edits (e.g. the IndexedDB persistence loading). */
  ignoreOrigins?: unknown[];
  /** Called after each local edit has been counted (the one place local edits are told apart). */
  onLocalChange?: () => void;
};

export type TrackedProvider = { provider: WebsocketProvider; dispose: () => void };

/**
 * A y-websocket provider wired to a SaveTracker: local edits are counted, every frame sent is
 * seen by the tracker, and the relay's acknowledgements (asked for with `acks=1`) settle them.
 */
export function createTrackedProvider(
  serverUrl: string,
  room: string,
  doc: Y.Doc,
  tracker: SaveTracker,
  options: TrackedProviderOptions = {}
): TrackedProvider {
  const ignored = new Set(options.ignoreOrigins ?? []);
  let provider: WebsocketProvider | null = null;
  // Registered before the provider's own update handler, so a change is counted before it is sent.
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || ignored.has(origin)) return;
    tracker.localChange();
    options.onLocalChange?.();
  };
  doc.on('update', onUpdate);

  const Base = options.WebSocketImpl ?? WebSocket;
  const CountingWebSocket = class extends Base {
    override send(data: Parameters<WebSocket['send']>[0]): void {
      if (data instanceof Uint8Array) tracker.frameSent(data);
      super.send(data);
    }
  };
  provider = new WebsocketProvider(serverUrl, room, doc, {
    connect: options.connect ?? true,
    params: { ...options.params, acks: '1' },
    WebSocketPolyfill: CountingWebSocket,
    // Tabs meet through the relay, each with its own connection. y-websocket's BroadcastChannel
    // would encode and post the whole doc to every other tab on each connect: for a large index,
    // a long task in this tab and a whole-state update to apply in each of the others.
    disableBc: true
  });
  provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => {
    tracker.acknowledged(decoding.readVarUint(decoder));
  };
  // Opened or closed: the counting starts again with the next connection's messages.
  provider.on('status', () => tracker.connectionReset());
  const stopAwarenessBatching = sendCaretOncePerFrame(provider);
  const stopTypingGaps = applyRemoteInTypingGaps(provider);

  return {
    provider,
    dispose: () => {
      doc.off('update', onUpdate);
      stopAwarenessBatching();
      stopTypingGaps();
      provider?.destroy();
    }
  };
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
type AwarenessHandler = (change: AwarenessChange, origin: unknown) => void;

/**
 * y-websocket sends an awareness message for every change of this person's state, and the caret
 * moves with every keystroke: the local changes of one frame go out as one message (the state as
 * it is by then), after the frame is painted. Others' states, and anyone leaving, are passed on
 * at once as before.
 */
function sendCaretOncePerFrame(provider: WebsocketProvider): () => void {
  const withHandler = provider as unknown as { _awarenessUpdateHandler?: AwarenessHandler };
  const send = withHandler._awarenessUpdateHandler;
  if (typeof send !== 'function') return () => undefined;
  const awareness = provider.awareness;
  const changed = new Set<number>();
  const frame = oncePerFrame(
    () => {
      const clients = [...changed];
      changed.clear();
      if (clients.length > 0) send({ added: [], updated: clients, removed: [] }, 'local');
    },
    { afterPaint: true }
  );
  const batched: AwarenessHandler = (change, origin) => {
    if (origin !== 'local' || change.removed.length > 0) {
      frame.flush();
      return send(change, origin);
    }
    for (const client of [...change.added, ...change.updated]) changed.add(client);
    frame.run();
  };
  awareness.off('update', send);
  awareness.on('update', batched);
  return () => {
    frame.flush();
    awareness.off('update', batched);
  };
}
