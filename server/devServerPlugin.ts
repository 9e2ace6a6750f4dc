import path from 'node:path';
import type { Server } from 'node:http';
import type { Plugin } from 'vite';
import { Accounts } from './accounts/Accounts.ts';
import { ensureDataDir, loadConfig } from './config.ts';
import { CalendarFeeds } from './calendar/CalendarFeeds.ts';
import { ApiRouter } from './http/ApiRouter.ts';
import { BlobStore } from './blobs/BlobStore.ts';
import { createLogger } from './log.ts';
import { PublicSite } from './publishing/PublicSite.ts';
import { Publishing } from './publishing/Publishing.ts';
import { Relay } from './relay/Relay.ts';
import { RoomRegistry } from './relay/RoomRegistry.ts';
import { SqliteStorage } from './storage/SqliteStorage.ts';

/** Attaches the real API and relay to `vite dev` and `vite preview`, so the app works there too. */
export function devServer(): Plugin {
  const attach = (httpServer: Server | null | undefined, use: (fn: ApiMiddleware) => void) => {
    if (!httpServer) return;
    const config = loadConfig();
    ensureDataDir(config.dataDir);
    const log = createLogger(config.logLevel);
    const storage = new SqliteStorage(path.join(config.dataDir, 'uzel.sqlite'), {
      synchronous: config.sqliteSync
    });
    const accounts = Accounts.fromConfig(config, { log });
    const calendarFeeds = CalendarFeeds.inDataDir(config.dataDir, storage);
    const registry = new RoomRegistry(storage, log, {
      idleMs: config.roomIdleMs,
      compactAfterUpdates: config.compactAfterUpdates,
      writeBatchMs: config.writeBatchMs
    });
    const publishing = new Publishing({
      dataDir: config.dataDir,
      storage,
      registry,
      accounts,
      log
    });
    const publicSite = new PublicSite({ publishing, log });
    const api = new ApiRouter({
      accounts,
      log,
      allowedOrigins: config.allowedOrigins,
      publishing,
      calendarFeeds
    });
    const blobs = BlobStore.fromConfig(config);
    api.useBlobs(blobs);
    const relay = new Relay(registry, log, {
      access: accounts,
      messagesPerSecond: config.messagesPerSecond,
      maxConnectionsPerUser: config.maxConnectionsPerUser,
      maxMessageBytes: config.maxMessageBytes,
      allowedOrigins: config.allowedOrigins
    });
    use(api.middleware());
    use((req, res, next) => {
      if (!publicSite.handle(req, res)) next();
    });
    // Vite's own HMR socket shares the server: leave every other upgrade alone.
    httpServer.on('upgrade', (req, socket, head) => relay.handleUpgrade(req, socket, head));
    httpServer.on('close', () => {
      relay.close();
      void registry.close().then(() => {
        accounts.close();
        publishing.close();
        calendarFeeds.close();
        blobs.close();
        return storage.close();
      });
    });
  };
  return {
    name: 'uzel-dev-server',
    configureServer: (server) =>
      attach(server.httpServer as Server | null, (fn) => server.middlewares.use(fn)),
    configurePreviewServer: (server) =>
      attach(server.httpServer as Server, (fn) => server.middlewares.use(fn))
  };
}

type ApiMiddleware = (
  req: import('node:http').IncomingMessage,
  res: import('node:http').ServerResponse,
  next: () => void
) => void;
