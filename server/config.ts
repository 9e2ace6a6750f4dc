import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseDatabaseUrl } from './db/databaseConfigError.ts';
import { parseRegistrationPolicy, type RegistrationPolicy } from './accounts/registrationPolicy.ts';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const positiveInt = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .positive('must be greater than zero');

/**
 * Calendar apps poll a feed every quarter of an hour or so, each subscriber on its own: a team of
 * fifty behind one school address stays well inside these, a script hammering a link does not.
 */
export const DEFAULT_CALENDAR_FEED_LIMIT = { perToken: 1200, perAddress: 300 };

/** Every setting the server reads from the environment, with its default. */
const schema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** The built web app (`vite build` output); another folder serves another build. */
  BUILD_DIR: z.string().min(1).default('./build'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  /**
   * The server's public address, e.g. https://uzel.example.org (adapter-node reads it too): the
   * links in feeds, sitemaps and link previews. Without it they follow the request's Host.
   */
  ORIGIN: z
    .string()
    .regex(/^https?:\/\/[^/\s]+$/, 'must be an origin such as https://uzel.example.org')
    .optional(),
  /** Extra origins allowed to open the websocket, comma separated (the server's own is always allowed). */
  ALLOWED_ORIGINS: z.string().default(''),
  /** How long a room without connections stays in memory. */
  ROOM_IDLE_MS: positiveInt.default(10_000),
  /** The shortest time between two commits: under load, updates gather for it into one transaction. */
  WRITE_BATCH_MS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 100')
    .max(100, 'must be between 0 and 100')
    .default(10),
  /** Stored updates of one room that trigger a compaction into a single state. */
  COMPACT_AFTER_UPDATES: positiveInt.default(500),
  /** Largest websocket frame accepted from a client, in bytes. */
  MAX_MESSAGE_BYTES: positiveInt.default(8 * 1024 * 1024),
  /** `full` waits for the disk on every commit; `normal` survives a process crash but not power loss. */
  SQLITE_SYNC: z.enum(['full', 'normal'], { message: 'must be full or normal' }).default('full'),
  /** Websocket messages a connection may send per second on average (bursts up to twice that). */
  MESSAGES_PER_SECOND: positiveInt.default(100),
  /** Open websocket connections one person (or token subject) may hold at once. */
  MAX_CONNECTIONS_PER_USER: positiveInt.default(64),
  /** Bytes one websocket connection may send per second on average (bursts up to MAX_MESSAGE_BYTES). */
  WRITE_BYTES_PER_SECOND: positiveInt.default(1024 * 1024),
  /** Bytes one person may send per second over all their connections, reconnects included. */
  USER_WRITE_BYTES_PER_SECOND: positiveInt.default(2 * 1024 * 1024),
  /** Bytes waiting to be sent to one client beyond which it is closed (it does not read). */
  MAX_QUEUED_BYTES: positiveInt.default(32 * 1024 * 1024),
  /** How often the relay pings every socket; one that missed the previous ping is closed. */
  HEARTBEAT_MS: positiveInt.default(30_000),
  /** The documents of one workspace together, in bytes as stored. */
  DOC_WORKSPACE_QUOTA_BYTES: positiveInt.default(1024 * 1024 * 1024),
  /** Put a few Russian sample documents into an empty built-in workspace on first start. */
  SAMPLE_DATA: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
  /** How long a sign-in lasts without being used (it is extended while in use), in hours. */
  SESSION_TTL_HOURS: positiveInt.default(720),
  /** Who may register: open, invite-only, or a comma list of e-mail domains (default: see README). */
  REGISTRATION: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const policy = parseRegistrationPolicy(value);
      if (typeof policy === 'string') ctx.addIssue({ code: 'custom', message: policy });
      return policy as RegistrationPolicy;
    }),
  /** Registrations accepted from one address per hour (a school shares one address). */
  REGISTRATIONS_PER_ADDRESS_PER_HOUR: positiveInt.default(20),
  /** How long a password reset link works, in hours. */
  RESET_LINK_TTL_HOURS: positiveInt.default(24),
  /** smtp://user:password@host:port (or smtps://) to e-mail reset links; without it they are shown. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must start with smtp:// or smtps://')
    .optional(),
  /** The sender of those e-mails. */
  MAIL_FROM: z.string().min(3).default('Узел <no-reply@localhost>'),
  /** How long a sync token from the admin command or the API stays valid, in minutes. */
  TOKEN_TTL_MINUTES: positiveInt.default(60),
  /** The largest file (image, presentation, PDF) one upload may carry, in bytes. */
  BLOB_MAX_FILE_BYTES: positiveInt.default(25 * 1024 * 1024),
  /** The files of one workspace together, in bytes. */
  BLOB_WORKSPACE_QUOTA_BYTES: positiveInt.default(2 * 1024 * 1024 * 1024),
  /** Requests for one calendar feed link per hour, from everywhere together. */
  CALENDAR_FEED_REQUESTS_PER_TOKEN: positiveInt.default(DEFAULT_CALENDAR_FEED_LIMIT.perToken),
  /** Calendar feed requests per hour from one address, whatever link they name. */
  CALENDAR_FEED_REQUESTS_PER_ADDRESS: positiveInt.default(DEFAULT_CALENDAR_FEED_LIMIT.perAddress),
  /** A document gets an automatic version once nobody has edited it for this many minutes. */
  HISTORY_PAUSE_MINUTES: positiveInt.default(2),
  /** ...and at least every this many minutes while people keep editing it. */
  HISTORY_MAX_INTERVAL_MINUTES: positiveInt.default(15),
  /** Every automatic version this young is kept; older ones are thinned to the last of each day. */
  HISTORY_KEEP_ALL_HOURS: positiveInt.default(48),
  /** At most this many automatic versions per document (named versions are always kept). */
  HISTORY_MAX_AUTO_VERSIONS: positiveInt.default(200),
  /**
   * postgres://… puts every store on PostgreSQL; without it, SQLite files in DATA_DIR. Its shape
   * is checked by `parseDatabaseUrl` below, in one line that never repeats the password.
   */
  DATABASE_URL: z.string().optional(),
  /** A bearer token Prometheus sends for /metrics; without it (and METRICS_ADDRESS) /metrics is off. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** host:port of a separate listener for /metrics only (e.g. 127.0.0.1:9464), without a token. */
  METRICS_ADDRESS: z
    .string()
    .regex(/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:9464')
    .refine((a) => Number(a.slice(a.lastIndexOf(':') + 1)) <= 65535, 'port must be at most 65535')
    .optional(),
  /** How long /readyz waits for each storage write check before calling it failed. */
  READINESS_TIMEOUT_MS: positiveInt.default(2000),
  /** redis://… turns on fan-out between several instances (needs DATABASE_URL). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional()
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  buildDir: string;
  logLevel: LogLevel;
  allowedOrigins: string[];
  origin: string | undefined;
  roomIdleMs: number;
  compactAfterUpdates: number;
  writeBatchMs: number;
  maxMessageBytes: number;
  sqliteSync: 'full' | 'normal';
  sampleData: boolean;
  messagesPerSecond: number;
  maxConnectionsPerUser: number;
  writeBytesPerSecond: number;
  userWriteBytesPerSecond: number;
  maxQueuedBytes: number;
  heartbeatMs: number;
  docWorkspaceQuotaBytes: number;
  sessionTtlHours: number;
  tokenTtlMinutes: number;
  registration: RegistrationPolicy;
  registrationsPerAddressPerHour: number;
  resetLinkTtlHours: number;
  /** Where reset links are e-mailed from; undefined: they are shown instead. */
  mail: { smtpUrl: string; from: string } | undefined;
  blobMaxFileBytes: number;
  blobWorkspaceQuotaBytes: number;
  /** Calendar feed requests allowed per link and per address in each hour. */
  calendarFeedLimit: { perToken: number; perAddress: number };
  history: { pauseMs: number; maxIntervalMs: number; keepAllMs: number; maxAuto: number };
  /** Where every store lives: PostgreSQL when set, else SQLite files in `dataDir`. */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  metrics: { token: string | undefined; address: { host: string; port: number } | undefined };
  readinessTimeoutMs: number;
};

export class ConfigError extends Error {}

/** Settings whose values are credentials (or carry one), kept out of every message. */
const SECRET_SETTINGS = new Set(['DATABASE_URL', 'REDIS_URL', 'METRICS_TOKEN']);

/** Reads and validates the environment; throws ConfigError with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]])
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      // A URL or token may carry a password: named, never repeated.
      const value = SECRET_SETTINGS.has(name) ? '(not shown)' : JSON.stringify(raw[name]);
      return `  ${issue.path.join('.')}=${value}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.DATABASE_URL !== undefined) {
    try {
      parseDatabaseUrl(c.DATABASE_URL);
    } catch (err) {
      throw new ConfigError((err as Error).message);
    }
  }
  if (c.REDIS_URL && !c.DATABASE_URL) {
    // Instances sharing rooms must share their storage: Redis only tells them where to look.
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_URL is set without DATABASE_URL: instances that share rooms through Redis must share one PostgreSQL database'
    );
  }
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    buildDir: path.resolve(c.BUILD_DIR),
    logLevel: c.LOG_LEVEL,
    allowedOrigins: c.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    origin: c.ORIGIN,
    roomIdleMs: c.ROOM_IDLE_MS,
    compactAfterUpdates: c.COMPACT_AFTER_UPDATES,
    writeBatchMs: c.WRITE_BATCH_MS,
    maxMessageBytes: c.MAX_MESSAGE_BYTES,
    sqliteSync: c.SQLITE_SYNC,
    sampleData: c.SAMPLE_DATA === 'on',
    messagesPerSecond: c.MESSAGES_PER_SECOND,
    maxConnectionsPerUser: c.MAX_CONNECTIONS_PER_USER,
    writeBytesPerSecond: c.WRITE_BYTES_PER_SECOND,
    userWriteBytesPerSecond: c.USER_WRITE_BYTES_PER_SECOND,
    maxQueuedBytes: c.MAX_QUEUED_BYTES,
    heartbeatMs: c.HEARTBEAT_MS,
    docWorkspaceQuotaBytes: c.DOC_WORKSPACE_QUOTA_BYTES,
    sessionTtlHours: c.SESSION_TTL_HOURS,
    tokenTtlMinutes: c.TOKEN_TTL_MINUTES,
    registration: c.REGISTRATION,
    registrationsPerAddressPerHour: c.REGISTRATIONS_PER_ADDRESS_PER_HOUR,
    resetLinkTtlHours: c.RESET_LINK_TTL_HOURS,
    mail: c.SMTP_URL ? { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM } : undefined,
    blobMaxFileBytes: c.BLOB_MAX_FILE_BYTES,
    blobWorkspaceQuotaBytes: c.BLOB_WORKSPACE_QUOTA_BYTES,
    calendarFeedLimit: {
      perToken: c.CALENDAR_FEED_REQUESTS_PER_TOKEN,
      perAddress: c.CALENDAR_FEED_REQUESTS_PER_ADDRESS
    },
    history: {
      pauseMs: c.HISTORY_PAUSE_MINUTES * 60_000,
      maxIntervalMs: c.HISTORY_MAX_INTERVAL_MINUTES * 60_000,
      keepAllMs: c.HISTORY_KEEP_ALL_HOURS * 3_600_000,
      maxAuto: c.HISTORY_MAX_AUTO_VERSIONS
    },
    databaseUrl: c.DATABASE_URL,
    redisUrl: c.REDIS_URL,
    metrics: { token: c.METRICS_TOKEN, address: hostPort(c.METRICS_ADDRESS) },
    readinessTimeoutMs: c.READINESS_TIMEOUT_MS
  };
}

function hostPort(address: string | undefined): { host: string; port: number } | undefined {
  if (!address) return undefined;
  const colon = address.lastIndexOf(':');
  return {
    host: address.slice(0, colon).replace(/^\[(.*)\]$/, '$1'),
    port: Number(address.slice(colon + 1))
  };
}

/** Creates the data folder if needed and proves it is writable, before anything is served. */
export function ensureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigError(`DATA_DIR ${dataDir} is not a writable folder: ${reason}`);
  }
}
