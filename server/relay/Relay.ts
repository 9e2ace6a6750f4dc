import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../log.ts';
import { CloseCode } from './closeCodes.ts';
import { Connection } from './Connection.ts';
import { parseRoomName } from './roomName.ts';
import type { RoomRegistry } from './RoomRegistry.ts';

export const SYNC_PATH = '/sync/';

export type RelayOptions = {
  maxMessageBytes: number;
  /** Origins allowed besides the server's own (browsers always send one; other clients don't). */
  allowedOrigins: string[];
};

/**
 * The websocket transport: accepts upgrades on `/sync/<workspaceId>/<docId>`, refuses foreign
 * origins and bad room names, and hands each socket to a `Connection`. Document logic lives in
 * the registry and rooms.
 */
export class Relay {
  readonly #wss: WebSocketServer;
  readonly #registry: RoomRegistry;
  readonly #log: Logger;
  readonly #options: RelayOptions;
  readonly #sockets = new Set<WebSocket>();
  #accepting = true;

  constructor(registry: RoomRegistry, log: Logger, options: RelayOptions) {
    this.#registry = registry;
    this.#log = log;
    this.#options = options;
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  }

  get connectionCount(): number {
    return this.#sockets.size;
  }

  /** Returns false when the request is not for the relay, so another handler may take it. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://relay.invalid');
    } catch {
      // A request target such as `http://[` is not a URL; throwing here would end the process.
      return false;
    }
    if (!url.pathname.startsWith(SYNC_PATH)) return false;
    if (!this.#accepting) return (refuse(socket, 503, 'Service Unavailable'), true);
    if (!this.#originAllowed(req)) {
      this.#log.warn('refused cross-origin websocket', { origin: req.headers.origin });
      return (refuse(socket, 403, 'Forbidden'), true);
    }
    const room = parseRoomName(decodePath(url.pathname.slice(SYNC_PATH.length)));
    const wantsAcks = url.searchParams.get('acks') === '1';
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      if (!room) return ws.close(CloseCode.invalidRoom.code, CloseCode.invalidRoom.reason);
      this.#sockets.add(ws);
      ws.on('close', (code) => {
        this.#sockets.delete(ws);
        if (code === 1009) this.#log.warn('frame over the size limit', { room: room.room });
      });
      new Connection(ws, room.room, this.#registry, this.#log, wantsAcks);
    });
    return true;
  }

  #originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (!origin) return true;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false;
    }
    return host === req.headers.host || this.#options.allowedOrigins.includes(origin);
  }

  /** Stops accepting and closes every socket with "going away" (clients reconnect later). */
  close(): void {
    this.#accepting = false;
    for (const ws of this.#sockets) ws.close(CloseCode.goingAway.code, CloseCode.goingAway.reason);
    this.#wss.close();
  }
}

/** Broken percent-encoding names no room; decodeURIComponent would throw out of the upgrade handler. */
function decodePath(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return '';
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
