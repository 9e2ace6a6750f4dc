import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, ensureDataDir, loadConfig } from './config.ts';
import { closeEngine, openEngine, type Engine } from './db/engine.ts';
import { SchemaTooNewError } from './db/migrations.ts';
import { isDatabaseConfigError } from './db/databaseConfigError.ts';
import { createLogger } from './log.ts';
import { UzelServer, type HttpHandler } from './UzelServer.ts';

/** Entry point of `npm start`: the built app and the relay on one port. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    ensureDataDir(config.dataDir);
  } catch (err) {
    if (err instanceof ConfigError || isDatabaseConfigError(err)) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);

  const handlerFile = path.join(config.buildDir, 'handler.js');
  if (!existsSync(handlerFile)) {
    process.stderr.write(
      'No build found: run `npm run build` (or `npm start`, which builds first).\n'
    );
    process.exit(2);
  }
  const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: HttpHandler };

  let engine: Engine;
  let server: UzelServer;
  try {
    engine = await openEngine(config);
    server = await UzelServer.onEngine({ config, log, appHandler: handler }, engine);
  } catch (err) {
    if (isDatabaseConfigError(err) || err instanceof SchemaTooNewError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const url = await server.listen();
  log.info('listening', { url, dataDir: config.dataDir });
  if (server.metricsPort !== null) log.info('metrics listening', { port: server.metricsPort });
  process.stdout.write(`Узел работает: ${url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    server
      .close()
      .then(() => closeEngine(engine))
      .then(
        () => process.exit(0),
        (err: unknown) => {
          log.error('shutdown failed', { error: err instanceof Error ? err.message : String(err) });
          process.exit(1);
        }
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await main();
