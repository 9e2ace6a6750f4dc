/**
 * nginx in front of the test instances, running deploy/nginx/uzel.conf itself with its markers
 * filled in: its own prefix directory, pid file, logs and temporary folders, on free ports,
 * never the machine's nginx (which may not even run).
 *
 * Besides the balanced address (all instances, round-robin), each instance gets a pinned address:
 * one more copy of the same configuration on its own port whose upstream lists that instance and
 * the others as `backup`. A browser opened there reaches that instance while it lives, and nginx
 * moves it to a backup when it dies, exactly as the balanced address would. This is how the tests
 * put two people on different instances without relying on round-robin order.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Certificate } from './certificate.ts';
import { freePort } from './freePort.ts';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const TEMPLATE = fileURLToPath(new URL('../../deploy/nginx/uzel.conf', import.meta.url));
const MISSING = `nginx is not installed at ${NGINX} (set NGINX_PATH to use another). Install it with: apt-get install -y nginx-light`;

export type UzelConfValues = {
  upstreamName: string;
  upstreamServers: string[];
  listenPort: number;
  serverName: string;
  certificate: string;
  certificateKey: string;
};

/** deploy/nginx/uzel.conf with every marker replaced; a marker left over is an error. */
export function renderUzelConf(values: UzelConfValues): string {
  const markers: Record<string, string> = {
    '@@UPSTREAM_NAME@@': values.upstreamName,
    '@@UPSTREAM_SERVERS@@': values.upstreamServers.join('\n    '),
    '@@LISTEN_PORT@@': String(values.listenPort),
    '@@SERVER_NAME@@': values.serverName,
    '@@CERTIFICATE@@': values.certificate,
    '@@CERTIFICATE_KEY@@': values.certificateKey
  };
  // The explanatory header names the markers too; only directives are filled in.
  return readFileSync(TEMPLATE, 'utf8')
    .split('\n')
    .map((line) => {
      if (line.trimStart().startsWith('#')) return line;
      const filled = line.replace(/@@[A-Z_]+@@/g, (marker) => {
        const value = markers[marker];
        if (value === undefined)
          throw new Error(`deploy/nginx/uzel.conf: unknown marker ${marker}`);
        return value;
      });
      return filled;
    })
    .join('\n');
}

export type Nginx = {
  /** https://127.0.0.1:<port>, spreading over every instance. */
  balancedUrl: string;
  /** https://127.0.0.1:<port> that reaches instance `index` first (see above). */
  pinnedUrl(index: number): string;
  /** The instance addresses (127.0.0.1:<port>) nginx sent requests to, in order, per access log. */
  upstreamsServed(): { listenPort: number; uri: string; status: number; upstream: string }[];
  stop(): Promise<void>;
};

// Passive health checks as an operator would set them: one refused connection takes an
// instance out for 5 s. The tests' restarts come back within that time or are then tried again.
const serverLine = (port: number, backup: boolean) =>
  `server 127.0.0.1:${port}${backup ? ' backup' : ' max_fails=1 fail_timeout=5s'};`;

export async function startNginx(options: {
  prefix: string;
  instancePorts: number[];
  certificate: Certificate;
}): Promise<Nginx> {
  if (spawnSync(NGINX, ['-v']).error) throw new Error(MISSING);
  const { prefix, instancePorts, certificate } = options;
  for (const dir of ['logs', 'tmp/body', 'tmp/proxy', 'tmp/fastcgi', 'tmp/uwsgi', 'tmp/scgi']) {
    mkdirSync(path.join(prefix, dir), { recursive: true });
  }
  const balancedPort = await freePort();
  const pinnedPorts: number[] = [];
  for (const _ of instancePorts) pinnedPorts.push(await freePort());

  const common = {
    serverName: '127.0.0.1 localhost',
    certificate: certificate.certFile,
    certificateKey: certificate.keyFile
  };
  const sites = [
    renderUzelConf({
      ...common,
      upstreamName: 'uzel',
      upstreamServers: instancePorts.map((port) => serverLine(port, false)),
      listenPort: balancedPort
    }),
    ...instancePorts.map((_, index) =>
      renderUzelConf({
        ...common,
        upstreamName: `uzel_pinned_${index}`,
        upstreamServers: instancePorts.map((port, other) => serverLine(port, other !== index)),
        listenPort: pinnedPorts[index]!
      })
    )
  ];
  const includes = sites.map((site, index) => {
    const file = path.join(prefix, `site-${index}.conf`);
    writeFileSync(file, site);
    return `    include ${file};`;
  });
  const accessLog = path.join(prefix, 'logs', 'access.log');
  // The main file stands in for Debian's /etc/nginx/nginx.conf; only the logs differ, to tell
  // the tests which instance served each request.
  const main = [
    'daemon off;',
    'worker_processes 1;',
    // As root nginx would hand its workers to "nobody", who cannot use this private prefix.
    process.getuid?.() === 0 ? 'user root;' : '',
    `pid ${path.join(prefix, 'nginx.pid')};`,
    `error_log ${path.join(prefix, 'logs', 'error.log')} warn;`,
    'events { worker_connections 4096; }',
    'http {',
    "    log_format cluster '$server_port $status $upstream_addr $uri';",
    `    access_log ${accessLog} cluster;`,
    `    client_body_temp_path ${path.join(prefix, 'tmp/body')};`,
    `    proxy_temp_path ${path.join(prefix, 'tmp/proxy')};`,
    `    fastcgi_temp_path ${path.join(prefix, 'tmp/fastcgi')};`,
    `    uwsgi_temp_path ${path.join(prefix, 'tmp/uwsgi')};`,
    `    scgi_temp_path ${path.join(prefix, 'tmp/scgi')};`,
    ...includes,
    '}',
    ''
  ].join('\n');
  const mainFile = path.join(prefix, 'nginx.conf');
  writeFileSync(mainFile, main);

  const test = spawnSync(NGINX, ['-t', '-q', '-p', prefix, '-c', mainFile], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx refused the configuration:\n${test.stderr}`);
  const child = spawn(NGINX, ['-p', prefix, '-c', mainFile], {
    stdio: ['ignore', 'ignore', 'pipe']
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitForPort(balancedPort, child, () => stderr);

  return {
    balancedUrl: `https://127.0.0.1:${balancedPort}`,
    pinnedUrl: (index) => `https://127.0.0.1:${pinnedPorts[index]}`,
    upstreamsServed: () =>
      readFileSync(accessLog, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [listenPort, status, upstream, uri] = line.split(' ');
          return {
            listenPort: Number(listenPort),
            status: Number(status),
            // After a failed try nginx lists every address it tried: the last one answered.
            upstream: upstream!.split(', ').at(-1)!,
            uri: uri!
          };
        }),
    stop: () => stopChild(child)
  };
}

async function waitForPort(port: number, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited at start:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${port} within 10 s:\n${output()}`);
}

export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}
