// Named periods a leader picks (this week … everything, or two dates), resolved against today in Vietnam.

import { addDays, formatDmy, isValidIsoDate, parseDateAnswer, weekdayOf } from './dates';
import { foldCase, normalizeText } from './vi';

/** The picker's choices, in the order the dashboard lists them. */
export const PERIOD_CHOICES = [
  'Tuần này',
  'Tuần trước',
  'Tháng này',
  'Tháng trước',
  'Quý này',
  'Năm nay',
  'Tất cả',
  'Khoảng ngày',
] as const;

export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

/** The choice that uses the two date cells. */
export const CUSTOM_CHOICE: PeriodChoice = 'Khoảng ngày';

/** A resolved period: inclusive ISO ends (null = open end) and how a leader reads it. */
export interface ChosenPeriod {
  choice: PeriodChoice;
  from: string | null;
  to: string | null;
  /** `Quý này (01/01/2019 – 31/03/2019)`, `Tất cả các lần kiểm tra`. */
  label: string;
}

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function monthEnd(y: number, m: number): string {
  // The day before the first of the next month.
  return addDays(m === 12 ? iso(y + 1, 1, 1) : iso(y, m + 1, 1), -1);
}

/** The choice a cell's text names (case and spacing ignored), or null. */
export function choiceOf(text: string): PeriodChoice | null {
  const key = foldCase(normalizeText(text));
  return PERIOD_CHOICES.find((c) => foldCase(c) === key) ?? null;
}

/** A date typed or stored in a cell (ISO, or day first with / - .), or null. */
export function dateOf(value: string | Date | number): string | null {
  if (value instanceof Date) return null;
  const text = String(value).trim();
  if (text === '') return null;
  if (isValidIsoDate(text)) return text;
  return parseDateAnswer(text, 'dmy');
}

/**
 * The period of a choice on `today` (ISO, Vietnam). `Khoảng ngày` takes `from` and `to` (either
 * may be open); throws a Vietnamese message naming the cell and value when they are wrong.
 */
export function resolveChoice(
  choice: PeriodChoice,
  today: string,
  from: string | null = null,
  to: string | null = null,
): ChosenPeriod {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  let lo: string | null;
  let hi: string | null;
  switch (choice) {
    case 'Tuần này':
      lo = addDays(today, 1 - weekdayOf(today));
      hi = addDays(lo, 6);
      break;
    case 'Tuần trước':
      lo = addDays(today, 1 - weekdayOf(today) - 7);
      hi = addDays(lo, 6);
      break;
    case 'Tháng này':
      lo = iso(y, m, 1);
      hi = monthEnd(y, m);
      break;
    case 'Tháng trước': {
      const py = m === 1 ? y - 1 : y;
      const pm = m === 1 ? 12 : m - 1;
      lo = iso(py, pm, 1);
      hi = monthEnd(py, pm);
      break;
    }
    case 'Quý này': {
      const first = 3 * Math.floor((m - 1) / 3) + 1;
      lo = iso(y, first, 1);
      hi = monthEnd(y, first + 2);
      break;
    }
    case 'Năm nay':
      lo = iso(y, 1, 1);
      hi = iso(y, 12, 31);
      break;
    case 'Tất cả':
      lo = null;
      hi = null;
      break;
    default:
      lo = from;
      hi = to;
      if (lo && hi && lo > hi)
        throw new Error(
          `Khoảng ngày không hợp lệ: "Từ ngày" ${formatDmy(lo)} sau "Đến ngày" ${formatDmy(hi)}.`,
        );
  }
  return { choice, from: lo, to: hi, label: labelOf(choice, lo, hi) };
}

function labelOf(choice: PeriodChoice, from: string | null, to: string | null): string {
  if (!from && !to) return choice === 'Tất cả' ? 'Tất cả các lần kiểm tra' : 'Mọi ngày';
  const range =
    from && to
      ? `${formatDmy(from)} – ${formatDmy(to)}`
      : from
        ? `từ ${formatDmy(from)}`
        : `đến ${formatDmy(to as string)}`;
  return choice === CUSTOM_CHOICE ? range : `${choice} (${range})`;
}

/**
 * A period written in a setting: a choice (`Quý này`) or two dates (`01/01/2019 - 31/03/2019`).
 * Returns null when the text is neither (the caller names the setting).
 */
export function parsePeriodSetting(text: string, today: string): ChosenPeriod | null {
  const choice = choiceOf(text);
  if (choice && choice !== CUSTOM_CHOICE) return resolveChoice(choice, today);
  const parts = text.split(/\s+(?:-|–|đến)\s+/);
  if (parts.length !== 2) return null;
  const from = dateOf(parts[0]);
  const to = dateOf(parts[1]);
  if (!from || !to || from > to) return null;
  return resolveChoice(CUSTOM_CHOICE, today, from, to);
}

/** Whether an ISO date lies in the period (open ends unbounded). */
export function within(p: { from: string | null; to: string | null }, date: string): boolean {
  return (!p.from || date >= p.from) && (!p.to || date <= p.to);
}

/** Monday of the ISO week holding `date`. */
export function weekStart(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

const QUARTERS = ['I', 'II', 'III', 'IV'];

/**
 * A period named as it stays true whatever day it is read: `Quý IV/2026 (01/10/2026 –
 * 31/12/2026)`, `Tháng 02/2019 (…)`, `Năm 2019 (…)`, a week or two dates by their ends, or
 * `Tất cả các lần kiểm tra`. For a sheet that says which period it covers.
 */
export function periodTitle(p: ChosenPeriod): string {
  if (!p.from || !p.to) return p.label;
  const range = `${formatDmy(p.from)} – ${formatDmy(p.to)}`;
  const y = p.from.slice(0, 4);
  const m = Number(p.from.slice(5, 7));
  switch (p.choice) {
    case 'Quý này':
      return `Quý ${QUARTERS[Math.floor((m - 1) / 3)]}/${y} (${range})`;
    case 'Tháng này':
    case 'Tháng trước':
      return `Tháng ${p.from.slice(5, 7)}/${y} (${range})`;
    case 'Năm nay':
      return `Năm ${y} (${range})`;
    case 'Tuần này':
    case 'Tuần trước':
      return `Tuần ${range}`;
    default:
      return range;
  }
}
