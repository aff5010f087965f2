// Corrective actions (Khắc phục): one per finding, its status moved only by evidence — reports, the office, later inspections, the calendar.

import { addDays, daysBetween, formatDmy } from './dates';
import { before, factFinding, type InspectionFact } from './facts';
import type { Config } from './types';
import { compareCodes } from './units';
import { foldCase, normalizeText } from './vi';

/** Statuses as the office and the units read them. */
export const STATUS = {
  open: 'Chưa khắc phục',
  reported: 'Đã báo cáo khắc phục',
  fixed: 'Đã khắc phục',
  repeat: 'Tái phạm',
  overdue: 'Quá hạn',
} as const;
export type ActionStatus = (typeof STATUS)[keyof typeof STATUS];

/** What the office may type in its confirmation cell. */
export const CONFIRM = { yes: 'Đã khắc phục', no: 'Chưa đạt' } as const;

/** Statuses that still need the unit or the office to act. */
export const OPEN_STATUSES: readonly ActionStatus[] = [
  STATUS.open,
  STATUS.reported,
  STATUS.overdue,
];

/** Deadlines and reminders, from the settings. */
export interface ActionSettings {
  /** Days from the inspection date to the deadline. */
  days: number;
  /** Per-criterion days where the office set them. */
  byCriterion: Record<string, number>;
  /** A reminder goes out this many days before the deadline (and once overdue). */
  remindBefore: number;
}

/** A unit's report through the fix-report form. */
export interface FixReport {
  /** The report's response id (or row key): reports are upserted by it. */
  id: string;
  unitCode: string;
  criterion: string;
  /** ISO date the report was sent (Vietnam). */
  date: string;
  ts: number;
  done: string;
  evidence: string;
}

/** What the office typed on an action's row, and what the script recorded there; kept by key. */
export interface OfficeEntry {
  /** `Đã khắc phục`, `Chưa đạt` or ''. */
  confirm: string;
  note: string;
  /** The deadline (ISO) for which the unit was last reminded, or ''. */
  reminded: string;
}

/** One corrective action. */
export interface Action {
  /** `responseId|criterion`: stable across rebuilds, edits and row moves. */
  key: string;
  responseId: string;
  unitCode: string;
  unit: string;
  criterion: string;
  critical: boolean;
  finding: string;
  date: string;
  deadline: string;
  status: ActionStatus;
  /** Why the status is what it is, in words. */
  basis: string;
  report: FixReport | null;
  office: OfficeEntry;
}

/** The key of the action for a finding. */
export const actionKey = (responseId: string, criterion: string): string =>
  `${responseId}|${criterion}`;

/** Whether an action still needs someone to act. */
export const isOpen = (a: Action): boolean => OPEN_STATUSES.includes(a.status);

/** The deadline of a finding of `criterion` found on `date`. */
export function deadlineOf(s: ActionSettings, criterion: string, date: string): string {
  return addDays(date, s.byCriterion[criterion] ?? s.days);
}

/** Reads the office's confirmation cell: one of CONFIRM's values, or '' for anything else. */
export function confirmOf(text: string): string {
  const key = foldCase(normalizeText(text));
  if (key === foldCase(CONFIRM.yes) || key === 'x' || key === 'true') return CONFIRM.yes;
  if (key === foldCase(CONFIRM.no)) return CONFIRM.no;
  return '';
}

/** A fix report that matched no action, with the reason in words. */
export interface UnmatchedReport {
  report: FixReport;
  reason: string;
}

/** The actions and what could not be matched. */
export interface ActionBook {
  actions: Action[];
  unmatched: UnmatchedReport[];
}

/**
 * Every corrective action from the scored inspections' facts, with its status on `today`:
 * a later inspection of the unit where the criterion applies decides (passed → fixed, failed →
 * repeat); else the office's confirmation (`Đã khắc phục` closes, `Chưa đạt` refuses the report);
 * else a report from the unit; else overdue after the deadline; else open. A report applies to
 * the unit's latest action on that criterion found on or before the report's date. Pure and
 * deterministic: a rebuild, a repeated trigger or an edited response give the same book.
 */
export function deriveActions(
  config: Config,
  facts: readonly InspectionFact[],
  reports: readonly FixReport[],
  office: ReadonlyMap<string, OfficeEntry>,
  settings: ActionSettings,
  today: string,
): ActionBook {
  const crit = new Map(config.checklist.criteria.map((c) => [c.code, c]));
  const order = new Map(config.checklist.criteria.map((c, k) => [c.code, k]));
  const byUnit = new Map<string, InspectionFact[]>();
  for (const f of facts) {
    const list = byUnit.get(f.unitCode);
    if (list) list.push(f);
    else byUnit.set(f.unitCode, [f]);
  }
  for (const list of byUnit.values()) list.sort((a, b) => (before(a, b) ? -1 : 1));

  // Reports: the latest one per action wins; each goes to the latest finding on or before it.
  const reportOf = new Map<string, FixReport>();
  const unmatched: UnmatchedReport[] = [];
  for (const r of [...reports].sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1))) {
    const list = byUnit.get(r.unitCode) ?? [];
    const target = [...list]
      .reverse()
      .find((f) => f.date <= r.date && f.findings.includes(r.criterion));
    if (!target) {
      unmatched.push({
        report: r,
        reason: `Không có tồn tại nào về tiêu chí ${r.criterion} của đơn vị ${r.unitCode} được phát hiện đến ngày ${formatDmy(r.date)}.`,
      });
      continue;
    }
    reportOf.set(actionKey(target.id, r.criterion), r);
  }

  const actions: Action[] = [];
  for (const list of byUnit.values()) {
    list.forEach((f, k) => {
      for (const code of f.findings) {
        const c = crit.get(code);
        if (!c) continue;
        const key = actionKey(f.id, code);
        const entry = office.get(key) ?? { confirm: '', note: '', reminded: '' };
        const report = reportOf.get(key) ?? null;
        const deadline = deadlineOf(settings, code, f.date);
        const later = list.slice(k + 1).find((g) => !g.notApplicable.includes(code));
        let status: ActionStatus;
        let basis: string;
        if (later?.findings.includes(code)) {
          status = STATUS.repeat;
          basis = `Kiểm tra ngày ${formatDmy(later.date)} vẫn không đạt.`;
        } else if (later) {
          status = STATUS.fixed;
          basis = `Kiểm tra ngày ${formatDmy(later.date)} đã đạt.`;
        } else if (confirmOf(entry.confirm) === CONFIRM.yes) {
          status = STATUS.fixed;
          basis = 'Văn phòng xác nhận đã khắc phục.';
        } else if (report && confirmOf(entry.confirm) !== CONFIRM.no) {
          status = STATUS.reported;
          basis = `Đơn vị báo cáo ngày ${formatDmy(report.date)}, chờ văn phòng xác nhận.`;
        } else if (today > deadline) {
          status = STATUS.overdue;
          basis = `Quá hạn ${daysBetween(deadline, today)} ngày.`;
        } else {
          status = STATUS.open;
          basis = report
            ? 'Văn phòng chưa chấp nhận báo cáo khắc phục.'
            : `Còn ${daysBetween(today, deadline)} ngày.`;
        }
        if (status === STATUS.overdue && report)
          basis = `Văn phòng chưa chấp nhận báo cáo khắc phục; quá hạn ${daysBetween(deadline, today)} ngày.`;
        actions.push({
          key,
          responseId: f.id,
          unitCode: f.unitCode,
          unit: f.unit,
          criterion: code,
          critical: c.critical,
          finding: factFinding(c, f),
          date: f.date,
          deadline,
          status,
          basis,
          report,
          office: entry,
        });
      }
    });
  }
  actions.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      compareCodes(a.unitCode, b.unitCode) ||
      (a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0) ||
      (order.get(a.criterion) ?? 0) - (order.get(b.criterion) ?? 0),
  );
  return { actions, unmatched };
}

/** One action a unit is reminded of, and why. */
export interface ReminderItem {
  action: Action;
  kind: 'soon' | 'overdue';
}

/** The reminders one unit gets in one message. */
export interface Reminder {
  unitCode: string;
  unit: string;
  items: ReminderItem[];
}

/**
 * Units to remind on `today`: actions not yet reported or closed whose deadline is within
 * `remindBefore` days or passed, and whose current deadline has not been reminded yet (once
 * per deadline, whatever happens after). Units in unit-code order.
 */
export function remindersDue(
  actions: readonly Action[],
  settings: ActionSettings,
  today: string,
): Reminder[] {
  const byUnit = new Map<string, Reminder>();
  for (const a of actions) {
    if (a.status !== STATUS.open && a.status !== STATUS.overdue) continue;
    if (a.office.reminded === a.deadline) continue;
    const left = daysBetween(today, a.deadline);
    if (left > settings.remindBefore) continue;
    const r = byUnit.get(a.unitCode) ?? { unitCode: a.unitCode, unit: a.unit, items: [] };
    r.items.push({ action: a, kind: left < 0 ? 'overdue' : 'soon' });
    byUnit.set(a.unitCode, r);
  }
  return [...byUnit.values()].sort((a, b) => compareCodes(a.unitCode, b.unitCode));
}

/** A unit's open actions, oldest deadline first (for its result email and its history). */
export function openActionsOf(actions: readonly Action[], unitCode: string): Action[] {
  return actions
    .filter((a) => a.unitCode === unitCode && isOpen(a))
    .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
}

/** Lines listing open actions with deadline and status, for a unit's email (plain text). */
export function openActionLines(actions: readonly Action[]): string[] {
  return actions.map(
    (a) => `${a.criterion}. ${a.finding} — hạn ${formatDmy(a.deadline)} (${a.status})`,
  );
}

/** Overdue actions grouped by unit, for the committee's weekly report. */
export interface OverdueByUnit {
  unitCode: string;
  unit: string;
  actions: { criterion: string; finding: string; date: string; deadline: string; days: number }[];
}

/** Overdue actions by unit on `today`, the units with the most first, then by unit code. */
export function overdueByUnit(actions: readonly Action[], today: string): OverdueByUnit[] {
  const map = new Map<string, OverdueByUnit>();
  for (const a of actions) {
    if (a.status !== STATUS.overdue) continue;
    const u = map.get(a.unitCode) ?? { unitCode: a.unitCode, unit: a.unit, actions: [] };
    u.actions.push({
      criterion: a.criterion,
      finding: a.finding,
      date: a.date,
      deadline: a.deadline,
      days: daysBetween(a.deadline, today),
    });
    map.set(a.unitCode, u);
  }
  return [...map.values()].sort(
    (a, b) => b.actions.length - a.actions.length || compareCodes(a.unitCode, b.unitCode),
  );
}

/** The criterion choices: `A1. requirement`, so a unit reads what it was asked to fix. */
export function criterionChoices(config: Config): string[] {
  return config.checklist.criteria.map((c) => `${c.code}. ${c.text}`);
}
