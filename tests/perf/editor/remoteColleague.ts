import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DOCUMENT_CONTENT_FIELD } from '../../../src/lib/shared/model/schema.ts';
import { roomName } from '../../../src/lib/shared/protocol/roomName.ts';

export type RemoteColleague = {
  wordsWritten: () => number;
  /** No more words; the connection stays, so what was written still goes out. */
  stopTyping: () => void;
  stop: () => void;
};

/**
 * A colleague on another device: a y-websocket client in this process, signed in with the
 * colleague's session cookie, that writes a word at the start of the first paragraph every
 * `everyMs` and shows its caret there, as the app does. Its work stays off the page under test
 * (a colleague in a second browser on the same two-core machine takes the CPU from it).
 */
export async function remoteColleague(
  baseUrl: string,
  workspaceId: string,
  docId: string,
  cookie: string,
  everyMs: number
): Promise<RemoteColleague> {
  const origin = new URL(baseUrl).origin;
  const Signed = class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { Cookie: cookie, Origin: origin } });
    }
  };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    baseUrl.replace(/^http/, 'ws') + '/sync',
    roomName(workspaceId, docId),
    doc,
    { WebSocketPolyfill: Signed as unknown as typeof globalThis.WebSocket, disableBc: true }
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the colleague did not sync in 30 s')), 30_000);
    provider.once('sync', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  provider.awareness.setLocalStateField('user', { name: 'Кравец Ольга', color: '#b45309' });
  const firstText = () => {
    const paragraph = doc.getXmlFragment(DOCUMENT_CONTENT_FIELD).get(0);
    const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
    if (!(text instanceof Y.XmlText)) throw new Error('the document has no first paragraph');
    return text;
  };
  const words = ['кисть ', 'краска ', 'доска ', 'орнамент '];
  let written = 0;
  const timer = setInterval(() => {
    const word = words[written++ % words.length]!;
    const text = firstText();
    text.insert(0, word);
    const caret = Y.relativePositionToJSON(
      Y.createRelativePositionFromTypeIndex(text, word.length)
    );
    provider.awareness.setLocalStateField('cursor', { anchor: caret, head: caret });
  }, everyMs);
  return {
    wordsWritten: () => written,
    stopTyping: () => clearInterval(timer),
    stop: () => {
      clearInterval(timer);
      provider.destroy();
      doc.destroy();
    }
  };
}
