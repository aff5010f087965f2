// Counts every emulated service call, so tests and the benchmark can see what a run costs.

/** Services whose calls count as "sheet calls" in the benchmark. */
export const SHEET_SERVICES = new Set([
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'Protection',
]);

/** Calls on the SpreadsheetApp family in a `Service.method` → count record (an execution's calls). */
export function sheetCallsOf(calls: Record<string, number>): number {
  let n = 0;
  for (const [k, v] of Object.entries(calls)) if (SHEET_SERVICES.has(k.split('.')[0])) n += v;
  return n;
}

/** Told of every counted call as it is recorded: the runtime prices, checks and faults it here. */
export type CallObserver = (service: string, method: string, cells: number) => void;

/** A log of service calls: `Service.method` → count, plus cells read or written. */
export class CallLog {
  readonly counts = new Map<string, number>();
  cells = 0;
  private paused = 0;
  /** Set by the runtime while an execution runs. */
  observer: CallObserver | null = null;

  /**
   * Records one call of `service.method` touching `cells` cells. Each emulated method records
   * itself before it takes effect, so the observer may throw (a fault, a refused scope, the time
   * limit) and nothing has changed.
   */
  record(service: string, method: string, cells = 0): void {
    if (this.paused > 0) return;
    const key = `${service}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.cells += cells;
    this.observer?.(service, method, cells);
  }

  /** Runs `fn` without counting: for what Google itself does (writing a form response row). */
  uncounted<T>(fn: () => T): T {
    this.paused++;
    try {
      return fn();
    } finally {
      this.paused--;
    }
  }

  /** All calls. */
  total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  /** Calls on the SpreadsheetApp family. */
  sheetCalls(): number {
    let n = 0;
    for (const [k, v] of this.counts) if (SHEET_SERVICES.has(k.split('.')[0])) n += v;
    return n;
  }

  /** Forgets everything counted so far. */
  reset(): void {
    this.counts.clear();
    this.cells = 0;
  }
}
