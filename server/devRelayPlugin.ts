import path from 'node:path';
import type { Plugin } from 'vite';
import { ensureDataDir, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { Relay } from './relay/Relay.ts';
import { RoomRegistry } from './relay/RoomRegistry.ts';
import { SqliteStorage } from './storage/SqliteStorage.ts';

/** Attaches the real relay to `vite dev` and `vite preview`, so the app syncs there too. */
export function devRelay(): Plugin {
  const attach = (httpServer: import('node:http').Server | null | undefined) => {
    if (!httpServer) return;
    const config = loadConfig();
    ensureDataDir(config.dataDir);
    const log = createLogger(config.logLevel);
    const storage = new SqliteStorage(path.join(config.dataDir, 'uzel.sqlite'), {
      synchronous: config.sqliteSync
    });
    const registry = new RoomRegistry(storage, log, {
      idleMs: config.roomIdleMs,
      compactAfterUpdates: config.compactAfterUpdates
    });
    const relay = new Relay(registry, log, {
      maxMessageBytes: config.maxMessageBytes,
      allowedOrigins: config.allowedOrigins
    });
    // Vite's own HMR socket shares the server: leave every other upgrade alone.
    httpServer.on('upgrade', (req, socket, head) => relay.handleUpgrade(req, socket, head));
    httpServer.on('close', () => {
      relay.close();
      void registry.close().then(() => storage.close());
    });
  };
  return {
    name: 'uzel-dev-relay',
    configureServer: (server) => attach(server.httpServer as import('node:http').Server | null),
    configurePreviewServer: (server) => attach(server.httpServer as import('node:http').Server)
  };
}
