/**
 * The bookkeeping of one server run. Every client lives in this process, so one clock timestamps
 * both the send and each receipt. Edit ids are sequential, which makes "edits sent inside the
 * measurement window" a simple id range, and lets plain typed arrays replace a Map.
 */
export class EditLog {
  #sentAt = new Float64Array(1 << 16);
  #sender = new Int32Array(1 << 16);
  #receipts = new Uint16Array(1 << 16);
  #count = 0;
  #latencies = new Float64Array(1 << 18);
  #latencyCount = 0;
  /** With several instances: the latencies of receipts on another instance than the sender's. */
  readonly #instanceOf: ((client: number) => number) | null;
  #crossLatencies = new Float64Array(1 << 18);
  #crossCount = 0;
  /** Ids in [windowFirst, windowEnd) were sent inside the measurement window. */
  #windowFirst = Number.MAX_SAFE_INTEGER;
  #windowEnd = Number.MAX_SAFE_INTEGER;
  #measuring = false;
  /** Receipts (at clients other than the sender) that arrived while measuring. */
  deliveredInWindow = 0;
  /** With several instances: receipts while measuring, by the receiving client's instance. */
  readonly deliveredInWindowBy: number[] = [];
  /** Copies sent back to the sender itself (the classic server does this); not deliveries. */
  echoes = 0;
  /** Ids nobody sent: would mean the receipt parser is wrong. */
  unknown = 0;

  constructor(instanceOf: ((client: number) => number) | null = null) {
    this.#instanceOf = instanceOf;
  }

  /** Allocates an id for an edit sent now by client `sender`. */
  next(sender: number, now: number): number {
    const id = this.#count++;
    if (id >= this.#sentAt.length) this.#grow();
    this.#sentAt[id] = now;
    this.#sender[id] = sender;
    return id;
  }

  receipt(id: number, receiver: number, now: number): void {
    if (id >= this.#count) {
      this.unknown++;
      return;
    }
    if (this.#sender[id] === receiver) {
      this.echoes++;
      return;
    }
    this.#receipts[id]!++;
    if (this.#measuring) {
      this.deliveredInWindow++;
      if (this.#instanceOf) {
        const at = this.#instanceOf(receiver);
        this.deliveredInWindowBy[at] = (this.deliveredInWindowBy[at] ?? 0) + 1;
      }
    }
    if (id >= this.#windowFirst && id < this.#windowEnd) {
      if (this.#latencyCount === this.#latencies.length) this.#latencies = grow(this.#latencies);
      this.#latencies[this.#latencyCount++] = now - this.#sentAt[id]!;
      const instanceOf = this.#instanceOf;
      if (instanceOf && instanceOf(receiver) !== instanceOf(this.#sender[id]!)) {
        if (this.#crossCount === this.#crossLatencies.length)
          this.#crossLatencies = grow(this.#crossLatencies);
        this.#crossLatencies[this.#crossCount++] = now - this.#sentAt[id]!;
      }
    }
  }

  startWindow(): void {
    this.#windowFirst = this.#count;
    this.#measuring = true;
  }

  endWindow(): void {
    this.#windowEnd = this.#count;
    this.#measuring = false;
  }

  /** Figures over the edits sent inside the window; call after the drain. */
  summary(receivers: number): WindowSummary {
    const first = this.#windowFirst;
    const end = Math.min(this.#windowEnd, this.#count);
    let receipts = 0;
    let duplicates = 0;
    for (let id = first; id < end; id++) {
      const r = this.#receipts[id]!;
      receipts += r;
      if (r > receivers) duplicates += r - receivers;
    }
    const edits = Math.max(0, end - first);
    const sorted = this.#latencies.slice(0, this.#latencyCount).sort();
    return {
      edits,
      expectedReceipts: edits * receivers,
      receipts,
      duplicates,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      maxMs: sorted.length > 0 ? round(sorted[sorted.length - 1]!) : null
    };
  }

  /** Latencies of receipts on another instance than the sender's (through Redis). */
  crossInstance(): { receipts: number; p50Ms: number | null; p99Ms: number | null } {
    const sorted = this.#crossLatencies.slice(0, this.#crossCount).sort();
    return {
      receipts: sorted.length,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99)
    };
  }

  #grow(): void {
    this.#sentAt = grow(this.#sentAt);
    this.#sender = grow(this.#sender);
    this.#receipts = grow(this.#receipts);
  }
}

export type WindowSummary = {
  edits: number;
  expectedReceipts: number;
  receipts: number;
  duplicates: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
};

function grow<T extends Float64Array | Int32Array | Uint16Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return round(sorted[rank]!);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
