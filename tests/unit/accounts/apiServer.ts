import path from 'node:path';
import { Accounts } from '../../../server/accounts/Accounts.ts';
import { loadConfig } from '../../../server/config.ts';
import type { ApiRouterOptions } from '../../../server/http/ApiRouter.ts';
import { createLogger, type Logger } from '../../../server/log.ts';
import { UzelServer } from '../../../server/UzelServer.ts';
import type { Defer } from '../helpers/cleanup.ts';
import { makeTempDir } from '../helpers/relay.ts';

export const PASSWORD = 'пароль-для-проверки';

/** A clock the test moves by hand: sessions, tokens, invites and rate limits all read it. */
export class TestClock {
  t = Date.now();
  readonly now = () => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A logger that keeps every line, to check what the server writes down. */
export function recordingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    void lines.push(JSON.stringify({ level, msg, ...fields }));
  return {
    lines,
    log: {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error')
    }
  };
}

export type StartOptions = {
  env?: Record<string, string>;
  clock?: TestClock;
  log?: Logger;
  loginLimit?: ApiRouterOptions['loginLimit'];
  /** The batch sync's answer budget in bytes (the default is sized for real rooms). */
  batchAnswerBytes?: number;
  mailer?: ApiRouterOptions['mailer'];
  dataDir?: string;
};

/** A real UzelServer on 127.0.0.1 with a random port and its own accounts file in a temp folder. */
export class ApiServer {
  readonly server: UzelServer;
  readonly url: string;
  readonly dataDir: string;
  readonly clock: TestClock;
  #clientCount = 0;

  private constructor(server: UzelServer, url: string, dataDir: string, clock: TestClock) {
    this.server = server;
    this.url = url;
    this.dataDir = dataDir;
    this.clock = clock;
  }

  static async start(defer: Defer, options: StartOptions = {}): Promise<ApiServer> {
    let dataDir = options.dataDir;
    if (!dataDir) {
      const tmp = makeTempDir();
      defer(tmp.remove);
      dataDir = tmp.dir;
    }
    const config = loadConfig({
      // Most tests register several people; the registration rules have tests of their own.
      REGISTRATION: 'open',
      ...options.env,
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      SAMPLE_DATA: 'off'
    });
    const clock = options.clock ?? new TestClock();
    const log = options.log ?? createLogger('silent');
    const accounts = Accounts.fromConfig(config, { now: clock.now, log });
    const server = new UzelServer({
      config,
      log,
      accounts,
      api: { loginLimit: options.loginLimit, now: clock.now, mailer: options.mailer ?? null },
      batchAnswerBytes: options.batchAnswerBytes
    });
    const url = await server.listen();
    const started = new ApiServer(server, url, dataDir, clock);
    defer(() => server.close());
    return started;
  }

  get accounts(): Accounts {
    return this.server.accounts;
  }

  get accountsFile(): string {
    return path.join(this.dataDir, 'accounts.sqlite');
  }

  client(): ApiClient {
    return new ApiClient(this.url);
  }

  /** A new person, registered and signed in. */
  async person(
    displayName = 'Анна Лобанова',
    extra: { inviteToken?: string } = {}
  ): Promise<{ client: ApiClient; email: string; id: string }> {
    const client = this.client();
    const email = `person${++this.#clientCount}.${Date.now()}@example.org`;
    const res = await client.post('/api/auth/register', {
      email,
      password: PASSWORD,
      displayName,
      ...extra
    });
    if (res.status !== 202) throw new Error(`register answered ${res.status}: ${res.text}`);
    const login = await client.post('/api/auth/login', { email, password: PASSWORD });
    if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text}`);
    return { client, email, id: (login.json as { user: { id: string } }).user.id };
  }

  /** An owner with a new workspace. */
  async workspace(name = 'Сеть учреждений') {
    const owner = await this.person('Анна Лобанова');
    const res = await owner.client.post('/api/workspaces', { name });
    if (res.status !== 201) throw new Error(`create workspace answered ${res.status}`);
    return { owner, workspaceId: (res.json as { workspace: { id: string } }).workspace.id };
  }

  /** A new person who joined the workspace through an invite with `role`. */
  async member(owner: ApiClient, workspaceId: string, role: 'editor' | 'viewer', name: string) {
    const invite = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role });
    const token = (invite.json as { invite: { token: string } }).invite.token;
    const person = await this.person(name);
    const accepted = await person.client.post(`/api/invites/${token}/accept`);
    if (accepted.status !== 200) throw new Error(`accept answered ${accepted.status}`);
    return person;
  }
}

export type ApiResponse = {
  status: number;
  json: any;
  text: string;
  headers: Headers;
  setCookies: string[];
};

export type RequestOptions = {
  /** Raw body text instead of JSON. */
  raw?: string;
  headers?: Record<string, string>;
  /** Send no Origin header. */
  noOrigin?: boolean;
};

/** A browser-like API client: keeps the session cookie and sends the app's own Origin. */
export class ApiClient {
  readonly baseUrl: string;
  /** The session cookie pair (`uzel_session=…`), or null. */
  cookie: string | null = null;
  /** The known-device cookie pair (`uzel_device=…`), kept across sign-outs as a browser does. */
  deviceCookie: string | null = null;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  get(path: string, options?: RequestOptions) {
    return this.request('GET', path, undefined, options);
  }
  post(path: string, body?: unknown, options?: RequestOptions) {
    return this.request('POST', path, body ?? {}, options);
  }
  patch(path: string, body?: unknown, options?: RequestOptions) {
    return this.request('PATCH', path, body ?? {}, options);
  }
  delete(path: string, options?: RequestOptions) {
    return this.request('DELETE', path, undefined, options);
  }

  async request(
    method: string,
    path: string,
    body: unknown,
    options: RequestOptions = {}
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      if (!options.noOrigin) headers.origin = this.baseUrl;
    }
    const cookies = [this.cookie, this.deviceCookie].filter(Boolean);
    if (cookies.length > 0) headers.cookie = cookies.join('; ');
    Object.assign(headers, options.headers);
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body))
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const value = pair!.slice(pair!.indexOf('=') + 1);
      const kept = /Max-Age=0/.test(line) || value === '' ? null : pair!;
      if (pair!.startsWith('uzel_device=')) this.deviceCookie = kept;
      else this.cookie = kept;
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: left null, the test looks at `text`
    }
    return { status: response.status, json, text, headers: response.headers, setCookies };
  }
}
