import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Metrics } from './Metrics.ts';
import type { Readiness } from './Readiness.ts';

export type OpsOptions = {
  readiness: Readiness;
  metrics: Metrics;
  /** Bearer token for /metrics on the main port; undefined with no separate address: /metrics off. */
  metricsToken: string | undefined;
  /** When set, /metrics is served only by `listenMetrics` there, never on the main port. */
  separateMetrics: boolean;
  /** A reason /healthz answers 503 (the relay's storage went read-only), or null. */
  healthProblem?: () => string | null;
};

function sameSecret(given: string, expected: string): boolean {
  // Hashes have one length, so the comparison takes the same time whatever was sent.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function text(res: ServerResponse, status: number, body: string, headers = {}): void {
  res
    .writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      ...headers
    })
    .end(body);
}

/**
 * What a load balancer and Prometheus ask: `/healthz` (the process answers), `/readyz` (storage
 * takes writes: 200, or 503 naming the failed check) and `/metrics`.
 */
export class OpsEndpoints {
  readonly #options: OpsOptions;

  constructor(options: OpsOptions) {
    this.#options = options;
  }

  /** Answers the three paths; false for any other, leaving it to the next handler. */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    if (pathname === '/healthz') {
      const problem = this.#options.healthProblem?.() ?? null;
      text(res, problem ? 503 : 200, problem ?? 'ok');
      return true;
    }
    if (pathname === '/readyz') {
      void this.#ready(res);
      return true;
    }
    if (pathname === '/metrics' && !this.#options.separateMetrics) {
      const token = this.#options.metricsToken;
      if (!token) return false;
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!sameSecret(given, token)) {
        text(res, 401, 'metrics need Authorization: Bearer <METRICS_TOKEN>', {
          'www-authenticate': 'Bearer realm="metrics"'
        });
        return true;
      }
      void this.#metrics(res);
      return true;
    }
    return false;
  }

  async #ready(res: ServerResponse): Promise<void> {
    const report = await this.#options.readiness.check();
    const lines = report.checks.map((c) =>
      c.ok ? `ok ${c.name} (${c.ms} ms)` : `failed ${c.name}: ${c.error}`
    );
    text(
      res,
      report.ready ? 200 : 503,
      `${report.ready ? 'ready' : 'not ready'}\n${lines.join('\n')}\n`
    );
  }

  async #metrics(res: ServerResponse): Promise<void> {
    try {
      const body = await this.#options.metrics.text();
      res.writeHead(200, { 'content-type': this.#options.metrics.contentType }).end(body);
    } catch (err) {
      text(res, 500, err instanceof Error ? err.message : String(err));
    }
  }

  /**
   * /metrics alone on its own address (METRICS_ADDRESS), typically loopback or a management
   * network that only Prometheus reaches, so it needs no token.
   */
  async listenMetrics(host: string, port: number): Promise<Server> {
    const server = createServer((req, res) => {
      const pathname = (req.url ?? '/').split('?')[0];
      if (pathname === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
        void this.#metrics(res);
      } else text(res, 404, 'Not found');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return server;
  }
}
