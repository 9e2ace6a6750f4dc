import path from 'node:path';
import { Accounts } from './accounts/Accounts.ts';
import type { BlobStore } from './blobs/BlobStore.ts';
import { CalendarFeeds } from './calendar/CalendarFeeds.ts';
import { openFeedTokenStore, type FeedTokenStore } from './calendar/FeedTokens.ts';
import type { Config } from './config.ts';
import {
  closeContentStores,
  openContentStores,
  sqliteContentStores,
  type ContentStores
} from './contentStores.ts';
import type { Engine } from './db/engine.ts';
import { openFanout, type FanoutServices } from './fanout/openFanout.ts';
import { SharedRooms } from './fanout/SharedRooms.ts';
import { sharedRoomsHooks } from './fanout/sharedRoomsHooks.ts';
import { History } from './history/History.ts';
import { CommentAuthorEraser } from './privacy/CommentAuthorEraser.ts';
import { DELETED_MEMBER_NAME } from './accounts/AccountDeletion.ts';
import { ApiRouter, type ApiRouterOptions } from './http/ApiRouter.ts';
import type { Logger } from './log.ts';
import { Mailer } from './mail/Mailer.ts';
import { MeteredStorage } from './ops/MeteredStorage.ts';
import { Metrics } from './ops/Metrics.ts';
import { dataFolderProbe, sqliteWriteProbe } from './ops/probes.ts';
import { Readiness } from './ops/Readiness.ts';
import { PublicSite } from './publishing/PublicSite.ts';
import { Publishing } from './publishing/Publishing.ts';
import { WorkspaceDirectory } from './publishing/WorkspaceDirectory.ts';
import { BatchSync } from './relay/BatchSync.ts';
import { Relay } from './relay/Relay.ts';
import { RoomRegistry } from './relay/RoomRegistry.ts';
import { seedSampleWorkspace } from './seed/sampleWorkspace.ts';
import { PostgresStorage } from './storage/PostgresStorage.ts';
import type { RoomStorage } from './storage/RoomStorage.ts';
import { SqliteStorage } from './storage/SqliteStorage.ts';

/** Stores opened on an engine (`openStores`); each one absent here gets its SQLite default. */
export type Stores = {
  /** Documents; by default `uzel.sqlite` in the data folder. */
  storage?: RoomStorage;
  /** People, workspaces and roles; by default `accounts.sqlite` in the data folder. */
  accounts?: Accounts;
  /** Calendar subscription links; by default `calendar-feeds.sqlite` in the data folder. */
  feedTokens?: FeedTokenStore;
  /** History, publications, files and the signing key (`openContentStores`). */
  content?: ContentStores;
  /** Fan-out between instances (`openFanout`); by default this instance is alone. */
  fanout?: FanoutServices;
};

export type ComposeOptions = Stores & {
  config: Config;
  log: Logger;
  /** The sign-in limits and clock of the JSON API (tests set them; the defaults suit a server). */
  api?: Pick<ApiRouterOptions, 'loginLimit' | 'now' | 'mailer'>;
  /** How many bytes one batch-sync answer may carry before the rest waits for the next request. */
  batchAnswerBytes?: number;
};

/** Everything one server process runs, built once and in dependency order by `composeServices`. */
export type Services = {
  metrics: Metrics;
  readiness: Readiness;
  storage: RoomStorage;
  accounts: Accounts;
  registry: RoomRegistry;
  history: History;
  publishing: Publishing;
  blobs: BlobStore;
  publicSite: PublicSite;
  calendarFeeds: CalendarFeeds;
  batchSync: BatchSync;
  api: ApiRouter;
  relay: Relay;
  sharedRooms: SharedRooms | null;
  fanout: FanoutServices | null;
  /** Sends reset links when SMTP_URL is set. */
  mailer: Mailer | null;
};

/**
 * Opens every store that has engines on `engine` (PostgreSQL when DATABASE_URL is set, else
 * SQLite in DATA_DIR) and the fan-out (REDIS_URL). On a failure what was opened is closed again.
 * The engine stays the caller's to close.
 */
export async function openStores(
  engine: Engine,
  config: Config,
  log: Logger,
  storage?: RoomStorage
): Promise<Stores> {
  const content = await openContentStores(engine, config);
  let accounts: Accounts | undefined;
  let fanout: FanoutServices | undefined;
  try {
    accounts = await Accounts.open(config, engine, { log, signingKey: content.signingKey });
    const feedTokens = await openFeedTokenStore(engine);
    // Documents live with the other stores: on PostgreSQL every instance shares them.
    storage ??= engine.kind === 'postgres' ? await PostgresStorage.open(engine.pool) : undefined;
    fanout = await openFanout(config, accounts.access, log);
    return { storage, content, accounts, feedTokens, fanout };
  } catch (err) {
    await fanout?.close();
    await accounts?.close();
    await closeContentStores(content);
    throw err;
  }
}

/**
 * The one place the server is assembled: each service is built after what it needs and handed
 * it whole, so nothing is wired in later. Listeners to the document lifecycle (the fan-out,
 * history) plug into the registry's hooks instead of the registry calling them.
 */
export function composeServices(options: ComposeOptions): Services {
  const { config, log } = options;

  // Read when Prometheus scrapes, by which time the relay and the registry below exist.
  const metrics: Metrics = new Metrics({
    openConnections: () => relay.connectionCount,
    roomsInMemory: () => registry.loadedRoomCount
  });
  const readiness = new Readiness({
    timeoutMs: config.readinessTimeoutMs,
    failed: (probe) => metrics.storageFailed(`readiness: ${probe}`)
  });
  readiness.register(dataFolderProbe(config.dataDir));

  const documentsFile = path.join(config.dataDir, 'uzel.sqlite');
  if (!options.storage) {
    readiness.register(
      sqliteWriteProbe('document storage', documentsFile, config.readinessTimeoutMs)
    );
  }
  const storage: RoomStorage = new MeteredStorage(
    options.storage ?? new SqliteStorage(documentsFile, { synchronous: config.sqliteSync }),
    metrics
  );
  const content = options.content ?? sqliteContentStores(config);
  const accounts =
    options.accounts ?? Accounts.fromConfig(config, { log, signingKey: content.signingKey });
  const fanout = options.fanout ?? null;

  const registry: RoomRegistry = new RoomRegistry(storage, log, {
    idleMs: config.roomIdleMs,
    compactAfterUpdates: config.compactAfterUpdates,
    writeBatchMs: config.writeBatchMs,
    workspaceQuotaBytes: config.docWorkspaceQuotaBytes,
    acknowledged: () => metrics.acknowledged()
  });
  // The fan-out first: other instances hear of a commit before anything else reacts to it.
  const sharedRooms = fanout?.fanout.shared ? new SharedRooms(fanout.fanout, storage, log) : null;
  if (sharedRooms) registry.use(sharedRoomsHooks(sharedRooms));
  const history = new History({
    store: content.history,
    storage,
    registry,
    accounts,
    log,
    options: config.history
  });
  registry.use(history.registryHooks);
  // A deleted person's name leaves the versions and the comments they wrote (152-FZ).
  accounts.afterAccountDeleted((userId) => history.forget(userId));
  const commentEraser = new CommentAuthorEraser(registry, storage, log);
  accounts.afterAccountDeleted(async (userId, workspaceIds) => {
    await commentEraser.erase(userId, workspaceIds, DELETED_MEMBER_NAME);
  });
  // The relay stops taking changes after storage refused a write: not ready for them.
  readiness.register({
    name: 'document writes',
    check: async () => {
      if (registry.storageReadOnly) throw new Error('storage refused a write: read-only');
    }
  });

  const publishing = new Publishing({
    store: content.publications,
    storage,
    registry,
    accounts,
    log
  });
  const blobs = content.blobs;
  const publicSite = new PublicSite({
    publishing,
    blobs,
    log,
    origin: config.origin,
    directory: new WorkspaceDirectory(registry, storage)
  });
  const calendarFeeds = options.feedTokens
    ? new CalendarFeeds(options.feedTokens, storage)
    : CalendarFeeds.inDataDir(config.dataDir, storage, config.sqliteSync);
  // A deleted account's calendar links stop working and stop naming it (152-FZ).
  accounts.afterAccountDeleted(async (userId) => {
    await calendarFeeds.tokens.forgetCreator(userId, Date.now());
  });
  const batchSync = new BatchSync(registry, storage, { answerBytes: options.batchAnswerBytes });
  const mailer =
    options.api?.mailer ?? (config.mail ? new Mailer(config.mail.smtpUrl, config.mail.from) : null);

  const api = new ApiRouter({
    ...options.api,
    accounts,
    log,
    allowedOrigins: config.allowedOrigins,
    workspaceCreated: (id) => firstWorkspaceSamples(config, log, accounts, storage, id),
    publishing,
    calendarFeeds,
    calendarFeedLimit: config.calendarFeedLimit,
    history,
    sync: batchSync,
    blobs,
    limits: fanout?.limits,
    registrationsPerHour: config.registrationsPerAddressPerHour,
    mailer,
    origin: config.origin
  });
  const relay = new Relay(registry, log, {
    access: fanout?.access ?? accounts.access,
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
    closed: (code) => metrics.closed(code)
  });

  return {
    metrics,
    readiness,
    storage,
    accounts,
    registry,
    history,
    publishing,
    blobs,
    publicSite,
    calendarFeeds,
    batchSync,
    api,
    relay,
    sharedRooms,
    fanout,
    mailer
  };
}

/** The first workspace on a new server gets the Russian sample documents (SAMPLE_DATA=on). */
async function firstWorkspaceSamples(
  config: Config,
  log: Logger,
  accounts: Accounts,
  storage: RoomStorage,
  workspaceId: string
): Promise<void> {
  if (!config.sampleData || (await accounts.workspaceCount()) !== 1) return;
  if (await seedSampleWorkspace(storage, workspaceId)) {
    log.info('sample documents written', { workspaceId });
  }
}
