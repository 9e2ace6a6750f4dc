/**
 * Something whose failure means this instance should get no traffic: storage that cannot be
 * written, a data folder gone read-only. `check` resolves when a small write went through (and was
 * undone) and rejects, with a reason an operator can act on, when it did not.
 */
export type ReadinessProbe = {
  /** Shown in the /readyz answer: `data folder`, `document storage`, … */
  readonly name: string;
  check(): Promise<void>;
};

export type ProbeResult = { name: string; ok: boolean; ms: number; error?: string };
export type ReadinessReport = { ready: boolean; checks: ProbeResult[] };

/**
 * The probes of one server. Stores register theirs when they are opened; /readyz runs all of them
 * at once, each bounded by the timeout, since a storage that hangs is as unready as one that fails.
 */
export class Readiness {
  readonly #probes: ReadinessProbe[] = [];
  readonly #timeoutMs: number;
  readonly #failed: (probe: string) => void;

  constructor(options: { timeoutMs: number; failed?: (probe: string) => void }) {
    this.#timeoutMs = options.timeoutMs;
    this.#failed = options.failed ?? (() => undefined);
  }

  register(probe: ReadinessProbe): void {
    this.#probes.push(probe);
  }

  get probeNames(): string[] {
    return this.#probes.map((p) => p.name);
  }

  async check(): Promise<ReadinessReport> {
    const checks = await Promise.all(this.#probes.map((probe) => this.#run(probe)));
    return { ready: checks.every((c) => c.ok), checks };
  }

  async #run(probe: ReadinessProbe): Promise<ProbeResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.#timeoutMs} ms`)),
        this.#timeoutMs
      );
    });
    try {
      // A probe that throws synchronously is a failed probe, not a failed request.
      await Promise.race([Promise.resolve().then(() => probe.check()), timeout]);
      return { name: probe.name, ok: true, ms: Math.round(performance.now() - started) };
    } catch (err) {
      this.#failed(probe.name);
      return {
        name: probe.name,
        ok: false,
        ms: Math.round(performance.now() - started),
        error: err instanceof Error ? err.message : String(err)
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
