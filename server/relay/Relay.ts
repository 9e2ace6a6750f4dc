import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AccessControl, MembershipChange } from '../accounts/types.ts';
import type { ConnectionCap } from '../fanout/SharedConnectionCap.ts';
import type { Logger } from '../log.ts';
import { MemoryPersonByteBudget, type PersonByteBudget } from './ByteBudget.ts';
import { CloseCode } from '../../src/lib/shared/protocol/closeCodes.ts';
import { Connection, type Admission } from './Connection.ts';
import { parseRoomName, type RoomName } from '../../src/lib/shared/protocol/roomName.ts';
import type { RoomRegistry } from './RoomRegistry.ts';

export const SYNC_PATH = '/sync/';

/** The longest delay setTimeout honours (a longer one fires at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How soon an expiry is looked at again when the account store could not be asked. */
const RECHECK_MS = 30_000;

export type RelayOptions = {
  access: AccessControl;
  maxMessageBytes: number;
  messagesPerSecond: number;
  maxConnectionsPerUser: number;
  /** Bytes per second one connection may send (bursts up to one largest message). */
  writeBytesPerSecond: number;
  /** Bytes per second one person may send over all their connections, reconnects included. */
  userWriteBytesPerSecond: number;
  /** Bytes queued for one client beyond which it is closed. */
  maxQueuedBytes: number;
  /** How often every socket is pinged; one that has not answered the previous ping is closed. */
  heartbeatMs: number;
  /** Origins allowed besides the server's own (browsers always send one; other clients don't). */
  allowedOrigins: string[];
  /** Counts each person's connections on every instance (with Redis); absent: this one alone. */
  connectionCap?: ConnectionCap | null;
  /** Counts each person's write bytes on every instance (with Redis); absent: in this one's memory. */
  personByteBudget?: (perSecond: number, burst: number) => PersonByteBudget;
  /** Told the code of every closed connection (for metrics). */
  closed?: (code: number) => void;
};

/**
 * The websocket transport: accepts upgrades on `/sync/<workspaceId>/<docId>`, refuses foreign
 * origins, admits each socket (authenticated, authorised for the room's workspace) before any
 * document byte is sent, and follows membership changes on open connections.
 */
export class Relay {
  readonly #wss: WebSocketServer;
  readonly #registry: RoomRegistry;
  readonly #log: Logger;
  readonly #options: RelayOptions;
  readonly #sockets = new Set<WebSocket>();
  readonly #byUser = new Map<string, Set<Connection>>();
  readonly #stopWatching: (() => void)[];
  readonly #personBudget: PersonByteBudget;
  /** Sockets that answered the last ping (or are new since it). */
  readonly #alive = new WeakSet<WebSocket>();
  readonly #heartbeat: NodeJS.Timeout;
  #accepting = true;

  constructor(registry: RoomRegistry, log: Logger, options: RelayOptions) {
    this.#registry = registry;
    this.#log = log;
    this.#options = options;
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
    const burst = Math.max(options.maxMessageBytes, options.userWriteBytesPerSecond * 2);
    this.#personBudget =
      options.personByteBudget?.(options.userWriteBytesPerSecond, burst) ??
      new MemoryPersonByteBudget(options.userWriteBytesPerSecond, burst);
    this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs);
    this.#heartbeat.unref();
    this.#stopWatching = [
      options.access.onMembershipChange((change) => this.#membershipChanged(change)),
      options.access.onSessionEnded((key) => this.#sessionEnded(key))
    ];
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
      this.#log.warn('refused cross-origin websocket', {
        origin: req.headers.origin?.slice(0, 200)
      });
      return (refuse(socket, 403, 'Forbidden'), true);
    }
    const room = parseRoomName(decodePath(url.pathname.slice(SYNC_PATH.length)));
    // An empty `token=` is no token: the session cookie (if any) decides.
    const token = url.searchParams.get('token') || null;
    const cookieHeader = req.headers.cookie;
    const wantsAcks = url.searchParams.get('acks') === '1';
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      if (!room) return ws.close(CloseCode.invalidRoom.code, CloseCode.invalidRoom.reason);
      this.#sockets.add(ws);
      this.#alive.add(ws);
      ws.on('pong', () => this.#alive.add(ws));
      ws.on('close', (code) => {
        this.#sockets.delete(ws);
        this.#options.closed?.(code);
        if (code === CloseCode.messageTooBig.code)
          this.#log.warn('frame over the size limit', { room: room.room });
      });
      const target = room;
      new Connection(ws, this.#registry, this.#log, {
        roomName: target.room,
        workspaceId: target.workspaceId,
        wantsAcks,
        messagesPerSecond: this.#options.messagesPerSecond,
        bytesPerSecond: this.#options.writeBytesPerSecond,
        burstBytes: Math.max(this.#options.maxMessageBytes, this.#options.writeBytesPerSecond * 2),
        personBudget: this.#personBudget,
        maxQueuedBytes: this.#options.maxQueuedBytes,
        admit: (connection) => this.#admit(connection, target, cookieHeader, token)
      });
    });
    return true;
  }

  async #admit(
    connection: Connection,
    room: RoomName,
    cookieHeader: string | undefined,
    token: string | null
  ): Promise<Admission | (typeof CloseCode)[keyof typeof CloseCode]> {
    const { access } = this.#options;
    const principal = await access.authenticate({ cookieHeader, token });
    if (!principal) return CloseCode.unauthorised;
    // Unknown and forbidden workspaces answer alike, so ids cannot be probed.
    const role = await access.roleIn(principal, room.workspaceId);
    if (!role) return CloseCode.forbidden;
    const mine = this.#byUser.get(principal.userId) ?? new Set<Connection>();
    if (mine.size >= this.#options.maxConnectionsPerUser) return CloseCode.tooManyConnections;
    const cap = this.#options.connectionCap;
    if (cap) {
      if (!(await cap.claim(principal.userId, connection.id))) return CloseCode.tooManyConnections;
      // A socket that went away while Redis answered has run its close listeners already.
      if (!connection.isOpen) cap.release(principal.userId, connection.id);
      else connection.onClose(() => cap.release(principal.userId, connection.id));
    }
    mine.add(connection);
    this.#byUser.set(principal.userId, mine);
    connection.onClose(() => {
      mine.delete(connection);
      if (mine.size === 0 && this.#byUser.get(principal.userId) === mine)
        this.#byUser.delete(principal.userId);
    });
    if (principal.token) {
      // A token's connection ends when the token does; the client then needs a new one.
      this.#closeOnExpiry(connection, principal.token.expiresAt, () => null);
    } else if (principal.sessionExpiresAt !== undefined) {
      // A session may have been extended by the app's requests meanwhile: look again, then wait on.
      this.#closeOnExpiry(connection, principal.sessionExpiresAt, () =>
        this.#options.access.sessionExpiresAt(cookieHeader)
      );
    }
    return { principal, role };
  }

  /**
   * Closes the connection with 4401 once its credential has expired. `stillValidUntil` is asked
   * when the timer fires; a later expiry re-arms it (setTimeout also cannot wait longer than
   * ~24 days, less than a session's default lifetime).
   */
  #closeOnExpiry(
    connection: Connection,
    expiresAt: number,
    stillValidUntil: () => Promise<number | null> | null
  ): void {
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    const arm = (at: number) => {
      if (closed) return;
      timer = setTimeout(
        async () => {
          let later: number | null;
          try {
            later = at > Date.now() ? at : await stillValidUntil();
          } catch {
            // The account store did not answer: look again shortly rather than sign anyone out.
            arm(Date.now() + RECHECK_MS);
            return;
          }
          if (later === null || later <= Date.now()) connection.close(CloseCode.unauthorised);
          else arm(later);
        },
        Math.min(MAX_TIMER_MS, Math.max(0, at - Date.now()))
      );
      timer.unref();
    };
    arm(expiresAt);
    connection.onClose(() => {
      closed = true;
      clearTimeout(timer);
    });
  }

  /**
   * The classic server's heartbeat: a socket that did not answer the previous ping is gone (a
   * tablet that lost its network sends no close) and is dropped; the others are pinged again.
   */
  #beat(): void {
    for (const ws of this.#sockets) {
      if (ws.readyState !== ws.OPEN) continue;
      if (!this.#alive.has(ws)) {
        ws.close(CloseCode.heartbeatMissed.code, CloseCode.heartbeatMissed.reason);
        // Nobody reads the close frame: free the socket now.
        ws.terminate();
        continue;
      }
      this.#alive.delete(ws);
      ws.ping();
    }
  }

  #membershipChanged(change: MembershipChange): void {
    for (const connection of this.#byUser.get(change.userId) ?? []) {
      if (connection.workspaceId !== change.workspaceId) continue;
      if (change.role === null) connection.close(CloseCode.accessRevoked);
      // Reconnecting re-admits with the new role (for a token, never above the token's own).
      else if (change.role !== connection.role) connection.close(CloseCode.roleChanged);
    }
  }

  /** Signing out ends that session's connections at once (other tabs then ask to sign in). */
  #sessionEnded(key: string): void {
    for (const connections of this.#byUser.values()) {
      for (const connection of connections) {
        if (connection.principal?.sessionKey === key) connection.close(CloseCode.unauthorised);
      }
    }
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
    clearInterval(this.#heartbeat);
    for (const stop of this.#stopWatching) stop();
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
