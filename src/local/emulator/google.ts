// Google-side order, delay and strictness switches of a workspace, where Google's rule is unverified (U) or changing.

/*
 * Each switch picks one reading of something Google does on its side and does not document (or
 * documents as changing). A test sets them with `createWorkspace({ google: {...} })` or by
 * mutating `ws.google` between steps; the emulated services read them at each call.
 *
 * Defaults: the stricter reading of each (see DEFAULT_GOOGLE).
 */

/** When Google writes a response's row relative to the Forms submit trigger. */
export type RowOrder = 'row-first' | 'trigger-first' | { triggerFirstProbability: number };

/** The switches. */
export interface GoogleSwitches {
  /**
   * D3 (U): `'row-first'` writes the row before the Forms submit trigger runs; `'trigger-first'`
   * runs the trigger first and writes the row `rowDelayMs` later on the virtual clock; a
   * probability does either, drawn from `seed`.
   */
  rowOrder: RowOrder;
  /** How long after the submission a late row lands (virtual ms). */
  rowDelayMs: number;
  /** Seed of every random draw these switches make. */
  seed: number;
  /**
   * D6 (U): `'after-flush'` hides the sheet `setDestination` makes from the script until
   * `SpreadsheetApp.flush()` or the next execution; `'at-once'` shows it at once.
   */
  linkedSheet: 'at-once' | 'after-flush';
  /**
   * D5 (U): where the column of a question added after linking goes. `'end-of-block'` inserts it
   * after the form's last column, shifting user columns right; `'after-last-column'` puts it after
   * the sheet's last used column. Neither overwrites a user's column.
   */
  newQuestionColumn: 'end-of-block' | 'after-last-column';
  /**
   * D4 (C): `Form.moveItem`/`deleteItem` take only a generic `Item` or an index; a typed item
   * (`MultipleChoiceItem`, …) throws the signature error. Off: any item view is accepted.
   */
  strictItemArguments: boolean;
  /**
   * D1 (V for the API, U for FormApp): forms created at or after this virtual time (epoch ms)
   * start unpublished unless `create(title, true)`; null: every new form is published.
   */
  unpublishedFrom: number | null;
}

/**
 * The Forms API notice: forms created after 30 June 2026 start unpublished. The cut-off is taken
 * at the start of that day in UTC, so the day itself counts (U: the stricter reading).
 */
export const UNPUBLISHED_FROM = Date.UTC(2026, 5, 30);

/**
 * Defaults: the stricter reading of each. `rowOrder` (U): the Forms trigger runs before Google
 * writes the row, every time; tests that are about something else may set 'row-first' and say why.
 * `newQuestionColumn` has two U readings; the bundle must cope with both.
 */
export const DEFAULT_GOOGLE: Readonly<GoogleSwitches> = Object.freeze({
  rowOrder: 'trigger-first',
  rowDelayMs: 5000,
  seed: 1,
  linkedSheet: 'after-flush',
  newQuestionColumn: 'after-last-column',
  strictItemArguments: true,
  unpublishedFrom: UNPUBLISHED_FROM,
});

/** A mutable set of switches: the defaults overridden by `options`. */
export function googleSwitches(options: Partial<GoogleSwitches> = {}): GoogleSwitches {
  return { ...DEFAULT_GOOGLE, ...options };
}

/** Deterministic draws in [0, 1) from `switches.seed` (mulberry32), one stream per object. */
export class Draws {
  private state: number | null = null;
  private seededWith: number | null = null;

  constructor(private readonly switches: GoogleSwitches) {}

  /** The next draw; changing `seed` restarts the stream. */
  next(): number {
    if (this.state === null || this.seededWith !== this.switches.seed) {
      this.seededWith = this.switches.seed;
      this.state = this.switches.seed >>> 0;
    }
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Whether this submission's trigger runs before its row. */
  triggerFirst(): boolean {
    const order = this.switches.rowOrder;
    if (order === 'row-first') return false;
    if (order === 'trigger-first') return true;
    return this.next() < order.triggerFirstProbability;
  }
}
