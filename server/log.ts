import pino, { type DestinationStream } from 'pino';
import type { LogLevel } from './config.ts';
import { redactFields } from './logRedaction.ts';

export type Logger = {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
};

/**
 * JSON lines on stderr through pino. Callers pass rooms and ids rather than URLs or headers, and
 * every field still goes through `redactFields` on the way out: a token, cookie or password that
 * slips into a message (a `?token=` in a logged path, an error quoting a header) is replaced
 * before it is written, since log files are read by more people than the database.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const base = pino(
    {
      level,
      base: undefined,
      // `t`, as the log lines had before pino: parsers already set up keep working.
      timestamp: () => `,"t":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) }
    },
    destination ?? pino.destination({ fd: 2, sync: true })
  );
  const write =
    (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: Record<string, unknown>) => {
      if (!base.isLevelEnabled(lvl)) return;
      base[lvl](fields ? redactFields(fields) : {}, redactFields({ msg }).msg as string);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
