// A virtual clock shared by the emulated services: call costs, sleeps, lock waits and Google-side events.

/** The default start: 25 Feb 2019 08:00 in Hà Nội, the week of the inspections in the seed article. */
export const DEFAULT_START = Date.UTC(2019, 1, 25, 1, 0, 0);

/** Virtual time in epoch milliseconds. Nothing here blocks: waiting means moving the clock. */
export class VirtualClock {
  private ms: number;
  /** Total time spent in `Utilities.sleep`, lock waits and the like, for reports. */
  waited = 0;
  /** What Google does on its side at a given time (a response row written, …), in time order. */
  private events: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;
  private running = false;

  constructor(start: number | Date = DEFAULT_START) {
    this.ms = typeof start === 'number' ? start : start.getTime();
  }

  /** Current virtual time, epoch ms. */
  now(): number {
    return this.ms;
  }

  /** Current virtual time as a Date. */
  date(): Date {
    return new Date(this.ms);
  }

  /** Moves time forward by `ms` (negative amounts are ignored: time never runs backwards). */
  advance(ms: number): void {
    if (ms > 0) this.ms += ms;
    this.runDue();
  }

  /** Moves time forward because the script waited (sleep, lock); counted in `waited`. */
  wait(ms: number): void {
    if (ms <= 0) return;
    this.ms += ms;
    this.waited += ms;
    this.runDue();
  }

  /** Sets the time, forward only. */
  set(to: number | Date): void {
    const ms = typeof to === 'number' ? to : to.getTime();
    if (ms > this.ms) this.ms = ms;
    this.runDue();
  }

  /**
   * Puts the clock at `to`, earlier or later: an execution that starts at its own time while
   * another, started earlier, ran further (executions overlap in virtual time but run one after
   * another in Node). Google-side events already run stay run.
   */
  rewind(to: number | Date): void {
    this.ms = typeof to === 'number' ? to : to.getTime();
    this.runDue();
  }

  /**
   * Schedules something Google does on its side at virtual time `at` (a response row written
   * after its trigger fired, a sheet becoming visible): it runs as soon as the clock reaches `at`,
   * whoever moves the clock. Events due at once run now.
   */
  schedule(at: number, fn: () => void): void {
    this.events.push({ at, seq: this.seq++, fn });
    this.events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.runDue();
  }

  /** Events scheduled and not yet run. */
  pending(): number {
    return this.events.length;
  }

  /** Runs every event due by now, in time order (an event may schedule more). */
  runDue(): void {
    if (this.running) return;
    this.running = true;
    try {
      while (this.events.length > 0 && this.events[0].at <= this.ms) {
        const next = this.events.shift();
        next?.fn();
      }
    } finally {
      this.running = false;
    }
  }
}
