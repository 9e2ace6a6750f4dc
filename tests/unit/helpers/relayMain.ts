// A relay in its own process, configured from the environment, for tests that kill it outright.
import { ensureDataDir, loadConfig } from '../../../server/config.ts';
import { openEngine } from '../../../server/db/engine.ts';
import { createLogger } from '../../../server/log.ts';
import { UzelServer } from '../../../server/UzelServer.ts';

// Tests register several people; the registration rules are tested on their own.
const config = loadConfig({ REGISTRATION: 'open', ...process.env });
ensureDataDir(config.dataDir);
// On the configured engine, as `npm start` runs it (PostgreSQL and Redis when the test sets them).
const server = await UzelServer.onEngine(
  { config, log: createLogger(config.logLevel) },
  await openEngine(config)
);
const url = await server.listen();
if (server.metricsPort !== null)
  process.stdout.write(`metrics on http://127.0.0.1:${server.metricsPort}\n`);
process.stdout.write(`${url}\n`);
