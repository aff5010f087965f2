// A virtual clock shared by the emulated services: sleeps, lock waits and cache expiry.

/** The default start: 25 Feb 2019 08:00 in Hà Nội, the week of the inspections in the seed article. */
export const DEFAULT_START = Date.UTC(2019, 1, 25, 1, 0, 0);

/** Virtual time in epoch milliseconds. Nothing here blocks: waiting means moving the clock. */
export class VirtualClock {
  private ms: number;
  /** Total time spent in `Utilities.sleep`, lock waits and the like, for reports. */
  waited = 0;

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
  }

  /** Moves time forward because the script waited (sleep, lock); counted in `waited`. */
  wait(ms: number): void {
    if (ms <= 0) return;
    this.ms += ms;
    this.waited += ms;
  }

  /** Sets the time, forward only. */
  set(to: number | Date): void {
    const ms = typeof to === 'number' ? to : to.getTime();
    if (ms > this.ms) this.ms = ms;
  }
}
