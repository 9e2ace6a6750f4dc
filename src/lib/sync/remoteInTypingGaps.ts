import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import { MessageType } from '../shared/protocol/messageTypes.ts';
import { flushTypingGap, inTypingGap } from '../scheduling/typingGaps.ts';

type MessageHandler = WebsocketProvider['messageHandlers'][number];

/**
 * A colleague's changes (updates to the text, and their caret) are applied in the gaps between
 * this person's keystrokes, not in the frame of one: each costs a paragraph's re-render, which
 * would otherwise delay the letter just typed. The replies of the sync protocol (its first two
 * steps) are answered at once as before; only updates, which need no reply, wait, for at most a
 * few hundred milliseconds, and those that waited together are applied in one transaction.
 */
export function applyRemoteInTypingGaps(provider: WebsocketProvider): () => void {
  const handlers = provider.messageHandlers;
  const handleSync = handlers[MessageType.sync];
  if (!handleSync) return () => undefined;
  const updates: Uint8Array[] = [];

  const applyUpdates = () => {
    if (updates.length === 0) return;
    const batch = updates.splice(0);
    provider.doc.transact(() => {
      for (const update of batch)
        syncProtocol.readSyncMessage(
          decoding.createDecoder(update),
          // An update asks for no reply: whatever the reader would write is not sent.
          encoding.createEncoder(),
          provider.doc,
          provider
        );
    }, provider);
  };

  const onSync: MessageHandler = (encoder, decoder, ...rest) => {
    const kind = decoding.peekVarUint(decoder);
    if (kind !== syncProtocol.messageYjsUpdate) return handleSync(encoder, decoder, ...rest);
    // The rest of the frame is the whole sync message; it is read later, from a copy.
    updates.push(decoder.arr.slice(decoder.pos));
    decoder.pos = decoder.arr.length;
    if (updates.length === 1) inTypingGap(applyUpdates);
  };

  const onAwareness: MessageHandler = (_encoder, decoder) => {
    const update = decoding.readVarUint8Array(decoder);
    inTypingGap(() => awarenessProtocol.applyAwarenessUpdate(provider.awareness, update, provider));
  };

  handlers[MessageType.sync] = onSync;
  handlers[MessageType.awareness] = onAwareness;
  // What waits (this room's updates among it) is applied before the provider goes.
  return flushTypingGap;
}
