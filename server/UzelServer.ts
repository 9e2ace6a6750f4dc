import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { Relay } from './relay/Relay.ts';
import { RoomRegistry } from './relay/RoomRegistry.ts';
import type { RoomStorage } from './storage/RoomStorage.ts';
import { SqliteStorage } from './storage/SqliteStorage.ts';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export type UzelServerOptions = {
  config: Config;
  log: Logger;
  /** The web app's request handler (adapter-node's); without it only the relay and health answer. */
  appHandler?: HttpHandler;
  storage?: RoomStorage;
};

/**
 * One process, one port: the web app, the health check and the websocket relay share an http
 * server. `close()` is the graceful path used on SIGTERM: stop accepting, flush, close.
 */
export class UzelServer {
  readonly http: Server;
  readonly relay: Relay;
  readonly registry: RoomRegistry;
  readonly storage: RoomStorage;
  readonly #log: Logger;
  readonly #config: Config;
  #closing: Promise<void> | null = null;

  constructor({ config, log, appHandler, storage }: UzelServerOptions) {
    this.#config = config;
    this.#log = log;
    this.storage =
      storage ??
      new SqliteStorage(path.join(config.dataDir, 'uzel.sqlite'), {
        synchronous: config.sqliteSync
      });
    this.registry = new RoomRegistry(this.storage, log, {
      idleMs: config.roomIdleMs,
      compactAfterUpdates: config.compactAfterUpdates
    });
    this.relay = new Relay(this.registry, log, {
      maxMessageBytes: config.maxMessageBytes,
      allowedOrigins: config.allowedOrigins
    });
    this.http = createServer((req, res) => {
      if (req.url === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const notFound = () => res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      if (appHandler) appHandler(req, res, notFound);
      else notFound();
    });
    this.http.on('upgrade', (req, socket, head) => {
      if (!this.relay.handleUpgrade(req, socket, head)) socket.destroy();
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.#config.port, this.#config.host, () => resolve());
    });
    const { port } = this.http.address() as AddressInfo;
    const host = this.#config.host.includes(':') ? `[${this.#config.host}]` : this.#config.host;
    return `http://${host}:${port}`;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      // Sockets first: server.close() would otherwise wait for them forever.
      this.relay.close();
      const httpClosed = new Promise<void>((resolve) => this.http.close(() => resolve()));
      this.http.closeIdleConnections();
      await this.registry.close();
      await this.storage.close();
      await httpClosed;
      this.#log.info('stopped; every update is stored');
    })();
    return this.#closing;
  }
}
