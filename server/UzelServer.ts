import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Accounts } from './accounts/Accounts.ts';
import type { BlobStore } from './blobs/BlobStore.ts';
import type { CalendarFeeds } from './calendar/CalendarFeeds.ts';
import { composeServices, openStores, type ComposeOptions } from './compose.ts';
import type { Config } from './config.ts';
import type { Engine } from './db/engine.ts';
import type { FanoutServices } from './fanout/openFanout.ts';
import type { SharedRooms } from './fanout/SharedRooms.ts';
import type { History } from './history/History.ts';
import type { ApiRouter } from './http/ApiRouter.ts';
import type { Logger } from './log.ts';
import { redactText } from './logRedaction.ts';
import type { Metrics } from './ops/Metrics.ts';
import type { Mailer } from './mail/Mailer.ts';
import { OpsEndpoints } from './ops/OpsEndpoints.ts';
import { postgresWriteProbe } from './ops/probes.ts';
import type { Readiness } from './ops/Readiness.ts';
import { requestRouteLabel } from './ops/requestLabel.ts';
import type { PublicSite } from './publishing/PublicSite.ts';
import type { Publishing } from './publishing/Publishing.ts';
import type { BatchSync } from './relay/BatchSync.ts';
import type { Relay } from './relay/Relay.ts';
import type { RoomRegistry } from './relay/RoomRegistry.ts';
import type { RoomStorage } from './storage/RoomStorage.ts';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export type UzelServerOptions = ComposeOptions & {
  /** The web app's request handler (adapter-node's); without it only the relay and health answer. */
  appHandler?: HttpHandler;
};

/**
 * One process, one port: the web app, the health check and the websocket relay share an http
 * server. The services come from `composeServices`; this class is the transport and the order
 * of shutdown. `close()` is the graceful path used on SIGTERM: stop accepting, flush, close.
 */
export class UzelServer {
  readonly http: Server;
  readonly relay: Relay;
  readonly registry: RoomRegistry;
  readonly batchSync: BatchSync;
  readonly storage: RoomStorage;
  readonly accounts: Accounts;
  readonly api: ApiRouter;
  /** Proposals and publications (`publications.sqlite`) and the public pages under /p/. */
  readonly publishing: Publishing;
  readonly publicSite: PublicSite;
  readonly calendarFeeds: CalendarFeeds;
  /** Images and files of documents (`blobs.sqlite` and `blobs/`). */
  readonly blobs: BlobStore;
  /** Versions of documents (`history.sqlite`). */
  readonly history: History;
  /** Prometheus metrics (`/metrics`) and the storage checks behind `/readyz`. */
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  readonly #ops: OpsEndpoints;
  #metricsServer: Server | null = null;
  readonly #log: Logger;
  readonly #config: Config;
  readonly #fanout: FanoutServices | null;
  readonly #sharedRooms: SharedRooms | null;
  readonly #mailer: Mailer | null;
  #closing: Promise<void> | null = null;

  constructor({ appHandler, ...options }: UzelServerOptions) {
    const { config, log } = options;
    this.#config = config;
    this.#log = log;
    const services = composeServices(options);
    this.metrics = services.metrics;
    this.readiness = services.readiness;
    this.storage = services.storage;
    this.accounts = services.accounts;
    this.registry = services.registry;
    this.history = services.history;
    this.publishing = services.publishing;
    this.blobs = services.blobs;
    this.publicSite = services.publicSite;
    this.calendarFeeds = services.calendarFeeds;
    this.batchSync = services.batchSync;
    this.api = services.api;
    this.relay = services.relay;
    this.#sharedRooms = services.sharedRooms;
    this.#fanout = services.fanout;
    this.#mailer = services.mailer;
    this.#ops = new OpsEndpoints({
      readiness: this.readiness,
      metrics: this.metrics,
      metricsToken: config.metrics.token,
      separateMetrics: config.metrics.address !== undefined,
      // Not ready for changes: a monitor or a load balancer should know, readers still are served.
      healthProblem: () => (this.registry.storageReadOnly ? 'storage read-only' : null)
    });
    this.http = createServer((req, res) => {
      const started = performance.now();
      const pathname = (req.url ?? '/').split('?')[0]!;
      res.once('finish', () => {
        const route = requestRouteLabel(req.method ?? 'GET', pathname, this.api);
        this.metrics.httpRequest(route, res.statusCode);
        // The URL may carry a token (?token=, a feed or invite link): masked here already, so
        // no logger has to be trusted with it.
        log.debug('http request', {
          method: req.method,
          url: redactText(req.url ?? '/'),
          route,
          status: res.statusCode,
          ms: Math.round(performance.now() - started)
        });
      });
      if (this.#ops.handle(req, res, pathname)) return;
      if (this.api.handle(req, res)) return;
      if (this.publicSite.handle(req, res)) return;
      const notFound = () => res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      if (appHandler) appHandler(req, res, notFound);
      else notFound();
    });
    this.http.on('upgrade', (req, socket, head) => {
      if (!this.relay.handleUpgrade(req, socket, head)) socket.destroy();
    });
  }

  /**
   * The server with every store that has engines on `engine` (PostgreSQL when DATABASE_URL is
   * set, else SQLite in DATA_DIR): content, accounts and calendar links. The engine stays the
   * caller's to close.
   */
  static async onEngine(
    options: Omit<UzelServerOptions, 'accounts' | 'feedTokens' | 'content' | 'fanout'>,
    engine: Engine
  ): Promise<UzelServer> {
    const stores = await openStores(engine, options.config, options.log, options.storage);
    const server = new UzelServer({ ...options, ...stores });
    // Every store is in this database: while it takes no writes, this instance is not ready.
    if (engine.kind === 'postgres')
      server.readiness.register(postgresWriteProbe('database', engine.pool));
    return server;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.#config.port, this.#config.host, () => resolve());
    });
    const metricsAt = this.#config.metrics.address;
    if (metricsAt)
      this.#metricsServer = await this.#ops.listenMetrics(metricsAt.host, metricsAt.port);
    const { port } = this.http.address() as AddressInfo;
    const host = this.#config.host.includes(':') ? `[${this.#config.host}]` : this.#config.host;
    return `http://${host}:${port}`;
  }

  /** The port of the separate /metrics listener (METRICS_ADDRESS), if there is one. */
  get metricsPort(): number | null {
    return this.#metricsServer ? (this.#metricsServer.address() as AddressInfo).port : null;
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
      this.#sharedRooms?.close();
      await this.#fanout?.close();
      await this.batchSync.close();
      // After the rooms are stored, before storage closes: pending versions read it.
      await this.history.close();
      await this.storage.close();
      await this.publishing.close();
      await this.accounts.close();
      await this.calendarFeeds.close();
      await this.blobs.close();
      this.#mailer?.close();
      const metricsServer = this.#metricsServer;
      if (metricsServer) await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      // Everything is stored and the stores are closed. A page polling over a keep-alive
      // connection (every 5 s, as long as Node's keep-alive timeout) could keep it from ever
      // being idle, and the process from exiting.
      this.http.closeAllConnections();
      await httpClosed;
      this.#log.info('stopped; every update is stored');
    })();
    return this.#closing;
  }
}
