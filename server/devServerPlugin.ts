import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { ensureDataDir, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { UzelServer } from './UzelServer.ts';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Attaches the real server (API, public pages, relay: the same `UzelServer` that `npm start`
 * runs, without its own port) to `vite dev` and `vite preview`, so the app works there too.
 */
export function devServer(): Plugin {
  const attach = (httpServer: Server | null | undefined, use: (fn: Middleware) => void) => {
    if (!httpServer) return;
    const config = loadConfig();
    ensureDataDir(config.dataDir);
    const uzel = new UzelServer({ config, log: createLogger(config.logLevel) });
    use(uzel.api.middleware());
    use((req, res, next) => {
      if (!uzel.publicSite.handle(req, res)) next();
    });
    // Vite's own HMR socket shares the server: leave every other upgrade alone.
    httpServer.on('upgrade', (req, socket, head) => uzel.relay.handleUpgrade(req, socket, head));
    httpServer.on('close', () => void uzel.close());
  };
  return {
    name: 'uzel-dev-server',
    configureServer: (server) =>
      attach(server.httpServer as Server | null, (fn) => server.middlewares.use(fn)),
    configurePreviewServer: (server) =>
      attach(server.httpServer as Server, (fn) => server.middlewares.use(fn))
  };
}
