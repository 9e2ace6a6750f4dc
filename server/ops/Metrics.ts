import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the gauges read when Prometheus scrapes, rather than being kept up to date on every change. */
export type MetricSources = {
  openConnections(): number;
  roomsInMemory(): number;
};

/**
 * The server's Prometheus metrics, one registry per server (tests run several in one process).
 * The relay and the HTTP layer call the small methods below; nothing else knows prom-client.
 * Labels are bounded: routes by pattern, closes by code, storage errors by operation.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #updatesCommitted: Counter;
  readonly #commitSeconds: Histogram;
  readonly #acknowledgements: Counter;
  readonly #closes: Counter<'code'>;
  readonly #httpRequests: Counter<'route' | 'status'>;
  readonly #storageErrors: Counter<'operation'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    // Event-loop lag, memory, CPU and handles: nodejs_eventloop_lag_seconds and friends.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    new Gauge({
      name: 'uzel_websocket_connections',
      help: 'Open websocket connections to the relay.',
      registers,
      collect() {
        this.set(sources.openConnections());
      }
    });
    new Gauge({
      name: 'uzel_rooms_in_memory',
      help: 'Documents loaded in memory.',
      registers,
      collect() {
        this.set(sources.roomsInMemory());
      }
    });
    this.#updatesCommitted = new Counter({
      name: 'uzel_updates_committed_total',
      help: 'Document updates committed to storage.',
      registers
    });
    // Commits wait for the disk (SQLITE_SYNC=full): buckets from a fast SSD to a struggling disk.
    this.#commitSeconds = new Histogram({
      name: 'uzel_commit_duration_seconds',
      help: 'Time to commit one batch of document updates.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers
    });
    this.#acknowledgements = new Counter({
      name: 'uzel_acknowledgements_total',
      help: '"Saved on the server" acknowledgements sent to clients.',
      registers
    });
    this.#closes = new Counter({
      name: 'uzel_websocket_closes_total',
      help: 'Websocket connections closed, by close code.',
      labelNames: ['code'],
      registers
    });
    this.#httpRequests = new Counter({
      name: 'uzel_http_requests_total',
      help: 'HTTP requests answered, by route and status.',
      labelNames: ['route', 'status'],
      registers
    });
    this.#storageErrors = new Counter({
      name: 'uzel_storage_errors_total',
      help: 'Storage operations that failed, by operation (and failed readiness probes).',
      labelNames: ['operation'],
      registers
    });
  }

  committed(updates: number, seconds: number): void {
    this.#updatesCommitted.inc(updates);
    this.#commitSeconds.observe(seconds);
  }

  acknowledged(): void {
    this.#acknowledgements.inc();
  }

  closed(code: number): void {
    this.#closes.inc({ code: String(code) });
  }

  httpRequest(route: string, status: number): void {
    this.#httpRequests.inc({ route, status: String(status) });
  }

  storageFailed(operation: string): void {
    this.#storageErrors.inc({ operation });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
