import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { tokenFor } from './credentials.ts';

function tokenParam(room: string, as?: DocClientOptions['as']): Record<string, string> {
  const token = tokenFor(room, as?.role ?? 'editor', as?.name);
  return token ? { token } : {};
}

export type DocClientOptions = {
  acks?: boolean;
  connect?: boolean;
  /** Who the client is: a member with this display name and role (default: a test editor). */
  as?: { name?: string; role?: 'editor' | 'viewer' };
};

/** A real y-websocket client with its own Y.Doc, as the app uses it (minus IndexedDB). */
export class DocClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;

  constructor(syncUrl: string, room: string, options: DocClientOptions = {}) {
    this.provider = new WebsocketProvider(syncUrl, room, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      connect: options.connect ?? true,
      params: { ...(options.acks ? { acks: '1' } : {}), ...tokenParam(room, options.as) },
      // Reconnect fast after a server restart; the default grows to 2.5 s.
      maxBackoffTime: 200
    });
  }

  get text(): Y.Text {
    return this.doc.getText('body');
  }

  get content(): string {
    return this.text.toString();
  }

  get synced(): boolean {
    return this.provider.synced;
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
