import type { LogLevel } from './config.ts';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export type Logger = {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
};

/**
 * One JSON line per event on stderr. Callers pass rooms and ids, never URLs or headers, so that
 * credentials carried in a query string cannot reach the log.
 */
export function createLogger(level: LogLevel): Logger {
  const threshold = ORDER[level];
  const write = (
    lvl: Exclude<LogLevel, 'silent'>,
    msg: string,
    fields?: Record<string, unknown>
  ) => {
    if (ORDER[lvl] < threshold) return;
    process.stderr.write(
      JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...fields }) + '\n'
    );
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f)
  };
}
