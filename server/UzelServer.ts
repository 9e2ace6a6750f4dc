import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Accounts } from './accounts/Accounts.ts';
import type { Config } from './config.ts';
import { CalendarFeeds } from './calendar/CalendarFeeds.ts';
import { openFeedTokenStore, type FeedTokenStore } from './calendar/FeedTokens.ts';
import type { Engine } from './db/engine.ts';
import { ApiRouter } from './http/ApiRouter.ts';
import type { BlobStore } from './blobs/BlobStore.ts';
import {
  closeContentStores,
  openContentStores,
  sqliteContentStores,
  type ContentStores
} from './contentStores.ts';
import { seedSampleWorkspace } from './seed/sampleWorkspace.ts';
import type { Logger } from './log.ts';
import { redactText } from './logRedaction.ts';
import { History } from './history/History.ts';
import { WorkspaceDirectory } from './publishing/WorkspaceDirectory.ts';
import { PublicSite } from './publishing/PublicSite.ts';
import { Publishing } from './publishing/Publishing.ts';
import { BatchSync } from './relay/BatchSync.ts';
import { Relay } from './relay/Relay.ts';
import { RoomRegistry } from './relay/RoomRegistry.ts';
import { openFanout, type FanoutServices } from './fanout/openFanout.ts';
import { SharedRooms } from './fanout/SharedRooms.ts';
import { PostgresStorage } from './storage/PostgresStorage.ts';
import type { RoomStorage } from './storage/RoomStorage.ts';
import { SqliteStorage } from './storage/SqliteStorage.ts';
import { MeteredStorage } from './ops/MeteredStorage.ts';
import { Metrics } from './ops/Metrics.ts';
import { OpsEndpoints } from './ops/OpsEndpoints.ts';
import { dataFolderProbe, sqliteWriteProbe } from './ops/probes.ts';
import { Readiness } from './ops/Readiness.ts';
import { requestRouteLabel } from './ops/requestLabel.ts';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export type UzelServerOptions = {
  config: Config;
  log: Logger;
  /** The web app's request handler (adapter-node's); without it only the relay and health answer. */
  appHandler?: HttpHandler;
  storage?: RoomStorage;
  /** People, workspaces and roles; by default `accounts.sqlite` in the data folder. */
  accounts?: Accounts;
  /** Calendar subscription links; by default `calendar-feeds.sqlite` in the data folder. */
  feedTokens?: FeedTokenStore;
  /** The JSON API under /api/; by default built on `accounts`. */
  api?: ApiRouter;
  /** History, publications, files and the signing key (`openContentStores`); SQLite by default. */
  content?: ContentStores;
  /** Fan-out between instances (`openFanout`); by default this instance is alone. */
  fanout?: FanoutServices;
};

/**
 * One process, one port: the web app, the health check and the websocket relay share an http
 * server. `close()` is the graceful path used on SIGTERM: stop accepting, flush, close.
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
  #closing: Promise<void> | null = null;

  constructor({
    config,
    log,
    appHandler,
    storage,
    accounts,
    feedTokens,
    api,
    content,
    fanout
  }: UzelServerOptions) {
    this.#config = config;
    this.#log = log;
    this.metrics = new Metrics({
      openConnections: () => this.relay.connectionCount,
      roomsInMemory: () => this.registry.loadedRoomCount
    });
    this.readiness = new Readiness({
      timeoutMs: config.readinessTimeoutMs,
      failed: (probe) => this.metrics.storageFailed(`readiness: ${probe}`)
    });
    this.readiness.register(dataFolderProbe(config.dataDir));
    const documentsFile = path.join(config.dataDir, 'uzel.sqlite');
    if (!storage) {
      this.readiness.register(
        sqliteWriteProbe('document storage', documentsFile, config.readinessTimeoutMs)
      );
    }
    this.storage = new MeteredStorage(
      storage ?? new SqliteStorage(documentsFile, { synchronous: config.sqliteSync }),
      this.metrics
    );
    const stores = content ?? sqliteContentStores(config);
    this.accounts = accounts ?? Accounts.fromConfig(config, { log, signingKey: stores.signingKey });
    this.#fanout = fanout ?? null;
    const shared =
      fanout?.fanout.shared === true
        ? new SharedRooms(fanout.fanout, this.storage, log)
        : undefined;
    this.#sharedRooms = shared ?? null;
    this.history = new History({
      store: stores.history,
      storage: this.storage,
      registry: () => this.registry,
      accounts: this.accounts,
      log,
      options: config.history
    });
    this.registry = new RoomRegistry(this.storage, log, {
      idleMs: config.roomIdleMs,
      compactAfterUpdates: config.compactAfterUpdates,
      writeBatchMs: config.writeBatchMs,
      workspaceQuotaBytes: config.docWorkspaceQuotaBytes,
      committed: this.history.edited,
      shared,
      acknowledged: () => this.metrics.acknowledged()
    });
    this.publishing = new Publishing({
      store: stores.publications,
      storage: this.storage,
      registry: this.registry,
      accounts: this.accounts,
      log
    });
    this.blobs = stores.blobs;
    this.publicSite = new PublicSite({
      publishing: this.publishing,
      blobs: this.blobs,
      log,
      origin: config.origin,
      directory: new WorkspaceDirectory(this.registry, this.storage)
    });
    this.calendarFeeds = feedTokens
      ? new CalendarFeeds(feedTokens, this.storage)
      : CalendarFeeds.inDataDir(config.dataDir, this.storage, config.sqliteSync);
    this.api =
      api ??
      new ApiRouter({
        accounts: this.accounts,
        log,
        allowedOrigins: config.allowedOrigins,
        workspaceCreated: (id) => this.#firstWorkspaceSamples(id),
        publishing: this.publishing,
        calendarFeeds: this.calendarFeeds,
        calendarFeedLimit: config.calendarFeedLimit,
        history: this.history,
        limits: fanout?.limits
      });
    this.batchSync = new BatchSync(this.registry, this.storage);
    this.api.useSync(this.batchSync);
    this.api.useBlobs(this.blobs);
    this.relay = new Relay(this.registry, log, {
      access: fanout?.access ?? this.accounts.access,
      connectionCap: fanout?.connectionCap,
      personByteBudget: fanout?.personByteBudget,
      messagesPerSecond: config.messagesPerSecond,
      maxConnectionsPerUser: config.maxConnectionsPerUser,
      maxMessageBytes: config.maxMessageBytes,
      writeBytesPerSecond: config.writeBytesPerSecond,
      userWriteBytesPerSecond: config.userWriteBytesPerSecond,
      maxQueuedBytes: config.maxQueuedBytes,
      heartbeatMs: config.heartbeatMs,
      allowedOrigins: config.allowedOrigins,
      closed: (code) => this.metrics.closed(code)
    });
    // The relay stops taking changes after storage refused a write: not ready for them.
    this.readiness.register({
      name: 'document writes',
      check: async () => {
        if (this.registry.storageReadOnly) throw new Error('storage refused a write: read-only');
      }
    });
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
    options: Omit<UzelServerOptions, 'accounts' | 'feedTokens' | 'content'>,
    engine: Engine
  ): Promise<UzelServer> {
    const { config, log } = options;
    const content = await openContentStores(engine, config);
    let accounts: Accounts | undefined;
    let fanout: FanoutServices | undefined;
    try {
      accounts = await Accounts.open(config, engine, { log, signingKey: content.signingKey });
      const feedTokens = await openFeedTokenStore(engine);
      // Documents live with the other stores: on PostgreSQL every instance shares them.
      const storage =
        options.storage ??
        (engine.kind === 'postgres' ? await PostgresStorage.open(engine.pool) : undefined);
      fanout = await openFanout(config, accounts.access, log);
      return new UzelServer({ ...options, storage, content, accounts, feedTokens, fanout });
    } catch (err) {
      await fanout?.close();
      await accounts?.close();
      await closeContentStores(content);
      throw err;
    }
  }

  /** The first workspace on a new server gets the Russian sample documents (SAMPLE_DATA=on). */
  async #firstWorkspaceSamples(workspaceId: string): Promise<void> {
    if (!this.#config.sampleData || (await this.accounts.workspaceCount()) !== 1) return;
    if (await seedSampleWorkspace(this.storage, workspaceId)) {
      this.#log.info('sample documents written', { workspaceId });
    }
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
      const metricsServer = this.#metricsServer;
      if (metricsServer) await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      await httpClosed;
      this.#log.info('stopped; every update is stored');
    })();
    return this.#closing;
  }
}
