import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType } from '../../../src/lib/shared/protocol/messageTypes.ts';
import { SaveTracker } from '../../../src/lib/sync/SaveTracker.ts';
import { createTrackedProvider } from '../../../src/lib/sync/trackedProvider.ts';

// The caret batching in trackedProvider.ts replaces y-websocket's own awareness listener, which
// it finds under a private name. These tests fail if an upgrade of y-websocket renames or drops
// it (the batching would otherwise turn itself off without a word).

const WebSocketImpl = WebSocket as unknown as typeof globalThis.WebSocket;

/** Stands in for an open connection: what the provider sends is recorded, nothing goes out. */
function fakeOpenSocket(provider: WebsocketProvider): Uint8Array[] {
  const sent: Uint8Array[] = [];
  const socket = { readyState: 1, OPEN: 1, send: (data: Uint8Array) => sent.push(data) };
  const p = provider as unknown as { ws: unknown; wsconnected: boolean };
  p.ws = socket;
  p.wsconnected = true;
  return sent;
}

function closeFakeSocket(provider: WebsocketProvider): void {
  const p = provider as unknown as { ws: unknown; wsconnected: boolean };
  p.ws = null;
  p.wsconnected = false;
}

/** The awareness states an awareness message carries, by client. */
function statesIn(message: Uint8Array): Map<number, Record<string, unknown>> {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(MessageType.awareness);
  const into = new Awareness(new Y.Doc());
  into.setLocalState(null);
  applyAwarenessUpdate(into, decoding.readVarUint8Array(decoder), 'test');
  return into.getStates() as Map<number, Record<string, unknown>>;
}

let frames: FrameRequestCallback[] = [];
beforeEach(() => {
  vi.useFakeTimers();
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Runs the pending animation frames, then the task after the paint. */
function paintFrame(): void {
  for (const cb of frames.splice(0)) cb(performance.now());
  vi.advanceTimersByTime(0);
}

describe('y-websocket awareness handler', () => {
  it('is `_awarenessUpdateHandler`, listening to the awareness updates and sending them', () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider('ws://127.0.0.1:1', 'room', doc, {
      connect: false,
      WebSocketPolyfill: WebSocketImpl,
      disableBc: true
    });
    try {
      const handler = (provider as unknown as { _awarenessUpdateHandler?: unknown })
        ._awarenessUpdateHandler;
      expect(typeof handler).toBe('function');
      const sent = fakeOpenSocket(provider);
      provider.awareness.setLocalStateField('caret', 1);
      expect(sent).toHaveLength(1);
      expect(statesIn(sent[0]!).get(doc.clientID)).toMatchObject({ caret: 1 });
      // Taken off the awareness, nothing else sends the change: it is the one listener that does.
      provider.awareness.off('update', handler as () => void);
      provider.awareness.setLocalStateField('caret', 2);
      expect(sent).toHaveLength(1);
    } finally {
      closeFakeSocket(provider);
      provider.destroy();
    }
  });
});

describe('tracked provider awareness', () => {
  function tracked() {
    const doc = new Y.Doc();
    const tracker = new SaveTracker({ load: () => 0, save: () => undefined }, () => undefined);
    const t = createTrackedProvider('ws://127.0.0.1:1', 'room', doc, tracker, {
      WebSocketImpl,
      connect: false
    });
    const sent = fakeOpenSocket(t.provider);
    return {
      doc,
      provider: t.provider,
      sent,
      dispose: () => {
        closeFakeSocket(t.provider);
        t.dispose();
      }
    };
  }

  it('sends the local changes of one frame as one message, with the state at the end', () => {
    const { doc, provider, sent, dispose } = tracked();
    try {
      for (let caret = 1; caret <= 5; caret++)
        provider.awareness.setLocalStateField('caret', caret);
      expect(sent).toHaveLength(0);
      paintFrame();
      expect(sent).toHaveLength(1);
      expect(statesIn(sent[0]!).get(doc.clientID)).toMatchObject({ caret: 5 });
      // The next frame's change is a message of its own.
      provider.awareness.setLocalStateField('caret', 6);
      paintFrame();
      expect(sent).toHaveLength(2);
      expect(statesIn(sent[1]!).get(doc.clientID)).toMatchObject({ caret: 6 });
    } finally {
      dispose();
    }
  });

  it('passes a remote change on at once, after the local changes queued before it', () => {
    const { doc, provider, sent, dispose } = tracked();
    try {
      provider.awareness.setLocalStateField('caret', 3);
      const other = new Awareness(new Y.Doc());
      other.setLocalStateField('caret', 9);
      applyAwarenessUpdate(
        provider.awareness,
        encodeAwarenessUpdate(other, [other.clientID]),
        'remote'
      );
      expect(sent).toHaveLength(2);
      expect(statesIn(sent[0]!).get(doc.clientID)).toMatchObject({ caret: 3 });
      expect(statesIn(sent[1]!).get(other.clientID)).toMatchObject({ caret: 9 });
      paintFrame();
      expect(sent).toHaveLength(2);
    } finally {
      dispose();
    }
  });
});
