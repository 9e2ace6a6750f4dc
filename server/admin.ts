// `npm run admin -- <command>`: operator commands on the same DATA_DIR as the server, whether or
// not it is running (the accounts file is in WAL mode with a busy timeout, so both can write).
import { parseArgs } from 'node:util';
import { AccountError } from './accounts/AccountError.ts';
import { Accounts } from './accounts/Accounts.ts';
import { INVITE_ROLES, type InviteRole } from './accounts/types.ts';
import { ConfigError, ensureDataDir, loadConfig } from './config.ts';
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
  help
      Prints this text.

Settings come from the environment, as for the server (DATA_DIR, TOKEN_TTL_MINUTES, ...).
`;

/** A mistake in how the command was called: told on stderr, exit code 2. */
class UsageError extends Error {}

/** A command checks its arguments first, then runs against the accounts file. */
type Command = (args: string[]) => (accounts: Accounts) => Promise<string[]>;

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
  const chosen = new Map<string, Command>([
    ['create-workspace', createWorkspace],
    ['token', token]
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
    process.stdout.write((await run(accounts)).join('\n') + '\n');
    return 0;
  } catch (err) {
    const known =
      err instanceof UsageError ||
      err instanceof ConfigError ||
      isDatabaseConfigError(err) ||
      err instanceof SchemaTooNewError ||
      err instanceof AccountError ||
      // parseArgs: unknown option, missing value
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (!known) throw err;
    const message =
      err instanceof AccountError && err.code === 'not_found'
        ? 'No workspace with this id.'
        : (err as Error).message;
    process.stderr.write(`${message}\nRun "npm run admin -- help" for usage.\n`);
    return 2;
  } finally {
    await accounts?.close();
    if (engine) await closeEngine(engine);
  }
}

process.exitCode = await main(process.argv.slice(2));
