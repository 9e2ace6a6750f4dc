// A relay in its own process, configured from the environment, for tests that kill it outright.
import { ensureDataDir, loadConfig } from '../../../server/config.ts';
import { createLogger } from '../../../server/log.ts';
import { UzelServer } from '../../../server/UzelServer.ts';

const config = loadConfig(process.env);
ensureDataDir(config.dataDir);
const server = new UzelServer({ config, log: createLogger(config.logLevel) });
const url = await server.listen();
if (server.metricsPort !== null)
  process.stdout.write(`metrics on http://127.0.0.1:${server.metricsPort}\n`);
process.stdout.write(`${url}\n`);
