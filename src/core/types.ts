// Plain data types shared by the pure core, the Apps Script layer and the local tools.

/** How an inspector answers a criterion (scoring.md §1). */
export type AnswerType = 'yesno' | 'choice3' | 'count';

/** A group of criteria (A–E), shown as one page of the form. */
export interface Group {
  code: string;
  title: string;
}

/** A number entered once per inspection and used as the base of count items (scoring.md §2). */
export interface BaseNumber {
  code: string;
  title: string;
}

/** One checklist item (scoring.md §3). */
export interface Criterion {
  code: string;
  group: string;
  text: string;
  type: AnswerType;
  /** Code of the base number, for `count` items only. */
  base?: string;
  points: number;
  critical: boolean;
  /**
   * How a failure is written in every document, sheet and email (scoring.md §3); for a count
   * item it follows the numbers (`3/16 cán bộ, công chức đi muộn`). '' = `Không đạt: ` + text.
   */
  finding: string;
}

/** A classification band: a score at or above `min` earns `label` (scoring.md §5). */
export interface Tier {
  label: string;
  min: number;
}

/** Classification cap: `failures` or more critical failures → at most `maxTier`. */
export interface CriticalCap {
  failures: number;
  maxTier: string;
}

/** The whole checklist, validated (see checklist.ts). */
export interface Checklist {
  groups: Group[];
  bases: BaseNumber[];
  criteria: Criterion[];
  /** In descending order of `min`; the last one is the floor. */
  tiers: Tier[];
  caps: CriticalCap[];
}

/** An inspected body (scoring.md §7). Dates are ISO `YYYY-MM-DD`, both ends inclusive. */
export interface Unit {
  code: string;
  name: string;
  aliases: string[];
  validFrom?: string;
  validTo?: string;
  /** Codes of the units it went into after `validTo` (one: its history goes on there in trends). */
  successors?: string[];
}

/** Everything the engine needs, validated once. */
export interface Config {
  checklist: Checklist;
  units: Unit[];
}

/** Review codes (scoring.md §9). */
export type ReviewCode =
  | 'duplicate'
  | 'missing-unit'
  | 'unknown-unit'
  | 'bad-date'
  | 'bad-answer'
  | 'bad-number'
  | 'count-exceeds-base'
  | 'not-scorable'
  | 'not-inspector';

/** Day-first (Vietnamese) or month-first reading of ambiguous dates. */
export type DateOrder = 'dmy' | 'mdy';

/** A response as text, whatever its source (sheet row or CSV record), already split by column role. */
export interface RawResponse {
  /** Sheet-style row number: header = 1, first record = 2. */
  row: number;
  timestamp: string;
  email: string;
  unit: string;
  date: string;
  inspector: string;
  /** The start time the team recorded (a form question), as typed; absent or '' when none. */
  time?: string;
  /** Criterion and base-number answers by code ('' when empty or the column is absent). */
  answers: Record<string, string>;
  /** Group notes by group code. */
  notes: Record<string, string>;
  /** Columns the engine does not know, kept as extra notes. */
  extras: { header: string; value: string }[];
  /** Sentences naming columns of one role or code that disagree in this record (absent when none). */
  conflicts?: string[];
}

/** The outcome for one criterion of a scored inspection. */
export interface ItemResult {
  code: string;
  /** The answer as entered, trimmed ('' when missing). */
  answer: string;
  /** 0..1, or null when not applicable or missing. */
  credit: number | null;
}

/** A scored inspection. */
export interface Inspection {
  row: number;
  unit: string;
  unitCode: string;
  /** ISO date of the inspection (answer, else timestamp's date in Vietnam). */
  date: string;
  /** Epoch milliseconds, or null when the timestamp is empty or unparseable. */
  timestamp: number | null;
  inspector: string;
  email: string;
  score: number;
  earned: number;
  max: number;
  tier: string;
  findings: string[];
  criticalFailures: string[];
  warnings: string[];
  items: ItemResult[];
  /** Base numbers as entered (null when empty): the denominators of count findings. */
  bases: Record<string, number | null>;
  /** Start time the team recorded, `HH:mm`, or null when none was recorded. */
  startTime: string | null;
  notes: Record<string, string>;
  extras: { header: string; value: string }[];
}

/** A response that could not be scored, kept for a person to look at. */
export interface ReviewEntry {
  row: number;
  code: ReviewCode;
  reason: string;
}

/** Inclusive period of ISO dates; null ends mean "no data". */
export interface Period {
  from: string | null;
  to: string | null;
}

/** Per-unit aggregate over a period (scoring.md §6). */
export interface UnitSummary {
  /** The unit's name; an ended unit's says where it went (`Xã Hợp Tiến (nay thuộc Xã Hồng Sơn)`). */
  unit: string;
  unitCode: string;
  /** Which unit (code and validity, `unitIdentity`): a reused code is another unit. */
  key: string;
  inspections: number;
  mean: number;
  rank: number;
  tier: string;
  /** The tier of `mean` before the critical-failure cap (equal to `tier` when the cap did not lower it). */
  uncappedTier: string;
  /** Extra for reports: latest inspection date and score in the period, largest critical count. */
  lastDate: string;
  lastScore: number;
  maxCriticalFailures: number;
}

/** Per-criterion pass rate over a period. */
export interface CriterionSummary {
  code: string;
  applicable: number;
  compliant: number;
  passRate: number | null;
}

/** Aggregates over a period. */
export interface Aggregate {
  period: Period;
  inspections: Inspection[];
  units: UnitSummary[];
  /** `key` as in `UnitSummary`. */
  notInspected: { unit: string; unitCode: string; key: string }[];
  criteria: CriterionSummary[];
  /**
   * The previous period of the same length (ending the day before `period.from`), aggregated
   * from the same inspections; null when the period is open-ended. Its own `previous` is null.
   */
  previous: Aggregate | null;
}
