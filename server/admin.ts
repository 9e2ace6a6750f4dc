// `npm run admin -- <command>`: operator commands on the same DATA_DIR as the server, whether or
// not it is running (the accounts file is in WAL mode with a busy timeout, so both can write).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AccountError } from './accounts/AccountError.ts';
import { Accounts } from './accounts/Accounts.ts';
import { resetPagePath } from './accounts/ResetLinks.ts';
import { INVITE_ROLES, type InviteRole } from './accounts/types.ts';
import { backupDataDir } from './backup/backupDataDir.ts';
import { BackupError } from './backup/manifest.ts';
import { dumpPostgres, isPostgresDump, restorePostgres } from './backup/postgresDump.ts';
import { restoreDataDir } from './backup/restoreDataDir.ts';
import { ConfigError, ensureDataDir, loadConfig, type Config } from './config.ts';
import { closeEngine, openEngine, type Engine } from './db/engine.ts';
import { SchemaTooNewError } from './db/migrations.ts';
import { isDatabaseConfigError } from './db/databaseConfigError.ts';

const DEFAULT_SERVICE_NAME = 'Сервисный доступ';

const HELP = `Usage: npm run admin -- <command>

Commands:
  create-workspace "<name>" [--owner <e-mail>]
      Creates a workspace and prints its id on the last line. With --owner, the registered
      person with that e-mail owns it and can manage members in the app; without, nobody does.
  token --workspace <id> --role editor|viewer [--name "<display name>"]
      Prints a sync token for y-websocket clients on the last line (pass it as ?token=...).
      The token belongs to a service member of the workspace with that display name
      (default "${DEFAULT_SERVICE_NAME}"), created on first use and reused afterwards.
  reset-password <e-mail>
      Prints a one-time link (on the last line) with which that person sets a new password; it
      works once, for RESET_LINK_TTL_HOURS (default 24), and using it signs out every session.
      With SMTP_URL set, the link is also e-mailed to the person.
  backup <file>
      Writes everything in DATA_DIR (every database through SQLite's online backup, the files,
      the signing key) into one archive (.tar.gz), while the server runs or not. With
      DATABASE_URL set, the database instead, through pg_dump (custom format).
  restore <file>
      Unpacks a backup into DATA_DIR, which must be empty or absent, and checks every file
      against the archive's manifest. With DATABASE_URL set, restores a PostgreSQL backup
      (pg_restore) into that database, which must have no tables.
  migrate
      Creates or upgrades the tables of every store on the configured engine (the SQLite files
      in DATA_DIR, or the PostgreSQL database of DATABASE_URL) and prints what it did, one line
      per store. The server does the same at start; run it before starting several instances
      of a new version. A database written by a newer Uzel is refused and left unchanged.
  copy-to-postgres
      Copies the installation in DATA_DIR (documents, people, sessions and invites, version
      history, publications, files, calendar feeds, the signing key) into the empty PostgreSQL
      database of DATABASE_URL, in one transaction, printing its progress, then checks every
      table's row count and every document's state. Stop the server on DATA_DIR first.
  help
      Prints this text.

Settings come from the environment, as for the server (DATA_DIR, TOKEN_TTL_MINUTES, ...).
`;

/** A mistake in how the command was called: told on stderr, exit code 2. */
class UsageError extends Error {}

/** A command checks its arguments first, then runs against the accounts file. */
type Command = (args: string[]) => (accounts: Accounts, config: Config) => Promise<string[]>;

const createWorkspace: Command = (args) => {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { owner: { type: 'string' } }
  });
  if (positionals.length !== 1) {
    throw new UsageError('create-workspace takes exactly one argument, the workspace name.');
  }
  return async (accounts) => {
    const owner = values.owner === undefined ? null : await accounts.personByEmail(values.owner);
    if (values.owner !== undefined && !owner) {
      throw new UsageError(
        '--owner must be the e-mail of a registered person (register in the app first).'
      );
    }
    const workspace = await accounts.createWorkspace(positionals[0]!, owner?.id ?? null);
    return [`Workspace «${workspace.name}» created. Its id:`, workspace.id];
  };
};

const token: Command = (args) => {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      workspace: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string', default: DEFAULT_SERVICE_NAME }
    }
  });
  if (!values.workspace) throw new UsageError('token needs --workspace <id>.');
  if (!INVITE_ROLES.includes(values.role as InviteRole)) {
    throw new UsageError(`token needs --role ${INVITE_ROLES.join('|')}.`);
  }
  const { workspace, name } = values;
  const role = values.role as InviteRole;
  return async (accounts) => {
    const member = await accounts.ensureServiceMember(workspace, name, role);
    const granted = await accounts.access.issueSyncToken(member.id, workspace, role);
    if (!granted) throw new Error('the service member has no role in the workspace');
    return [
      `Sync token for workspace ${workspace}, role ${role}, service member «${member.displayName}» (${member.id}),`,
      `valid until ${new Date(granted.expiresAt).toISOString()}:`,
      granted.token
    ];
  };
};

const resetPassword: Command = (args) => {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
  if (positionals.length !== 1) {
    throw new UsageError('reset-password takes one argument, the e-mail of the person.');
  }
  return async (accounts, config) => {
    const link = await accounts.credentials.linkForEmail(positionals[0]!);
    if (!link) throw new UsageError('Nobody is registered with this e-mail.');
    const base = config.origin ?? `http://${config.host}:${config.port}`;
    const url = base + resetPagePath(link.token);
    const lines: string[] = [];
    if (config.mail && link.user.email) {
      // Loaded only here: every other command starts without the mail library.
      const { Mailer, resetLetter } = await import('./mail/Mailer.ts');
      const mailer = new Mailer(config.mail.smtpUrl, config.mail.from);
      try {
        await mailer.send(resetLetter(link.user.email, url, link.expiresAt));
      } finally {
        mailer.close();
      }
      lines.push(`E-mailed to ${link.user.email}.`);
    }
    const until = new Date(link.expiresAt).toISOString().slice(0, 16).replace('T', ' ');
    return [...lines, `A one-time link to set a new password, until ${until} UTC:`, url];
  };
};

/** A command on the data folder as a whole rather than through the accounts store. */
type FolderCommand = (args: string[]) => (config: Config) => Promise<string[]>;

function oneFile(command: string, args: string[]): string {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
  if (positionals.length !== 1)
    throw new UsageError(`${command} takes one argument, the archive file.`);
  return positionals[0]!;
}

const backup: FolderCommand = (args) => {
  const file = oneFile('backup', args);
  return async (config) => {
    if (config.databaseUrl) {
      const archive = await dumpPostgres(config.databaseUrl, file);
      return ['Backed up the PostgreSQL database of DATABASE_URL (pg_dump) into:', archive];
    }
    const done = await backupDataDir(config.dataDir, file);
    return [
      `Backed up ${done.files} files (${done.bytes} bytes) from ${config.dataDir} into:`,
      done.archive
    ];
  };
};

const restore: FolderCommand = (args) => {
  const file = oneFile('restore', args);
  return async (config) => {
    const fromPostgres = existsSync(file) && isPostgresDump(file);
    if (config.databaseUrl) {
      if (!fromPostgres)
        throw new UsageError(
          `${file} is not a PostgreSQL backup. A data-folder backup restores without DATABASE_URL; copy-to-postgres then moves it.`
        );
      await restorePostgres(file, config.databaseUrl);
      return ['Restored the PostgreSQL backup into the database of DATABASE_URL.'];
    }
    if (fromPostgres)
      throw new UsageError(
        `${file} is a PostgreSQL backup: set DATABASE_URL to an empty database.`
      );
    const done = await restoreDataDir(file, config.dataDir);
    return [
      `Restored ${done.files} files of the backup made ${done.createdAt} into:`,
      done.dataDir
    ];
  };
};

const migrate: FolderCommand = (args) => {
  parseArgs({ args, allowPositionals: false, strict: true, options: {} });
  return async (config) => {
    ensureDataDir(config.dataDir);
    // Loaded here: every store's schema module is more than the other commands need to start.
    const { describeMigration, migrateStores } = await import('./db/migrateStores.ts');
    const engine = await openEngine(config);
    try {
      const lines = (await migrateStores(engine)).map(describeMigration);
      const where =
        engine.kind === 'postgres'
          ? 'the PostgreSQL database of DATABASE_URL'
          : `SQLite in ${config.dataDir}`;
      return [...lines, `Every store is at this version's schema, on ${where}.`];
    } finally {
      await closeEngine(engine);
    }
  };
};

const copyToPostgresCommand: FolderCommand = (args) => {
  parseArgs({ args, allowPositionals: false, strict: true, options: {} });
  return async (config) => {
    if (!config.databaseUrl)
      throw new UsageError(
        'copy-to-postgres needs DATABASE_URL: the empty PostgreSQL database to copy DATA_DIR into.'
      );
    const { copyToPostgres } = await import('./transfer/copyToPostgres.ts');
    const engine = await openEngine(config);
    if (engine.kind !== 'postgres') throw new Error('DATABASE_URL did not give PostgreSQL');
    try {
      const report = await copyToPostgres(config.dataDir, engine.pool, (line) =>
        process.stdout.write(`${line}\n`)
      );
      return [
        `Copied ${config.dataDir} into the PostgreSQL database of DATABASE_URL: ${report.rooms} documents, ${report.files} files. Start the servers with DATABASE_URL set.`
      ];
    } finally {
      await closeEngine(engine);
    }
  };
};

const FOLDER_COMMANDS = new Map<string, FolderCommand>([
  ['copy-to-postgres', copyToPostgresCommand],
  ['backup', backup],
  ['restore', restore],
  ['migrate', migrate]
]);

function fail(err: unknown): number {
  const known =
    err instanceof UsageError ||
    err instanceof ConfigError ||
    isDatabaseConfigError(err) ||
    err instanceof SchemaTooNewError ||
    err instanceof AccountError ||
    err instanceof BackupError ||
    (err as Error).name === 'CopyError' ||
    // parseArgs: unknown option, missing value
    (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (!known) throw err;
  const message =
    err instanceof AccountError && err.code === 'not_found'
      ? 'No workspace with this id.'
      : (err as Error).message;
  process.stderr.write(`${message}\nRun "npm run admin -- help" for usage.\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined) {
    process.stderr.write(HELP);
    return 2;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  const onFolder = FOLDER_COMMANDS.get(command);
  if (onFolder) {
    try {
      const run = onFolder(args);
      process.stdout.write((await run(loadConfig())).join('\n') + '\n');
      return 0;
    } catch (err) {
      return fail(err);
    }
  }
  const chosen = new Map<string, Command>([
    ['create-workspace', createWorkspace],
    ['token', token],
    ['reset-password', resetPassword]
  ]).get(command);
  if (!chosen) {
    process.stderr.write(`Unknown command "${command}".\n\n${HELP}`);
    return 2;
  }
  let engine: Engine | undefined;
  let accounts: Accounts | undefined;
  try {
    const run = chosen(args);
    const config = loadConfig();
    ensureDataDir(config.dataDir);
    engine = await openEngine(config);
    accounts = await Accounts.open(config, engine);
    process.stdout.write((await run(accounts, config)).join('\n') + '\n');
    return 0;
  } catch (err) {
    return fail(err);
  } finally {
    await accounts?.close();
    if (engine) await closeEngine(engine);
  }
}

process.exitCode = await main(process.argv.slice(2));
